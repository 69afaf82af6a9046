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

from yaml.nodes import MappingNode, Node, SequenceNode

from aftale.choices import PDF_VARIANTS
from aftale.errors import Problem
from aftale.fields import FileReader, is_null, slugify
from aftale.inputs import Place, Refusal, read_input, repository as repository_place
from aftale.model import (
    AgendaItem, Dialog, FollowUp, Fra, Meeting, Point, Pos, Repository, Round, Settings, Signatory, Status,
)
from aftale.suggest import did_you_mean
from aftale.yamlfile import read_yaml

AGREEMENTS_DIR = "agreements"
SETTINGS_FILE = "aftale.yaml"
DIALOG_FILE = "dialog.yaml"

SETTINGS_KEYS = ("afsender", "logo", "standardpunkter", "pdf-variant")
DIALOG_KEYS = ("kommune", "boligorganisation", "afdelinger", "underskrivere")
SIGNATORY_KEYS = ("navn", "titel")
ROUND_KEYS = ("møde", "opfølgning", "punkter", "aftaler", "eventuelt")
MEETING_KEYS = ("dato", "tid", "sted", "sagsnr", "deltagere", "fraværende", "referent", "bemærkning")
FOLLOW_UP_KEYS = ("status", "referat", "ansvarlig", "frist")
ITEM_KEYS = ("titel", "fra", "lukket", "sagsnr", "resumé", "sagsfremstilling", "indstilling", "referat",
             "beslutning", "bilag")
POINT_KEYS = ("id", "titel", "beskrivelse", "mål", "ansvarlig", "frist", "afdelinger", "erstatter", "tema")

SETTABLE_STATUSES = tuple(s for s in Status if s is not Status.ERSTATTET)
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
    found = reader.fields(node, SETTINGS_KEYS, f"i {SETTINGS_FILE}") or {}
    logo = reader.text(found["logo"], "logo") if "logo" in found else None
    if logo is not None:
        mistake = _logo_problem(root, logo)
        if mistake is not None:
            reader.error(found["logo"], mistake)
            logo = None
    variant = reader.text(found["pdf-variant"], "pdf-variant") if "pdf-variant" in found else None
    if variant is not None and variant.casefold() not in PDF_VARIANTS:
        reader.error(found["pdf-variant"], f"ukendt værdi '{variant}' for 'pdf-variant'."
                                           f"{did_you_mean(variant, PDF_VARIANTS)} Gyldige værdier: "
                                           f"{', '.join(PDF_VARIANTS)}.")
        variant = None
    return Settings(
        pdf_variant=variant.casefold() if variant else None,
        afsender=reader.text(found["afsender"], "afsender") if "afsender" in found else None,
        logo=logo,
        standardpunkter=tuple(n.value for n in reader.names(found["standardpunkter"], "standardpunkter"))
        if "standardpunkter" in found else (),
        where={key: reader.at(value) for key, value in found.items()},
    )


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
            problems.append(Problem(Pos(file_rel), _bad_file_name(name)))
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


def _bad_file_name(name: str) -> str:
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
    fix = f"Omdøb den til '{year.group(0)}.yaml'." if year else "Omdøb den til rundens årstal, fx '2021.yaml'."
    return (f"filnavnet '{name}' er ikke et årstal: en rundes fil skal hedde efter rundens år, fx '2021.yaml', "
            f"ellers bliver den ikke læst. {fix}")


