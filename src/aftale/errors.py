"""Everything that goes wrong, in one family: problems in the user's files, and the exceptions of aftale.

Bad input is reported as :class:`Problem` values (file, line, column, a Danish sentence), collected
and never raised one at a time. Everything else the user can mend is an :class:`AftaleError`; an
error that carries problems (:class:`ProblemsFound`) is printed as its problems, then its message.
:func:`problem_line` is the one way a problem is printed, by every command.
"""

from __future__ import annotations

import enum
import errno
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the command line's help must not pay for importing them
    from pathlib import Path

    from aftale.model import Measure, Pos


class Severity(enum.Enum):
    """How bad a problem is; the value is the word the user reads."""

    ERROR = "fejl"
    WARNING = "advarsel"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the repository, with where it is and how to mend it."""

    pos: Pos
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.pos}: {self.severity.value}: {self.message}"

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, line and column, as a reader goes through a file."""
        return (self.pos.file, self.pos.line, self.pos.column, self.message)


def problem_line(problem: Problem, root: Path | None = None) -> str:
    """``fil:linje:kolonne: fejl|advarsel: …``, the file named as seen from the current folder.

    :param root: the folder the problem's file is relative to (the repository); None when it is the
        current folder already.
    """
    where = shown(root / problem.pos.file) if root is not None else problem.pos.file
    return f"{where}:{problem.pos.line}:{problem.pos.column}: {problem.severity.value}: {problem.message}"


class AftaleError(Exception):
    """Something the user can mend, said in one Danish sentence; the CLI exits with code 2."""

    exit_code = 2


class NotARepository(AftaleError):
    """No folder with ``agreements/`` was found where a command looked."""


class ProblemsFound(AftaleError):
    """Problems in the user's files stop a command; they are printed before the message.

    :param message: one sentence that sums them up and says what happens now.
    :param problems: the problems, each with its position.
    :param root: the folder the problems' files are relative to.
    """

    def __init__(self, message: str, problems: Sequence[Problem], root: Path | None = None) -> None:
        super().__init__(message)
        self.problems = tuple(problems)
        self.root = root

    def lines(self) -> list[str]:
        """Each problem as :func:`problem_line` prints it."""
        return [problem_line(problem, self.root) for problem in self.problems]


class FileExists(AftaleError):
    """The file to be created is already there; it is left as it is."""


class TemplateFailed(AftaleError):
    """A template could not be used: missing, broken, or asking for a field that does not exist."""


#: What went wrong, by errno, and what to do about it, in the user's words.
_REASONS = {
    errno.EACCES: ("ingen adgang", "Giv adgang til mappen, eller vælg en anden mappe med -o."),
    errno.EPERM: ("ingen adgang", "Giv adgang til mappen, eller vælg en anden mappe med -o."),
    errno.EROFS: ("drevet kan kun læses", "Vælg en mappe på et drev, der kan skrives på, med -o."),
    errno.ENOSPC: ("disken er fuld", "Gør plads på disken, og prøv igen."),
    errno.EDQUOT: ("din kvote på disken er brugt op", "Gør plads på disken, og prøv igen."),
    errno.EFBIG: ("filen er for stor til drevet", "Vælg en anden mappe med -o."),
    errno.ENOTDIR: ("der ligger en fil, hvor der skal være en mappe",
                    "Flyt filen, eller vælg en anden mappe med -o."),
    errno.EEXIST: ("der ligger en fil, hvor der skal være en mappe", "Flyt filen, eller vælg en anden mappe med -o."),
    errno.EISDIR: ("der ligger en mappe, hvor der skal være en fil", "Flyt mappen, eller vælg en anden mappe med -o."),
    errno.EIO: ("læse- eller skrivefejl på disken", "Tjek disken, og prøv igen."),
    errno.ENAMETOOLONG: ("stien er for lang", "Vælg en kortere sti med -o."),
}


def shown(path: Path | str) -> str:
    """``path`` as the user reads it: relative to the current folder when it lies below it."""
    from pathlib import PurePath

    absolute = os.path.abspath(path)
    try:
        return PurePath(absolute).relative_to(os.path.abspath(os.getcwd())).as_posix()
    except ValueError:
        return absolute


class MachineFault(AftaleError):
    """A fault of the machine, not of the user's files: no permission, a full disk, a file in the way.

    :param path: the file or folder that could not be written.
    :param error: the operating system's error.
    :param folder: True when ``path`` is the folder being written in, not the file.
    :param verb: what could not be done with it ("skrive", "læse", "bruge").
    """

    def __init__(self, path: Path | str, error: OSError, folder: bool = False, verb: str = "skrive") -> None:
        reason, fix = _REASONS.get(error.errno or 0, (error.strerror or str(error), "Tjek stien, og prøv igen."))
        where = f"i '{shown(path)}'" if folder else f"'{shown(path)}'"
        super().__init__(f"kan ikke {verb} {where}: {reason}. {fix}")
        self.path = path

    def __reduce__(self) -> tuple[type[AftaleError], tuple[str]]:
        # Crosses a process boundary (a worker of aftale byg) as its message.
        return AftaleError, (str(self),)


def explain(error: BaseException) -> str:
    """The one Danish sentence for any exception: the user's mistake as it says it, a fault of the machine naming
    its path, and a bug in aftale as an internal error to report (see :func:`is_internal`)."""
    if isinstance(error, AftaleError):
        return str(error)
    if isinstance(error, OSError):
        return str(MachineFault(error.filename or "?", error, verb="bruge"))
    return (f"intern fejl i aftale ({type(error).__name__}: {error}). Det er en fejl i aftale, ikke i dine filer; "
            "meld den venligst til udviklerne med kommandoen, du kørte, og denne linje.")


def is_internal(error: BaseException) -> bool:
    """True for an exception that is a bug in aftale (exit code 3), not the user's mistake or the machine's fault."""
    return not isinstance(error, (AftaleError, OSError))


def before_baseline(measure: Measure, baseline: Measure) -> Problem:
    """The error of a value of an indicator for a year before its baseline: the table and the chart start there."""
    return Problem(measure.where.get("år", measure.pos), (
        f"målingen er for {measure.aar}, før udgangspunktets år {baseline.aar} ({baseline.pos}), så den kan hverken "
        "stå i tabellen eller i grafen. Ret året, eller gør den tidligste måling til udgangspunkt."))


def duplicate_year(measure: Measure, first: Measure) -> Problem:
    """The error of a second value of an indicator for a year that already has one (``first``)."""
    shown = f"{first.vaerdi:g}".replace(".", ",")
    return Problem(measure.where.get("år", measure.pos), (
        f"indikatoren har allerede en værdi for {measure.aar} ({shown}, {first.pos}). Et år kan kun have én "
        "værdi; slet den ene, eller ret året."))
