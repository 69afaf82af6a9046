"""What a document of one dialogue shows of the dialogues it shares a table with.

A joint dialogue's documents name every organisation at its table, list the participants by organisation and
have a signature for the kommune and for each organisation; an individual dialogue's aftaledokument shows, under
*Fælles aftaler*, the open joint points that bind it (:func:`aftale.ledgers.binding`); a point ``overført`` says
where to, or where from. The dialogues and their ledgers come in a :class:`Circle`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from aftale.ledger import Ledger, PointState
from aftale.ledgers import JointPoints, binding
from aftale.model import Dialog, Person, Point, Round, Signatory, Status
from aftale.views.entries import latest_remark, point_facts, status_text
from aftale.views.labels import Marks
from aftale.views.model import DAGSORDEN, Entry, Fact, Group, Line, PeopleGroup, Section, Signature, SignatureLine
from aftale.views.text import clean, listed, name_of
from aftale.words import Words, danish_date


@dataclass(frozen=True)
class Circle:
    """The dialogues a dialogue shares a table with (itself included) and their ledgers, replayed together."""

    dialogs: tuple[Dialog, ...] = ()
    ledgers: Mapping[str, Ledger] = field(default_factory=dict)

    def dialog(self, slug: str) -> Dialog | None:
        """The dialogue ``slug``, or None when it is not in the circle."""
        return next((d for d in self.dialogs if d.slug == slug), None)

    def table(self, dialog: Dialog) -> tuple[Dialog, ...]:
        """The dialogues at joint dialogue ``dialog``'s table, in the order its ``fælles`` names them."""
        return tuple(found for slug in dialog.table if (found := self.dialog(slug)) is not None)

    def binding(self, slug: str, year: int) -> tuple[JointPoints, ...]:
        """The open joint points that bind dialogue ``slug`` in ``year`` (:func:`aftale.ledgers.binding`)."""
        return binding(self.dialogs, self.ledgers, slug, year)


def called(w: Words, circle: Circle, slug: str) -> str:
    """The name of dialogue ``slug`` (:func:`~aftale.views.text.name_of`), or the slug when it is not in the circle."""
    dialog = circle.dialog(slug)
    return name_of(w, dialog) if dialog is not None else clean(slug)


def organisations(w: Words, dialog: Dialog, circle: Circle) -> list[str]:
    """The boligorganisationer of a dialogue: its own, or those at a joint dialogue's table."""
    if not dialog.is_joint:
        return [name_of(w, dialog)]
    return [name_of(w, member) for member in circle.table(dialog)]


def parties(w: Words, dialog: Dialog, circle: Circle) -> str:
    """The kommune and the organisations in a sentence: "Næstved Kommune, Lejerbo og Boligselskabet Suså"."""
    return listed(w, [clean(dialog.kommune), *organisations(w, dialog, circle)])


def point_status(w: Words, state: PointState, circle: Circle) -> str:
    """A point's status in words; ``overført`` says to which dialogue, or from which and when."""
    if state.status is Status.OVERFOERT:
        if state.moved_to is not None:
            return w("status.overført-til", dialog=called(w, circle, state.moved_to))
        sent = next((step for step in reversed(state.history) if step.til is not None), None)
        if sent is not None:
            return w("status.overført-fra", dialog=called(w, circle, sent.dialog), **{"år": sent.year})
    return status_text(w, state.status)


def bound_facts(w: Words, point: Point, dialog: Dialog, circle: Circle) -> tuple[Fact, ...]:
    """"Gælder: Lejerbo" for a point of joint dialogue ``dialog`` whose ``gælder`` names only some at the table."""
    if not dialog.is_joint or not point.gaelder:
        return ()
    return (Fact(w("etiketter.gælder"), ", ".join(called(w, circle, name.value) for name in point.gaelder)),)


def moved_to_text(w: Words, til: str, circle: Circle) -> str:
    """The status a follow-up gives a point it ``overført`` to dialogue ``til``."""
    return w("status.overført-til", dialog=called(w, circle, til))


def _person(w: Words, person: Person, absent: bool = False) -> str:
    """A name as the list of people shows it: "Birgitte Holm (direktør)", "Henrik Vang (formand, afbud)"."""
    if absent:
        return w("personer.afbud-rolle", navn=clean(person.navn), rolle=clean(person.rolle)) if person.rolle \
            else w("personer.afbud", navn=clean(person.navn))
    return clean(f"{person.navn} ({person.rolle})" if person.rolle else person.navn)


