"""The aftaledokument: the dialogue's facts, the agreements by section and tema, the overview table, the signatures.

Its sections: the new agreements, those carried on, (the joint ones that bind the organisation, those
``overført`` elsewhere,) those carried on in a new form (``erstattet``) and those closed this year; every
point under its one label (:mod:`aftale.views.labels`).
"""

from __future__ import annotations

from dataclasses import replace

from aftale.ledger import Ledger, PointState
from aftale.model import Dialog, Round, Settings, Status
from aftale.views.entries import latest_remark, new_point_entry, point_facts, quoted_titles, status_text
from aftale.views.indicators import indicator_view
from aftale.views.joint import (
    Circle, bound_facts, joint_sections, organisations, point_status, signatures as joint_signatures,
)
from aftale.views.labels import Marks, by_theme
from aftale.views.model import Document, Entry, Fact, Group, Line, Part, Section, Signature, SignatureLine
from aftale.views.text import NO_BREAK, clean, lines, listed, name_of
from aftale.words import Words, danish_date

#: Names up to this long are kept on one line in the overview table.
_SHORT_NAME = 24


def agreement_view(w: Words, base: Document, dialog: Dialog, ledger: Ledger, round_: Round,
                   settings: Settings, circle: Circle | None = None) -> Document:
    """The aftaledokument of ``round_``: ``base`` with its facts, sections, overview table and signature fields.

    :param circle: the dialogues ``dialog`` shares a table with: an individual dialogue's aftaledokument shows the
        joint points that bind it (*Fælles aftaler*), a joint dialogue's names every organisation at its table and
        has a signature for each.
    """
    circle = circle or Circle((dialog,), {dialog.slug: ledger})
    marks = Marks(w, settings.themes, circle.ledgers, dialog.slug)
    sections, overview = _sections(w, marks, ledger, round_.year, settings.themes, dialog, circle)
    signatures = joint_signatures(w, dialog, round_, circle) if dialog.is_joint else _signatures(w, dialog, round_)
    return replace(base, facts=_agreement_facts(w, dialog, round_, circle), sections=sections, overview=overview,
                   signatures=signatures, signed=signed_statement(w, signatures) if round_.signed else "")


def _name(text: str) -> str:
    """A short name kept on one line (in a table column); a long one may still wrap."""
    text = clean(text)
    return text.replace(" ", NO_BREAK) if len(text) <= _SHORT_NAME else text


def _agreement_facts(w: Words, dialog: Dialog, round_: Round, circle: Circle) -> tuple[Fact, ...]:
    if dialog.is_joint:
        organisation = Fact(w("etiketter.boligorganisationer"), ", ".join(organisations(w, dialog, circle)))
    else:
        organisation = Fact(w("etiketter.boligorganisation"), name_of(w, dialog))
    facts = [Fact(w("etiketter.kommune"), clean(dialog.kommune)), organisation]
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


def _overview_row(label: str, state: PointState, status: str) -> tuple[str, ...]:
    return (label, clean(state.point.titel), str(state.origin), clean(status), _name(state.ansvarlig or "–"),
            danish_date(state.frist) if state.frist else "–")


