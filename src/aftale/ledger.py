"""Replaying a dialogue's rounds: which agreed points are open or closed after each round.

Pure functions over the model: no I/O, no clock. :func:`replay` applies the rules
of the format to a :class:`~aftale.model.Dialog` and returns a :class:`Ledger`
with the state after every round and the problems found on the way (follow-ups
of unknown or closed points, ids used twice, points nobody followed up).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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


def replay(dialog: Dialog) -> Ledger:
    """Replay the rounds of ``dialog`` in year order and say what is open after each.

    A dialogue on its own: nothing arrives from other dialogues (:func:`aftale.ledgers.replay_all` replays
    dialogues that send points to each other together).
    """
    book = Book(dialog)
    with paused_collector():
        for round_ in sorted(dialog.rounds, key=lambda r: r.year):
            book.round(round_)
    return book.ledger()


class paused_collector:
    """Pause the cyclic garbage collector while replaying: a replay allocates one small tuple per follow-up and
    creates no reference cycles, and at national scale the collector's repeated scans of the growing heap took
    half the time."""

    def __enter__(self) -> None:
        self.collecting = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.collecting:
            gc.enable()


#: What a dialogue's rounds cannot explain of an earlier point's reference (in a round of the given year), told by
#: the replay of every dialogue: a Danish sentence, or None.
Explain = Callable[[str, int], "str | None"]


class Book:
    """One dialogue's points during a replay, round by round: :meth:`round` applies a round, :meth:`arrive` takes
    in a point ``overført`` from another dialogue, :meth:`ledger` gives the result.

    :param explain: what other dialogues can say of a reference this one does not know (see :data:`Explain`).
    """

    def __init__(self, dialog: Dialog, explain: Explain | None = None) -> None:
        self.dialog = dialog
        self.slug = dialog.slug
        self.explain = explain
        self.states: dict[str, PointState] = {}
        self.open: dict[str, None] = {}  # the ids of open points, in the order they were agreed
        self.problems: list[Problem] = []
        self.agreed_at: dict[str, tuple[int, Pos]] = {}
        self.rounds: list[RoundState] = []
        self.arrivals: dict[int, RoundState] = {}
        self.arrived_since: int | None = None  # the year of the round the latest point was sent here in
        #: The points this book sent elsewhere, as ``round`` returned them.
        self.sent: list[tuple[PointState, str]] = []
        for round_ in sorted(dialog.rounds, key=lambda r: r.year):
            for point in round_.aftaler:
                self.agreed_at.setdefault(point.id, (round_.year, point.pos))

    def ledger(self) -> Ledger:
        """The state after each round applied so far, with the points that arrived since the last."""
        return Ledger(self.slug, tuple(self.rounds), tuple(self.problems), self.arrivals, self._since_last())

    def _since_last(self) -> RoundState | None:
        """The state after the last round and the points that arrived since, when any did."""
        if self.arrived_since is None:
            return None
        last = self.rounds[-1] if self.rounds else None
        return RoundState(last.year if last else self.arrived_since, tuple(self.states.values()),
                          last.not_followed_up if last else ())

    def arrive(self, state: PointState, source: str, year: int) -> None:
        """Take in a point that dialogue ``source`` ``overført`` here in its round ``year``: open from now on."""
        home = state.home or source
        arrived = state._replace(home=None if home == self.slug else home, moved_to=None, closed_in=None,
                                 unfollowed=(), since=year)
        self.states.pop(arrived.id, None)
        self.open.pop(arrived.id, None)
        self.states[arrived.id] = arrived
        self.open[arrived.id] = None
        self.arrived_since = year

    def round(self, round_: Round) -> list[tuple[PointState, str]]:
        """Apply one round; the points it ``overført``, each with the dialogue it sent it to."""
        pending = self._since_last()
        if pending is not None:
            self.arrivals[round_.year] = pending
            self.arrived_since = None
        sent: list[tuple[PointState, str]] = []
        self.rounds.append(self._round(round_, sent))
        self.sent += sent
        return sent

    def _round(self, round_: Round, sent: list[tuple[PointState, str]]) -> RoundState:
        year = round_.year
        slug = self.slug
        open_before = list(self.open)
        same_round = {p.id for p in round_.aftaler}
        followed: set[str] = set()
        for follow_up in round_.opfoelgning:
            state = self._resolve(follow_up.id, follow_up.pos, year, same_round, "opfølgning")
            if state is None:
                continue
            if follow_up.status is not None or follow_up.referat or follow_up.maaling is not None:
                followed.add(state.id)
            state = _follow(state, year, follow_up.status, follow_up.referat, follow_up.ansvarlig, follow_up.frist,
                            self._measure(state, follow_up), slug, follow_up.til)
            if follow_up.status is Status.OVERFOERT and follow_up.til is not None:
                state = state._replace(moved_to=follow_up.til)
                sent.append((state, follow_up.til))
            self.states[state.id] = state
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
                self.states[state.id] = _replace_by(state, year, point.id, slug)
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
        if state is not None and state.moved_to is not None:
            verb = "følges op" if where == "opfølgning" else "erstattes"
            there = reference(state.home or self.slug, state.point.id, state.moved_to)
            message = (f"punktet '{point_id}' blev overført til dialogen '{state.moved_to}' i {state.closed_in} og kan "
                       f"ikke længere {verb} her. Det følges op i '{state.moved_to}' som '{there}'; fjern det fra "
                       f"'{where}' her.")
        elif state is not None:
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
        elif self.explain is not None and (explained := self.explain(point_id, year)) is not None:
            message = explained
        else:
            earlier = [p.id for p in self.states.values()]
            message = (f"der findes intet tidligere aftalt punkt med id'et '{point_id}'."
                       f"{did_you_mean(point_id, earlier)} Ret id'et, så det er et id fra 'aftaler' i en tidligere "
                       "runde.")
        self.problems.append(Problem(pos, message))
        return None


def reference(home: str, point_id: str, dialog: str) -> str:
    """What dialogue ``dialog`` calls point ``point_id`` agreed in dialogue ``home``: its id there, else
    ``<home>/<id>``."""
    return point_id if home == dialog else f"{home}/{point_id}"


def _evolve(state: PointState, **changes: Any) -> PointState:
    """A copy of ``state`` with ``changes``."""
    return state._replace(**changes)


def _follow(state: PointState, year: int, status: Status | None, referat: Blocks,
            ansvarlig: str | None, frist: date | None, maaling: Measure | None = None, dialog: str = "",
            til: str | None = None) -> PointState:
    """Apply one follow-up of dialogue ``dialog``: its status, notes and new ansvarlig or frist (built field by field:
    this runs once per follow-up, hundreds of thousands of times in a national build)."""
    changed = status is not None
    return PointState(
        state.point, state.origin, year if changed else state.since, status if changed else state.status,
        ansvarlig if ansvarlig is not None else state.ansvarlig, frist if frist is not None else state.frist,
        year if status is not None and not status.is_open else state.closed_in, state.replaced_by,
        referat or state.note, year if referat else state.note_year, state.unfollowed,
        (*state.history, Step(year, status, referat, (), ansvarlig, frist, maaling, dialog, til)),
        tuple(sorted((*state.measurements, maaling), key=lambda m: m.aar)) if maaling else state.measurements,
        state.home, state.moved_to)


def _replace_by(state: PointState, year: int, new_id: str, dialog: str = "") -> PointState:
    """Close a point as taken over by ``new_id`` in round ``year``."""
    history = list(state.history)
    if history and history[-1].year == year and history[-1].dialog == dialog:
        last = history.pop()
    else:
        last = Step(year, dialog=dialog)
    history.append(last._replace(replaced_by=(*last.replaced_by, new_id)))
    return _evolve(state, status=Status.ERSTATTET, since=year, closed_in=year,
                   replaced_by=(*state.replaced_by, new_id), history=tuple(history))
