"""The view of a calendar: its entries (a meeting, the frister of open points), already in Danish.

:mod:`aftale.render.ics` writes a :class:`CalendarView` as iCalendar and computes nothing. Every entry
has a UID made from what it is (the dialogue, the round or the point), never from the clock, so the
same entry keeps its UID from run to run and a calendar that has it updates it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from aftale.ledger import PointState
from aftale.model import Dialog, Round
from aftale.timerange import TimeRange, TimeRangeError, parse_time_range
from aftale.views.entries import status_text
from aftale.views.model import Document
from aftale.views.text import NO_BREAK, clean, name_of
from aftale.words import Words

#: The time zone of every meeting: Danish time, with its summer time.
TIMEZONE = "Europe/Copenhagen"
#: The calendar's method: a request to attend (an invitation), or entries to show (a subscribed calendar).
REQUEST, PUBLISH = "REQUEST", "PUBLISH"
_UID_NAMESPACE = uuid.UUID("6f0c3a52-55a4-4bb8-9a57-0c6f1d2c7a11")


@dataclass(frozen=True)
class Attendee:
    """A person with an e-mail address: an attendee, or the organizer."""

    name: str
    address: str


@dataclass(frozen=True)
class Event:
    """One entry of a calendar: a meeting at a time of day, or an all-day entry (``start`` a date).

    :param end: when it ends; for an all-day entry the day after its last day.
    """

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime
    description: str = ""
    location: str | None = None
    sequence: int = 0
    organizer: Attendee | None = None
    attendees: tuple[Attendee, ...] = ()


@dataclass(frozen=True)
class CalendarView:
    """A calendar: its name, its method and its entries, all stamped with ``stamp`` (a UTC time from the inputs)."""

    name: str
    method: str
    stamp: datetime
    events: tuple[Event, ...]


def uid(*parts: str) -> str:
    """The UID of the entry named by ``parts`` (kommune, dialogue, round or point, kind): the same every run."""
    return str(uuid.uuid5(_UID_NAMESPACE, "\0".join(parts)))


def stamp(days: Iterable[date | None], fallback: date) -> datetime:
    """The DTSTAMP of a calendar: midnight UTC of the latest of ``days`` (``fallback`` if there is none)."""
    latest = max((day for day in days if day is not None), default=fallback)
    return datetime.combine(latest, time(0), timezone.utc)


def meeting_times(day: date, hours: TimeRange) -> tuple[datetime, datetime]:
    """The start and end of a meeting on ``day`` in Danish time."""
    zone = ZoneInfo(TIMEZONE)
    return datetime.combine(day, hours.start, zone), datetime.combine(day, hours.end, zone)


def meeting_title(w: Words, dialog: Dialog) -> str:
    """The meeting's title in a calendar: "Styringsdialog Næstved Kommune – Lejerbo"."""
    return w("invitation.titel", kommune=clean(dialog.kommune), boligorganisation=name_of(w, dialog))


def agenda_lines(agenda: Document) -> list[str]:
    """The items of a dagsorden or referat as plain lines: "1. Dokumentationspakken", "   a) Social vicevært"."""
    found = []
    for item in agenda.items:
        found.append(f"{item.number}. {plain(item.title)}")
        found.extend(f"   {entry.label} {plain(entry.title)}" for entry in item.entries)
    return found


def meeting_event(w: Words, dialog: Dialog, round_: Round, public_minutes: Document | None) -> Event | None:
    """The meeting of a published round on the site's calendar, or None when it has no date.

    A meeting whose ``tid`` reads as a range is an entry at that time; otherwise an all-day entry. Its
    description lists the items as ``public_minutes`` (the public referat) shows them, if it is published.
    """
    meeting = round_.moede
    if meeting is None or meeting.dato is None:
        return None
    start: date | datetime = meeting.dato
    end: date | datetime = meeting.dato + timedelta(days=1)
    if meeting.tid:
        try:
            start, end = meeting_times(meeting.dato, parse_time_range(meeting.tid))
        except TimeRangeError:
            pass
    lines = [plain(public_minutes.heading)] if public_minutes else []
    if public_minutes is not None:
        lines += ["", w("kalender.punkter"), *agenda_lines(public_minutes)]
    return Event(uid(dialog.kommune, dialog.slug, str(round_.year), "meeting"), meeting_title(w, dialog), start, end,
                 "\n".join(lines), plain(clean(meeting.sted)) if meeting.sted else None)


def deadline_event(w: Words, dialog: Dialog, state: PointState) -> Event:
    """The frist of an open point as an all-day entry: its title and organisation, who is responsible, its status."""
    assert state.frist is not None
    lines = [f"{w('etiketter.ansvarlig')}: {clean(state.ansvarlig)}"] if state.ansvarlig else []
    lines += [f"{w('etiketter.status')}: {status_text(w, state.status)}",
              f"{w('etiketter.aftalt')}: {state.origin}",
              f"{w('kalender.dialog')}: {meeting_title(w, dialog)} ({dialog.slug})"]
    summary = w("kalender.frist", titel=plain(clean(state.point.titel)),
                boligorganisation=name_of(w, dialog))
    return Event(uid(dialog.kommune, dialog.slug, state.id, "deadline"), summary, state.frist,
                 state.frist + timedelta(days=1), "\n".join(lines))


def plain(text: str) -> str:
    """A document's text as a calendar or a mail holds it: ordinary spaces, no no-break ones."""
    return text.replace(NO_BREAK, " ")
