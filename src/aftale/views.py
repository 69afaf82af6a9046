"""One view model per document, from the model and the ledger: numbers, letters, Danish words and dates.

The writers in :mod:`aftale.render` take a :class:`Document` and compute
nothing, so the DOCX and the PDF of a document always say the same thing.
All text is cleaned here of characters that XML cannot hold.
"""

from __future__ import annotations

import gc
import math
import re
from dataclasses import dataclass, replace
from datetime import date

from aftale.ledger import Ledger, PointState, RoundState
from aftale.model import (
    Blocks, BulletList, Dialog, Fra, AgendaItem, Indicator, Measure, Person, Point, Round, Settings, Status,
)
from aftale.progress import standing
from aftale.words import Words, builtin as builtin_words, danish_date, danish_number

DAGSORDEN, REFERAT, AFTALEDOKUMENT = "dagsorden", "referat", "aftaledokument"
KINDS = (DAGSORDEN, REFERAT, AFTALEDOKUMENT)
NO_BREAK = "\u00a0"
#: A number followed by white space and a unit it must stay on the line with.
_AMOUNT = re.compile(r"(\d)[ \t]+(?=(?:kr\.|kroner|mio\.|mia\.|%|m²|m2)(?!\w))")
#: Names up to this long are kept on one line in the overview table.
_SHORT_NAME = 24
#: Lines of a pasted block text that are bullets: "- ", "• " or "– " first (as Word pastes a list).
_BULLET = re.compile(r"^\s*[-•–]\s+")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Line:
    """One paragraph: level 0 is body text, 1 and deeper are bullets."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class Fact:
    """A labelled value, such as "Mødedato: 27. oktober 2020"."""

    label: str
    value: str


@dataclass(frozen=True)
class Part:
    """A block of text with an optional heading ("Sagsfremstilling", "Beslutning")."""

    heading: str | None
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Chart:
    """What a chart of an indicator shows, in numbers and words; the writers lay it out.

    :param line: the measured values as (year, value), the baseline first.
    :param target: the target as (year, value); a dashed line leads to it from the baseline.
    :param y_ticks: the values marked on the y axis, each with its label ("25").
    :param x_ticks: the years marked on the x axis, each with its label.
    """

    line: tuple[tuple[int, float], ...]
    target: tuple[int, float]
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[int, str], ...]
    unit: str
    target_label: str


@dataclass(frozen=True)
class IndicatorView:
    """An indicator of a point: a heading, its progress as facts, a table year → value, and a chart.

    :param key: names the chart among the document's charts (the point's id).
    :param rows: (year, value, remark) with the baseline and the target marked in the remark.
    :param alt: the chart's alternative text, stating every value.
    """

    key: str
    heading: str
    facts: tuple[Fact, ...]
    header: tuple[str, str, str]
    rows: tuple[tuple[str, str, str], ...]
    chart: Chart
    alt: str


@dataclass(frozen=True)
class Entry:
    """A lettered or numbered point: a follow-up, a new agreement, a closed one."""

    label: str
    title: str
    facts: tuple[Fact, ...] = ()
    parts: tuple[Part, ...] = ()
    indicator: IndicatorView | None = None


@dataclass(frozen=True)
class ItemView:
    """A numbered agenda item."""

    number: int
    title: str
    facts: tuple[Fact, ...] = ()
    entries: tuple[Entry, ...] = ()
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Group:
    """Agreements under one tema (title None: no tema)."""

    title: str | None
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Section:
    """A section of the aftaledokument: Nye aftaler, Videreførte aftaler, Afsluttet i ÅR."""

    title: str
    intro: tuple[Line, ...]
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class PeopleGroup:
    """A heading with names under it: Deltagere, Fraværende, Referent."""

    title: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class SignatureLine:
    """A labelled line of a signature field ("Dato:", "Navn:"); an empty value is a line to write on."""

    label: str
    value: str = ""


@dataclass(frozen=True)
class Signature:
    """One party's signature field: the party, the date it signed, and who signs with what title."""

    party: str
    date: SignatureLine
    name: SignatureLine
    title: SignatureLine


