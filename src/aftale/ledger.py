"""Replaying a dialogue's rounds: which agreed points are open or closed after each round.

Pure functions over the model: no I/O, no clock. :func:`replay` applies the rules
of the format to a :class:`~aftale.model.Dialog` and returns a :class:`Ledger`
with the state after every round and the problems found on the way (follow-ups
of unknown or closed points, ids used twice, points nobody followed up).
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple
from datetime import date

from aftale.errors import Problem, Severity, before_baseline, duplicate_year
from aftale.model import Blocks, Dialog, FollowUp, Measure, Point, Pos, Round, Status
from aftale.suggest import did_you_mean

#: Rounds in a row that may pass without a follow-up before a point is flagged.
UNFOLLOWED_LIMIT = 3


class Step(NamedTuple):
    """What one round said of a point: the status it gave, its notes, what took the point over, and the
    ansvarlig and frist it set (None where it kept them)."""

    year: int
    status: Status | None = None
    referat: Blocks = ()
    replaced_by: tuple[str, ...] = ()
    ansvarlig: str | None = None
    frist: date | None = None
    maaling: Measure | None = None


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

    @property
    def id(self) -> str:
        """The point's id."""
        return self.point.id

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
        return tuple(p for p in self.points if p.origin == self.year)

    def carried_points(self) -> tuple[PointState, ...]:
        """The points agreed before this round that are still open after it."""
        return tuple(p for p in self.points if p.is_open and p.origin < self.year)

    def closed_points(self) -> tuple[PointState, ...]:
        """The points this round closed."""
        return tuple(p for p in self.points if p.closed_in == self.year)


@dataclass(frozen=True)
class Ledger:
    """The state of a dialogue after each of its rounds, in year order."""

    slug: str
    rounds: tuple[RoundState, ...]
    problems: tuple[Problem, ...] = ()

    def after(self, year: int) -> RoundState | None:
        """The state after round ``year``, or None if the dialogue has no such round."""
        return self._by_year.get(year)

    def before(self, year: int) -> RoundState | None:
        """The state after the last round before ``year`` (what its dagsorden follows up), or None."""
        return next((r for r in reversed(self.rounds) if r.year < year), None)

    @cached_property
    def _by_year(self) -> dict[int, RoundState]:
        return {r.year: r for r in self.rounds}


