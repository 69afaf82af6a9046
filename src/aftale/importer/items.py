"""An item of the meeting and its text: an agenda item's fields, the follow-ups, the new points, Eventuelt.

An item's paragraphs are read in order. A field's heading ("Resumé", "Sagsfremstilling" / "Baggrund",
"Indstilling", "Referat", "Beslutning(er)", "Bilag") sends the paragraphs after it to that field;
text before any heading is the referat (in a dagsorden: the sagsfremstilling). The sub-points of the
follow-up item and of the item of new points are read by :mod:`~aftale.importer.entries`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from aftale.importer.draft import Blocks, DraftItem
from aftale.importer.paragraphs import Para
from aftale.importer.vocabulary import (
    CLOSED, FROM_PARTY, OPEN_MARK, OTHER_HEADINGS, entry_fact, field_heading, meeting_fact,
)
from aftale.model import Fra

#: A case number on a line of its own under an item's title, as Lemvig writes it: "03.30.05P20-1-18".
_CASE_NUMBER = re.compile(r"[0-9A-ZÆØÅ][0-9A-Za-zÆØÅ./-]*\d[0-9A-Za-z./-]*")
_DECISION = re.compile(r"(?:det (?:blev )?(?:besluttet|aftalt|aftales|vedtoges)|der (?:er|var) enighed om)\b",
                       re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;)»«\"”]$")
#: Sentences a document writes in place of sub-points (and Eventuelt's "Intet.").
BOILERPLATE = re.compile(r"(?:der er ingen åbne punkter fra \d{4}|nye punkter til aftaledokumentet aftales på "
                          r"mødet|der blev ikke aftalt nye punkter|følgende punkter blev aftalt.*|intet)\.?",
                          re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    """What the recogniser knows of the dialogue: the parties' names, its departments and the themes."""

    kommune: str
    boligorganisation: str
    afdelinger: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()


def blocks(paras: Sequence[Para], base: int = 0) -> Blocks:
    """Paragraphs as blocks: bullets at the outermost level become paragraphs, deeper ones bullets under them.

    Bullets right under a short paragraph that introduces them (a heading such as "Helhedsplaner", or a
    sentence ending in a colon) are bullets under it.
    """
    bullets = [p.level for p in paras if p.bullet]
    outer = min(bullets, default=0)
    found: list[tuple[int, str]] = []
    lead = False  # the paragraph before introduces the bullets after it
    for para in paras:
        text = f"{para.mark} {para.text}" if para.mark else para.text
        if not any(ch.isalnum() for ch in text):
            continue
        level = max(0, para.level - outer - base) if para.bullet else 0
        if not para.bullet:
            lead = text.endswith(":") or (len(text) < 60 and not _SENTENCE_END.search(text))
        elif lead:
            level += 1
        if found and level > found[-1][0] + 1:
            level = found[-1][0] + 1
        if not found and level:
            level = 0
        found.append((level, text))
    return tuple(found)


def sub_points(paras: Sequence[Para]) -> tuple[list[Para], list[tuple[Para, list[Para]]]]:
    """The paragraphs before the first sub-point, and each sub-point with the paragraphs under it.

    Sub-points are the lettered paragraphs; without letters, the outermost bullets that have text under
    them or stand alone; without either, the paragraphs with a number.
    """
    starts = [i for i, p in enumerate(paras) if p.letter is not None]
    if not starts:
        bullets = [p.level for p in paras if p.bullet]
        if bullets:
            outer = min(bullets)
            starts = [i for i, p in enumerate(paras) if p.bullet and p.level == outer]
    if not starts:
        starts = [i for i, p in enumerate(paras) if p.number is not None]
    if not starts:
        return list(paras), []
    found = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(paras)
        found.append((paras[start], list(paras[start + 1:end])))
    return list(paras[:starts[0]]), found


def title_of(text: str) -> str:
    """A title as aftale writes it: no mark of being open or closed, no full stop at the end."""
    text = OPEN_MARK.sub("", CLOSED.sub("", text)).strip()
    return text.rstrip(" .:") or text


