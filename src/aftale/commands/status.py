"""``aftale status`` and ``aftale historik``: the open points of every dialogue, and the life of one point."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from aftale import status as reports
from aftale.workspace import Workspace


@dataclass(frozen=True)
class Status:
    """What ``aftale status`` shows: the open points, the rounds awaiting approval or signing, and the day."""

    points: list[reports.OpenPoint]
    waiting: list[reports.Awaiting]
    today: date

    def lines(self) -> list[str]:
        """The table of open points, the rounds that wait, and the summary, as the command prints them."""
        table = reports.table(self.points) if self.points else []
        return [*table, *(str(waiting) for waiting in self.waiting), reports.summary(self.points, self.today)]

    def json(self) -> dict[str, Any]:
        """The fixed structure of ``aftale status --json``."""
        return reports.as_json(self.points, self.today, self.waiting)


def status(start: Path, today: date) -> Status:
    """The open points of every dialogue of the repository at or above ``start``, their frister measured on
    ``today``."""
    checked = Workspace.open(start).clean()
    return Status(reports.open_points(checked, today), reports.awaiting(checked), today)


def history(start: Path, slug: str, point_id: str) -> list[str]:
    """The life of point ``point_id`` of dialogue ``slug``, round by round, as ``aftale historik`` prints it."""
    return reports.history(Workspace.open(start).clean(slug), slug, point_id)
