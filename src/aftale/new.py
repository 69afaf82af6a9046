"""``aftale ny``: the next round's file, written as a secretary wants to fill it in."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from aftale.check import check_clean, display
from aftale.errors import AftaleError
from aftale.files import create_new
from aftale.ledger import Ledger
from aftale.load import AGREEMENTS_DIR, SETTABLE_STATUSES
from aftale.model import Dialog, Settings

#: What ``ny`` puts under ``punkter`` when aftale.yaml names no standard items.
DEFAULT_ITEMS = ("Dokumentationspakken",)
SCHEMA_FILE = "aftale.schema.json"
_PLAIN = re.compile(r"[A-Za-zÆØÅæøåÉé0-9][\w .,()/–-]*")


@dataclass(frozen=True)
class NewRound:
    """The file ``ny`` wrote."""

    path: Path
    year: int
    open_points: int


def _scalar(text: str) -> str:
    """``text`` as a YAML value: plain when that is safe, else double-quoted."""
    return text if _PLAIN.fullmatch(text) and not text.endswith((" ", ":")) else json.dumps(text, ensure_ascii=False)


def round_text(dialog: Dialog, ledger: Ledger, settings: Settings, year: int, dato: date | None) -> str:
    """The commented YAML of round ``year``: meeting fields, standard items, a follow-up of every open point."""
    statuses = " | ".join(s.value for s in SETTABLE_STATUSES)
    before = ledger.before(year)
    open_points = before.open_points() if before else ()
    lines = [
        f"# yaml-language-server: $schema=../../{SCHEMA_FILE}",
        f"# Styringsdialog {year} mellem {dialog.kommune} og {dialog.boligorganisation}.",
        "# Udfyld mødets data før mødet; skriv referat, status og nye aftaler efter mødet.",
        "# Kør 'aftale tjek' for at se, om filen er i orden.",
        "",
        "møde:",
        f"  dato: {dato.isoformat()}" if dato else "  dato:             # ÅÅÅÅ-MM-DD, fx 2022-10-27",
        "  tid:              # fx \"10:00–12:00\"",
        "  sted:",
        "  sagsnr:",
        "  deltagere:        # én pr. linje: - Navn",
        "  fraværende:",
        "  referent:",
        "",
    ]
    if open_points:
        lines += [f"# Punkterne, der stod åbne efter {before.year}. Giv hvert en status efter mødet:",
                  f"# {statuses}.",
                  "# Et punkt uden status står som 'ikke behandlet – videreføres' i referatet.",
                  "opfølgning:"]
        for state in open_points:
            lines += [f"  # {state.point.titel} (aftalt {state.origin})",
                      f"  {state.id}:",
                      "    # status:",
                      "    # referat:",
                      "    #   - …"]
    else:
        lines.append("opfølgning: {}      # ingen åbne punkter fra tidligere runder")
    lines += ["", "punkter:"]
    for title in settings.standardpunkter or DEFAULT_ITEMS:
        lines += [f"  - titel: {_scalar(title)}", "    referat: []"]
    lines += [
        "",
        "# De nye aftaler fra mødet. Hvert id skrives med små bogstaver og bindestreg og bruges aldrig igen.",
        "aftaler:",
        "  # - id: nyt-punkt",
        "  #   titel: …",
        "  #   ansvarlig: …",
        "  #   frist: ÅÅÅÅ-MM-DD",
        "  #   erstatter: [tidligere-id]   # når aftalen tager over fra et åbent punkt",
        "",
        "eventuelt:",
        "",
    ]
    return "\n".join(lines)


def new_round(start: Path, slug: str, year: int | None, dato: date | None, today: date) -> NewRound:
    """Write the file of the next round of dialogue ``slug``; never over an existing file."""
    report = check_clean(start, slug)
    dialog = report.dialog(slug)
    years = [r.year for r in dialog.rounds]
    latest = max(years) if years else None
    if year is None:
        year = latest + 1 if latest is not None else (dato or today).year
    path = report.root / AGREEMENTS_DIR / slug / f"{year}.yaml"
    shown = display(path, Path.cwd())
    if latest is not None and year < latest and not path.exists():
        raise AftaleError(f"runden {year} ligger før den seneste runde ({latest}). 'aftale ny' laver kun kommende "
                          "runder.")
    text = round_text(dialog, report.ledgers[slug], report.repository.settings, year, dato)
    create_new(path, text.encode("utf-8"), shown)
    before = report.ledgers[slug].before(year)
    return NewRound(path, year, len(before.open_points()) if before else 0)
