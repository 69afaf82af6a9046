"""One dialogue's folder becomes a :class:`~aftale.model.Dialog`: ``dialog.yaml`` and its round files.

The folder's name must be a slug, every YAML file in it must be ``dialog.yaml`` or named by a
round's year (:mod:`aftale.load.layout`), and every department a point names must be one of the
dialogue's afdelinger. Each round file is read by :mod:`aftale.load.rounds`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from aftale.errors import Problem
from aftale.fields import FileReader, slugify
from aftale.inputs import Place, Reader, read_input
from aftale.keys import DIALOG
from aftale.load.layout import DIALOG_FILE, YAML_SUFFIXES, bad_file_name, present, round_year
from aftale.load.rounds import read_round
from aftale.model import Dialog, Pos, Round, Signatory
from aftale.sections import Entry
from aftale.suggest import did_you_mean
from aftale.yamlfile import read_yaml

_SLUG = re.compile(r"[a-z0-9-]+\Z")


def load_dialog(folder: Path, rel: str, problems: list[Problem], place: Place,
                read: Reader = read_input) -> tuple[Dialog, int]:
    """Read one dialogue folder: dialog.yaml and its round files (only files inside ``place``)."""
    slug = folder.name
    if not _SLUG.match(slug):
        problems.append(Problem(Pos(rel), f"mappenavnet '{slug}' må kun indeholde små bogstaver a-z, tal og "
                                          f"bindestreg, for det bliver en del af adresser og filnavne. "
                                          f"Omdøb mappen, fx til '{slugify(slug)}'."))
    files = 0
    dialog_path = folder / DIALOG_FILE
    dialog = Dialog(slug, "", "", Pos(f"{rel}/{DIALOG_FILE}"))
    dialog_ok = False
    if present(dialog_path):
        files += 1
        loaded = _read_dialog(dialog_path, slug, f"{rel}/{DIALOG_FILE}", problems, place, read)
        if loaded is not None:
            dialog, dialog_ok = loaded, True
    else:
        problems.append(Problem(Pos(f"{rel}/{DIALOG_FILE}"),
                                f"dialogmappen '{slug}' har ingen {DIALOG_FILE}. Opret filen med mindst "
                                "'kommune: …' og 'boligorganisation: …'."))
    rounds = []
    for path in sorted(folder.iterdir()):
        name = path.name
        file_rel = f"{rel}/{name}"
        if name == DIALOG_FILE or path.suffix.lower() not in YAML_SUFFIXES:
            continue
        year = round_year(name)
        if year is None:
            problems.append(Problem(Pos(file_rel), bad_file_name(name, folder)))
            continue
        files += 1
        round_ = read_round(path, year, file_rel, problems, place, read)
        if round_ is not None:
            rounds.append(round_)
    if dialog_ok:
        _check_departments(dialog, rounds, problems)
        _check_binding(dialog, rounds, problems)
    return replace(dialog, slug=slug, rounds=tuple(rounds)), files


def dialog_file(folder: Path, rel: str, place: Place, read: Reader = read_input) -> Dialog | None:
    """The dialogue's dialog.yaml alone, without its rounds (to know whose table it is); None when it cannot be read
    (:func:`load_dialog` reports why)."""
    path = folder / DIALOG_FILE
    if not present(path):
        return None
    return _read_dialog(path, folder.name, f"{rel}/{DIALOG_FILE}", [], place, read)


def _read_dialog(path: Path, slug: str, rel: str, problems: list[Problem], place: Place,
                 read: Reader) -> Dialog | None:
    node = read_yaml(path, rel, problems, "Skriv mindst 'kommune: …' og 'boligorganisation: …'.", place, read)
    if node is None:
        return None
    reader = FileReader(rel, problems)
    before = len(problems)
    entry = DIALOG.read(reader, node, f"i {DIALOG_FILE}", partial=True)
    if entry is None or len(problems) > before or any(k.field not in entry.values for k in DIALOG.keys if k.required):
        return None
    values = dict(entry.values)
    values.setdefault("boligorganisation", "")
    if "titel" in values and "faelles" not in values:
        problems.append(Problem(entry.where["titel"], (
            "'titel' er navnet på en fælles dialog og bruges kun sammen med 'fælles'. Fjern 'titel'; dokumenterne "
            "kalder dialogen ved boligorganisationens navn.")))
        return None
    signers = values.pop("underskrivere", Entry(entry.pos, {})).values
    return Dialog(slug=slug, pos=entry.pos, **values, where=entry.where,
                  underskriver_kommune=_signatory(signers.get("kommune")),
                  underskriver_boligorganisation=_signatory(signers.get("boligorganisation")))


def _signatory(entry: Entry | None) -> Signatory | None:
    return Signatory(pos=entry.pos, **entry.values) if entry is not None else None


def _check_binding(dialog: Dialog, rounds: list[Round], problems: list[Problem]) -> None:
    """``gælder`` belongs to the points of a joint dialogue, and names only dialogues at its table."""
    table = dialog.table
    for round_ in rounds:
        for point in round_.aftaler:
            if point.gaelder and not dialog.is_joint:
                problems.append(Problem(point.where.get("gælder", point.pos), (
                    f"'gælder' bruges kun i en fælles dialog, men '{dialog.slug}' er en dialog med én "
                    f"boligorganisation, og dens aftaler binder altid den. Fjern 'gælder' fra aftalen '{point.id}'.")))
                continue
            for name in point.gaelder:
                if name.value not in table:
                    problems.append(Problem(name.pos, (
                        f"'gælder' nævner '{name.value}', som ikke sidder ved bordet i den fælles dialog "
                        f"'{dialog.slug}'.{did_you_mean(name.value, table)} Ved bordet er: {', '.join(table)} "
                        f"('fælles' i {DIALOG_FILE}). Ret navnet, eller tilføj dialogen under 'fælles'.")))


def _check_departments(dialog: Dialog, rounds: list[Round], problems: list[Problem]) -> None:
    """Every department a point names must be one of the dialogue's afdelinger."""
    known = [name.value for name in dialog.afdelinger]
    for round_ in rounds:
        for point in round_.aftaler:
            for name in point.afdelinger:
                if name.value in known:
                    continue
                if known:
                    message = (f"afdelingen '{name.value}' står ikke under 'afdelinger' i {DIALOG_FILE}."
                               f"{did_you_mean(name.value, known)} Ret navnet, eller tilføj afdelingen i "
                               f"{DIALOG_FILE}.")
                else:
                    message = (f"afdelingen '{name.value}' kan ikke kendes, for {DIALOG_FILE} nævner ingen "
                               "afdelinger. Tilføj 'afdelinger: […]' i dialog.yaml.")
                problems.append(Problem(name.pos, message))