@dataclass(frozen=True)
class Labels:
    """The words the templates themselves show, so that no template holds a Danish word of its own."""

    overview: str
    signatures: str
    #: The page footer "Side 1 af 3" around its two numbers: before the page, between, after the pages.
    page: tuple[str, str, str]


@dataclass(frozen=True)
class Document:
    """Everything a writer needs to lay out one document, already in Danish."""

    kind: str
    title: str
    heading: str
    sender: str
    #: The running header of every page: the sender, and "udkast" on a draft.
    running: str
    year: int
    dialog: str
    public: bool
    date: date
    labels: Labels
    logo_text: str
    #: Column headings of :attr:`overview`, the table of every agreement in an aftaledokument.
    overview_header: tuple[str, ...]
    logo: str | None = None
    note: str | None = None
    facts: tuple[Fact, ...] = ()
    people: tuple[PeopleGroup, ...] = ()
    items: tuple[ItemView, ...] = ()
    sections: tuple[Section, ...] = ()
    overview: tuple[tuple[str, ...], ...] = ()
    signatures: tuple[Signature, ...] = ()

    @property
    def metadata_title(self) -> str:
        """The title written into the file's metadata."""
        return f"{self.title}: {self.heading}"

    @property
    def indicators(self) -> tuple[IndicatorView, ...]:
        """Every indicator the document shows, in the order it shows them."""
        entries = [e for item in self.items for e in item.entries]
        entries += [e for section in self.sections for group in section.groups for e in group.entries]
        return tuple(e.indicator for e in entries if e.indicator is not None)


def clean(text: str) -> str:
    """Remove characters that XML (and so DOCX and the PDF's text) cannot hold, and keep amounts whole.

    A number and its unit ("3.500 kr.", "25 %") get a no-break space between them, so a line never
    ends between the two.
    """
    return _AMOUNT.sub(lambda match: match.group(1) + NO_BREAK, _XML_ILLEGAL.sub("", text))


def _name(text: str) -> str:
    """A short name kept on one line (in a table column); a long one may still wrap."""
    text = clean(text)
    return text.replace(" ", NO_BREAK) if len(text) <= _SHORT_NAME else text


def letter(index: int) -> str:
    """The letter of the ``index``-th sub-point: a), b), …, z), aa), ab), …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return f"{letters})"


def view(kind: str, dialog: Dialog, ledger: Ledger, year: int, settings: Settings,
          logo: str | None = None, public: bool = False, words: Words | None = None) -> Document:
    """The view model of document ``kind`` for round ``year`` of ``dialog``.

    :param logo: the logo's absolute path, when the repository configures one.
    :param public: the public edition: a closed item shows only its number and the words for a closed item.
    :param words: the words of the documents (:func:`aftale.words.for_folders`); the built-in words if None.

    The cyclic garbage collector is paused meanwhile, as during a replay: a view is made of many small
    immutable objects and no cycles, and with 20,000 points the collector's rescans of the growing heap
    made the time grow with the square of the points.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(kind, dialog, ledger, year, settings, logo, public, words)
    finally:
        if collecting:
            gc.enable()


