"""Loading a repository of agreements: YAML files become the model, and every problem is collected.

The entry points are :func:`find_root` and :func:`load`. Loading checks each
file on its own (syntax, keys, types, dates, ids, department names); the rules
that span rounds (which points exist, which are closed) belong to
:mod:`aftale.ledger`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from aftale.errors import Problem, Severity, duplicate_year
from aftale.fields import FileReader, slugify
from aftale.inputs import Place, Refusal, read_input, repository as repository_place
from aftale.keys import DIALOG, ROUND, SETTINGS
from aftale.sections import Entry
from aftale.model import (
    AgendaItem, Approval, Dialog, FollowUp, Indicator, Measure, Meeting, Point, Pos, ReportSettings, Repository, Round,
    Settings, Signatory, Signing, Status,
)
from aftale.suggest import did_you_mean
from aftale.yamlfile import read_yaml

AGREEMENTS_DIR = "agreements"
SETTINGS_FILE = "aftale.yaml"
DIALOG_FILE = "dialog.yaml"

_SLUG = re.compile(r"[a-z0-9-]+\Z")
_ROUND_FILE = re.compile(r"([0-9]{4})\.yaml\Z")  # ASCII digits: \d would also take "２０２１"
#: The years a round file may be named by.
FIRST_YEAR, LAST_YEAR = 1990, 2200
_IMAGES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
_YAML_SUFFIXES = (".yaml", ".yml")


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
    if _present(root / SETTINGS_FILE):
        files += 1
        settings = _load_settings(root, problems)
    dialogs = []
    place = repository_place(root)
    folders = [root / AGREEMENTS_DIR / only] if only is not None else sorted((root / AGREEMENTS_DIR).iterdir())
    for folder in folders:
        if only is not None and not folder.is_dir():
            continue
        rel = f"{AGREEMENTS_DIR}/{folder.name}"
        if not folder.is_dir():
            if folder.suffix.lower() in _YAML_SUFFIXES:
                problems.append(stray_file(folder.name))
            continue
        if folder.name.startswith("."):
            continue
        if not place.holds(folder.resolve()):
            problems.append(Problem(Pos(rel), f"mappen '{folder.name}' er et link til en mappe uden for repositoriet; "
                                              "aftale læser kun filer i repositoriet. Erstat linket med selve mappen."))
            continue
        dialog, count = _load_dialog(folder, rel, problems, place)
        files += count
        dialogs.append(dialog)
    _check_themes(settings, dialogs, problems)
    repository = Repository(str(root), settings, tuple(dialogs), files)
    return Loaded(repository, tuple(problems))


def _present(path: Path) -> bool:
    """True when there is something called ``path``, also a link whose target is gone."""
    return path.exists() or path.is_symlink()


def stray_file(name: str) -> Problem:
    """The problem of a YAML file lying directly in agreements/, outside any dialogue's folder."""
    return Problem(Pos(f"{AGREEMENTS_DIR}/{name}"), f"filen '{name}' ligger direkte i {AGREEMENTS_DIR}/. Hver dialog "
                   "skal have sin egen mappe med dialog.yaml og en fil for hver runde. Flyt filen ned i dialogens "
                   "mappe.")


def load_settings(root: Path) -> tuple[Settings, tuple[Problem, ...]]:
    """Read only ``aftale.yaml`` (the defaults when there is none) and its problems."""
    problems: list[Problem] = []
    settings = _load_settings(root, problems) if _present(root / SETTINGS_FILE) else Settings()
    return settings, tuple(problems)


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


def _load_settings(root: Path, problems: list[Problem]) -> Settings:
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
    if not _present(path):
        return (f"logoet '{logo}' findes ikke. Stien regnes fra mappen med {SETTINGS_FILE}; ret stien, eller slet "
                "linjen.")
    data = read_input(path, repository_place(root))
    if isinstance(data, Refusal):
        return f"logoet '{logo}' kan ikke bruges: {data}"
    if not any(data.startswith(magic) for magic in _IMAGES):
        return (f"logoet '{logo}' er ikke et PNG- eller JPEG-billede, og Word-dokumenterne kan kun vise de to. "
                "Gem logoet som PNG, og ret stien, eller slet linjen.")
    return None


