"""An aftaledokument: its new points by theme, the points carried on, those closed, and the signatures.

aftale's own aftaledokument has the sections "Nye aftaler" (grouped under the themes), "Videreførte
aftaler", "Videreført i ny form", "Afsluttet i ÅR" and "Underskrifter"; the overview table and an
indicator's table and chart are left out (an indicator is noted for the secretary to write). An
aftaledokument without those sections is read as a list of new points.
"""

from __future__ import annotations

import re

from collections.abc import Sequence

from aftale.importer.draft import Draft, DraftPoint
from aftale.importer.entries import follow_ups, mend_broken_facts, new_points, point_fact
from aftale.importer.items import Context, blocks, title_of
from aftale.importer.meeting import read_meeting
from aftale.importer.paragraphs import Para
from aftale.importer.vocabulary import agreement_section, entry_fact, find_date

_INDICATOR_NOTE = "aftalen har en indikator i dokumentet, som ikke er læst; skriv den under 'indikator:'"


def read_agreement(draft: Draft, paras: Sequence[Para], context: Context) -> None:
    """Fill ``draft`` from the paragraphs of an aftaledokument after its title."""
    paras = mend_broken_facts(paras)
    first = next((i for i, p in enumerate(paras) if not p.marked and agreement_section(p.text)), None)
    if first is None:
        start = next((i for i, p in enumerate(paras) if p.marked), len(paras))
        draft.meeting, _ = read_meeting(paras[:start])
        draft.points, unread = new_points(paras[start:], context)
        draft.unread.extend(unread)
        return
    draft.meeting, _ = read_meeting(paras[:first])
    sections: list[tuple[str, list[Para]]] = []
    for para in paras[first:]:
        section = agreement_section(para.text) if not para.marked else None
        if section is not None and section != "øvrige":
            sections.append((section, []))
        else:
            sections[-1][1].append(para)
    for section, body in sections:
        if section == "nye":
            draft.points.extend(_new(body, context))
        elif section in ("videreførte", "afsluttet", "ny-form"):
            found, _ = follow_ups(body, "aftaledokument")
            draft.follow_ups.extend(found)
        elif section == "underskrifter":
            _signatures(draft, body, context)


def _new(body: Sequence[Para], context: Context) -> list[DraftPoint]:
    """The new points, each under the theme heading before it."""
    themes = {theme.casefold(): theme for theme in context.themes}
    found: list[DraftPoint] = []
    tema: str | None = None
    entry: list[Para] = []
    for para in [*body, Para("", number=0)]:
        heading = para.text.strip(" :").casefold()
        if not para.marked and (heading in themes or agreement_section(para.text) == "øvrige"):
            found.extend(_point(entry, tema, context))
            entry, tema = [], themes.get(heading)
            continue
        if para.marked and para.level == 0 and not para.bullet and entry:
            found.extend(_point(entry, tema, context))
            entry = []
        entry.append(para)
    return found


def _point(entry: list[Para], tema: str | None, context: Context) -> list[DraftPoint]:
    if not entry or not entry[0].marked:
        return []
    point = DraftPoint(title_of(entry[0].text), tema=tema)
    described: list[Para] = []
    for para in entry[1:]:
        fact = entry_fact(para.text) if not para.marked else None
        if fact is not None and fact[0] == "indikator":
            point.notes["titel"] = _INDICATOR_NOTE
            break
        if fact is not None and point_fact(point, fact[0], fact[1], context):
            continue
        described.append(para)
    point.beskrivelse = blocks(described)
    return [point]


#: A party in aftale's statement of who signed when: "af Lejerbo (Bent Bolig, formand) den 24. november 2020".
_SIGNED_BY = re.compile(r"\baf (?P<party>.+?)(?: \([^)]*\))? den (?P<date>\d{1,2}\.\s*\w+\s+\d{4})")


def _signatures(draft: Draft, body: Sequence[Para], context: Context) -> None:
    """The dates each party signed: "For Lejerbo", then "Dato: 24. november 2020"; or aftale's statement
    "Underskrevet af Næstved Kommune den 20. november 2020 og af Lejerbo den 24. november 2020."."""
    parties = {context.kommune.casefold(): "kommune", context.boligorganisation.casefold(): "boligorganisation"}
    party: str | None = None
    for para in body:
        text = para.text
        if text.casefold().startswith("underskrevet af "):
            for signed in _SIGNED_BY.finditer(text):
                found = find_date(signed.group("date"))
                who = parties.get(signed.group("party").strip().casefold())
                if found is not None and who is not None:
                    draft.signed[who] = found[0]
            continue
        if text.casefold().startswith("for "):
            name = text[4:].strip().casefold()
            party = ("kommune" if name == context.kommune.casefold() else
                     "boligorganisation" if name == context.boligorganisation.casefold() else None)
        elif party is not None and text.casefold().startswith("dato:"):
            found = find_date(text)
            if found is not None:
                draft.signed[party] = found[0]