def _build(kind: str, dialog: Dialog, ledger: Ledger, year: int, settings: Settings, logo: str | None,
           public: bool, words: Words | None) -> Document:
    w = (words or builtin_words()).mapped(clean)
    round_ = dialog.round(year) or Round(year, dialog.pos)
    meeting_date = round_.moede.dato if round_.moede and round_.moede.dato else None
    sender = clean(settings.afsender or dialog.kommune)
    before_page, between, after_pages = w("dokumenter.sidetal", side="\0", sider="\0").split("\0")
    draft = round_.held and ((kind == REFERAT and not round_.approved)
                             or (kind == AFTALEDOKUMENT and not round_.signed))
    title = w(f"dokumenter.{kind}")
    base = Document(
        kind=kind, title=w("dokumenter.udkast", titel=title) if draft else title, sender=sender,
        running=w("dokumenter.sidehoved-udkast", afsender=sender) if draft else sender, year=year,
        dialog=dialog.slug, public=public, date=meeting_date or date(year, 1, 1), logo=logo,
        heading=w("dokumenter.undertitel", **{"år": year}, kommune=clean(dialog.kommune),
                  boligorganisation=clean(dialog.boligorganisation)),
        note=clean(round_.moede.bemaerkning) if round_.moede and round_.moede.bemaerkning else None,
        labels=Labels(w("aftaledokument.oversigt"), w("aftaledokument.underskrifter"),
                      (before_page, between, after_pages)),
        logo_text=w("dokumenter.logo", afsender=sender),
        overview_header=tuple(w(key) for key in ("oversigt.nr", "oversigt.aftale", "oversigt.aftalt",
                                                 "oversigt.status", "oversigt.ansvarlig", "oversigt.frist")),
    )
    if kind == AFTALEDOKUMENT:
        sections, overview = _sections(w, ledger, year, settings.themes)
        return replace(base, facts=_agreement_facts(w, dialog, round_), sections=sections, overview=overview,
                       signatures=_signatures(w, dialog, round_))
    if dialog.round(year) is None:  # an agenda ahead of its round's file: the items ny would write
        round_ = replace(round_, punkter=tuple(AgendaItem(title, dialog.pos) for title in settings.agenda_items))
    return replace(base, facts=_meeting_facts(w, kind, round_), people=_people(w, kind, round_),
                   items=_items(w, kind, dialog, ledger, round_, public))


def _meeting_facts(w: Words, kind: str, round_: Round) -> tuple[Fact, ...]:
    meeting = round_.moede
    if meeting is None:
        return ()
    facts = [("etiketter.mødedato", danish_date(meeting.dato) if meeting.dato else None),
             ("etiketter.tid", meeting.tid), ("etiketter.sted", meeting.sted), ("etiketter.sagsnr", meeting.sagsnr)]
    if kind == REFERAT:
        facts.append(("personer.referent", meeting.referent))
    return tuple(Fact(w(label), clean(value)) for label, value in facts if value)


def _person(person: Person) -> str:
    text = ", ".join(p for p in (person.navn, person.organisation) if p)
    return clean(f"{text} ({person.rolle})" if person.rolle else text)


def _people(w: Words, kind: str, round_: Round) -> tuple[PeopleGroup, ...]:
    meeting = round_.moede
    if meeting is None:
        return ()
    if kind == DAGSORDEN:  # everyone invited, also those who later sent apologies
        groups = [("personer.inviterede", [_person(p) for p in (*meeting.deltagere, *meeting.fravaerende)])]
    else:
        groups = [("personer.deltagere", [_person(p) for p in meeting.deltagere]),
                  ("personer.fraværende", [_person(p) for p in meeting.fravaerende])]
    return tuple(PeopleGroup(w(title), tuple(names)) for title, names in groups if names)


def lines(blocks: Blocks, level: int = 0) -> tuple[Line, ...]:
    """Paragraphs as lines; a nested list becomes bullets one level deeper; line breaks part paragraphs.

    A line that begins with "- ", "• " or "– " (a list pasted from Word into a block text) is a bullet.
    """
    result: list[Line] = []
    for block in blocks:
        if isinstance(block, BulletList):
            result.extend(lines(block.items, level + 1))
            continue
        for part in block.text.split("\n"):
            bullet = _BULLET.match(part)
            text = clean(part[bullet.end():] if bullet else part).strip()
            if text:
                result.append(Line(text, level + 1 if bullet else level))
    return tuple(result)


def _status(w: Words, status: Status | None) -> str:
    """A status as the documents print it; no status yet is "aftalt"."""
    return w("status.aftalt") if status is None else w(f"status.{status.value}")


