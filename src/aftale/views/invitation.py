"""The view of a meeting's invitation: the calendar request and the e-mail that carries it, already in Danish.

The agenda in the invitation is the dagsorden's own view (:func:`aftale.views.build.view`), so the
invitation lists exactly what the attached dagsorden lists. :mod:`aftale.render.ics` and
:mod:`aftale.render.eml` write it and compute nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date

from aftale.model import Dialog, Round, Settings
from aftale.timerange import parse_time_range
from aftale.views.calendar import (
    REQUEST, Attendee, CalendarView, Event, agenda_lines, meeting_times, meeting_title, plain, stamp, uid,
)
from aftale.views.model import Document
from aftale.views.text import clean, name_of
from aftale.words import Words, danish_date


@dataclass(frozen=True)
class Invitation:
    """A meeting's invitation: the calendar request and the e-mail draft that carries it.

    :param body: the e-mail's text, paragraph by paragraph.
    :param not_invited: the invited people without an e-mail address, by name.
    :param boundary: the MIME boundary of the e-mail, made from its contents so the bytes never vary.
    """

    calendar: CalendarView
    subject: str
    body: tuple[str, ...]
    sender: Attendee
    recipients: tuple[Attendee, ...]
    not_invited: tuple[str, ...]
    message_id: str
    boundary: str

    @property
    def event(self) -> Event:
        """The meeting."""
        return self.calendar.events[0]


def sequence(remembered: Any, now: str) -> tuple[int, dict[str, Any]]:
    """The invitation's SEQUENCE, and what to remember: one more than last time when time or place has changed.

    :param remembered: what the last invitation of this meeting remembered (None the first time).
    :param now: the meeting's date, time and place now (:func:`fingerprint`).
    """
    last = remembered if isinstance(remembered, Mapping) else {}
    number = last.get("sekvens")
    if not isinstance(number, int) or isinstance(number, bool) or number < 0:
        return 0, {"sekvens": 0, "tid-og-sted": now}
    if last.get("tid-og-sted") != now:
        number += 1
    return number, {"sekvens": number, "tid-og-sted": now}


def fingerprint(round_: Round) -> str:
    """The meeting's date, time and place, as :func:`sequence` compares them."""
    meeting = round_.moede
    assert meeting is not None and meeting.dato is not None and meeting.tid
    hours = parse_time_range(meeting.tid)
    return f"{meeting.dato.isoformat()} {hours.start:%H:%M}-{hours.end:%H:%M} {meeting.sted or ''}"


def invitation_view(w: Words, dialog: Dialog, round_: Round, agenda: Document, settings: Settings,
                    number: int = 0) -> Invitation:
    """The invitation to the meeting of ``round_``, which has a date, a readable time and a sender's address.

    :param agenda: the dagsorden of ``round_`` (its view), whose items the invitation lists.
    :param number: the invitation's SEQUENCE (:func:`sequence`).
    """
    meeting = round_.moede
    assert meeting is not None and meeting.dato is not None and meeting.tid and settings.afsender_e_mail
    hours = parse_time_range(meeting.tid)
    start, end = meeting_times(meeting.dato, hours)
    sender = Attendee(clean(settings.afsender or dialog.kommune), settings.afsender_e_mail)
    invited = (*meeting.deltagere, *meeting.fravaerende)
    recipients = tuple(dict.fromkeys(Attendee(clean(p.navn), p.e_mail) for p in invited if p.e_mail))
    place = plain(clean(meeting.sted)) if meeting.sted else None
    title = meeting_title(w, dialog)
    lines = [plain(agenda.heading)]
    if place:
        lines.append(w("invitation.sted", sted=place))
    lines += ["", w("invitation.dagsorden"), *agenda_lines(agenda)]
    event = Event(uid(dialog.kommune, dialog.slug, str(round_.year), "meeting"), title, start, end, "\n".join(lines),
                  place, number, sender, recipients)
    calendar = CalendarView(title, REQUEST, stamp([meeting.dato], meeting.dato), (event,))
    day = danish_date(meeting.dato, keep_together=False)
    weekday = format_date(meeting.dato, "EEEE", locale="da_DK")
    when = {"ugedag": weekday, "dato": day, "fra": f"{hours.start:%H.%M}", "til": f"{hours.end:%H.%M}"}
    # a joint meeting is named as its dagsorden names it: every organisation at the table
    invite = (w("invitation.indbydelse-fælles", overskrift=plain(agenda.heading), **when) if dialog.is_joint
              else w("invitation.indbydelse", **{"år": round_.year}, kommune=clean(dialog.kommune),
                     boligorganisation=name_of(w, dialog), **when))
    body = [w("invitation.hilsen"), invite]
    if place:
        body.append(w("invitation.sted", sted=place))
    body += [w("invitation.bilag"), f"{w('invitation.afslutning')}\n{sender.name}"]
    subject = w("invitation.emne", titel=title, dato=day)
    digest = hashlib.sha256("\0".join([event.uid, str(number), subject, *body, *lines,
                                       *(f"{a.name}\0{a.address}" for a in recipients)]).encode()).hexdigest()
    domain = settings.afsender_e_mail.rpartition("@")[2]
    return Invitation(calendar, subject, tuple(body), sender, recipients,
                      tuple(clean(p.navn) for p in invited if not p.e_mail), f"<{event.uid}.{number}@{domain}>",
                      f"=_aftale_{digest[:32]}")
