"""The repository's settings: ``aftale.yaml`` becomes :class:`~aftale.model.Settings`.

A missing file means the defaults. A logo is checked here, once for every command: it must exist
inside the repository and be a PNG or JPEG image.
"""

from __future__ import annotations

from pathlib import Path

from aftale.errors import Problem
from aftale.fields import FileReader
from aftale.inputs import Refusal, read_input, repository as repository_place
from aftale.keys import SETTINGS
from aftale.load.layout import SETTINGS_FILE, present
from aftale.model import ReportSettings, Settings
from aftale.yamlfile import read_yaml

#: The kinds of picture a logo may be, by their first bytes, with their media types: the two Word shows.
_LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def logo_type(data: bytes) -> str | None:
    """The media type of a logo's bytes, or None when it is neither PNG nor JPEG."""
    return next((kind for magic, kind in _LOGO_TYPES.items() if data.startswith(magic)), None)


def load_settings(root: Path) -> tuple[Settings, tuple[Problem, ...]]:
    """Read only ``aftale.yaml`` (the defaults when there is none) and its problems."""
    problems: list[Problem] = []
    settings = read_settings(root, problems) if present(root / SETTINGS_FILE) else Settings()
    return settings, tuple(problems)


def read_settings(root: Path, problems: list[Problem]) -> Settings:
    """Read ``aftale.yaml``, which is there, adding its problems to ``problems``."""
    node = read_yaml(root / SETTINGS_FILE, SETTINGS_FILE, problems,
                     "Skriv fx 'afsender: Næstved Kommune', eller slet filen.", repository_place(root))
    if node is None:
        return Settings()
    reader = FileReader(SETTINGS_FILE, problems)
    entry = SETTINGS.read(reader, node, f"i {SETTINGS_FILE}")
    if entry is None:
        return Settings()
    values = dict(entry.values)
    if "redegoerelse" in values:
        report = values["redegoerelse"]
        values["redegoerelse"] = ReportSettings(pos=report.pos, **report.values, where=report.where)
    if "logo" in values:
        mistake = _logo_problem(root, values["logo"])
        if mistake is not None:
            problems.append(Problem(entry.where["logo"], mistake))
            del values["logo"]
    return Settings(**values, where=entry.where)


def _logo_problem(root: Path, logo: str) -> str | None:
    """What is wrong with the logo ``logo`` (a path from the repository's root), or None."""
    path = root / logo
    if not present(path):
        return (f"logoet '{logo}' findes ikke. Stien regnes fra mappen med {SETTINGS_FILE}; ret stien, eller slet "
                "linjen.")
    data = read_input(path, repository_place(root))
    if isinstance(data, Refusal):
        return f"logoet '{logo}' kan ikke bruges: {data}"
    if logo_type(data) is None:
        return (f"logoet '{logo}' er ikke et PNG- eller JPEG-billede, og Word-dokumenterne kan kun vise de to. "
                "Gem logoet som PNG, og ret stien, eller slet linjen.")
    return None