def _point_facts(w: Words, state: PointState, *, status: str | None = None) -> tuple[Fact, ...]:
    facts = [Fact(w("etiketter.aftalt"), str(state.origin))]
    if state.ansvarlig:
        facts.append(Fact(w("etiketter.ansvarlig"), clean(state.ansvarlig)))
    if state.frist:
        facts.append(Fact(w("etiketter.frist"), danish_date(state.frist)))
    if status is not None:
        facts.append(Fact(w("etiketter.status"), clean(status)))
    return tuple(facts)


def quote(text: str) -> str:
    """``text`` in Danish quotation marks: »…«."""
    return f"»{clean(text)}«"


def _titles(ledger: Ledger, year: int, ids: tuple[str, ...]) -> str:
    after = ledger.after(year)
    found = [after.get(i) for i in ids] if after else []
    return ", ".join(quote(s.point.titel) for s in found if s is not None)


def _note(w: Words, state: PointState) -> tuple[Part, ...]:
    """The latest remark on a carried point, under its heading with the year it was made."""
    if not state.note:
        return ()
    return (Part(w("afsnit.seneste-bemærkning", **{"år": state.note_year}), lines(state.note)),)


def _items(w: Words, kind: str, dialog: Dialog, ledger: Ledger, round_: Round, public: bool) -> tuple[ItemView, ...]:
    year = round_.year
    items: list[ItemView] = []
    before = ledger.before(year)
    if before is not None:
        items.append(_follow_up_item(w, kind, ledger, round_, before))
    for item in round_.punkter:
        items.append(_agenda_item(w, kind, dialog, len(items) + 1, item, public))
    items.append(_new_points_item(w, kind, len(items) + 1, ledger, round_))
    eventuelt = (Part(None, lines(round_.eventuelt) or (Line(w("punkter.intet")),)),) if kind == REFERAT else ()
    items.append(ItemView(len(items) + 1, w("punkter.eventuelt"), parts=eventuelt))
    return tuple(items)


def _follow_up_item(w: Words, kind: str, ledger: Ledger, round_: Round, before: RoundState) -> ItemView:
    title = w("punkter.opfølgning", **{"år": before.year})
    open_points = before.open_points()
    if not open_points:
        return ItemView(1, title, parts=(Part(None, (Line(w("punkter.ingen-åbne-punkter", **{"år": before.year})),)),))
    after = ledger.after(round_.year)
    follow_ups = {f.id: f for f in round_.opfoelgning}
    entries = []
    for index, state in enumerate(open_points):
        if kind == DAGSORDEN:
            status = w("status.ikke-behandlet") if state.id in before.unfollowed else _status(w, state.status)
            entries.append(Entry(letter(index), clean(state.point.titel), _point_facts(w, state, status=status),
                                 _note(w, state)))
            continue
        now = (after.get(state.id) if after else None) or state
        follow_up = follow_ups.get(state.id)
        replaced = bool(now.replaced_by) and now.closed_in == round_.year
        if follow_up is not None and follow_up.status is not None:
            status = _status(w, follow_up.status)  # the meeting's own decision, also when a new point took over
        elif replaced:
            status = ""
        elif follow_up is None or not follow_up.referat:
            status = w("status.ikke-behandlet")
        else:
            status = w("status.uændret", status=_status(w, now.status))
        if replaced:
            titles = _titles(ledger, round_.year, now.replaced_by)
            status = (w("status.og-erstattet", status=status, titler=titles) if status
                      else w("status.erstattet-af", titler=titles))
        parts = (Part(None, lines(follow_up.referat)),) if follow_up and follow_up.referat else ()
        facts = _point_facts(w, now, status=status)
        indicator = state.point.indikator
        if follow_up is not None and follow_up.maaling is not None and indicator is not None:
            facts += (Fact(w("etiketter.måling"), measured(w, indicator, follow_up.maaling)),)
        entries.append(Entry(letter(index), clean(state.point.titel), facts, parts))
    return ItemView(1, title, entries=tuple(entries))


