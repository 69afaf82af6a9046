"""The whole repository: find its root, then read ``aftale.yaml`` and every dialogue under ``agreements/``.

Only folders inside the repository are read; a YAML file lying directly in ``agreements/`` is a
problem. Themes are checked here, for they span the settings and every dialogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aftale.errors import Problem, Severity
from aftale.inputs import repository as repository_place
from aftale.load.dialog import load_dialog
from aftale.load.layout import AGREEMENTS_DIR, SETTINGS_FILE, YAML_SUFFIXES, present, stray_file
from aftale.load.settings import read_settings
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


def load(root: Path, only: str | None = None) -> Loaded:
    """Read ``aftale.yaml`` and every dialogue under ``root/agreements`` into the model.

    Never stops at the first problem: a broken file is reported and the others
    are still read, so that one run of ``aftale tjek`` shows everything.

    :param only: read just this dialogue (and aftale.yaml), for commands about one dialogue.
    """
    problems: list[Problem] = []
    files = 0
    settings = Settings()
    if present(root / SETTINGS_FILE):
        files += 1
        settings = read_settings(root, problems)
    dialogs = []
    place = repository_place(root)
    folders = [root / AGREEMENTS_DIR / only] if only is not None else sorted((root / AGREEMENTS_DIR).iterdir())
    for folder in folders:
        if only is not None and not folder.is_dir():
            continue
        rel = f"{AGREEMENTS_DIR}/{folder.name}"
        if not folder.is_dir():
            if folder.suffix.lower() in YAML_SUFFIXES:
                problems.append(stray_file(folder.name))
            continue
        if folder.name.startswith("."):
            continue
        if not place.holds(folder.resolve()):
            problems.append(Problem(Pos(rel), f"mappen '{folder.name}' er et link til en mappe uden for repositoriet; "
                                              "aftale læser kun filer i repositoriet. Erstat linket med selve mappen."))
            continue
        dialog, count = load_dialog(folder, rel, problems, place)
        files += count
        dialogs.append(dialog)
    _check_themes(settings, dialogs, problems)
    repository = Repository(str(root), settings, tuple(dialogs), files)
    return Loaded(repository, tuple(problems))


def _check_themes(settings: Settings, dialogs: list[Dialog], problems: list[Problem]) -> None:
    """A theme that is neither standard nor in ``temaer`` is a warning with the nearest theme."""
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
