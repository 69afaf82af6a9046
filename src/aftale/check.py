"""Checking a whole repository: the file problems from :mod:`load` and the ledger's, in reading order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from aftale.errors import AftaleError, NotARepository, Problem, ProblemsFound, Severity, problem_line
from aftale.ledger import Ledger, replay
from aftale.load.layout import AGREEMENTS_DIR
from aftale.load.repository import find_root, load
from aftale.model import Dialog, Pos, Repository
from aftale.suggest import did_you_mean

#: Exit codes of ``aftale tjek``.
EXIT_CLEAN, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 2


@dataclass(frozen=True)
class Report:
    """The outcome of checking a repository."""

    root: Path
    problems: tuple[Problem, ...]
    dialogs: int
    files: int
    repository: Repository = field(compare=False, repr=False, default=None)  # type: ignore[assignment]
    ledgers: Mapping[str, Ledger] = field(compare=False, repr=False, default_factory=dict)

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


    def dialog(self, slug: str) -> Dialog:
        """The dialogue ``slug``; raises :class:`AftaleError` naming the nearest one if there is none."""
        found = self.repository.dialog(slug)
        if found is None:
            folder = self.root / AGREEMENTS_DIR
            known = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
            raise AftaleError(f"der findes ingen dialog '{slug}'.{did_you_mean(slug, known)} "
                              f"Dialogerne er: {', '.join(known) or 'ingen'}.")
        return found


def check_clean(start: Path, only: str | None = None) -> Report:
    """:func:`check` the repository (or one dialogue); raise :class:`ProblemsFound` on any error.

    A command that writes or reports refuses until the errors are mended; nothing is written.
    """
    report = check(start, only)
    if report.errors:
        raise ProblemsFound(f"{report.summary()} Intet er skrevet; ret fejlene og prøv igen.", report.problems,
                            report.root)
    return report


def locate(start: Path) -> Path:
    """The repository root at or above ``start``; raises :class:`NotARepository` if there is none."""
    if not start.exists():
        raise NotARepository(f"stien '{start}' findes ikke. Angiv mappen med dine aftaler, fx 'aftale tjek .'.")
    root = find_root(start)
    if root is None:
        raise NotARepository(
            f"fandt ingen mappe '{AGREEMENTS_DIR}/' i '{start}' eller i mapperne over den. Kør kommandoen i "
            f"mappen med dine aftaler, eller angiv den som sti.")
    return root


def check(start: Path, only: str | None = None) -> Report:
    """Check the repository at or above ``start``: every file, then every dialogue's rounds.

    :param only: check just aftale.yaml and this dialogue (a command about one dialogue
        is not held up by a mistake in another).
    """
    root = locate(start)
    loaded = load(root, only)
    problems = list(loaded.problems)
    ledgers = {dialog.slug: replay(dialog) for dialog in loaded.repository.dialogs}
    for ledger in ledgers.values():
        problems.extend(ledger.problems)
    if not loaded.repository.dialogs and only is None:
        problems.append(Problem(Pos(AGREEMENTS_DIR), f"mappen {AGREEMENTS_DIR}/ har ingen dialoger endnu. Opret en "
                                                     "mappe pr. dialog med en dialog.yaml.", Severity.WARNING))
    ordered = sorted(set(problems), key=Problem.sort_key)
    return Report(root, tuple(ordered), len(loaded.repository.dialogs), loaded.repository.files,
                  loaded.repository, ledgers)