def _agenda_item(w: Words, kind: str, dialog: Dialog, number: int, item: AgendaItem, public: bool) -> ItemView:
    if public and item.lukket:
        return ItemView(number, w("punkter.lukket-punkt"))
    facts = []
    if item.sagsnr:
        facts.append(Fact(w("etiketter.sagsnr"), clean(item.sagsnr)))
    if item.fra is not None:
        facts.append(Fact(w("etiketter.fremsat-af"),
                          clean(dialog.kommune if item.fra is Fra.KOMMUNEN else dialog.boligorganisation)))
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


def _new_point_entry(w: Words, label: str, point: Point, ledger: Ledger, year: int) -> Entry:
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
            w("etiketter.erstattet-punkt", titel=clean(s.point.titel), **{"år": s.origin})
            for s in replaced if s is not None)))
    parts = [Part(None, lines(point.beskrivelse))] if point.beskrivelse else []
    if point.maal:
        parts.append(Part(w("afsnit.mål"), lines(point.maal)))
    return Entry(label, clean(point.titel), tuple(facts), tuple(parts))


def _new_points_item(w: Words, kind: str, number: int, ledger: Ledger, round_: Round) -> ItemView:
    title = w("punkter.udarbejdelse")
    points = round_.aftaler
    if kind == DAGSORDEN:  # the agenda never shows what the meeting agreed
        return ItemView(number, title, parts=(Part(None, (Line(w("punkter.nye-punkter-aftales")),)),))
    if not points:
        return ItemView(number, title, parts=(Part(None, (Line(w("punkter.ingen-nye-punkter")),)),))
    intro = w("punkter.aftalte-nye-punkter")
    entries = tuple(_new_point_entry(w, letter(i), p, ledger, round_.year) for i, p in enumerate(points))
    return ItemView(number, title, entries=entries, parts=(Part(None, (Line(intro),)),))


def _agreement_facts(w: Words, dialog: Dialog, round_: Round) -> tuple[Fact, ...]:
    facts = [Fact(w("etiketter.kommune"), clean(dialog.kommune)),
             Fact(w("etiketter.boligorganisation"), clean(dialog.boligorganisation))]
    if dialog.afdelinger:
        facts.append(Fact(w("etiketter.afdelinger"), clean(", ".join(name.value for name in dialog.afdelinger))))
    if round_.moede and round_.moede.dato:
        facts.append(Fact(w("etiketter.dialogmøde"), danish_date(round_.moede.dato)))
    facts.append(Fact(w("etiketter.periode"),
                      w("etiketter.periode-tekst", **{"år": round_.year, "næste-år": round_.year + 1})))
    return tuple(facts)


def _grouped(w: Words, entries: list[tuple[str | None, Entry]], themes: tuple[str, ...] = ()) -> tuple[Group, ...]:
    """Entries grouped by tema: the themes in the order of ``themes`` (the standard ones, then the local ones),
    then any other tema in order of first appearance, then the entries without one; without any tema, one
    untitled group."""
    if not entries:
        return ()
    if all(tema is None for tema, _ in entries):
        return (Group(None, tuple(e for _, e in entries)),)
    groups: dict[str | None, list[Entry]] = {tema: [] for tema in themes}
    for tema, entry in entries:
        groups.setdefault(tema, []).append(entry)
    rest = groups.pop(None, [])
    ordered = [(clean(name), group) for name, group in groups.items() if name is not None and group]
    if rest:
        ordered.append((w("aftaledokument.øvrige-aftaler"), rest))
    return tuple(Group(name, tuple(group)) for name, group in ordered)


