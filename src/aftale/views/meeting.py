"""The meeting's documents, the dagsorden and the referat: the meeting's facts, who takes part, the numbered items.

Item 1 follows up last round's open points, the agenda's own items come next, then the new points and
Eventuelt. The dagsorden shows what is to be discussed; the referat also what the meeting decided.
"""

from __future__ import annotations

from dataclasses import replace

from aftale.ledger import Ledger, RoundState
from aftale.model import AgendaItem, Blocks, Dialog, Fra, Round, Settings
from aftale.views.entries import latest_remark, new_point_entry, point_facts, quoted_titles, status_text
from aftale.views.indicators import measured
from aftale.views.model import DAGSORDEN, REFERAT, Document, Entry, Fact, ItemView, Line, Part
from aftale.views.joint import Circle, bound_facts, moved_to_text, organisations, people, point_status
from aftale.views.labels import Marks, by_theme
from aftale.views.text import clean, lines, listed
from aftale.words import Words, danish_date


def meeting_view(w: Words, base: Document, kind: str, dialog: Dialog, ledger: Ledger, round_: Round,
                 settings: Settings, public: bool, circle: Circle | None = None) -> Document:
    """The dagsorden or the referat of ``round_``: ``base`` with the meeting's facts, its people and its items.

    :param circle: the dialogues ``dialog`` shares a table with: a joint meeting's people are listed by
        organisation, and a point ``overført`` names the dialogue it went to or came from.
    """
    circle = circle or Circle((dialog,), {dialog.slug: ledger})
    if dialog.round(round_.year) is None:  # an agenda ahead of its round's file: the items ny would write
        round_ = replace(round_, punkter=tuple(AgendaItem(title, dialog.pos) for title in settings.agenda_items))
    marks = Marks(w, settings.themes, circle.ledgers, dialog.slug)
    return replace(base, facts=_meeting_facts(w, kind, round_), people=people(w, kind, round_, dialog, circle),
                   items=_items(w, marks, kind, dialog, ledger, round_, public, circle))


def _meeting_facts(w: Words, kind: str, round_: Round) -> tuple[Fact, ...]:
    """Mødedato, Tid, Sted, Sagsnr. (and the referat's Referent) as the file gives them; a dagsorden says of the
    date, time and place not in the file that they are still to come (the same before and after the meeting: the
    agenda is the one that was sent)."""
    meeting = round_.moede
    planned = kind == DAGSORDEN
    if meeting is None and not planned:
        return ()
    date_, time_, place = ((meeting.dato, meeting.tid, meeting.sted) if meeting else (None, None, None))
    later = w("etiketter.oplyses-senere") if planned else None
    facts = [("etiketter.mødedato", danish_date(date_) if date_ else later),
             ("etiketter.tid", time_ or later), ("etiketter.sted", place or later),
             ("etiketter.sagsnr", meeting.sagsnr if meeting else None)]
    if kind == REFERAT and meeting is not None:
        facts.append(("personer.referent", meeting.referent))
    return tuple(Fact(w(label), clean(value)) for label, value in facts if value)


def _items(w: Words, marks: Marks, kind: str, dialog: Dialog, ledger: Ledger, round_: Round, public: bool,
           circle: Circle) -> tuple[ItemView, ...]:
    year = round_.year
    items: list[ItemView] = []
    before = ledger.before(year)
    if before is not None:
        items.append(_follow_up_item(w, marks, kind, ledger, round_, before, circle))
    for item in round_.punkter:
        items.append(_agenda_item(w, kind, dialog, len(items) + 1, item, public, circle))
    items.append(_new_points_item(w, marks, kind, len(items) + 1, ledger, round_, dialog, circle))
    eventuelt = (Part(None, lines(round_.eventuelt) or (Line(w("punkter.intet")),)),) if kind == REFERAT else ()
    items.append(ItemView(len(items) + 1, w("punkter.eventuelt"), parts=eventuelt))
    return tuple(items)


