"""The meeting's facts and participants, from the paragraphs before the first item.

Facts are read by their labels ("Mødedato", "Tid", "Sted", "Sagsnr." / "Sags ID", "Referent",
"Mødedeltagere" / "Deltagere" / "Tilstede", "Fraværende" / "Afbud"), with the value after the label,
after a tab (a table's cells) or on the next line. Participants are one to a line or listed with commas
and "og"; "Organisation: Formand Navn og direktør Navn" and "Fra Organisation:" give their organisation
and role, "(afbud)" and "(referent)" what they say (one with "(afbud)" among the participants is absent).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from aftale.importer.draft import DraftMeeting, DraftPerson
from aftale.importer.paragraphs import Para
from aftale.importer.vocabulary import ROLE_WORDS, find_date, find_time, is_label, meeting_fact

_SPLIT = re.compile(r"\s*,\s*|(?<!-)\s+og\s+")
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)\s*$")
_GROUP = re.compile(r"fra\s+(.+?)\s*:", re.IGNORECASE)
_ORGANISATION = re.compile(r"([^:;]{2,60}?)\s*[:;]\s+(.+)")
_NAME_WORD = re.compile(r"[A-ZÆØÅ][\w'’.-]*")


def read_meeting(paras: Sequence[Para]) -> tuple[DraftMeeting, list[Para]]:
    """The meeting's facts found in ``paras``, and the paragraphs that are no fact."""
    meeting = DraftMeeting()
    rest: list[Para] = []
    pending: str | None = None      # a label whose value is on the next line
    people: str | None = None       # the list being read: "deltagere" or "fraværende"
    organisation: str | None = None  # "Fra Slagelse Kommune:" names the organisation of the lines under it
    inline: str | None = None        # the names written after the label, perhaps broken over several lines
    for para in paras:
        text = para.text
        fact = meeting_fact(text) if not para.marked or people is None else None
        if inline is not None and people is not None:
            longer = f"{inline} {text}"
            if fact is None and not para.heading and not para.marked and _people(longer, None):
                inline = longer
                continue
            _add_people(meeting, people, inline, None)
            inline = None
        if fact is not None:
            key, value = fact
            pending = people = organisation = None
            if key in ("deltagere", "fraværende"):
                people = key
                inline = value or None
            elif value:
                _fact(meeting, key, value)
            else:
                pending = key
            continue
        if pending is not None:
            _fact(meeting, pending, text)
            pending = None
            continue
        if people is not None:
            group = _GROUP.fullmatch(text)
            if group:
                organisation = group.group(1)
                continue
            if _looks_like_people(text):
                _add_people(meeting, people, text, organisation)
                continue
            people = organisation = None
        rest.append(para)
    if inline is not None and people is not None:
        _add_people(meeting, people, inline, None)
    return meeting, rest


def _fact(meeting: DraftMeeting, key: str, value: str) -> None:
    value = value.strip()
    if key == "dato":
        found = find_date(value)
        if found is not None:
            meeting.dato = found[0]
        time = find_time(value.replace(found[1], " ") if found else value)
        if time and meeting.tid is None:
            meeting.tid = time
    elif key == "tid":
        meeting.tid = find_time(value) or value
    elif key == "sted":
        meeting.sted = value
    elif key == "sagsnr":
        meeting.sagsnr = value
    elif key == "referent":
        meeting.referent = value.rstrip(".")
    elif key == "bemærkning":
        meeting.bemaerkning = value[:1].upper() + value[1:]


def _looks_like_people(text: str) -> bool:
    """True when ``text`` names people: names with capitals, no sentence, no label."""
    if is_label(text) and not _ORGANISATION.fullmatch(text):
        return False
    return bool(_people(text, None))


def _add_people(meeting: DraftMeeting, key: str, text: str, organisation: str | None) -> None:
    for person in _people(text, organisation):
        if person.referent:
            meeting.referent = meeting.referent or person.navn
        absent = key == "fraværende" or person.afbud
        (meeting.fravaerende if absent else meeting.deltagere).append(person)


def _people(text: str, organisation: str | None) -> list[DraftPerson]:
    """The people named in ``text``; an empty list when it is no list of names."""
    text = text.strip().rstrip(".").rstrip(",")
    prefix = _ORGANISATION.fullmatch(text)
    if prefix and not _is_name(prefix.group(1)):
        organisation, text = prefix.group(1).strip(), prefix.group(2)
    found = []
    for part in _SPLIT.split(text):
        person = _person(part.strip(), organisation)
        if person is None:
            return []
        found.append(person)
    return found


def _person(text: str, organisation: str | None) -> DraftPerson | None:
    rolle = None
    referent = afbud = False
    note = _PARENTHESIS.search(text)
    if note:
        text, said = text[:note.start()].strip(), note.group(1).strip()
        referent = said.casefold() == "referent"
        afbud = said.casefold() in ("afbud", "fraværende")
        if not (referent or afbud):
            rolle = said
    words = text.split()
    roles = []
    while len(words) > 2 and (ROLE_WORDS.fullmatch(words[0]) or words[0].endswith("-") or words[0] == "og"
                              or words[0][:1].islower()):
        roles.append(words.pop(0))
    if roles and rolle is None:
        rolle = " ".join(roles)
        rolle = rolle[:1].lower() + rolle[1:]
    name = " ".join(words)
    if not _is_name(name):
        return None
    return DraftPerson(name, organisation, rolle, referent, afbud)


def _is_name(text: str) -> bool:
    """True for a person's name: two to five words, each beginning with a capital (or a short particle)."""
    words = text.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in text):
        return False
    return all(_NAME_WORD.fullmatch(word) or word in ("von", "van", "de", "la", "du") for word in words)