def agenda_item(head: Para, body: Sequence[Para], kind: str, context: Context) -> tuple[DraftItem, list[str]]:
    """One agenda item with its fields; also the texts of meeting facts found in it (a referent at the end)."""
    title = head.text
    item = DraftItem(title_of(title), lukket=bool(CLOSED.search(title)))
    if item.lukket and not item.titel.strip(" :"):
        item.titel = "Lukket punkt"
        item.notes["titel"] = "punktet er lukket og har ingen titel i dokumentet; skriv punktets titel"
    party = FROM_PARTY.fullmatch(item.titel)
    rest = list(body)
    if party is not None:
        item.fra = _party(party.group("party"), context)
        if not party.group("rest") and rest and (rest[0].letter is not None or rest[0].bullet):
            item.titel = f"{item.titel}: {title_of(rest.pop(0).text)}"
            item.notes["titel"] = "titlen er sat sammen af punktets overskrift og dets første underpunkt"
    fields: dict[str, list[Para]] = {}
    default = "sagsfremstilling" if kind == "dagsorden" else "referat"
    current: str | None = None
    facts_done = False
    extra: list[str] = []
    for index, para in enumerate(rest):
        text = para.text
        if not facts_done:
            fact = entry_fact(text)
            if fact is not None and fact[0] in ("sagsnr", "fremsat", "behandling"):
                _item_fact(item, fact[0], fact[1], context)
                continue
            if index == 0 and _CASE_NUMBER.fullmatch(text) and sum(c.isdigit() for c in text) >= 4:
                item.sagsnr = text
                continue
        facts_done = True
        heading = field_heading(text) if not para.marked else None
        if heading is not None:
            current = heading
            remainder = re.split(r"[:,]\s*", text, maxsplit=1)
            if heading == "indstilling" and len(remainder) > 1 and remainder[1].strip():
                fields.setdefault(current, []).append(Para(remainder[1].strip()))
            continue
        fact = meeting_fact(text)
        if fact is not None and fact[0] == "referent":
            extra.append(text if fact[1] else f"{text}\t{rest[index + 1].text}" if index + 1 < len(rest) else text)
            if not fact[1] and index + 1 < len(rest):
                rest[index + 1] = Para("")
            continue
        if OTHER_HEADINGS.fullmatch(text) and current is None:
            current = "sagsfremstilling"
        field = current or default
        if current is None and kind == "referat" and _DECISION.match(text):
            field = "beslutning"
            item.notes["beslutning"] = "afsnittet er flyttet fra referatet til beslutningen, fordi det begynder " \
                                       f"'{_DECISION.match(text).group()}'"  # type: ignore[union-attr]
        fields.setdefault(field, []).append(para)
    for name, paras in fields.items():
        if name == "bilag":
            item.bilag = [p.text for p in paras if p.text.strip()]
        else:
            setattr(item, {"resumé": "resume"}.get(name, name), blocks(paras))
    return item, extra


def _item_fact(item: DraftItem, key: str, value: str, context: Context) -> None:
    if key == "sagsnr":
        item.sagsnr = value
    elif key == "fremsat":
        item.fra = _party(value, context)
    elif key == "behandling" and "lukket" in value.casefold():
        item.lukket = True


def _party(name: str, context: Context) -> Fra | None:
    folded = name.casefold().strip()
    if folded in (context.kommune.casefold(), "kommunen") or folded.endswith("kommune"):
        return Fra.KOMMUNEN
    if folded in (context.boligorganisation.casefold(), "boligorganisationen", "boligselskabet") or \
            context.boligorganisation.casefold() in folded:
        return Fra.BOLIGORGANISATIONEN
    return None


def eventuelt(body: Sequence[Para]) -> Blocks:
    """The text of Eventuelt, without the "Intet." a document writes when there was nothing."""
    kept = [p for p in body if not BOILERPLATE.fullmatch(p.text) and not _CASE_NUMBER.fullmatch(p.text)
            and field_heading(p.text) is None and not OTHER_HEADINGS.fullmatch(p.text)]
    return blocks(kept)
