"""The states of a ledger: what a replay says of each agreed point after each round, and of the dialogue.

Immutable values, made by :mod:`aftale.ledger.book`; the views, the status and the calendars read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from aftale.errors import Problem
from aftale.model import Blocks, Measure, Point, Status


class Step(NamedTuple):
    """What one round said of a point: the status it gave, its notes, what took the point over, and the
    ansvarlig and frist it set (None where it kept them); the dialogue whose round it was, and where a
    status ``overført`` sent the point."""

    year: int
    status: Status | None = None
    referat: Blocks = ()
    replaced_by: tuple[str, ...] = ()
    ansvarlig: str | None = None
    frist: date | None = None
    maaling: Measure | None = None
    dialog: str = ""
    til: str | None = None


class PointState(NamedTuple):
    """An agreed point as it stands after a round.

    Immutable like the model's types; a named tuple because a replay makes one per
    follow-up (hundreds of thousands at national scale) and tuples are cheap to make.
    """

    point: Point
    origin: int
    since: int
    status: Status | None = None
    ansvarlig: str | None = None
    frist: date | None = None
    closed_in: int | None = None
    replaced_by: tuple[str, ...] = ()
    note: Blocks = ()
    note_year: int | None = None
    unfollowed: tuple[int, ...] = ()
    history: tuple[Step, ...] = ()
    #: The indicator's values measured so far, by year: those agreed with it and those of later follow-ups.
    measurements: tuple[Measure, ...] = ()
    #: The dialogue the point was agreed in, when that is not this ledger's dialogue (it was ``overført`` here).
    home: str | None = None
    #: The dialogue a status ``overført`` sent the point to (it is closed here, and open there).
    moved_to: str | None = None

    @property
    def id(self) -> str:
        """The point's id in this dialogue: its own id, or ``<dialog>/<id>`` for a point agreed in another."""
        return f"{self.home}/{self.point.id}" if self.home else self.point.id

    @property
    def arrived(self) -> bool:
        """True for a point agreed in another dialogue and ``overført`` to this one."""
        return self.home is not None

    @property
    def is_open(self) -> bool:
        """True while the point is on the list: no status yet, or an open one."""
        return self.closed_in is None


@dataclass(frozen=True)
class RoundState:
    """Every point agreed up to a round, as that round left them, in the order they were agreed."""

    year: int
    points: tuple[PointState, ...]
    not_followed_up: tuple[str, ...] = ()

    def get(self, point_id: str) -> PointState | None:
        """The state of one point, or None if it was not agreed by this round (a lookup in :attr:`by_id`)."""
        return self.by_id.get(point_id)

    @cached_property
    def by_id(self) -> dict[str, PointState]:
        """Every point's state by its id, made once on first use (do not change it)."""
        return {p.id: p for p in self.points}

    @cached_property
    def unfollowed(self) -> frozenset[str]:
        """:attr:`not_followed_up` as a set, for lookups."""
        return frozenset(self.not_followed_up)

    def open_points(self) -> tuple[PointState, ...]:
        """The points still open after this round, in the order they were agreed."""
        return tuple(p for p in self.points if p.is_open)

    def new_points(self) -> tuple[PointState, ...]:
        """The points this round agreed."""
        return tuple(p for p in self.points if p.origin == self.year and p.home is None)

    def carried_points(self) -> tuple[PointState, ...]:
        """The points agreed before this round (here, or in a dialogue that ``overført`` them here) that are still
        open after it."""
        return tuple(p for p in self.points if p.is_open and (p.origin < self.year or p.home is not None))

    def closed_points(self) -> tuple[PointState, ...]:
        """The points this round closed."""
        return tuple(p for p in self.points if p.closed_in == self.year)


@dataclass(frozen=True)
class Ledger:
    """The state of a dialogue after each of its rounds, in year order.

    Points ``overført`` here from another dialogue arrive between rounds: :attr:`arrivals` holds, by the year of
    the round they came before, the state that round began with; :attr:`pending` the state after the last round
    with the points that arrived since (None when none did).
    """

    slug: str
    rounds: tuple[RoundState, ...]
    problems: tuple[Problem, ...] = ()
    arrivals: Mapping[int, RoundState] = field(default_factory=dict)
    pending: RoundState | None = None

    def after(self, year: int) -> RoundState | None:
        """The state after round ``year``, or None if the dialogue has no such round."""
        return self._by_year.get(year)

    def before(self, year: int) -> RoundState | None:
        """What round ``year`` begins with (what its dagsorden follows up): the state after the last round before
        it and the points ``overført`` here since; None when there is nothing before it."""
        if year in self.arrivals:
            return self.arrivals[year]
        if self.pending is not None and (not self.rounds or year > self.rounds[-1].year):
            return self.pending
        return next((r for r in reversed(self.rounds) if r.year < year), None)

    @property
    def now(self) -> RoundState | None:
        """The state as it stands: after the latest round, with the points ``overført`` here since; None for a
        dialogue with no rounds and nothing overført to it."""
        return self.pending or (self.rounds[-1] if self.rounds else None)

    @cached_property
    def _by_year(self) -> dict[int, RoundState]:
        return {r.year: r for r in self.rounds}


def reference(home: str, point_id: str, dialog: str) -> str:
    """What dialogue ``dialog`` calls point ``point_id`` agreed in dialogue ``home``: its id there, else
    ``<home>/<id>``."""
    return point_id if home == dialog else f"{home}/{point_id}"
