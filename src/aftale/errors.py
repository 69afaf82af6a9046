"""The exceptions of aftale. Bad input is reported as problems, not raised; these are the rest."""

from __future__ import annotations

import errno
import os
from pathlib import Path


class AftaleError(Exception):
    """Something the user can mend, said in one Danish sentence; the CLI exits with code 2."""

    exit_code = 2


class NotARepository(AftaleError):
    """No folder with ``agreements/`` was found where a command looked."""


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
    absolute = os.path.abspath(path)
    try:
        return Path(absolute).relative_to(os.path.abspath(os.getcwd())).as_posix()
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
        self.path = Path(path)

    def __reduce__(self) -> tuple[type[AftaleError], tuple[str]]:
        # Crosses a process boundary (a worker of aftale byg) as its message.
        return AftaleError, (str(self),)
