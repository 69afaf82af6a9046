"""A point of the ledger as the documents show it, in the agenda, the referat and the aftaledokument alike.

Its status in words, its facts (agreed, responsible, deadline, status), its latest remark, the titles
of the points that replaced it, and a new point as an entry.
"""

from __future__ import annotations

from aftale.ledger import Ledger, PointState
from aftale.model import Point, Status
from aftale.views.labels import Marks
from aftale.views.model import Entry, Fact, Part
from aftale.views.text import clean, lines
from aftale.words import Words, danish_date


def status_text(w: Words, status: Status | None) -> str:
    """A status as the documents print it; no status yet is "aftalt"."""
    return w("status.aftalt") if status is None else w(f"status.{status.value}")


def point_facts(w: Words, state: PointState, *, status: str | None = None) -> tuple[Fact, ...]:
    """A point's facts: the year it was agreed, who is responsible, its deadline and, if given, its status."""
    facts = [Fact(w("etiketter.aftalt"), str(state.origin))]
    if state.ansvarlig:
        facts.append(Fact(w("etiketter.ansvarlig"), clean(state.ansvarlig)))
    if state.frist:
        facts.append(Fact(w("etiketter.frist"), danish_date(state.frist)))
    if status is not None:
        facts.append(Fact(w("etiketter.status"), clean(status)))
    return tuple(facts)


def quoted_titles(marks: Marks, ledger: Ledger, year: int, ids: tuple[str, ...]) -> str:
    """The points ``ids`` as they stand after round ``year``, by label and quoted title, separated by commas."""
    after = ledger.after(year)
    return marks.listed(after.get(i) for i in ids) if after else ""


def latest_remark(w: Words, state: PointState) -> tuple[Part, ...]:
    """The latest remark on a carried point, under its heading with the year it was made."""
    if not state.note:
        return ()
    return (Part(w("afsnit.seneste-bemærkning", **{"år": state.note_year}), lines(state.note)),)


def new_point_entry(w: Words, marks: Marks, label: str, point: Point, ledger: Ledger, year: int) -> Entry:
    """A point agreed in round ``year``: its facts, the points it replaces, its description and its goal."""
    facts = []
    if point.ansvarlig:
        facts.append(Fact(w("etiketter.ansvarlig"), clean(point.ansvarlig)))
    if point.frist:
        facts.append(Fact(w("etiketter.frist"), danish_date(point.frist)))
    if point.afdelinger:
        facts.append(Fact(w("etiketter.afdelinger"), clean(", ".join(name.value for name in point.afdelinger))))
    if point.erstatter:
        before = ledger.before(year)
        replaced = [before.get(name.value) for name in point.erstatter] if before else []
        facts.append(Fact(w("etiketter.erstatter"), "; ".join(
            w("etiketter.erstattet-punkt", titel=clean(s.point.titel), mærke=marks(s))
            for s in replaced if s is not None)))
    parts = [Part(None, lines(point.beskrivelse))] if point.beskrivelse else []
    if point.maal:
        parts.append(Part(w("afsnit.mål"), lines(point.maal)))
    return Entry(label, clean(point.titel), tuple(facts), tuple(parts))