def _read_dialog(path: Path, slug: str, rel: str, problems: list[Problem], place: Place) -> Dialog | None:
    node = read_yaml(path, rel, problems, "Skriv mindst 'kommune: …' og 'boligorganisation: …'.", place)
    if node is None:
        return None
    reader = FileReader(rel, problems)
    before = len(problems)
    found = reader.fields(node, DIALOG_KEYS, f"i {DIALOG_FILE}", required=("kommune", "boligorganisation"))
    if found is None:
        return None
    signers: dict[str, Signatory | None] = {"kommune": None, "boligorganisation": None}
    if "underskrivere" in found:
        parties = reader.fields(found["underskrivere"], ("kommune", "boligorganisation"), "i 'underskrivere'") or {}
        for party, value in parties.items():
            signer = reader.fields(value, SIGNATORY_KEYS, f"i 'underskrivere: {party}'", required=("navn",)) or {}
            navn = reader.text(signer["navn"], "navn") if "navn" in signer else None
            if navn is not None:
                titel = reader.text(signer["titel"], "titel") if "titel" in signer else None
                signers[party] = Signatory(navn, reader.at(value), titel)
    kommune = reader.text(found["kommune"], "kommune") if "kommune" in found else None
    organisation = reader.text(found["boligorganisation"], "boligorganisation") \
        if "boligorganisation" in found else None
    afdelinger = reader.names(found["afdelinger"], "afdelinger") if "afdelinger" in found else ()
    if len(problems) > before or kommune is None or organisation is None:
        return None
    return Dialog(slug, kommune, organisation, reader.at(node), afdelinger,
                  signers["kommune"], signers["boligorganisation"],
                  where={key: reader.at(value) for key, value in found.items()})


def _read_round(path: Path, year: int, rel: str, problems: list[Problem], place: Place) -> Round | None:
    node = read_yaml(path, rel, problems, "En runde skal mindst have 'møde:' og 'punkter:'.", place)
    if node is None:
        return None
    reader = FileReader(rel, problems)
    found = reader.fields(node, ROUND_KEYS, f"i runden {year}")
    if found is None:
        return None
    meeting = _meeting(reader, found["møde"], year) if "møde" in found else None
    follow_ups = _follow_ups(reader, found["opfølgning"]) if "opfølgning" in found else ()
    items = tuple(i for i in (_item(reader, n) for n in _list(reader, found, "punkter")) if i is not None)
    points = tuple(p for p in (_point(reader, n) for n in _list(reader, found, "aftaler")) if p is not None)
    eventuelt = reader.blocks(found["eventuelt"], "eventuelt") if "eventuelt" in found else ()
    return Round(year, Pos(rel), meeting, follow_ups, items, points, eventuelt,
                 where={key: reader.at(value) for key, value in found.items()})


def _list(reader: FileReader, found: dict[str, Node], key: str) -> list[Node]:
    """The entries of a list under ``key`` (a list of items, each starting with '- ')."""
    if key not in found:
        return []
    node = found[key]
    if not isinstance(node, SequenceNode):
        reader.error(node, f"'{key}' skal være en liste, hvor hvert element starter med '- ' på en ny linje.")
        return []
    return [n for n in node.value if not is_null(n)]


def _meeting(reader: FileReader, node: Node, year: int) -> Meeting | None:
    found = reader.fields(node, MEETING_KEYS, "i 'møde'")
    if found is None:
        return None
    dato = reader.date(found["dato"], "dato") if "dato" in found else None
    if dato is not None and dato.year not in (year, year + 1):
        reader.warn(found["dato"], f"mødedatoen {dato.isoformat()} ligger hverken i {year} eller {year + 1}, "
                                   f"men filen er runden {year}. Ret datoen, eller omdøb filen.")
    text = {key: reader.text(found[key], key) for key in ("tid", "sted", "sagsnr", "referent", "bemærkning")
            if key in found}
    return Meeting(
        reader.at(node), dato, text.get("tid"), text.get("sted"), text.get("sagsnr"),
        reader.persons(found["deltagere"], "deltagere") if "deltagere" in found else (),
        reader.persons(found["fraværende"], "fraværende") if "fraværende" in found else (),
        text.get("referent"), text.get("bemærkning"),
        where={key: reader.at(value) for key, value in found.items()},
    )


