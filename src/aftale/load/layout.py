"""Where a repository keeps its files, and what their names say.

The names of the folders and files aftale reads, the years a round file may be named by, and the
problems of a file that lies in the wrong place or has the wrong name. Nothing here reads a file.
"""

from __future__ import annotations

import re
from pathlib import Path

from aftale.choices import FIRST_YEAR, LAST_YEAR
from aftale.errors import Problem
from aftale.model import Pos

AGREEMENTS_DIR = "agreements"
SETTINGS_FILE = "aftale.yaml"
DIALOG_FILE = "dialog.yaml"

_ROUND_FILE = re.compile(r"([0-9]{4})\.yaml\Z")  # ASCII digits: \d would also take "２０２１"
YAML_SUFFIXES = (".yaml", ".yml")


def present(path: Path) -> bool:
    """True when there is something called ``path``, also a link whose target is gone."""
    return path.exists() or path.is_symlink()


def stray_file(name: str) -> Problem:
    """The problem of a YAML file lying directly in agreements/, outside any dialogue's folder."""
    return Problem(Pos(f"{AGREEMENTS_DIR}/{name}"), f"filen '{name}' ligger direkte i {AGREEMENTS_DIR}/. Hver dialog "
                   "skal have sin egen mappe med dialog.yaml og en fil for hver runde. Flyt filen ned i dialogens "
                   "mappe.")


def round_year(name: str) -> int | None:
    """The year a round file called ``name`` is the round of, or None when the name is not a valid year."""
    match = _ROUND_FILE.match(name)
    year = int(match.group(1)) if match else None
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else None


def round_files(folder: Path) -> dict[int, Path]:
    """A dialogue folder's round files by year, judged by their names alone."""
    found = {}
    for path in folder.iterdir():
        year = round_year(path.name)
        if year is not None and path.is_file():
            found[year] = path
    return dict(sorted(found.items()))


def bad_file_name(name: str, folder: Path) -> str:
    """What is wrong with the YAML file ``name`` in a dialogue's ``folder``, whose name is not a round's year."""
    stem = name.rsplit(".", 1)[0]
    if stem.casefold() == "dialog":
        return f"filen skal hedde '{DIALOG_FILE}', ikke '{name}'. Omdøb den."
    digits = "".join(str(int(c)) if c.isdecimal() else c for c in stem)  # "２０２１" → "2021"
    if digits != stem and round_year(f"{digits}.yaml") is not None:
        return (f"filnavnet '{name}' er skrevet med andre cifre end 0-9 (fx tal i fuld bredde), så det læses ikke "
                f"som et årstal. Omdøb den til '{digits}.yaml'.")
    if _ROUND_FILE.match(name):
        return (f"filnavnet '{name}' er ikke et årstal mellem {FIRST_YEAR} og {LAST_YEAR}: en rundes fil skal hedde "
                f"efter rundens år, fx '2021.yaml'. Omdøb den til rundens årstal.")
    year = re.search(r"(19|20|21)[0-9]{2}", digits)
    if year and (folder / f"{year.group(0)}.yaml").exists():
        return (f"filnavnet '{name}' er ikke et årstal, og '{year.group(0)}.yaml' findes allerede, så filen ligner en "
                f"kopi. Flyt det, der skal med, over i '{year.group(0)}.yaml', og slet kopien eller flyt den ud af "
                "agreements/.")
    fix = f"Omdøb den til '{year.group(0)}.yaml'." if year else "Omdøb den til rundens årstal, fx '2021.yaml'."
    return (f"filnavnet '{name}' er ikke et årstal: en rundes fil skal hedde efter rundens år, fx '2021.yaml', "
            f"ellers bliver den ikke læst. {fix}")