def _by_theme(states: tuple[PointState, ...], themes: tuple[str, ...]) -> list[PointState]:
    """Points in the order the aftaledokument shows them, so that their numbers run on through the groups: by
    ``themes``, then other themes in order of first appearance, then those without one; else as agreed."""
    order = {tema: index for index, tema in enumerate(themes)}
    for state in states:
        if state.point.tema is not None:
            order.setdefault(state.point.tema, len(order))
    return sorted(states, key=lambda s: order.get(s.point.tema, len(order)) if s.point.tema else len(order))


def _overview_row(number: int, state: PointState, status: str) -> tuple[str, ...]:
    return (str(number), clean(state.point.titel), str(state.origin), clean(status), _name(state.ansvarlig or "–"),
            danish_date(state.frist) if state.frist else "–")


def _sections(w: Words, ledger: Ledger, year: int,
              themes: tuple[str, ...]) -> tuple[tuple[Section, ...], tuple[tuple[str, ...], ...]]:
    after = ledger.after(year)
    if after is None:
        return (Section(w("aftaledokument.nye-aftaler"), (Line(w("aftaledokument.ingen-aftaler-endnu")),), ()),), ()
    number = 0
    overview = []
    new: list[tuple[str | None, Entry]] = []
    for state in _by_theme(after.new_points(), themes):
        number += 1
        entry = _new_point_entry(w, f"{number}.", state.point, ledger, year)
        new.append((state.point.tema, replace(entry, indicator=indicator_view(w, state, year))))
        overview.append(_overview_row(number, state, w("status.ny")))
    carried: list[tuple[str | None, Entry]] = []
    for state in _by_theme(after.carried_points(), themes):
        number += 1
        status = w("status.ikke-behandlet") if state.id in after.unfollowed else _status(w, state.status)
        carried.append((state.point.tema, Entry(f"{number}.", clean(state.point.titel),
                                                _point_facts(w, state, status=status), _note(w, state),
                                                indicator_view(w, state, year))))
        overview.append(_overview_row(number, state, status))
    closed = []
    for index, state in enumerate(after.closed_points()):
        if state.status is Status.ERSTATTET:
            status = w("status.erstattet-af", titler=_titles(ledger, year, state.replaced_by))
        else:
            status = _status(w, state.status)
        step = state.history[-1] if state.history and state.history[-1].year == year else None
        parts = (Part(None, lines(step.referat)),) if step and step.referat else ()
        closed.append(Entry(letter(index), clean(state.point.titel), _point_facts(w, state, status=status), parts,
                            indicator_view(w, state, year)))

    def section(title: str, entries: list, empty: str) -> Section:
        return Section(title, () if entries else (Line(empty),), _grouped(w, entries, themes))

    this_year = {"år": year}
    return (
        section(w("aftaledokument.nye-aftaler"), new, w("aftaledokument.ingen-nye-aftaler", **this_year)),
        section(w("aftaledokument.videreførte-aftaler"), carried, w("aftaledokument.ingen-videreførte-aftaler")),
        section(w("aftaledokument.afsluttet", **this_year), [(None, e) for e in closed],
                w("aftaledokument.ingen-afsluttede-aftaler", **this_year)),
    ), tuple(overview)


def _signatures(w: Words, dialog: Dialog, round_: Round) -> tuple[Signature, ...]:
    """Each party's field: the date it signed, its name and title, or a line to write each on where none is given."""
    signing = round_.godkendt.aftaledokument if round_.godkendt else None
    signed = (signing.kommune, signing.boligorganisation) if signing else (None, None)
    signers = ((dialog.kommune, dialog.underskriver_kommune, signed[0]),
               (dialog.boligorganisation, dialog.underskriver_boligorganisation, signed[1]))
    return tuple(Signature(w("aftaledokument.for-part", part=clean(party)),
                           SignatureLine(w("aftaledokument.dato"), danish_date(day) if day else ""),
                           SignatureLine(w("aftaledokument.navn"), clean(s.navn) if s else ""),
                           SignatureLine(w("aftaledokument.titel"), clean(s.titel or "") if s else ""))
                 for party, s, day in signers)


