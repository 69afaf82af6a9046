"""Reading calendars and e-mails back the way a program would: icalendar for .ics (and the raw lines by hand), the
standard library's email parser for .eml."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
#: A dialogue whose names hold æ, ø and å.
DIALOG = """\
kommune: Næstved Kommune
boligorganisation: Boligselskabet Østergård
"""


def calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def event(path: Path) -> icalendar.Event:
    events = calendar(path).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def unfolded(data: bytes) -> list[str]:
    """The content lines of an .ics, read by hand: CRLF splits them, a line that begins with a space continues the
    one before."""
    assert b"\n" not in data.replace(b"\r\n", b""), "every line ends with CRLF"
    lines: list[str] = []
    for raw in data.split(b"\r\n")[:-1]:
        assert len(raw) <= 75, f"a line longer than 75 octets: {raw!r}"
        text = raw.decode("utf-8")  # a fold never splits a character
        if text.startswith(" "):
            lines[-1] += text[1:]
        else:
            lines.append(text)
    return lines


def mail(path: Path) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert isinstance(message, EmailMessage)
    return message
