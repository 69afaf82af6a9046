"""What the recogniser found in one document, before it is matched to the dialogue: a draft round.

Texts are kept as the document wrote them; nothing here has an id yet. Every value the recogniser
guessed rather than read from a labelled field carries a note (``notes``, by field), which the
writer puts at the value's line as a ``# tjek:`` comment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from aftale.model import Fra, Status

#: Paragraphs as (level, text): level 0 is a paragraph, level 1 a bullet under the paragraph before, ….
Blocks = tuple[tuple[int, str], ...]


@dataclass
class DraftPerson:
    """A participant as the document names them."""

    navn: str
    organisation: str | None = None
    rolle: str | None = None
    referent: bool = False
    afbud: bool = False


@dataclass
class DraftMeeting:
    """The facts of the meeting: every field may be missing."""

    dato: date | None = None
    tid: str | None = None
    sted: str | None = None
    sagsnr: str | None = None
    deltagere: list[DraftPerson] = field(default_factory=list)
    fravaerende: list[DraftPerson] = field(default_factory=list)
    referent: str | None = None
    bemaerkning: str | None = None
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True when the document named no fact of the meeting."""
        return not any((self.dato, self.tid, self.sted, self.sagsnr, self.deltagere, self.fravaerende,
                        self.referent, self.bemaerkning))


@dataclass
class DraftItem:
    """One of the meeting's own agenda items."""

    titel: str
    fra: Fra | None = None
    lukket: bool = False
    sagsnr: str | None = None
    resume: Blocks = ()
    sagsfremstilling: Blocks = ()
    indstilling: Blocks = ()
    referat: Blocks = ()
    beslutning: Blocks = ()
    bilag: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)


@dataclass
class DraftFollowUp:
    """An earlier point as the document follows it up (a sub-point of "Opfølgning på aftaledokument").

    :param origin: the year the document says it was agreed ("Aftalt: 2019"), if it says.
    :param explicit: True when the document states the status in a field ("Status: opfyldt"), as aftale's
        own documents do; False when the status, if any, was read from the prose (``evidence``).
    :param replaced_by: the titles of the new points the document says took it over ("erstattet af »…«").
    """

    titel: str
    origin: int | None = None
    status: Status | None = None
    explicit: bool = False
    evidence: str | None = None
    replaced_by: list[str] = field(default_factory=list)
    ansvarlig: str | None = None
    frist: date | None = None
    referat: Blocks = ()
    #: With status ``overført``: the name of the dialogue the document says the point went to.
    til: str | None = None


@dataclass
class DraftPoint:
    """A point agreed in the document's round (a sub-point of "Udarbejdelse af aftaledokument").

    :param erstatter: the earlier points it takes over, as (title, year agreed or None).
    """

    titel: str
    ansvarlig: str | None = None
    frist: date | None = None
    afdelinger: list[str] = field(default_factory=list)
    erstatter: list[tuple[str, int | None]] = field(default_factory=list)
    tema: str | None = None
    beskrivelse: Blocks = ()
    notes: dict[str, str] = field(default_factory=dict)


@dataclass
class Draft:
    """One document, recognised: a round of the dialogue as the document shows it.

    :param kind: "referat", "dagsorden" or "aftaledokument".
    :param year: the round's year, or None when the document does not say; ``year_from`` says how it was found.
    :param follow_up_year: the year the follow-up item names ("Opfølgning på aftaledokument fra 2019").
    :param points_complete: True when the document lists the whole new aftaledokument (a referat's item
        "Udarbejdelse af aftaledokument"): an earlier point it neither carries into it nor gives a status
        is no longer in the aftaledokument.
    :param unread: texts the recogniser could not place, kept for the writer to show as comments.
    """

    source: str
    kind: str
    year: int | None = None
    year_from: str = ""
    meeting: DraftMeeting = field(default_factory=DraftMeeting)
    follow_up_year: int | None = None
    follow_ups: list[DraftFollowUp] = field(default_factory=list)
    items: list[DraftItem] = field(default_factory=list)
    points: list[DraftPoint] = field(default_factory=list)
    points_complete: bool = False
    eventuelt: Blocks = ()
    signed: dict[str, date] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