def _amount(w: Words, indicator: Indicator, value: float) -> str:
    """A value of an indicator with its unit, kept on one line: "26,2 %"."""
    number = danish_number(value)
    return clean(f"{number}{NO_BREAK}{indicator.enhed}") if indicator.enhed else number


def _change(w: Words, indicator: Indicator, change: float) -> str:
    """A change of an indicator with its sign; a change of a percentage is in procentpoint."""
    unit = w("indikator.procentpoint") if indicator.enhed == "%" else indicator.enhed
    number = danish_number(change, sign=True)
    return clean(f"{number}{NO_BREAK}{unit}") if unit else number


def measured(w: Words, indicator: Indicator, measure: Measure) -> str:
    """A measurement as a fact shows it: "29 % (2019)"."""
    return w("indikator.værdi-i-år", **{"værdi": _amount(w, indicator, measure.vaerdi), "år": measure.aar})


def indicator_view(w: Words, state: PointState, year: int) -> IndicatorView | None:
    """The indicator of a point as it stands after round ``year``: progress, table, chart and alt text."""
    indicator = state.point.indikator
    if indicator is None:
        return None
    now = standing(indicator, state.measurements, year)
    baseline, target = indicator.udgangspunkt, indicator.maal
    facts = (Fact(w("indikator.fremskridt"), w(f"fremskridt.{now.progress.value}")),
             Fact(w("indikator.seneste"), measured(w, indicator, now.latest)),
             Fact(w("indikator.ændring", **{"år": baseline.aar}), _change(w, indicator, now.change)))
    rows = [(str(m.aar), _amount(w, indicator, m.vaerdi), w("indikator.udgangspunkt") if m is baseline else "")
            for m in now.values]
    rows.append((str(target.aar), _amount(w, indicator, target.vaerdi), w("indikator.mål")))
    name = clean(indicator.navn)
    values = ", ".join(w("indikator.graf-værdi", **{"værdi": _amount(w, indicator, m.vaerdi), "år": m.aar})
                       for m in now.values)
    alt = w("indikator.graf", navn=name, **{"værdier": values, "til": _amount(w, indicator, target.vaerdi),
                                            "år": target.aar})
    line = tuple((m.aar, m.vaerdi) for m in now.values)
    chart = Chart(line, (target.aar, target.vaerdi), _value_ticks([v for _, v in line] + [target.vaerdi]),
                  _year_ticks(baseline.aar, max(target.aar, line[-1][0])), clean(indicator.enhed or ""),
                  w("indikator.mål-i-graf", **{"værdi": _amount(w, indicator, target.vaerdi)}))
    header = (w("indikator.år"), w("indikator.værdi"), w("indikator.bemærkning"))
    return IndicatorView(state.id, w("indikator.overskrift", navn=name), facts, header, tuple(rows), chart, alt)


#: Steps between the marks of a value axis, times a power of ten: the first that gives at most six marks.
_NICE_STEPS = (1.0, 2.0, 2.5, 5.0)


def _value_ticks(values: list[float]) -> tuple[tuple[float, str], ...]:
    """Round values on the y axis around ``values``: at most six marks, a little room above and below."""
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    span = high - low
    power = 10.0 ** math.floor(math.log10(span / 5))
    step = next((power * s for s in _NICE_STEPS if span / (power * s) <= 4), power * 10)
    first = math.floor(low / step) * step
    if low - first < step / 4 and not (low >= 0 > first - step):
        first -= step
    last = math.ceil(high / step) * step
    count = round((last - first) / step)
    return tuple((first + i * step, danish_number(round(first + i * step, 10))) for i in range(count + 1))


def _year_ticks(first: int, last: int) -> tuple[tuple[int, str], ...]:
    """The years on the x axis: every year, or every second, fifth … when there are many (at most nine marks, so
    that the years stand apart on a chart 88 mm wide)."""
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 1000) if (last - first) / s <= 8)
    return tuple((y, str(y)) for y in range(first, last + 1) if (y - first) % step == 0)
