"""One document's paragraphs become a :class:`~aftale.importer.draft.Draft`: its kind, year, meeting and items.

The title ("Referat", "Dagsorden", "Aftaledokument", the first of them near the top) says what the
document is; an aftaledokument is read by :mod:`~aftale.importer.agreement`. In a dagsorden or
referat the items are the paragraphs numbered 1, 2, 3, … in order at the outermost level ("Punkt 1:"
when the document writes its items so; the numbered headings when its items are headings), and
everything before the first item holds the meeting's facts (:mod:`~aftale.importer.meeting`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from aftale.importer.agreement import read_agreement
from aftale.importer.draft import Draft
from aftale.importer.entries import follow_ups, new_points
from aftale.importer.items import Context, agenda_item, eventuelt, title_of
from aftale.importer.lines import Line
from aftale.importer.meeting import read_meeting
from aftale.importer.paragraphs import Para, paragraphs
from aftale.importer.vocabulary import (
    ANY_YEAR, DOCUMENT_KINDS, DOCUMENT_TITLE, EVENTUELT_TITLE, FOLLOW_UP_TITLE, NEW_POINTS_TITLE, ROUND_YEAR,
    field_heading, find_date, meeting_fact,
)

#: How far down the title may stand (a note or a sender may come first).
_TITLE_WITHIN = 12
_SUBJECT = re.compile(r".*?\bom\s+(?P<subject>.+)", re.IGNORECASE)
_TRIVIAL = re.compile(r"(?:referat|dagsorden|indholdsfortegnelse|indhold|bilag)\s*:?", re.IGNORECASE)


def recognise(lines: Sequence[Line], name: str, context: Context) -> Draft:
    """The draft round of a document's ``lines``; ``name`` is its file name (its year may be in it)."""
    paras = paragraphs(lines)
    title_at, kind = _title(paras)
    draft = Draft(name, kind)
    heads = [paras[title_at]] if title_at is not None else []
    body = list(paras[title_at + 1:]) if title_at is not None else list(paras)
    if title_at is not None and body and re.search(r"styringsdialog|\bmellem\b", body[0].text, re.IGNORECASE):
        heads.append(body.pop(0))
    if title_at is not None:
        body = [*paras[:title_at], *body]
    else:
        draft.notes.append("dokumentet har ingen overskrift som 'Referat' eller 'Dagsorden'; det er læst som et "
                           "referat")
    if kind == "aftaledokument":
        read_agreement(draft, body, context)
    else:
        _read_meeting_document(draft, body, context, heads)
    _title_date(draft, heads)
    _year(draft, heads, name)
    return draft


def _title(paras: Sequence[Para]) -> tuple[int | None, str]:
    for index, para in enumerate(paras[:_TITLE_WITHIN]):
        found = DOCUMENT_TITLE.match(para.text)
        if found and not para.marked and meeting_fact(para.text) is None:
            return index, DOCUMENT_KINDS[found.group(1).casefold()]
        if found and para.text.casefold().startswith("referat ") and not para.marked:
            return index, "referat"
    return None, "referat"


def _read_meeting_document(draft: Draft, body: list[Para], context: Context, heads: Sequence[Para]) -> None:
    starts = _item_starts(body)
    if not starts:
        draft.meeting, rest = read_meeting(body)
        if rest:
            title = _subject(heads) or "Mødet"
            item, extra = agenda_item(Para(title), rest, draft.kind, context)
            item.notes["titel"] = ("dokumentet har ingen nummererede punkter, så hele teksten står under ét punkt; "
                                   "del det gerne op")
            draft.items.append(item)
            _extra_facts(draft, extra)
        return
    draft.meeting, front = read_meeting(body[:starts[0]])
    _front_leftovers(draft, front)
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(body)
        _item(draft, body[start], body[start + 1:end], context)
    draft.points_complete = draft.kind == "referat" and bool(draft.points)


