"""``aftale ny``: the next round's file, written as a secretary wants to fill it in."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from aftale.errors import AftaleError, FileExists, shown
from aftale.fields import ID_PATTERN, slugify
from aftale.files import create_new
from aftale.ledger import Ledger
from aftale.keys import DIALOG, MEETING, SETTABLE_STATUSES
from aftale.load.layout import AGREEMENTS_DIR, DIALOG_FILE, FIRST_YEAR, LAST_YEAR
from aftale.load.repository import dialog_entries, entry_dialog, find_root
from aftale.model import JOINT_TITLE, Dialog, Settings
from aftale.suggest import did_you_mean
from aftale.workspace import Workspace

SCHEMA_FILE = "aftale.schema.json"
#: Where the comments after the meeting's keys begin.
_COMMENT_COLUMN = 20
#: Text that YAML reads back as the same text when written plain: it starts with a letter and holds no
#: character that starts a comment, a key, a list or a flow collection (numbers, dates and the like start
#: with a digit and are quoted).
_PLAIN = re.compile(r"[^\W\d_][\w .,()/–-]*(?<! )")
#: Plain words that YAML 1.1 or 1.2 reads as null or a boolean, whatever the letter case.
_SPECIAL_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})
#: Characters a YAML file may not hold as they are (YAML's printable set, inverted), and the line breaks.
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAKS = re.compile("[\r\n\x85\u2028\u2029]+")


@dataclass(frozen=True)
class NewRound:
    """The file ``ny`` wrote."""

    path: Path
    year: int
    open_points: int


def _scalar(text: str) -> str:
    """``text`` as a YAML value that reads back as the same text: plain when that is safe, else double-quoted.

    A JSON string is a valid YAML double-quoted string; characters YAML may not hold as they are
    (and line breaks other than ``\\n``) are written as ``\\uXXXX`` escapes.
    """
    if _PLAIN.fullmatch(text) and text.casefold() not in _SPECIAL_WORDS:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _NON_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", _LINE_BREAKS.sub(
        lambda m: "".join(f"\\u{ord(c):04x}" for c in m.group()), quoted))


def _comment(text: str) -> str:
    """``text`` fit for a YAML comment: on one line, with only characters a YAML file may hold."""
    return " ".join(_NON_PRINTABLE.sub(" ", _LINE_BREAKS.sub(" ", text)).split())


def _meeting_lines(dato: date | None) -> list[str]:
    """``møde:`` and the keys ``ny`` writes under it, each with its comment; the date when it is given."""
    lines = [f"{MEETING.name}:"]
    for key in MEETING.keys:
        if key.ny is None:
            continue
        if key is MEETING["dato"] and dato is not None:
            lines.append(f"  {key.name}: {dato.isoformat()}")
        else:
            lines.append(f"{f'  {key.name}:':{_COMMENT_COLUMN}}# {key.ny}" if key.ny else f"  {key.name}:")
    return lines


def round_text(dialog: Dialog, ledger: Ledger, settings: Settings, year: int, dato: date | None,
               table: Sequence[Dialog] = (), joints: Sequence[str] = ()) -> str:
    """The commented YAML of round ``year``: meeting fields, standard items, a follow-up of every open point.

    :param table: for a joint dialogue, the dialogues at its table.
    :param joints: the joint dialogues whose table ``dialog`` sits at.
    """
    statuses = " | ".join(s.value for s in SETTABLE_STATUSES)
    before = ledger.before(year)
    open_points = before.open_points() if before else ()
    if dialog.is_joint:
        names = ", ".join(_comment(other.name) for other in table) or ", ".join(dialog.table)
        title = f"# {_comment(dialog.name)} {year} mellem {_comment(dialog.kommune)} og {names}."
    else:
        title = f"# Styringsdialog {year} mellem {_comment(dialog.kommune)} og {_comment(dialog.boligorganisation)}."
    lines = [
        f"# yaml-language-server: $schema=../../{SCHEMA_FILE}",
        title,
        "# Udfyld mødets data før mødet; skriv referat, status og nye aftaler efter mødet.",
        "# Kør 'aftale tjek' for at se, om filen er i orden.",
        "",
        *_meeting_lines(dato),
        "",
    ]
    if open_points and before is not None:
        lines += [f"# Punkterne, der stod åbne efter {before.year}. Giv hvert en status efter mødet:",
                  f"# {statuses}.",
                  "# Et punkt uden status står som 'ikke behandlet – videreføres' i referatet."]
        if joints:
            lines.append(f"# Et punkt, der skal følges op i den fælles dialog, får 'status: overført' og 'til: "
                         f"{joints[0]}'.")
        lines.append("opfølgning:")
        for state in open_points:
            origin = f"aftalt {state.origin} i {state.home}" if state.home else f"aftalt {state.origin}"
            lines += [f"  # {_comment(state.point.titel)} ({origin})",
                      f"  {state.id}:",
                      "    # status:",
                      "    # referat:",
                      "    #   - …"]
            if state.point.indikator is not None:
                lines.append(f"    # måling: {{år: {year}, værdi: …}}   # ny værdi af "
                             f"'{_comment(state.point.indikator.navn)}'")
    else:
        lines.append("opfølgning:          # ingen åbne punkter fra tidligere runder")
    lines += ["", "punkter:"]
    for title in settings.agenda_items:
        lines += [f"  - titel: {_scalar(title)}", "    referat:"]
    lines += [
        "",
        "# De nye aftaler fra mødet. Hvert id skrives med små bogstaver og bindestreg og bruges aldrig igen.",
        "aftaler:",
        "  # - id: nyt-punkt",
        "  #   titel: …",
        "  #   ansvarlig: …",
        "  #   frist: ÅÅÅÅ-MM-DD",
        "  #   erstatter: [tidligere-id]   # når aftalen tager over fra et åbent punkt",
        *([f"  #   gælder: [{', '.join(dialog.table)}]   # de dialoger ved bordet, aftalen binder; uden 'gælder' "
           "binder den alle"] if dialog.is_joint else []),
        "  #   tema: …   # ét af temaerne:",
        *(f"  #     {_comment(theme)}" for theme in settings.themes),
        "  #   indikator:   # et målbart mål; lavere er bedre, når målet ligger under udgangspunktet",
        "  #     navn: Fraflytningsprocent",
        '  #     enhed: "%"',
        "  #     udgangspunkt: {år: 2016, værdi: 36}",
        "  #     mål: {år: 2022, værdi: 25}",
        "",
        "eventuelt:",
        "",
    ]
    return "\n".join(lines)


def new_round(start: Path, slug: str, year: int | None, dato: date | None, today: date) -> NewRound:
    """Write the file of the next round of dialogue ``slug``; never over an existing file."""
    workspace = Workspace.open(start)
    report = workspace.clean(slug)
    dialog = report.dialog(slug)
    years = [r.year for r in dialog.rounds]
    latest = max(years) if years else None
    planned = dialog.planned()
    if planned is not None and (year is None or year > planned.year):
        planned_file = shown(report.root / planned.pos.file)
        raise AftaleError(f"runden {planned.year} er planlagt, men ikke holdt endnu ({planned_file} har intet referat, "
                          "ingen status og ingen nye aftaler). Skriv mødets udfald i den, før du opretter næste "
                          "runde.")
    if year is None:
        year = latest + 1 if latest is not None else (dato or today).year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        example = latest + 1 if latest is not None else today.year
        raise AftaleError(f"{year} er ikke et årstal mellem {FIRST_YEAR} og {LAST_YEAR}, som en runde kan hedde. "
                          f"Skriv rundens år med fire cifre, fx 'aftale ny {slug} {example}'.")
    path = report.root / AGREEMENTS_DIR / slug / f"{year}.yaml"
    name = shown(path)
    if latest is not None and year < latest and not path.exists():
        raise AftaleError(f"runden {year} ligger før den seneste runde ({latest}). 'aftale ny' laver kun kommende "
                          "runder.")
    dialogs = report.repository.dialogs
    table = [other for name in dialog.table if (other := report.repository.dialog(name)) is not None]
    joints = [other.slug for other in dialogs if slug in other.table]
    text = round_text(dialog, report.ledgers[slug], report.repository.settings, year, dato, table, joints)
    create_new(path, text.encode("utf-8"), name)
    before = report.ledgers[slug].before(year)
    return NewRound(path, year, len(before.open_points()) if before else 0)


def dialog_text(slug: str, kommune: str, boligorganisation: str) -> str:
    """The commented dialog.yaml of a new dialogue: the parties, and the optional keys to fill in later."""
    return "\n".join([
        f"# Styringsdialogen mellem {_comment(kommune)} og {_comment(boligorganisation)}.",
        f"# Opret den første runde med 'aftale ny {slug}', og kør 'aftale tjek' for at se, om filen er i orden.",
        "",
        f"# {DIALOG['kommune'].description}",
        f"kommune: {_scalar(kommune)}",
        f"# {DIALOG['boligorganisation'].description}",
        f"boligorganisation: {_scalar(boligorganisation)}",
        "",
        f"# {DIALOG['afdelinger'].description} Én pr. linje:",
        "afdelinger:",
        "#  - Skovparken",
        "",
        f"# {DIALOG['underskrivere'].description}",
        "# underskrivere:",
        "#   kommune: {navn: …, titel: Borgmester}",
        "#   boligorganisation: {navn: …, titel: Formand}",
        "",
    ])


def joint_dialog_text(slug: str, kommune: str, table: Sequence[str], titel: str | None,
                      names: Sequence[str] = ()) -> str:
    """The commented dialog.yaml of a new joint dialogue: the kommune, the dialogues at its table, its title.

    :param names: the boligorganisationer at the table, for the first comment (their dialogues' names without).
    """
    return "\n".join([
        f"# {_comment(titel or JOINT_TITLE)} mellem {_comment(kommune)} og "
        f"{', '.join(_comment(name) for name in names or table)}.",
        f"# Opret den første runde med 'aftale ny {slug}', og kør 'aftale tjek' for at se, om filen er i orden.",
        "",
        f"# {DIALOG['kommune'].description}",
        f"kommune: {_scalar(kommune)}",
        f"# {DIALOG['fælles'].description}",
        f"fælles: [{', '.join(table)}]",
        f"# {DIALOG['titel'].description}",
        f"titel: {_scalar(titel)}" if titel else f"# titel: {JOINT_TITLE}",
        "",
        "# Hvem der underskriver aftaledokumentet for kommunen; boligorganisationernes underskrivere står i deres",
        "# egne dialog.yaml.",
        "# underskrivere:",
        "#   kommune: {navn: …, titel: Borgmester}",
        "",
    ])


def new_dialog(start: Path, slug: str, kommune: str, boligorganisation: str | None,
               table: Sequence[str] = (), titel: str | None = None) -> Path:
    """Start dialogue ``slug``: write ``agreements/<slug>/dialog.yaml`` with comments; never over an existing one.

    With ``table`` (and no ``boligorganisation``) a joint dialogue of those dialogues, each of which must be an
    individual dialogue of the repository. Outside any repository of agreements a new one begins at ``start``.
    """
    if not ID_PATTERN.match(slug):
        raise AftaleError(f"'{slug}' kan ikke bruges som navn på en dialog: navnet bliver en mappe og en del af "
                          f"adresser, så det må kun indeholde små bogstaver a-z, tal og bindestreg. Skriv fx "
                          f"'{slugify(slug)}'.")
    if (boligorganisation is None) == (not table):
        raise AftaleError("angiv enten --boligorganisation (en dialog med én boligorganisation) eller --fælles med "
                          "de dialoger, der sidder ved bordet i en fælles dialog, fx --fælles "
                          "naestved-lejerbo,naestved-boligselskab.")
    for value, option in ((kommune, "--kommune"), (boligorganisation, "--boligorganisation")):
        if value is not None and not value.strip():
            raise AftaleError(f"{option} skal have et navn, fx {option} \"Næstved Kommune\".")
    root = find_root(start) or start.resolve()
    path = root / AGREEMENTS_DIR / slug / DIALOG_FILE
    if path.parent.exists():
        raise FileExists(f"dialogen '{slug}' findes allerede ({shown(path.parent)}) og bliver ikke overskrevet. "
                         "Ret dens dialog.yaml i stedet, eller vælg et andet navn.")
    if table:
        table = list(dict.fromkeys(table))
        names = _check_table(root, slug, table)
        text = joint_dialog_text(slug, kommune.strip(), table, (titel or "").strip() or None, names)
    else:
        assert boligorganisation is not None
        text = dialog_text(slug, kommune.strip(), boligorganisation.strip())
    create_new(path, text.encode("utf-8"), shown(path))
    return path


def _check_table(root: Path, slug: str, table: Sequence[str]) -> list[str]:
    """The boligorganisationer at ``table``; refuses a table that names a dialogue the repository does not have, or
    a joint dialogue."""
    folder = root / AGREEMENTS_DIR
    entries = dialog_entries(root) if folder.is_dir() else []
    known = [entry.name for entry in entries if entry.is_dir()]
    names = []
    for name in table:
        if name not in known:
            raise AftaleError(f"der findes ingen dialog '{name}' at sætte ved bordet.{did_you_mean(name, known)} "
                              f"Dialogerne er: {', '.join(known) or 'ingen'}. Opret den først med 'aftale ny-dialog "
                              f"{name}'.")
        dialog = entry_dialog(root, folder / name)
        if dialog is not None and dialog.is_joint:
            raise AftaleError(f"'{name}' er selv en fælles dialog og kan ikke sidde ved bordet i '{slug}'. Skriv de "
                              f"dialoger, den har ved bordet ({', '.join(dialog.table)}), i stedet.")
        names.append(dialog.boligorganisation if dialog is not None else name)
    return names
