"""The whole repository: find its root, then read ``aftale.yaml`` and every dialogue under ``agreements/``.

Only folders inside the repository are read; a YAML file lying directly in ``agreements/`` is a
problem. Themes are checked here, for they span the settings and every dialogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aftale.errors import Problem, Severity
from aftale.inputs import Reader, read_input, repository as repository_place
from aftale.load.dialog import dialog_file, load_dialog
from aftale.load.layout import AGREEMENTS_DIR, SETTINGS_FILE, YAML_SUFFIXES, present, stray_file
from aftale.load.settings import read_settings
from aftale.load.tables import table_problems
from aftale.model import Dialog, Pos, Repository, Settings
from aftale.suggest import did_you_mean


@dataclass(frozen=True)
class Loaded:
    """What :func:`load` found: the model (as far as it could be read) and every problem."""

    repository: Repository
    problems: tuple[Problem, ...]


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``agreements/``, or None."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / AGREEMENTS_DIR).is_dir():
            return folder
    return None


def dialog_entries(root: Path) -> list[Path]:
    """Every entry of ``agreements/`` that aftale looks at, sorted: the dialogues' folders and stray files (the one
    listing of the folder; hidden entries are left out)."""
    folder = root / AGREEMENTS_DIR
    return sorted(entry for entry in folder.iterdir() if not entry.name.startswith("."))


def entry_dialog(root: Path, entry: Path, read: Reader = read_input) -> Dialog | None:
    """The dialog.yaml of one entry of ``agreements/`` without its rounds, when it is a readable dialogue's folder
    inside the repository; None otherwise (:func:`load_entry` reports why)."""
    if not entry.is_dir() or not repository_place(root).holds(entry.resolve()):
        return None
    return dialog_file(entry, f"{AGREEMENTS_DIR}/{entry.name}", repository_place(root), read)


def load_entry(root: Path, entry: Path, read: Reader = read_input) -> tuple[Dialog | None, int, list[Problem]]:
    """Read one entry of ``agreements/``: a dialogue's folder becomes a :class:`Dialog`; a YAML file lying there is
    a problem; anything else is left alone. Returns the dialogue (or None), the files read and the problems."""
    problems: list[Problem] = []
    rel = f"{AGREEMENTS_DIR}/{entry.name}"
    if not entry.is_dir():
        if entry.suffix.lower() in YAML_SUFFIXES:
            problems.append(stray_file(entry.name))
        return None, 0, problems
    if not repository_place(root).holds(entry.resolve()):
        problems.append(Problem(Pos(rel), f"mappen '{entry.name}' er et link til en mappe uden for repositoriet; "
                                          "aftale læser kun filer i repositoriet. Erstat linket med selve mappen."))
        return None, 0, problems
    dialog, count = load_dialog(entry, rel, problems, repository_place(root), read)
    return dialog, count, problems


def load(root: Path, only: str | None = None, read: Reader = read_input) -> Loaded:
    """Read ``aftale.yaml`` and every dialogue under ``root/agreements`` into the model.

    Never stops at the first problem: a broken file is reported and the others
    are still read, so that one run of ``aftale tjek`` shows everything.

    :param only: read just this dialogue (and aftale.yaml), for commands about one dialogue.
    :param read: how each file is read (a command's :class:`aftale.snapshot.Snapshot` reads each once).
    """
    problems: list[Problem] = []
    files = 0
    settings = Settings()
    if present(root / SETTINGS_FILE):
        files += 1
        settings = read_settings(root, problems, read)
    dialogs = []
    entries = [root / AGREEMENTS_DIR / only] if only is not None else dialog_entries(root)
    for entry in entries:
        if only is not None and not entry.is_dir():
            continue
        dialog, count, found = load_entry(root, entry, read)
        files += count
        problems += found
        if dialog is not None:
            dialogs.append(dialog)
    problems += theme_problems(settings, dialogs)
    if only is None:
        problems += table_problems(dialogs, [entry.name for entry in entries if entry.is_dir()])
    repository = Repository(str(root), settings, tuple(dialogs), files)
    return Loaded(repository, tuple(problems))


def theme_problems(settings: Settings, dialogs: list[Dialog]) -> list[Problem]:
    """A theme that is neither standard nor in ``temaer`` is a warning with the nearest theme."""
    problems: list[Problem] = []
    themes = settings.themes
    for dialog in dialogs:
        for round_ in dialog.rounds:
            for point in round_.aftaler:
                if point.tema is None or point.tema in themes:
                    continue
                problems.append(Problem(point.where.get("tema", point.pos), (
                    f"temaet '{point.tema}' er hverken et af styringsdialogens temaer eller nævnt under 'temaer' i "
                    f"{SETTINGS_FILE}.{did_you_mean(point.tema, themes)} Temaerne er {', '.join(themes)}. Ret "
                    f"temaet, eller tilføj det under 'temaer' i {SETTINGS_FILE}."), Severity.WARNING))
    return problems
