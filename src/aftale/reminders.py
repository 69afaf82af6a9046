"""``aftale status --inden DAGE``: the open points due within some days, and those overdue, for a reminder.

A scheduled CI job runs it with ``--streng``, which exits 1 when any point is overdue, so the job
fails and its e-mail reminds (docs/ci.md).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aftale.status import Awaiting, OpenPoint, as_json as status_json
from aftale.words import danish_date

#: The exit code of ``status --streng`` when a point is overdue.
EXIT_OVERDUE = 1


def due(points: list[OpenPoint], today: date, days: int) -> list[OpenPoint]:
    """The points whose frist has passed, or falls within ``days`` days of ``today`` (that day included)."""
    last = today + timedelta(days=days)
    return [point for point in points if point.frist is not None and point.frist <= last]


def as_json(points: list[OpenPoint], today: date, days: int, waiting: list[Awaiting]) -> dict[str, Any]:
    """``status --json --inden DAGE``: the structure of ``status --json``, its points the due ones, and ``inden``."""
    return {**status_json(points, today, waiting), "inden": days}


def summary(points: list[OpenPoint], today: date, days: int) -> str:
    """One line: how many points are due within the days, and how many are overdue."""
    last = danish_date(today + timedelta(days=days), keep_together=False)
    overdue = sum(p.overskredet for p in points)
    if not points:
        return f"Ingen åbne punkter har frist til og med {last} ({days} dage), og ingen frist er overskredet."
    coming = len(points) - overdue
    return (f"{coming} {'åbent punkt' if coming == 1 else 'åbne punkter'} med frist til og med {last} ({days} "
            f"dage) og {overdue} med overskredet frist pr. {danish_date(today, keep_together=False)}.")


def exit_code(points: list[OpenPoint], strict: bool) -> int:
    """1 when ``strict`` and any point is overdue; else 0."""
    return EXIT_OVERDUE if strict and any(p.overskredet for p in points) else 0

