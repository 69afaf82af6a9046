"""The repository's settings: ``aftale.yaml`` becomes :class:`~aftale.model.Settings`.

A missing file means the defaults. A logo is checked here, once for every command: it must exist
inside the repository and be a PNG or JPEG image.
"""

from __future__ import annotations

from pathlib import Path

from aftale.errors import Problem
from aftale.fields import FileReader
from aftale.inputs import Reader, Refusal, read_input, repository as repository_place
from aftale.keys import SETTINGS
from aftale.load.layout import SETTINGS_FILE, present
from aftale.model import ReportSettings, Settings
from aftale.pictures import picture_type
from aftale.yamlfile import read_yaml

def load_settings(root: Path, read: Reader = read_input) -> tuple[Settings, tuple[Problem, ...]]:
    """Read only ``aftale.yaml`` (the defaults when there is none) and its problems."""
    problems: list[Problem] = []
    settings = read_settings(root, problems, read) if present(root / SETTINGS_FILE) else Settings()
    return settings, tuple(problems)


def read_settings(root: Path, problems: list[Problem], read: Reader = read_input) -> Settings:
    """Read ``aftale.yaml``, which is there, adding its problems to ``problems``."""
    node = read_yaml(root / SETTINGS_FILE, SETTINGS_FILE, problems,
                     "Skriv fx 'afsender: Næstved Kommune', eller slet filen.", repository_place(root), read)
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
        mistake = _logo_problem(root, values["logo"], read)
        if mistake is not None:
            problems.append(Problem(entry.where["logo"], mistake))
            del values["logo"]
    return Settings(**values, where=entry.where)


def _logo_problem(root: Path, logo: str, read: Reader) -> str | None:
    """What is wrong with the logo ``logo`` (a path from the repository's root), or None."""
    path = root / logo
    if not present(path):
        return (f"logoet '{logo}' findes ikke. Stien regnes fra mappen med {SETTINGS_FILE}; ret stien, eller slet "
                "linjen.")
    data = read(path, repository_place(root))
    if isinstance(data, Refusal):
        return f"logoet '{logo}' kan ikke bruges: {data}"
    if picture_type(data) is None:
        return (f"logoet '{logo}' er ikke et PNG- eller JPEG-billede, og Word-dokumenterne kan kun vise de to. "
                "Gem logoet som PNG, og ret stien, eller slet linjen.")
    return None