def _item_starts(paras: Sequence[Para]) -> list[int]:
    """The indices of the items: numbered 1, 2, 3, … in order, with the same look as the first."""
    numbered = [i for i, p in enumerate(paras) if p.number is not None and p.level == 0 and not p.bullet]
    if any(paras[i].punkt for i in numbered):
        numbered = [i for i in numbered if paras[i].punkt]
    if not numbered:
        levels = [p.heading for p in paras if p.heading and meeting_fact(p.text) is None]
        top = min(levels, default=0)
        return [i for i, p in enumerate(paras) if top and p.heading == top and meeting_fact(p.text) is None
                and field_heading(p.text) is None and not _TRIVIAL.fullmatch(p.text)]
    first = paras[numbered[0]]
    if first.number is not None and first.number > 2:
        return []
    look = (bool(first.heading), first.bold)
    starts = []
    expected = first.number
    for index in numbered:
        para = paras[index]
        if para.number == expected and (look == (False, False) or (bool(para.heading), para.bold) == look):
            starts.append(index)
            expected = (expected or 0) + 1
    return starts


def _item(draft: Draft, head: Para, body: Sequence[Para], context: Context) -> None:
    title = head.text
    follow_up = FOLLOW_UP_TITLE.match(title)
    if follow_up is not None and not draft.follow_ups and not draft.points:
        if follow_up.group("year"):
            draft.follow_up_year = int(follow_up.group("year"))
        found, unread = follow_ups(body, draft.kind)
        draft.follow_ups.extend(found)
        draft.unread.extend(unread)
    elif NEW_POINTS_TITLE.fullmatch(title_of(title)):
        found_points, unread = new_points(body, context)
        draft.points.extend(found_points)
        draft.unread.extend(unread)
    elif EVENTUELT_TITLE.fullmatch(title_of(title)):
        draft.eventuelt = eventuelt(body)
    else:
        item, extra = agenda_item(head, body, draft.kind, context)
        draft.items.append(item)
        _extra_facts(draft, extra)


def _extra_facts(draft: Draft, texts: Sequence[str]) -> None:
    """Facts of the meeting found at the end of the text ("Referent" and a name)."""
    if texts:
        found, _ = read_meeting([Para(text) for text in texts])
        draft.meeting.referent = draft.meeting.referent or found.referent


def _front_leftovers(draft: Draft, front: Sequence[Para]) -> None:
    """A sentence right after the title is a remark (as aftale prints ``bemærkning``); the rest is noted."""
    for index, para in enumerate(front):
        if _TRIVIAL.fullmatch(para.text) or find_date(para.text) and len(para.text) < 30:
            continue
        if (index == 0 and draft.meeting.bemaerkning is None and para.text.endswith(".")
                and len(para.text.split()) >= 5):
            draft.meeting.bemaerkning = para.text
            draft.meeting.notes["bemærkning"] = "sætningen under overskriften er læst som en bemærkning til mødet"
            continue
        draft.unread.append(para.text)


def _subject(heads: Sequence[Para]) -> str | None:
    """What a meeting without numbered items was about: "Referat af møde … om forslag til …" gives
    "Forslag til …"."""
    for para in heads:
        found = _SUBJECT.match(para.text)
        if found:
            subject = title_of(found.group("subject"))
            return subject[:1].upper() + subject[1:]
    return None


def _title_date(draft: Draft, heads: Sequence[Para]) -> None:
    """The meeting's date from the title ("Referat af møde den 5. maj 2021 …") when no fact gave it."""
    if draft.meeting.dato is not None:
        return
    for para in heads:
        found = find_date(para.text)
        if found is not None:
            draft.meeting.dato = found[0]
            draft.meeting.notes["dato"] = f"datoen er læst af overskriften ('{found[1]}')"
            return


def _year(draft: Draft, heads: Sequence[Para], name: str) -> None:
    for para in heads:
        found = ROUND_YEAR.search(para.text)
        if found:
            draft.year, draft.year_from = int(found.group("year")), "overskriften"
            return
    if draft.follow_up_year is not None:
        draft.year = draft.follow_up_year + 1
        draft.year_from = f"opfølgningen på aftaledokumentet fra {draft.follow_up_year}"
        return
    in_name = ANY_YEAR.findall(Path(name).stem)
    if len(set(in_name)) == 1:
        draft.year, draft.year_from = int(in_name[0]), "filnavnet"
        return
    if draft.meeting.dato is not None:
        draft.year, draft.year_from = draft.meeting.dato.year, "mødets dato"