def people(w: Words, kind: str, round_: Round, dialog: Dialog, circle: Circle) -> tuple[PeopleGroup, ...]:
    """A meeting's people by organisation, as the file gives them: the kommune first, then the organisation (or
    those at a joint dialogue's table) in their order, then any other organisation named; those without one last,
    under the plain heading. The agenda lists everyone invited; the referat those who took part, and under each
    organisation those who sent apologies with "(afbud)"."""
    meeting = round_.moede
    if meeting is None:
        return ()
    if kind == DAGSORDEN:  # everyone invited, also those who later sent apologies
        key, persons = "inviterede", [(p, False) for p in (*meeting.deltagere, *meeting.fravaerende)]
    else:
        key, persons = "deltagere", [(p, False) for p in meeting.deltagere] + [(p, True) for p in meeting.fravaerende]
    order = [clean(dialog.kommune), *organisations(w, dialog, circle)]
    named = [clean(p.organisation) for p, _ in persons if p.organisation]
    found: list[PeopleGroup] = []
    for organisation in dict.fromkeys([o for o in order if o in named] + named):
        names = tuple(_person(w, p, absent) for p, absent in persons
                      if p.organisation and clean(p.organisation) == organisation)
        found.append(PeopleGroup(w(f"personer.{key}-fra", organisation=organisation), names))
    rest = tuple(_person(w, p, absent) for p, absent in persons if not p.organisation)
    if rest:
        found.append(PeopleGroup(w(f"personer.{key}"), rest))
    return tuple(found)


def signatures(w: Words, dialog: Dialog, round_: Round, circle: Circle) -> tuple[Signature, ...]:
    """A joint aftaledokument's signature fields: the kommune's, then each organisation's at the table (its
    signatory from its own dialog.yaml), each dated as ``godkendt`` records the party's signature."""
    signing = round_.godkendt.aftaledokument if round_.godkendt else None
    signers: list[tuple[str, Signatory | None, date | None]] = [
        (clean(dialog.kommune), dialog.underskriver_kommune, signing.kommune if signing else None)]
    signers += [(name_of(w, member), member.underskriver_boligorganisation,
                 signing.boligorganisation if signing else None) for member in circle.table(dialog)]
    return tuple(Signature(w("aftaledokument.for-part", part=party), party,
                           SignatureLine(w("aftaledokument.dato"), danish_date(day) if day else ""),
                           SignatureLine(w("aftaledokument.navn"), clean(s.navn) if s else ""),
                           SignatureLine(w("aftaledokument.titel"), clean(s.titel or "") if s else ""))
                 for party, s, day in signers)


def joint_sections(w: Words, dialog: Dialog, year: int, circle: Circle,
                   marks: Marks) -> tuple[list[Section], list[tuple[str, PointState, str]]]:
    """The *Fælles aftaler* of an individual aftaledokument of ``year``: for each joint dialogue at whose table
    ``dialog`` sits and which held a round by then, its open points that bind ``dialog``, each under the label the
    joint dialogue gave it; and each of those points with its label and status, for the overview table."""
    sections: list[Section] = []
    rows: list[tuple[str, PointState, str]] = []
    for found in circle.binding(dialog.slug, year):
        joint = name_of(w, found.joint)
        meeting = found.round.moede.dato if found.round.moede else None
        words = {"titel": joint, "boligorganisation": name_of(w, dialog)}
        if not found.points:
            sections.append(Section(w("aftaledokument.fælles-aftaler"),
                                    (Line(w("aftaledokument.ingen-fælles-aftaler", **words)),), ()))
            continue
        intro = (w("aftaledokument.fælles-aftaler-tekst", dato=danish_date(meeting), **words) if meeting
                 else w("aftaledokument.fælles-aftaler-uden-dato", **words))
        entries = []
        labelled = Marks(marks.words, marks.themes, circle.ledgers, found.joint.slug)
        for state in found.points:
            status = point_status(w, state, circle)
            facts = point_facts(w, state, status=status)
            if meeting is not None:
                facts = (Fact(w("etiketter.fælles-møde"), danish_date(meeting)), *facts)
            entries.append(Entry(labelled(state), clean(state.point.titel), facts, latest_remark(w, state)))
            rows.append((labelled(state), state, status))
        sections.append(Section(w("aftaledokument.fælles-aftaler"), (Line(intro),), (Group(None, tuple(entries)),)))
    return sections, rows