def _follow_up_item(w: Words, marks: Marks, kind: str, ledger: Ledger, round_: Round, before: RoundState,
                    circle: Circle) -> ItemView:
    if ledger.after(before.year) is None:  # no round of its own before: only points overført here
        title = w("punkter.opfølgning-overførte")
    else:
        title = w("punkter.opfølgning", **{"år": before.year})
    open_points = before.open_points()
    if not open_points:
        return ItemView(1, title, parts=(Part(None, (Line(w("punkter.ingen-åbne-punkter", **{"år": before.year})),)),))
    after = ledger.after(round_.year)
    follow_ups = {f.id: f for f in round_.opfoelgning}
    entries = []
    for state in marks.order(open_points):
        if kind == DAGSORDEN:
            status = (w("status.ikke-behandlet") if state.id in before.unfollowed
                      else point_status(w, state, circle))
            entries.append(Entry(marks(state), clean(state.point.titel), point_facts(w, state, status=status),
                                 latest_remark(w, state)))
            continue
        now = (after.get(state.id) if after else None) or state
        follow_up = follow_ups.get(state.id)
        replaced = bool(now.replaced_by) and now.closed_in == round_.year
        if follow_up is not None and follow_up.til is not None:
            status = moved_to_text(w, follow_up.til, circle)
        elif follow_up is not None and follow_up.status is not None:
            status = status_text(w, follow_up.status)  # the meeting's own decision, also when a new point took over
        elif replaced:
            status = ""
        elif follow_up is None or not follow_up.referat:
            status = w("status.ikke-behandlet")
        else:
            status = w("status.uændret", status=point_status(w, now, circle))
        if replaced:
            titles = quoted_titles(marks, ledger, round_.year, now.replaced_by)
            status = (w("status.og-erstattet", status=status, titler=titles) if status
                      else w("status.erstattet-af", titler=titles))
        parts = (Part(None, lines(follow_up.referat)),) if follow_up and follow_up.referat else ()
        facts = point_facts(w, now, status=status)
        indicator = state.point.indikator
        if follow_up is not None and follow_up.maaling is not None and indicator is not None:
            facts += (Fact(w("etiketter.måling"), measured(w, indicator, follow_up.maaling)),)
        entries.append(Entry(marks(state), clean(state.point.titel), facts, parts))
    return ItemView(1, title, entries=tuple(entries))


def _agenda_item(w: Words, kind: str, dialog: Dialog, number: int, item: AgendaItem, public: bool,
                 circle: Circle) -> ItemView:
    if public and item.lukket:
        return ItemView(number, w("punkter.lukket-punkt"))
    facts = []
    if item.sagsnr:
        facts.append(Fact(w("etiketter.sagsnr"), clean(item.sagsnr)))
    if item.fra is not None:
        facts.append(Fact(w("etiketter.fremsat-af"), clean(dialog.kommune) if item.fra is Fra.KOMMUNEN
                          else listed(w, organisations(w, dialog, circle))))
    if item.lukket:
        facts.append(Fact(w("etiketter.behandling"), w("punkter.lukket-punkt")))
    sections: list[tuple[str, Blocks]] = [("afsnit.resumé", item.resume),
                                          ("afsnit.sagsfremstilling", item.sagsfremstilling),
                                          ("afsnit.indstilling", item.indstilling)]
    if kind == REFERAT:
        sections += [("afsnit.referat", item.referat), ("afsnit.beslutning", item.beslutning)]
    parts = [Part(w(heading), lines(blocks)) for heading, blocks in sections if blocks]
    if item.bilag:
        parts.append(Part(w("afsnit.bilag"), tuple(Line(clean(name.value), 1) for name in item.bilag)))
    return ItemView(number, clean(item.titel), tuple(facts), parts=tuple(parts))


def _new_points_item(w: Words, marks: Marks, kind: str, number: int, ledger: Ledger, round_: Round, dialog: Dialog,
                     circle: Circle) -> ItemView:
    title = w("punkter.udarbejdelse")
    points = round_.aftaler
    if kind == DAGSORDEN:  # the agenda never shows what the meeting agreed
        return ItemView(number, title, parts=(Part(None, (Line(w("punkter.nye-punkter-aftales")),)),))
    if not points:
        return ItemView(number, title, parts=(Part(None, (Line(w("punkter.ingen-nye-punkter")),)),))
    intro = w("punkter.aftalte-nye-punkter")
    after = ledger.after(round_.year)
    agreed = by_theme(after.new_points(), marks.themes) if after is not None else []
    entries = tuple(replace(entry, facts=entry.facts + bound_facts(w, state.point, dialog, circle))
                    for state in agreed
                    if (entry := new_point_entry(w, marks, marks(state), state.point, ledger, round_.year)))
    return ItemView(number, title, entries=entries, parts=(Part(None, (Line(intro),)),))