def replay(dialog: Dialog) -> Ledger:
    """Replay the rounds of ``dialog`` in year order and say what is open after each.

    The cyclic garbage collector is paused meanwhile: a replay allocates one small
    tuple per follow-up and creates no reference cycles, and at national scale the
    collector's repeated scans of the growing heap took half the time.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Replay(dialog).run()
    finally:
        if collecting:
            gc.enable()


class _Replay:
    def __init__(self, dialog: Dialog) -> None:
        self.dialog = dialog
        self.states: dict[str, PointState] = {}
        self.open: dict[str, None] = {}  # the ids of open points, in the order they were agreed
        self.problems: list[Problem] = []
        self.agreed_at: dict[str, tuple[int, Pos]] = {}
        for round_ in sorted(dialog.rounds, key=lambda r: r.year):
            for point in round_.aftaler:
                self.agreed_at.setdefault(point.id, (round_.year, point.pos))

    def run(self) -> Ledger:
        rounds = tuple(self._round(r) for r in sorted(self.dialog.rounds, key=lambda r: r.year))
        return Ledger(self.dialog.slug, rounds, tuple(self.problems))

    def _round(self, round_: Round) -> RoundState:
        year = round_.year
        open_before = list(self.open)
        same_round = {p.id for p in round_.aftaler}
        followed: set[str] = set()
        for follow_up in round_.opfoelgning:
            state = self._resolve(follow_up.id, follow_up.pos, year, same_round, "opfølgning")
            if state is None:
                continue
            if follow_up.status is not None or follow_up.referat or follow_up.maaling is not None:
                followed.add(state.id)
            self.states[state.id] = _follow(state, year, follow_up.status, follow_up.referat,
                                            follow_up.ansvarlig, follow_up.frist, self._measure(state, follow_up))
        for point in round_.aftaler:
            for ref in point.erstatter:
                state = self._resolve(ref.value, ref.pos, year, same_round, "erstatter")
                if state is None:
                    continue
                if state.closed_in == year and state.status is not Status.ERSTATTET:
                    self.problems.append(Problem(ref.pos, (
                        f"punktet '{ref.value}' er sat til '{state.status.value if state.status else ''}' under "
                        f"opfølgning i samme runde og kan derfor ikke også erstattes af '{point.id}'. "
                        "Fjern det ene af de to.")))
                    continue
                self.states[state.id] = _replace_by(state, year, point.id)
        for point in round_.aftaler:
            self._agree(point, year)
        not_followed = []
        for point_id in open_before:
            state = self.states[point_id]
            if not round_.held:  # its meeting is still to come: nothing is followed up, nor forgotten, yet
                continue
            if point_id in followed or state.closed_in == year:
                if state.unfollowed:
                    self.states[point_id] = _evolve(state, unfollowed=())
                continue
            not_followed.append(point_id)
            state = _evolve(state, unfollowed=(*state.unfollowed, year))
            self.states[point_id] = state
            if len(state.unfollowed) == UNFOLLOWED_LIMIT:
                years = ", ".join(str(y) for y in state.unfollowed)
                self.problems.append(Problem(round_.where.get("opfølgning", round_.pos), (
                    f"punktet '{point_id}' (aftalt {state.origin}) er ikke fulgt op i {UNFOLLOWED_LIMIT} runder i "
                    f"træk ({years}). Tilføj det under 'opfølgning' med en status, så det ikke bliver glemt."),
                    Severity.WARNING))
        for point_id in open_before:
            if self.states[point_id].closed_in is not None:
                del self.open[point_id]
        return RoundState(year, tuple(self.states.values()), tuple(not_followed))

    def _agree(self, point: Point, year: int) -> None:
        first = self.agreed_at.get(point.id)
        if first is not None and first[1] != point.pos:
            self.problems.append(Problem(point.where.get("id", point.pos), (
                f"id'et '{point.id}' er allerede brugt af en aftale i {first[1]}. Hvert punkt skal have sit eget id "
                f"i hele dialogens historik; giv denne aftale et nyt id, fx '{point.id}-{year}'.")))
            return
        measured = point.indikator.maalinger if point.indikator else ()
        self.states[point.id] = PointState(point, year, year, ansvarlig=point.ansvarlig, frist=point.frist,
                                           measurements=measured)
        self.open[point.id] = None

    def _measure(self, state: PointState, follow_up: FollowUp) -> Measure | None:
        """The follow-up's måling when the point has an indikator and no value for that year yet; else None
        after recording a problem."""
        measure = follow_up.maaling
        if measure is None:
            return None
        indicator = state.point.indikator
        if indicator is None:
            self.problems.append(Problem(follow_up.where.get("måling", measure.pos), (
                f"punktet '{state.id}' har ingen indikator, så en måling kan ikke vises. Tilføj 'indikator:' med "
                f"navn, udgangspunkt og mål til aftalen '{state.id}' ({state.point.pos}), eller skriv tallet i "
                "referatet.")))
            return None
        if measure.aar < indicator.udgangspunkt.aar:
            self.problems.append(before_baseline(measure, indicator.udgangspunkt))
            return None
        earlier = next((m for m in (indicator.udgangspunkt, *state.measurements) if m.aar == measure.aar), None)
        if earlier is not None:
            self.problems.append(duplicate_year(measure, earlier))
            return None
        return measure

    def _resolve(self, point_id: str, pos: Pos, year: int, same_round: set[str], where: str) -> PointState | None:
        """The state of an earlier, still open point named in ``where``; None after a problem."""
        state = self.states.get(point_id)
        if state is not None and (state.is_open or (where == "erstatter" and state.closed_in == year)):
            return state
        if state is not None:
            how = (f"erstattet af '{', '.join(state.replaced_by)}'" if state.status is Status.ERSTATTET
                   else f"med status '{state.status.value if state.status else ''}'")
            verb = "følges op igen" if where == "opfølgning" else "erstattes"
            message = (f"punktet '{point_id}' blev lukket i {state.closed_in} ({how}) og kan ikke {verb}. "
                       f"Fjern det fra '{where}', eller aftal et nyt punkt under 'aftaler'.")
        elif point_id in same_round:
            message = (f"punktet '{point_id}' aftales i denne runde ({year}); '{where}' kan kun nævne punkter fra "
                       "tidligere runder.")
        elif point_id in self.agreed_at:
            later, at = self.agreed_at[point_id]
            message = (f"punktet '{point_id}' aftales først i {later} ({at}); '{where}' kan kun nævne punkter fra "
                       "tidligere runder.")
        else:
            earlier = [p.id for p in self.states.values()]
            message = (f"der findes intet tidligere aftalt punkt med id'et '{point_id}'."
                       f"{did_you_mean(point_id, earlier)} Ret id'et, så det er et id fra 'aftaler' i en tidligere "
                       "runde.")
        self.problems.append(Problem(pos, message))
        return None


def _evolve(state: PointState, **changes: Any) -> PointState:
    """A copy of ``state`` with ``changes``."""
    return state._replace(**changes)


def _follow(state: PointState, year: int, status: Status | None, referat: Blocks,
            ansvarlig: str | None, frist: date | None, maaling: Measure | None = None) -> PointState:
    """Apply one follow-up: its status, notes and new ansvarlig or frist (built field by field: this runs once
    per follow-up, hundreds of thousands of times in a national build)."""
    changed = status is not None
    return PointState(
        state.point, state.origin, year if changed else state.since, status if changed else state.status,
        ansvarlig if ansvarlig is not None else state.ansvarlig, frist if frist is not None else state.frist,
        year if status is not None and not status.is_open else state.closed_in, state.replaced_by,
        referat or state.note, year if referat else state.note_year, state.unfollowed,
        (*state.history, Step(year, status, referat, (), ansvarlig, frist, maaling)),
        tuple(sorted((*state.measurements, maaling), key=lambda m: m.aar)) if maaling else state.measurements)


def _replace_by(state: PointState, year: int, new_id: str) -> PointState:
    """Close a point as taken over by ``new_id`` in round ``year``."""
    history = list(state.history)
    if history and history[-1].year == year:
        last = history.pop()
    else:
        last = Step(year)
    history.append(last._replace(replaced_by=(*last.replaced_by, new_id)))
    return _evolve(state, status=Status.ERSTATTET, since=year, closed_in=year,
                   replaced_by=(*state.replaced_by, new_id), history=tuple(history))