def _follow_ups(reader: FileReader, node: Node) -> tuple[FollowUp, ...]:
    if not isinstance(node, MappingNode):
        reader.error(node, "'opfølgning' skal have et punkts id som nøgle for hvert punkt, der følges op, "
                           "fx 'social-vicevaert:' med 'status: videreføres' indrykket under.")
        return ()
    follow_ups = []
    for key, value in node.value:
        point_id = reader.ident(key, "id")
        if point_id is None:
            continue
        if is_null(value):
            follow_ups.append(FollowUp(point_id, reader.at(key)))
            continue
        if not isinstance(value, MappingNode):
            reader.error(value, f"opfølgningen af '{point_id}' skal have nøgler, ikke {_value_kind(value)}. "
                                f"Skriv fx 'status: {value.value if isinstance(value.value, str) else 'videreføres'}'"
                                " på en ny, indrykket linje.")
            continue
        found = reader.fields(value, FOLLOW_UP_KEYS, f"i opfølgningen af '{point_id}'") or {}
        status = None
        if "status" in found:
            status = reader.choice(found["status"], Status, "status", SETTABLE_STATUSES)
            if status is Status.ERSTATTET:
                reader.error(found["status"], f"status 'erstattet' sættes ikke i hånden. Skriv i stedet "
                                              f"'erstatter: [{point_id}]' i den nye aftale, der tager over.")
                status = None
        follow_ups.append(FollowUp(
            point_id, reader.at(key), status,
            reader.blocks(found["referat"], "referat") if "referat" in found else (),
            reader.text(found["ansvarlig"], "ansvarlig") if "ansvarlig" in found else None,
            reader.date(found["frist"], "frist") if "frist" in found else None,
            where={k: reader.at(v) for k, v in found.items()},
        ))
    return tuple(follow_ups)


def _value_kind(node: Node) -> str:
    return "en liste" if isinstance(node.value, list) else f"teksten '{node.value}'"


def _item(reader: FileReader, node: Node) -> AgendaItem | None:
    found = reader.fields(node, ITEM_KEYS, "i et punkt under 'punkter'", required=("titel",))
    if found is None or "titel" not in found:
        return None
    titel = reader.text(found["titel"], "titel")
    if titel is None:
        return None
    blocks = {key: reader.blocks(found[key], key) for key in
              ("resumé", "sagsfremstilling", "indstilling", "referat", "beslutning") if key in found}
    return AgendaItem(
        titel, reader.at(node),
        fra=reader.choice(found["fra"], Fra, "fra") if "fra" in found else None,
        lukket=bool(reader.boolean(found["lukket"], "lukket")) if "lukket" in found else False,
        sagsnr=reader.text(found["sagsnr"], "sagsnr") if "sagsnr" in found else None,
        resume=blocks.get("resumé", ()), sagsfremstilling=blocks.get("sagsfremstilling", ()),
        indstilling=blocks.get("indstilling", ()), referat=blocks.get("referat", ()),
        beslutning=blocks.get("beslutning", ()),
        bilag=reader.names(found["bilag"], "bilag") if "bilag" in found else (),
        where={key: reader.at(value) for key, value in found.items()},
    )


def _point(reader: FileReader, node: Node) -> Point | None:
    found = reader.fields(node, POINT_KEYS, "i en aftale under 'aftaler'", required=("id", "titel"))
    if found is None or "id" not in found or "titel" not in found:
        return None
    point_id = reader.ident(found["id"], "id")
    titel = reader.text(found["titel"], "titel")
    erstatter = reader.idents(found["erstatter"], "erstatter") if "erstatter" in found else ()
    if point_id is None or titel is None:
        return None
    return Point(
        point_id, titel, reader.at(node),
        beskrivelse=reader.blocks(found["beskrivelse"], "beskrivelse") if "beskrivelse" in found else (),
        maal=reader.blocks(found["mål"], "mål") if "mål" in found else (),
        ansvarlig=reader.text(found["ansvarlig"], "ansvarlig") if "ansvarlig" in found else None,
        frist=reader.date(found["frist"], "frist") if "frist" in found else None,
        afdelinger=reader.names(found["afdelinger"], "afdelinger") if "afdelinger" in found else (),
        erstatter=erstatter,
        tema=reader.text(found["tema"], "tema") if "tema" in found else None,
        where={key: reader.at(value) for key, value in found.items()},
    )


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
