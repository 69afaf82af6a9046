"""The sub-points of the follow-up item and of the item of new points, each with its facts and its text.

A sub-point is a lettered paragraph (or, without letters, an outermost bullet); the paragraphs under it
are its facts, written as aftale's documents write them ("Aftalt: 2019", "Ansvarlig: …", "Status: …",
"Erstatter: 3/2019 …" or, as earlier versions wrote it, "Erstatter: … (aftalt 2019)"), and its text. A follow-up's status is the one its "Status:" says, else
the one its text states ("videreføres", "er opfyldt", …), else none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from aftale.importer.draft import DraftFollowUp, DraftPoint
from aftale.importer.items import BOILERPLATE, Context, blocks, sub_points, title_of
from aftale.importer.paragraphs import Para
from aftale.importer.vocabulary import NO_STATUS_WORDS, entry_fact, find_date, is_label, status_in
from aftale.model import Status

_QUOTED = re.compile(r"»([^«]+)«")
_REPLACED_FROM = re.compile(r"(?P<title>.+?)\s*\(aftalt (?P<year>\d{4})\)\s*$")
#: A replaced point by its label, as aftale's documents write it: "3/2019 Fleksibel udlejning".
_REPLACED_LABELLED = re.compile(r"\d{1,4}/(?P<year>(?:19|20|21)\d\d)\s+(?P<title>.+?)\s*$")
_STATUSES = {status.value: status for status in Status}
#: A status saying where a point was overført to, or where it came from: "overført til Fælles styringsdialog".
_MOVED = re.compile(r"overført (til|fra) (.+?)(?:\s*\(\d{4}\))?$", re.IGNORECASE)


def follow_ups(body: Sequence[Para], kind: str) -> tuple[list[DraftFollowUp], list[str]]:
    """The earlier points followed up, and the texts under the item that belong to none of them."""
    before, points = sub_points(body)
    found = []
    for head, paras in points:
        entry = DraftFollowUp(title_of(head.text))
        notes: list[Para] = []
        skipping = False
        for para in paras:
            fact = entry_fact(para.text) if not para.marked else None
            if fact is not None:
                skipping = fact[0] == "seneste"
                _follow_up_fact(entry, fact[0], fact[1])
                continue
            if skipping or (para.heading and re.match(r"seneste bemærkning", para.text, re.IGNORECASE)):
                skipping = True
                continue
            notes.append(para)
        if kind != "dagsorden":
            entry.referat = blocks(notes, base=head.level + 1 if head.bullet else 0)
            if entry.status is None and not entry.explicit:
                said = status_in(" ".join(p.text for p in notes))
                if said is not None:
                    entry.status, entry.evidence = said
        found.append(entry)
    unplaced = [p.text for p in before if not BOILERPLATE.fullmatch(p.text)]
    return found, unplaced


def _follow_up_fact(entry: DraftFollowUp, key: str, value: str) -> None:
    if key == "aftalt" and value[:4].isdigit():
        entry.origin = int(value[:4])
    elif key == "ansvarlig":
        entry.ansvarlig = value
    elif key == "frist":
        found = find_date(value)
        entry.frist = found[0] if found else None
    elif key == "status":
        entry.explicit = True
        entry.replaced_by = _QUOTED.findall(value)
        word = re.sub(r"^uændret \((.*)\)$", "", value.split(",")[0].strip()).strip()
        if "erstattet af" in word or word.casefold().startswith("videreført i ny form"):
            word = ""
        moved = _MOVED.match(value.strip())
        if moved is not None:  # "overført til Fælles styringsdialog", or "overført fra Lejerbo (2021)": arrived
            entry.status, entry.til = (Status.OVERFOERT, moved.group(2).strip()) if moved.group(1) == "til" \
                else (None, None)
            return
        if word.casefold() not in NO_STATUS_WORDS:
            entry.status = _STATUSES.get(word.casefold())


def mend_broken_facts(paras: Sequence[Para]) -> list[Para]:
    """``paras`` with an "Erstatter: … (aftalt 2019)" that a PDF broke over two lines made whole again."""
    mended: list[Para] = []
    for para in paras:
        last = mended[-1] if mended else None
        if (last is not None and not para.marked and not is_label(para.text)
                and last.text.casefold().startswith("erstatter:") and not _REPLACED_FROM.fullmatch(last.text)
                and _REPLACED_FROM.fullmatch(f"{last.text} {para.text}")):
            mended[-1] = Para(f"{last.text} {para.text}", level=last.level)
            continue
        mended.append(para)
    return mended


def new_points(body: Sequence[Para], context: Context) -> tuple[list[DraftPoint], list[str]]:
    """The points agreed, and the texts under the item that are none of them."""
    before, points = sub_points([p for p in mend_broken_facts(body) if not BOILERPLATE.fullmatch(p.text)])
    if not points and before and all(len(p.text) < 120 and not p.text.endswith(":") for p in before):
        points, before = [(p, []) for p in before], []
    found = []
    for head, paras in points:
        point = DraftPoint(title_of(head.text))
        described: list[Para] = []
        for para in paras:
            fact = entry_fact(para.text) if not para.marked else None
            if fact is not None and point_fact(point, fact[0], fact[1], context):
                continue
            department = next((a for a in context.afdelinger if a.casefold() == para.text.strip(" .").casefold()),
                              None)
            if department is not None and para.bullet:
                point.afdelinger.append(department)
                point.notes["afdelinger"] = "afdelingen er læst af et punkttegn under aftalen"
                continue
            described.append(para)
        point.beskrivelse = blocks(described, base=head.level + 1 if head.bullet else 0)
        found.append(point)
    return found, [p.text for p in before]


def point_fact(point: DraftPoint, key: str, value: str, context: Context) -> bool:
    """Set a fact of a new point ("Ansvarlig: …", "Afdelinger: …", "Erstatter: …"); False if it is none."""
    if key == "ansvarlig":
        point.ansvarlig = value
    elif key == "frist":
        found = find_date(value)
        if found is None:
            return False
        point.frist = found[0]
    elif key == "afdelinger":
        names = [name.strip() for name in re.split(r",|\bog\b", value) if name.strip()]
        known = [a for name in names for a in context.afdelinger if a.casefold() == name.casefold()]
        if len(known) != len(names):
            return False
        point.afdelinger.extend(known)
    elif key == "erstatter":
        for part in value.split(";"):
            replaced = _REPLACED_LABELLED.fullmatch(part.strip()) or _REPLACED_FROM.fullmatch(part.strip())
            point.erstatter.append((replaced.group("title"), int(replaced.group("year"))) if replaced
                                   else (part.strip(), None))
    elif key == "tema":
        point.tema = value
    else:
        return False
    return True
