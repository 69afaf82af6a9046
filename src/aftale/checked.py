"""What checking a repository found: the model as far as it could be read, its ledgers and every problem.

The workspace (:mod:`aftale.workspace`) loads and replays a repository and hands a :class:`Checked`
to the commands; ``aftale tjek`` prints it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aftale.errors import AftaleError, Problem, ProblemsFound, Severity, problem_line
from aftale.ledger import Ledger
from aftale.model import Dialog, Repository
from aftale.suggest import did_you_mean

#: Exit codes of ``aftale tjek``.
EXIT_CLEAN, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 2


@dataclass(frozen=True)
class Checked:
    """The outcome of checking a repository (or one dialogue of it, with aftale.yaml)."""

    root: Path
    problems: tuple[Problem, ...]
    dialogs: int
    files: int
    repository: Repository = field(compare=False, repr=False, default=None)  # type: ignore[assignment]
    ledgers: Mapping[str, Ledger] = field(compare=False, repr=False, default_factory=dict)
    #: The names of the dialogues' folders under agreements/, for suggestions when a name is mistyped.
    known: Sequence[str] = field(compare=False, repr=False, default=())

    @property
    def errors(self) -> int:
        """How many problems are errors."""
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        """How many problems are warnings."""
        return sum(1 for p in self.problems if p.severity is Severity.WARNING)

    def exit_code(self, strict: bool = False) -> int:
        """2 when there are errors; 1 when there are warnings and ``strict``; else 0."""
        if self.errors:
            return EXIT_ERRORS
        return EXIT_WARNINGS if strict and self.warnings else EXIT_CLEAN

    def lines(self) -> list[str]:
        """Each problem as :func:`aftale.errors.problem_line` prints it."""
        return [problem_line(p, self.root) for p in self.problems]

    def summary(self) -> str:
        """One line: what was checked and what was found."""
        checked = (f"{self.dialogs} {'dialog' if self.dialogs == 1 else 'dialoger'}, "
                   f"{self.files} {'fil' if self.files == 1 else 'filer'}")
        if not self.problems:
            return f"Tjekket {checked}: ingen fejl."
        found = [f"{self.errors} fejl"] if self.errors else []
        if self.warnings:
            found.append(f"{self.warnings} {'advarsel' if self.warnings == 1 else 'advarsler'}")
        return f"Tjekket {checked}: {' og '.join(found)}."

    def refuse_errors(self) -> "Checked":
        """This outcome; a :class:`ProblemsFound` when it has errors (a command that writes or reports stops)."""
        if self.errors:
            raise ProblemsFound(f"{self.summary()} Intet er skrevet; ret fejlene og prøv igen.", self.problems,
                                self.root)
        return self

    def dialog(self, slug: str) -> Dialog:
        """The dialogue ``slug``; raises :class:`AftaleError` naming the nearest one if there is none."""
        found = self.repository.dialog(slug)
        if found is None:
            raise unknown_dialog(slug, self.known)
        return found


def unknown_dialog(slug: str, known: Sequence[str]) -> AftaleError:
    """The error of a dialogue name that is not one of ``known``, with the nearest as a suggestion."""
    return AftaleError(f"der findes ingen dialog '{slug}'.{did_you_mean(slug, known)} "
                       f"Dialogerne er: {', '.join(known) or 'ingen'}.")
