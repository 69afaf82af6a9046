"""``aftale status`` and ``aftale historik``: the open points of every dialogue, and the life of one point."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from aftale import reminders, status as reports
from aftale.workspace import Workspace


@dataclass(frozen=True)
class Status:
    """What ``aftale status`` shows: the open points (with ``within``, only those due within so many days and the
    overdue), the rounds awaiting approval or signing, and the day."""

    points: list[reports.OpenPoint]
    waiting: list[reports.Awaiting]
    today: date
    within: int | None = None

    def lines(self) -> list[str]:
        """The table of open points, the rounds that wait, and the summary, as the command prints them."""
        table = reports.table(self.points) if self.points else []
        summary = (reminders.summary(self.points, self.today, self.within) if self.within is not None
                   else reports.summary(self.points, self.today))
        return [*table, *(str(waiting) for waiting in self.waiting), summary]

    def json(self) -> dict[str, Any]:
        """The fixed structure of ``aftale status --json`` (with ``inden`` for ``--inden``)."""
        if self.within is not None:
            return reminders.as_json(self.points, self.today, self.within, self.waiting)
        return reports.as_json(self.points, self.today, self.waiting)

    def exit_code(self, strict: bool) -> int:
        """1 when ``strict`` and a point is overdue (a scheduled job that reminds), else 0."""
        return reminders.exit_code(self.points, strict)


def status(start: Path, today: date, within: int | None = None) -> Status:
    """The open points of every dialogue of the repository at or above ``start``, their frister measured on
    ``today``; with ``within``, only those due within that many days, and the overdue."""
    checked = Workspace.open(start).clean()
    points = reports.open_points(checked, today)
    if within is not None:
        points = reminders.due(points, today, within)
    return Status(points, reports.awaiting(checked), today, within)


def history(start: Path, slug: str, point_id: str) -> list[str]:
    """The life of point ``point_id`` of dialogue ``slug``, round by round, as ``aftale historik`` prints it."""
    return reports.history(Workspace.open(start).clean(slug), slug, point_id)
