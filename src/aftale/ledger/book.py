"""Replaying a dialogue's rounds, one round at a time: which agreed points are open or closed after each.

Pure functions over the model: no I/O, no clock. :class:`Book` applies the rules of the format round by
round and records the problems found on the way (follow-ups of unknown or closed points, ids used twice,
points nobody followed up); :func:`replay` replays one dialogue on its own.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from typing import Any

from aftale.errors import Problem, Severity, before_baseline, duplicate_year
from aftale.ledger.states import Ledger, PointState, RoundState, Step, reference
from aftale.model import Blocks, Dialog, FollowUp, Measure, Point, Pos, Round, Status
from aftale.suggest import did_you_mean

#: Rounds in a row that may pass without a follow-up before a point is flagged.
UNFOLLOWED_LIMIT = 3


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