def _load_dialog(folder: Path, rel: str, problems: list[Problem], place: Place) -> tuple[Dialog, int]:
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
    if _present(dialog_path):
        files += 1
        loaded = _read_dialog(dialog_path, slug, f"{rel}/{DIALOG_FILE}", problems, place)
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
        if name == DIALOG_FILE or path.suffix.lower() not in _YAML_SUFFIXES:
            continue
        year = round_year(name)
        if year is None:
            problems.append(Problem(Pos(file_rel), _bad_file_name(name, folder)))
            continue
        files += 1
        round_ = _read_round(path, year, file_rel, problems, place)
        if round_ is not None:
            rounds.append(round_)
    if dialog_ok:
        _check_departments(dialog, rounds, problems)
    return Dialog(
        slug, dialog.kommune, dialog.boligorganisation, dialog.pos, dialog.afdelinger,
        dialog.underskriver_kommune, dialog.underskriver_boligorganisation, tuple(rounds), dialog.where,
    ), files


def _bad_file_name(name: str, folder: Path) -> str:
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


def _read_dialog(path: Path, slug: str, rel: str, problems: list[Problem], place: Place) -> Dialog | None:
    node = read_yaml(path, rel, problems, "Skriv mindst 'kommune: …' og 'boligorganisation: …'.", place)
    if node is None:
        return None
    reader = FileReader(rel, problems)
    before = len(problems)
    entry = DIALOG.read(reader, node, f"i {DIALOG_FILE}", partial=True)
    if entry is None or len(problems) > before or any(k.field not in entry.values for k in DIALOG.keys if k.required):
        return None
    values = dict(entry.values)
    signers = values.pop("underskrivere", Entry(entry.pos, {})).values
    return Dialog(slug=slug, pos=entry.pos, **values, where=entry.where,
                  underskriver_kommune=_signatory(signers.get("kommune")),
                  underskriver_boligorganisation=_signatory(signers.get("boligorganisation")))


def _signatory(entry: Entry | None) -> Signatory | None:
    return Signatory(pos=entry.pos, **entry.values) if entry is not None else None


def _read_round(path: Path, year: int, rel: str, problems: list[Problem], place: Place) -> Round | None:
    node = read_yaml(path, rel, problems, "En runde skal mindst have 'møde:' og 'punkter:'.", place)
    if node is None:
        return None
    reader = FileReader(rel, problems)
    entry = ROUND.read(reader, node, f"i runden {year}")
    if entry is None:
        return None
    values = dict(entry.values)
    if "moede" in values:
        values["moede"] = _meeting(values["moede"], year, problems)
    values["opfoelgning"] = tuple(_follow_up(point_id, e, year, problems)
                                  for point_id, e in values.get("opfoelgning", ()))
    values["punkter"] = tuple(AgendaItem(pos=e.pos, **e.values, where=e.where) for e in values.get("punkter", ()))
    values["aftaler"] = tuple(_point(e, year, problems) for e in values.get("aftaler", ()))
    if "godkendt" in values:
        values["godkendt"] = _approval(values["godkendt"], values.get("moede"), problems)
    return Round(year, Pos(rel), **values, where=entry.where)


def _approval(entry: Entry, meeting: Meeting | None, problems: list[Problem]) -> Approval:
    """The approvals of a round; a date before the meeting is an error, for nothing is approved before it."""
    values = dict(entry.values)
    signed = values.get("aftaledokument")
    dated = [("referatet blev godkendt", values.get("referat"), entry.where.get("referat"))]
    if signed is not None:
        values["aftaledokument"] = Signing(pos=signed.pos, **signed.values, where=signed.where)
        dated += [(f"{party} underskrev aftaledokumentet", signed.values.get(key), signed.where.get(key))
                  for key, party in (("kommune", "kommunen"), ("boligorganisation", "boligorganisationen"))]
    held = meeting.dato if meeting is not None else None
    for what, day, pos in dated:
        if held is not None and day is not None and pos is not None and day < held:
            problems.append(Problem(pos, f"datoen {day.isoformat()} for, hvornår {what}, ligger før mødet den "
                                         f"{held.isoformat()}. Ret datoen; intet kan godkendes eller underskrives, "
                                         "før mødet er holdt."))
    return Approval(pos=entry.pos, **values, where=entry.where)