def _sections(w: Words, marks: Marks, ledger: Ledger, year: int, themes: tuple[str, ...], dialog: Dialog,
              circle: Circle) -> tuple[tuple[Section, ...], tuple[tuple[str, ...], ...]]:
    after = ledger.after(year)
    if after is None:
        return (Section(w("aftaledokument.nye-aftaler"), (Line(w("aftaledokument.ingen-aftaler-endnu")),), ()),), ()
    overview = []
    new: list[tuple[str | None, Entry]] = []
    for state in by_theme(after.new_points(), themes):
        label = marks(state)
        entry = new_point_entry(w, marks, label, state.point, ledger, year)
        new.append((state.point.tema, replace(entry, facts=entry.facts + bound_facts(w, state.point, dialog, circle),
                                              indicator=indicator_view(w, state, year))))
        overview.append(_overview_row(label, state, w("status.ny")))
    carried: list[tuple[str | None, Entry]] = []
    for state in by_theme(after.carried_points(), themes):
        status = w("status.ikke-behandlet") if state.id in after.unfollowed else point_status(w, state, circle)
        carried.append((state.point.tema, Entry(marks(state), clean(state.point.titel),
                                                point_facts(w, state, status=status)
                                                + bound_facts(w, state.point, dialog, circle),
                                                latest_remark(w, state),
                                                indicator_view(w, state, year))))
        overview.append(_overview_row(marks(state), state, status))
    shared, numbered = ([], []) if dialog.is_joint else joint_sections(w, dialog, year, circle, marks)
    overview += [_overview_row(label, state, status) for label, state, status in numbered]
    closed: list[Entry] = []
    moved: list[Entry] = []
    renewed: list[Entry] = []
    for state in after.closed_points():
        step = state.history[-1] if state.history and state.history[-1].year == year else None
        parts = (Part(None, lines(step.referat)),) if step and step.referat else ()
        if state.moved_to is not None:  # overført: the work goes on in another dialogue
            moved.append(Entry(marks(state), clean(state.point.titel),
                               point_facts(w, state, status=point_status(w, state, circle)), parts))
        elif state.status is Status.ERSTATTET:  # erstattet: the work goes on in a new agreement
            status = w("status.videreført-i-ny-form", titler=quoted_titles(marks, ledger, year, state.replaced_by))
            renewed.append(Entry(marks(state), clean(state.point.titel), point_facts(w, state, status=status), parts,
                                 indicator_view(w, state, year)))
        else:
            closed.append(Entry(marks(state), clean(state.point.titel),
                                point_facts(w, state, status=status_text(w, state.status)), parts,
                                indicator_view(w, state, year)))

    def section(title: str, entries: list, empty: str) -> Section:
        return Section(title, () if entries else (Line(empty),), _grouped(w, entries, themes))

    this_year = {"år": year}
    transferred = [section(w("aftaledokument.overført", **this_year), [(None, e) for e in moved], "")] if moved else []
    renewed_section = [section(w("aftaledokument.videreført-i-ny-form"), [(None, e) for e in renewed], "")] \
        if renewed else []
    return (
        section(w("aftaledokument.nye-aftaler"), new, w("aftaledokument.ingen-nye-aftaler", **this_year)),
        section(w("aftaledokument.videreførte-aftaler"), carried, w("aftaledokument.ingen-videreførte-aftaler")),
        *shared,
        *transferred,
        *renewed_section,
        section(w("aftaledokument.afsluttet", **this_year), [(None, e) for e in closed],
                w("aftaledokument.ingen-afsluttede-aftaler", **this_year)),
    ), tuple(overview)


def _signatures(w: Words, dialog: Dialog, round_: Round) -> tuple[Signature, ...]:
    """Each party's field: the date it signed, its name and title, or a line to write each on where none is given."""
    signing = round_.godkendt.aftaledokument if round_.godkendt else None
    signed = (signing.kommune, signing.boligorganisation) if signing else (None, None)
    signers = ((dialog.kommune, dialog.underskriver_kommune, signed[0]),
               (dialog.boligorganisation, dialog.underskriver_boligorganisation, signed[1]))
    return tuple(Signature(w("aftaledokument.for-part", part=clean(party)), clean(party),
                           SignatureLine(w("aftaledokument.dato"), danish_date(day) if day else ""),
                           SignatureLine(w("aftaledokument.navn"), clean(s.navn) if s else ""),
                           SignatureLine(w("aftaledokument.titel"), clean(s.titel or "") if s else ""))
                 for party, s, day in signers)


def signed_statement(w: Words, signatures: tuple[Signature, ...]) -> str:
    """Who signed when, once every party has: "Underskrevet af Næstved Kommune ved Anne Hansen, borgmester, den
    20. november 2020 og af Lejerbo den 24. november 2020." (the public copy is made from the file, not scanned)."""
    parties = []
    for signature in signatures:
        who = ", ".join(part for part in (signature.name.value, signature.title.value) if part)
        key = "aftaledokument.underskrevet-ved" if who else "aftaledokument.underskrevet-af"
        parties.append(w(key, part=signature.signer, ved=who, dato=signature.date.value))
    return w("aftaledokument.underskrevet", parter=listed(w, parties))
