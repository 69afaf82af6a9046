"""Matching a draft round to the dialogue: ids for its points, its follow-ups to the points still open.

Takes the loaded dialogue (:class:`~aftale.model.Dialog`) and its replay (:class:`~aftale.ledger.Ledger`)
and nothing else, so that whatever loaded them can hand them over. A follow-up is matched to the open
point with the most similar title (difflib's ratio, or the words they share); a match below certainty
is noted. A follow-up that matches no open point is a point of an earlier year the repository does not
hold: it goes into a minimal round file of that year, as ``aftaler``, unless that year's file exists
(then the follow-up is written as a comment). Every guess becomes a note for a ``# tjek:`` comment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from aftale.importer.draft import Draft, DraftFollowUp, DraftPoint
from aftale.importer.titles import make_id, party_words, shared_words, similarity
from aftale.ledger import Ledger, PointState, replay
from aftale.model import AgendaItem, Dialog, FollowUp, Name, Paragraph, Point, Pos, Round, Status

#: A follow-up matches an open point at this similarity of titles; at ``CERTAIN`` and above without a note.
MATCH, CERTAIN = 0.6, 0.9
#: A followed-up point seems to go on in a new point when this share of the shorter title's words are shared.
CONTINUES = 0.5


@dataclass
class MatchedFollowUp:
    """A follow-up with the id of the point it follows up."""

    id: str
    titel: str
    origin: int
    draft: DraftFollowUp
    status: Status | None
    ansvarlig: str | None = None
    notes: dict[str, str] = field(default_factory=dict)
    #: With status ``overført``: the dialogue the point went to.
    til: str | None = None


@dataclass
class MatchedPoint:
    """A new point with its id and the ids of the points it takes over."""

    id: str
    draft: DraftPoint
    erstatter: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)


@dataclass
class EarlierPoint:
    """A point of an earlier year that a follow-up names and the repository does not hold."""

    id: str
    titel: str
    ansvarlig: str | None = None


@dataclass
class Matched:
    """A draft round matched to the dialogue: what the writer writes for round ``year``.

    :param earlier: the points of year ``earlier_year`` the document follows up and the repository does not
        hold, for a round file of their own.
    :param unmatched: follow-ups that match no point and cannot be recorded (that year's file exists).
    """

    year: int
    draft: Draft
    follow_ups: list[MatchedFollowUp] = field(default_factory=list)
    points: list[MatchedPoint] = field(default_factory=list)
    earlier_year: int | None = None
    earlier: list[EarlierPoint] = field(default_factory=list)
    unmatched: list[DraftFollowUp] = field(default_factory=list)


def match(draft: Draft, year: int, dialog: Dialog, ledger: Ledger, taken: set[str],
          targets: Mapping[str, str] | None = None) -> Matched:
    """Match ``draft`` as round ``year`` of ``dialog``; ``taken`` holds every id in use and gets the new ones.

    :param targets: the dialogues a point may be ``overført`` to, by the name the documents give them (in small
        letters) and by their folder's name.
    """
    before = ledger.before(year)
    open_points = list(before.open_points()) if before is not None else []
    result = Matched(year, draft)
    ignore = party_words(dialog)
    pairs = _assign(draft.follow_ups, open_points, ignore)
    earlier_year = draft.follow_up_year if draft.follow_up_year is not None else year - 1
    can_record = dialog.round(earlier_year) is None and earlier_year < year
    for index, entry in enumerate(draft.follow_ups):
        found = pairs.get(index)
        if found is not None:
            state, score = found
            matched = MatchedFollowUp(state.id, state.point.titel, state.origin, entry, entry.status)
            if score < CERTAIN:
                matched.notes["id"] = (f"'{_short(entry.titel)}' er matchet på titlen med "
                                       f"'{_short(state.point.titel)}' (aftalt {state.origin}, "
                                       f"{round(score * 100)} % ens); ret id'et, hvis det er et andet punkt")
            if entry.ansvarlig and entry.ansvarlig != state.ansvarlig:
                matched.ansvarlig = entry.ansvarlig
        elif can_record:
            point = EarlierPoint(make_id(entry.titel, earlier_year, taken, dialog), entry.titel, entry.ansvarlig)
            result.earlier.append(point)
            result.earlier_year = earlier_year
            matched = MatchedFollowUp(point.id, point.titel, earlier_year, entry, entry.status)
        else:
            result.unmatched.append(entry)
            continue
        if entry.status is not None and not entry.explicit:
            matched.notes["status"] = f"læst af teksten: '{entry.evidence}'"
        if entry.status is Status.OVERFOERT:
            _moved(matched, entry, targets or {})
        result.follow_ups.append(matched)
    result.points = [MatchedPoint(make_id(p.titel, year, taken, dialog), p, notes=dict(p.notes))
                     for p in draft.points]
    _replacements(result, open_points)
    if draft.points_complete:
        _carry_on(result, ignore)
    return result


def _assign(entries: list[DraftFollowUp], open_points: list[PointState],
            ignore: frozenset[str]) -> dict[int, tuple[PointState, float]]:
    """Each follow-up's open point, the most similar pairs first, each point at most once."""
    scored = []
    for i, entry in enumerate(entries):
        for j, state in enumerate(open_points):
            score = similarity(entry.titel, state.point.titel, ignore)
            if entry.origin is not None and entry.origin != state.origin:
                score *= 0.8
            if score >= MATCH:
                scored.append((-score, i, j))
    pairs: dict[int, tuple[PointState, float]] = {}
    used: set[int] = set()
    for negative, i, j in sorted(scored):
        if i in pairs or j in used:
            continue
        pairs[i] = (open_points[j], -negative)
        used.add(j)
    return pairs


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


def _replacements(result: Matched, open_points: list[PointState]) -> None:
    """The ``erstatter`` the document states: "Erstatter: …" under a new point, "erstattet af »…«" under an
    old one."""
    by_title: dict[str, MatchedFollowUp] = {}
    for follow_up in result.follow_ups:
        by_title[follow_up.titel.casefold()] = follow_up
        by_title[follow_up.draft.titel.casefold()] = follow_up
    states = {state.point.titel.casefold(): state for state in open_points}
    closing = {f.id for f in result.follow_ups if f.status is not None and not f.status.is_open}
    for point in result.points:
        for title, _ in point.draft.erstatter:
            known = by_title.get(title.casefold())
            state = states.get(title.casefold())
            found = known.id if known is not None else state.id if state is not None else None
            if found is None:
                point.notes["erstatter"] = f"'{_short(title)}' findes ikke blandt de åbne punkter; skriv dets id"
            elif found not in point.erstatter and found not in closing:
                point.erstatter.append(found)
    for follow_up in result.follow_ups:
        for title in follow_up.draft.replaced_by:
            new = next((p for p in result.points if p.draft.titel.casefold() == title.casefold()), None)
            if new is not None and follow_up.id not in new.erstatter and follow_up.id not in closing:
                new.erstatter.append(follow_up.id)


def _carry_on(result: Matched, ignore: frozenset[str]) -> None:
    """Follow-ups the document gives no status in a referat that lists the whole new aftaledokument.

    A point the text says goes on ("videreføres") and the one new point whose title shares most of its words
    (or, by elimination, the one new point left) carries it on: the new point gets ``erstatter``; a tie is
    no guess. A point with no
    status that is not carried into the new aftaledokument is no longer in it: it is ``afsluttet``.
    """
    replaced = {i for p in result.points for i in p.erstatter}
    free = [p for p in result.points if not p.erstatter]
    going_on = [f for f in result.follow_ups if not f.draft.explicit and f.id not in replaced
                and (f.status is None or f.status.is_open)]
    scored = sorted(((-shared_words(f.draft.titel, p.draft.titel, ignore), n, m) for n, f in enumerate(going_on)
                     for m, p in enumerate(free)), key=lambda s: s[0])
    best: dict[int, list[float]] = {}
    for negative, n, _ in scored:
        best.setdefault(n, []).append(-negative)
    ambiguous = {n for n, scores in best.items() if len(scores) > 1 and scores[0] == scores[1]}
    paired: dict[int, int] = {}
    for negative, n, m in scored:
        if -negative >= CONTINUES and n not in ambiguous and n not in paired and m not in paired.values():
            paired[n] = m
            _pair(going_on[n], free[m], f"titlerne har ord til fælles ('{_short(going_on[n].draft.titel, 40)}')")
    left = [n for n, f in enumerate(going_on) if n not in paired and f.status is Status.VIDEREFOERES]
    free_left = [m for m in range(len(free)) if m not in paired.values()]
    if len(left) == 1 and len(free_left) == 1:
        n, m = left[0], free_left[0]
        paired[n] = m
        _pair(going_on[n], free[m], "det er det eneste nye punkt, der er tilbage, og punktet videreføres")
    for n, follow_up in enumerate(going_on):
        if n in paired or follow_up.status is not None:
            continue
        follow_up.status = Status.AFSLUTTET
        follow_up.notes["status"] = ("referatet giver ingen status, og punktet står ikke blandt de nye punkter i "
                                     "aftaledokumentet; ret til opfyldt, udgår eller videreføres, hvis det passer "
                                     "bedre")


def _moved(matched: MatchedFollowUp, entry: DraftFollowUp, targets: Mapping[str, str]) -> None:
    """The dialogue a point ``overført`` went to, by the name the document gives it; without it, no status and a note
    (a transfer without 'til' is an error)."""
    matched.til = targets.get((entry.til or "").casefold())
    if matched.til is None:
        matched.status = None
        matched.notes["status"] = (f"dokumentet siger 'overført til {entry.til or '…'}', men ingen dialog ved samme "
                                   "bord hedder sådan; skriv 'status: overført' og 'til:' med dialogens mappenavn")


def _pair(follow_up: MatchedFollowUp, point: MatchedPoint, why: str) -> None:
    point.erstatter.append(follow_up.id)
    point.notes["erstatter"] = f"'{_short(point.draft.titel, 40)}' ser ud til at føre '{follow_up.id}' videre: {why}"


def ids_in(dialog: Dialog) -> set[str]:
    """Every id the dialogue's rounds have agreed."""
    return {point.id for round_ in dialog.rounds for point in round_.aftaler}


def with_rounds(dialog: Dialog, matched: Matched) -> tuple[Dialog, Ledger]:
    """``dialog`` with the rounds ``matched`` will write, and its replay: what the next import sees."""
    rounds = list(dialog.rounds)
    if matched.earlier:
        pos = Pos(f"{matched.earlier_year}.yaml")
        rounds.append(Round(matched.earlier_year or 0, pos, aftaler=tuple(
            Point(p.id, p.titel, pos, ansvarlig=p.ansvarlig) for p in matched.earlier)))
    pos = Pos(f"{matched.year}.yaml")
    follow_ups = tuple(FollowUp(f.id, pos, f.status, tuple(Paragraph(text, pos) for _, text in f.draft.referat),
                                til=f.til) for f in matched.follow_ups)
    points = tuple(Point(p.id, p.draft.titel, pos, ansvarlig=p.draft.ansvarlig,
                         erstatter=tuple(Name(i, pos) for i in p.erstatter)) for p in matched.points)
    items = tuple(AgendaItem(item.titel, pos, referat=tuple(Paragraph(text, pos) for _, text in item.referat),
                             beslutning=tuple(Paragraph(text, pos) for _, text in item.beslutning))
                  for item in matched.draft.items)
    rounds.append(Round(matched.year, pos, opfoelgning=follow_ups, punkter=items, aftaler=points,
                        eventuelt=tuple(Paragraph(text, pos) for _, text in matched.draft.eventuelt)))
    updated = replace(dialog, rounds=tuple(sorted(rounds, key=lambda r: r.year)))
    return updated, replay(updated)