def _meeting(entry: Entry, year: int, problems: list[Problem]) -> Meeting:
    """The meeting of round ``year``; a date outside the round's year or the next is a warning."""
    dato = entry.values.get("dato")
    if dato is not None and dato.year not in (year, year + 1):
        problems.append(Problem(entry.where["dato"], f"mødedatoen {dato.isoformat()} ligger hverken i {year} eller "
                                                     f"{year + 1}, men filen er runden {year}. Ret datoen, eller "
                                                     "omdøb filen.", Severity.WARNING))
    return Meeting(pos=entry.pos, **entry.values, where=entry.where)


def _follow_up(point_id: str, entry: Entry, year: int, problems: list[Problem]) -> FollowUp:
    """The follow-up of ``point_id``; status 'erstattet' is refused, for it follows from 'erstatter'."""
    values = dict(entry.values)
    if values.get("status") is Status.ERSTATTET:
        problems.append(Problem(entry.where["status"], f"status 'erstattet' sættes ikke i hånden. Skriv i stedet "
                                                       f"'erstatter: [{point_id}]' i den nye aftale, der tager over."))
        del values["status"]
    if "maaling" in values:
        measure = _measure(values["maaling"])
        if _after_round(measure, year, "målingen", problems):
            del values["maaling"]
        else:
            values["maaling"] = measure
    return FollowUp(point_id, entry.pos, **values, where=entry.where)


def _measure(entry: Entry) -> Measure:
    return Measure(pos=entry.pos, **entry.values, where=entry.where)


def _after_round(measure: Measure, year: int, what: str, problems: list[Problem]) -> bool:
    """True, after recording an error, when ``measure`` is for a year after round ``year``: nobody knows it yet."""
    if measure.aar <= year:
        return False
    problems.append(Problem(measure.where.get("år", measure.pos), (
        f"{what} er for {measure.aar}, men filen er runden {year}: en runde kan kun kende værdier for sit eget år og "
        f"årene før. Ret året, eller skriv værdien i runden {measure.aar}, når den er målt.")))
    return True


def _point(entry: Entry, year: int, problems: list[Problem]) -> Point:
    """An agreed point; its indikator, if any, is checked on its own: years in order, one value a year."""
    values = dict(entry.values)
    if "indikator" in values:
        indicator = _indicator(values["indikator"], year, problems)
        if indicator is None:
            del values["indikator"]
        else:
            values["indikator"] = indicator
    return Point(pos=entry.pos, **values, where=entry.where)


def _indicator(entry: Entry, year: int, problems: list[Problem]) -> Indicator | None:
    values = dict(entry.values)
    if "udgangspunkt" not in values or "maal" not in values:
        return None  # a value was wrong, and that problem is recorded
    baseline, target = _measure(values.pop("udgangspunkt")), _measure(values.pop("maal"))
    if target.aar < baseline.aar:
        problems.append(Problem(target.where.get("år", target.pos), (
            f"målets år {target.aar} ligger før udgangspunktets år {baseline.aar}. Målet skal nås i eller efter "
            "udgangspunktets år; ret et af de to årstal.")))
        return None
    seen = {baseline.aar: baseline}
    measured = []
    for measure in values.pop("maalinger", ()):
        if _after_round(measure, year, "målingen", problems):
            continue
        if measure.aar in seen:
            problems.append(duplicate_year(measure, seen[measure.aar]))
            continue
        seen[measure.aar] = measure
        measured.append(measure)
    return Indicator(pos=entry.pos, udgangspunkt=baseline, maal=target,
                     maalinger=tuple(sorted(measured, key=lambda m: m.aar)), **values, where=entry.where)


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
