"""iCalendar (RFC 5545): a :class:`~aftale.views.calendar.CalendarView` as the bytes of an .ics file.

Written with the ``icalendar`` library, which folds lines at 75 octets, ends them with CRLF and
escapes ``,;\\`` and line breaks in text; the VTIMEZONE of a meeting's time zone is made from the
time zone database, only for the years the calendar's meetings fall in, so the bytes stay the same
from run to run and machine to machine. An invitation (METHOD:REQUEST) names its ORGANIZER and asks
every ATTENDEE to answer (RSVP=TRUE), which is what makes Outlook show Accept and Decline.
"""

from __future__ import annotations

from datetime import date, datetime

import icalendar

from aftale.views.calendar import REQUEST, Attendee, CalendarView, Event

#: Who made the calendar (PRODID): the program, in the form RFC 5545 asks for.
PRODUCT = "-//aftale//Styringsdialog//DA"


def write(calendar: CalendarView) -> bytes:
    """The .ics file of ``calendar``."""
    ical = icalendar.Calendar()
    ical.add("prodid", PRODUCT)
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("method", calendar.method)
    ical.add("x-wr-calname", calendar.name)
    for event in calendar.events:
        ical.add_component(_event(event, calendar))
    timed = [event.start for event in calendar.events if isinstance(event.start, datetime)]
    if timed:
        ical.add_missing_timezones(first_date=date(min(timed).year, 1, 1), last_date=date(max(timed).year + 1, 1, 1))
    data: bytes = ical.to_ical()
    return data


def _event(event: Event, calendar: CalendarView) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", event.uid)
    entry.add("dtstamp", calendar.stamp)
    entry.add("sequence", event.sequence)
    entry.add("dtstart", event.start)
    entry.add("dtend", event.end)
    entry.add("summary", event.summary)
    if event.location:
        entry.add("location", event.location)
    if event.description:
        entry.add("description", event.description)
    timed = isinstance(event.start, datetime)
    entry.add("transp", "OPAQUE" if timed else "TRANSPARENT")  # an all-day frist never makes anyone busy
    if calendar.method == REQUEST:
        entry.add("status", "CONFIRMED")
    if event.organizer is not None:
        entry.add("organizer", _address(event.organizer))
    for attendee in event.attendees:
        entry.add("attendee", _address(attendee, CUTYPE="INDIVIDUAL", ROLE="REQ-PARTICIPANT",
                                       PARTSTAT="NEEDS-ACTION", RSVP="TRUE"))
    return entry


def _address(person: Attendee, **parameters: str) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{person.address}")
    address.params["CN"] = person.name
    for name, value in parameters.items():
        address.params[name] = value
    return address
