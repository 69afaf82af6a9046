"""The view model of the kommune's redegørelse for one styringsår, across every dialogue (almenboligloven § 164).

The redegørelse is public by construction: it is made only of what the public editions of the
referat and the aftaledokument show (the points agreed, carried and closed, with ansvarlig, frist,
status and the notes on closing), never of the round's own agenda items, so a closed item's words
cannot reach it; and only of what is published (:mod:`aftale.views.public`): a round whose referat
is not approved gives no word of its minutes, and the points of an unsigned aftaledokument are not
listed until it is signed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from aftale.ledger import Ledger, PointState, RoundState
from aftale.ledgers import binds
from aftale.model import Dialog, Round, Settings, Status
from aftale.views.indicators import indicator_view
from aftale.views.labels import Marks, by_theme
from aftale.views.model import Document, Entry, Fact, Group, Labels, Line, Part, Section
from aftale.views.public import agreements_public, minutes_public
from aftale.views.text import NO_BREAK, clean, lines, name_of
from aftale.words import Words, builtin as builtin_words, danish_date

REDEGOERELSE = "redegoerelse"


@dataclass(frozen=True)
class Report(Document):
    """A redegørelse: a :class:`~aftale.views.model.Document` with the kommune's opening paragraphs.

    :attr:`overview` is the table of dialogues, :attr:`sections` one section per boligorganisation.
    """

    intro: tuple[Line, ...] = ()


def report_years(dialogs: tuple[Dialog, ...]) -> list[int]:
    """The styringsår that have a redegørelse: every year in which some dialogue held its round."""
    return sorted({r.year for dialog in dialogs for r in dialog.rounds if r.held})


def report(dialogs: tuple[Dialog, ...], ledgers: Mapping[str, Ledger], year: int, settings: Settings,
           logo: bool = False, words: Words | None = None) -> Report:
    """The redegørelse for styringsår ``year`` (one in :func:`report_years`) of every dialogue in ``dialogs``, in
    their order."""
    w = (words or builtin_words()).mapped(clean)
    kommune = clean(dialogs[0].kommune)
    sender = clean(settings.afsender or dialogs[0].kommune)
    rounds = [(dialog, dialog.round(year)) for dialog in dialogs]
    held = [(dialog, r) for dialog, r in rounds if r is not None and r.held]
    before_page, between, after_pages = w("dokumenter.sidetal", side="\0", sider="\0").split("\0")
    own = settings.redegoerelse.indledning if settings.redegoerelse else ()
    intro = lines(own) or (Line(w("redegørelse.indledning", kommune=kommune, **{"år": year})),)
    return Report(
        kind=REDEGOERELSE, title=w("redegørelse.titel"), heading=w("redegørelse.undertitel", kommune=kommune,
                                                                     **{"år": year}),
        sender=sender, running=sender, year=year, dialog="", public=True, date=_latest_date(held, year),
        labels=Labels(w("redegørelse.oversigt"), "", (before_page, between, after_pages), w("dokumenter.indhold")),
        logo_text=w("dokumenter.logo", afsender=sender), logo=logo,
        overview_header=tuple(w(f"redegørelse.{key}") for key in (
            "boligorganisation", "mødedato", "referat", "aftaledokument", "nye", "videreførte", "i-ny-form",
            "afsluttede", "overskredne")),
        overview=tuple(_row(w, dialog, r, ledgers[dialog.slug].after(year)) for dialog, r in rounds),
        sections=tuple(_with_joint(w, _section(w, Marks(w, settings.themes, ledgers, dialog.slug), dialog, r,
                                               ledgers[dialog.slug], year),
                                   Marks(w, settings.themes, ledgers, dialog.slug), dialog, dialogs, ledgers, year)
                       for dialog, r in rounds),
        intro=intro,
    )


def _latest_date(held: list[tuple[Dialog, Round]], year: int) -> date:
    """The last date the year's rounds record (meeting, approval, signing): the redegørelse's own date."""
    found = []
    for _, r in held:
        if r.moede and r.moede.dato:
            found.append(r.moede.dato)
        if r.godkendt:
            found += [d for d in (r.godkendt.referat,) if d]
            signing = r.godkendt.aftaledokument
            if signing:
                found += [d for d in (signing.kommune, signing.boligorganisation) if d]
    return max(found) if found else date(year, 12, 31)


def _signed_on(r: Round) -> date | None:
    signing = r.godkendt.aftaledokument if r.godkendt else None
    return max(signing.kommune, signing.boligorganisation) if signing and r.signed else None  # type: ignore[type-var]


def overdue(after: RoundState, r: Round) -> list[PointState]:
    """The points left open by round ``r`` whose frist had passed by its meeting (by 31 December without a date)."""
    day = r.moede.dato if r.moede and r.moede.dato else date(r.year, 12, 31)
    return [state for state in after.open_points() if state.frist is not None and state.frist < day]


def _cell_date(day: date) -> str:
    """A date as the narrow columns of the table of meetings show it: it may break before the year only."""
    return danish_date(day, keep_together=False).replace(" ", NO_BREAK, 1)


def _row(w: Words, dialog: Dialog, r: Round | None, after: RoundState | None) -> tuple[str, ...]:
    name = w("redegørelse.fælles-møde", titel=name_of(w, dialog)) if dialog.is_joint else name_of(w, dialog)
    if r is None or not r.held or after is None:
        return (name, w("redegørelse.ikke-oplyst"), "–", "–", "–", "–", "–", "–", "–")
    meeting = _cell_date(r.moede.dato) if r.moede and r.moede.dato else w("redegørelse.ikke-oplyst")
    approved = _cell_date(r.godkendt.referat) if r.approved and r.godkendt and r.godkendt.referat else w(
        "redegørelse.afventer-godkendelse")
    signed = _signed_on(r)
    signing = _cell_date(signed) if signed else w("redegørelse.afventer-underskrift")
    if not agreements_public(r):  # what an unsigned aftaledokument agrees is not told until it is signed
        return (name, meeting, approved, signing, "–", "–", "–", "–", "–")
    renewed, closed = _closed(after)
    return (name, meeting, approved, signing, str(len(after.new_points())), str(len(after.carried_points())),
            str(len(renewed)), str(len(closed)), str(len(overdue(after, r))))


def _closed(after: RoundState) -> tuple[list[PointState], list[PointState]]:
    """The points a round closed: those carried on in a new form (``erstattet``), and the others (opfyldt,
    afsluttet, udgår, overført)."""
    closed = after.closed_points()
    return ([s for s in closed if s.status is Status.ERSTATTET], [s for s in closed if s.status is not Status.ERSTATTET])


def _facts(w: Words, state: PointState, status: str | None = None) -> tuple[Fact, ...]:
    facts = []
    if status is not None:
        facts.append(Fact(w("etiketter.status"), clean(status)))
    if state.ansvarlig:
        facts.append(Fact(w("etiketter.ansvarlig"), clean(state.ansvarlig)))
    if state.frist:
        facts.append(Fact(w("etiketter.frist"), danish_date(state.frist)))
    return tuple(facts)


def _status(w: Words, marks: Marks, state: PointState, ledger: Ledger, year: int) -> str:
    """A point's status after the round of ``year``, in the words of that round's aftaledokument."""
    after = ledger.after(year)
    if state.status is Status.ERSTATTET:
        titles = marks.listed(after.get(i) for i in state.replaced_by) if after else ""
        return w("status.videreført-i-ny-form", titler=titles)
    if after is not None and state.id in after.unfollowed:
        return w("status.ikke-behandlet")
    return w("status.aftalt") if state.status is None else w(f"status.{state.status.value}")


def _with_joint(w: Words, section: Section, marks: Marks, dialog: Dialog, dialogs: tuple[Dialog, ...], ledgers: Mapping[str, Ledger],
                year: int) -> Section:
    """An organisation's section with the agreements of the year's joint meetings that bind it, each joint
    dialogue's under a heading of its own, once that joint meeting's aftaledokument is signed."""
    groups = []
    for joint in dialogs:
        r = joint.round(year)
        after = ledgers[joint.slug].after(year) if joint.slug in ledgers else None
        if not joint.is_joint or dialog.slug not in joint.table or r is None or after is None:
            continue
        if not r.held or not agreements_public(r):
            continue
        states = [state for state in after.new_points() if binds(state, joint, dialog.slug)]
        if states:
            labelled = Marks(marks.words, marks.themes, ledgers, joint.slug)
            groups.append(Group(w("redegørelse.fælles-aftaler", titel=name_of(w, joint)), tuple(
                Entry(labelled(state), clean(state.point.titel), _facts(w, state))
                for state in by_theme(states, marks.themes))))
    return replace(section, groups=section.groups + tuple(groups)) if groups else section


def _section(w: Words, marks: Marks, dialog: Dialog, r: Round | None, ledger: Ledger, year: int) -> Section:
    name = name_of(w, dialog)
    this_year = {"år": year}
    after = ledger.after(year)
    if r is None or not r.held or after is None:
        return Section(name, (Line(w("redegørelse.ikke-holdt", **this_year)),), ())
    intro = [w("redegørelse.mødet", dato=danish_date(r.moede.dato), **this_year) if r.moede and r.moede.dato
             else w("redegørelse.mødet-uden-dato", **this_year)]
    intro.append(w("redegørelse.godkendt", dato=danish_date(r.godkendt.referat))
                 if r.approved and r.godkendt and r.godkendt.referat else w("redegørelse.ikke-godkendt"))
    signed = _signed_on(r)
    intro.append(w("redegørelse.underskrevet", dato=danish_date(signed)) if signed
                 else w("redegørelse.ikke-underskrevet"))
    if not agreements_public(r):
        intro.append(w("redegørelse.aftaler-afventer"))
        return Section(name, (Line(" ".join(intro)),), ())
    groups: list[Group] = []
    themes: dict[str | None, list[Entry]] = {}
    for state in by_theme(after.new_points(), marks.themes):
        themes.setdefault(state.point.tema, []).append(
            Entry(marks(state), clean(state.point.titel), _facts(w, state), indicator=indicator_view(w, state, year)))
    for tema, entries in themes.items():
        title = w("redegørelse.nye-aftaler-tema", tema=clean(tema)) if tema else w("redegørelse.nye-aftaler")
        groups.append(Group(title, tuple(entries)))
    if not themes:
        intro.append(w("redegørelse.ingen-nye-aftaler", **this_year))
    carried = by_theme(after.carried_points(), marks.themes)
    if carried:
        groups.append(Group(w("redegørelse.videreførte-aftaler"), tuple(
            Entry(marks(s), clean(s.point.titel), _facts(w, s, _status(w, marks, s, ledger, year)),
                  indicator=indicator_view(w, s, year))
            for s in carried)))
    renewed, closed = _closed(after)
    for title, states in ((w("redegørelse.videreført-i-ny-form"), renewed),
                          (w("redegørelse.afsluttet", **this_year), closed)):
        if not states:
            continue
        entries = []
        for state in states:
            step = state.history[-1] if state.history and state.history[-1].year == year else None
            notes = lines(step.referat) if step and step.referat and minutes_public(r) else ()
            entries.append(Entry(marks(state), clean(state.point.titel),
                                 _facts(w, state, _status(w, marks, state, ledger, year)),
                                 (Part(None, notes),) if notes else ()))
        groups.append(Group(title, tuple(entries)))
    return Section(name, (Line(" ".join(intro)),), tuple(groups))
