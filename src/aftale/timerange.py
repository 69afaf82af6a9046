"""A meeting's time as a range of the day: the one reader of ``tid`` ("12:30–14:00", "12.30-14", "kl. 9-11").

``tjek`` warns about a ``tid`` this cannot read as a time at all (the documents show the text as it
stands); a start time alone ("kl. 17", as minutes often write it) is no warning. ``aftale invitation``
refuses both, for a calendar needs the start and the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

#: A time of day: 9, 09, 9:30, 9.30 (hours and, after a colon or a full stop, minutes).
_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
#: "kl.", "kl", "klokken" before a time, and "fra" before the first.
_KL = r"(?:kl(?:okken|\.)?\s*)?"
_RANGE = re.compile(rf"(?:fra\s+)?{_KL}{_TIME}\s*(?:-|–|—|\btil\b)\s*{_KL}{_TIME}\.?", re.IGNORECASE)
_ONE = re.compile(rf"(?:fra\s+)?{_KL}{_TIME}\.?", re.IGNORECASE)

#: How a range is written in the examples of messages.
EXAMPLE = "12:30–14:00"


class TimeRangeError(ValueError):
    """A text that is no range of the day; the message says why, in Danish, to follow "kan ikke læses: "."""


class StartOnly(TimeRangeError):
    """A time of day alone ("kl. 17"): when the meeting begins, as minutes often say it, but not when it ends."""


@dataclass(frozen=True)
class TimeRange:
    """When a meeting begins and ends on its day."""

    start: time
    end: time


def parse_time_range(text: str) -> TimeRange:
    """The range ``text`` writes, such as "12:30–14:00", "12.30-14", "kl. 9-11" or "9 til 11".

    :raises TimeRangeError: when ``text`` is no range of one day, saying why.
    """
    text = text.strip()
    match = _RANGE.fullmatch(text)
    if match is None:
        if _ONE.fullmatch(text):
            raise StartOnly(f"der står kun, hvornår mødet begynder. Skriv også, hvornår det slutter, fx {EXAMPLE}")
        raise TimeRangeError(f"skriv, hvornår mødet begynder og slutter, fx {EXAMPLE}, 12.30-14 eller kl. 9-11")
    start = _time(match.group(1), match.group(2))
    end = _time(match.group(3), match.group(4))
    if end <= start:
        raise TimeRangeError(f"mødet slutter ({end:%H:%M}), før det begynder ({start:%H:%M}). Ret et af "
                             "klokkeslættene")
    return TimeRange(start, end)


def _time(hours: str, minutes: str | None) -> time:
    hour, minute = int(hours), int(minutes or 0)
    if hour > 23 or minute > 59:
        shown = f"{hours}:{minutes}" if minutes else hours
        raise TimeRangeError(f"'{shown}' er ikke et klokkeslæt; timerne går fra 0 til 23 og minutterne fra 00 til 59")
    return time(hour, minute)
