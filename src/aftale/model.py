"""The domain types of a repository of agreements.

Every value that comes from a file keeps where it came from: objects carry
``pos`` (where they start) and ``where`` (the position of each field's value,
by field name), names in lists are :class:`Name` values with their own
position. Model types are frozen; nothing here imports from the project.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


class Pos(NamedTuple):
    """A place in a file: a path relative to the repository, 1-based line and column.

    A named tuple rather than a dataclass: every value of every file has one, and
    tuples are several times cheaper to make.
    """

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


#: The agenda items of a new round when aftale.yaml names no ``standardpunkter``.
DEFAULT_AGENDA = ("Dokumentationspakken",)

#: The headings of the styringsdialog, in the order an aftaledokument groups its agreements by them.
STANDARD_THEMES = ("Økonomi og drift", "Ledelse og beboerdemokrati", "Udlejning", "Boligafdelinger",
                   "Nybyggeri og renovering")


class Status(enum.Enum):
    """The status a meeting gives an agreed point; the value is what the YAML says."""

    I_GANG = "i gang"
    VIDEREFOERES = "videreføres"
    PARKERET = "parkeret"
    OPFYLDT = "opfyldt"
    AFSLUTTET = "afsluttet"
    UDGAAR = "udgår"
    ERSTATTET = "erstattet"
    OVERFOERT = "overført"

    @property
    def is_open(self) -> bool:
        """True for the statuses that keep a point on the list."""
        return self in _OPEN_STATUSES


_OPEN_STATUSES = frozenset({Status.I_GANG, Status.VIDEREFOERES, Status.PARKERET})


class Fra(enum.Enum):
    """Which party brought an agenda item."""

    KOMMUNEN = "kommunen"
    BOLIGORGANISATIONEN = "boligorganisationen"


@dataclass(frozen=True)
class Name:
    """A short text in a list (an id, a department) together with its position."""

    value: str
    pos: Pos

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of text."""

    text: str
    pos: Pos


@dataclass(frozen=True)
class BulletList:
    """A bullet list under the paragraph before it; an item may itself be a nested list."""

    items: tuple["Block", ...]
    pos: Pos


Block = Paragraph | BulletList
Blocks = tuple[Block, ...]


@dataclass(frozen=True)
class Measure:
    """One value of an indicator in one year: a baseline, a target or a measurement."""

    aar: int
    vaerdi: float
    pos: Pos
    where: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Indicator:
    """A measurable goal of a point: from ``udgangspunkt`` to ``maal``, and the values measured so far.

    Lower is better when the target is below the baseline, higher otherwise.
    """

    navn: str
    pos: Pos
    udgangspunkt: Measure
    maal: Measure
    enhed: str | None = None
    maalinger: tuple[Measure, ...] = ()
    where: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)

    @property
    def lower_is_better(self) -> bool:
        """True when the target lies below the baseline."""
        return self.maal.vaerdi < self.udgangspunkt.vaerdi


@dataclass(frozen=True)
class Person:
    """A participant: a name and, where given, organisation, role and e-mail address."""

    navn: str
    pos: Pos
    organisation: str | None = None
    rolle: str | None = None
    e_mail: str | None = None


@dataclass(frozen=True)
class Signatory:
    """Who signs the aftaledokument for one party."""

    navn: str
    pos: Pos
    titel: str | None = None


#: What documents call a joint dialogue whose dialog.yaml gives no ``titel``.
JOINT_TITLE = "Fælles styringsdialog"


@dataclass(frozen=True)
class Dialog:
    """One dialogue and its rounds in year order: a kommune and a boligorganisation, or, for a joint dialogue
    (a *fælles dialogmøde*), a kommune and the individual dialogues at its table (``faelles``)."""

    slug: str
    kommune: str
    boligorganisation: str
    pos: Pos
    afdelinger: tuple[Name, ...] = ()
    underskriver_kommune: Signatory | None = None
    underskriver_boligorganisation: Signatory | None = None
    rounds: tuple["Round", ...] = ()
    where: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)
    #: The slugs of the individual dialogues at a joint dialogue's table; empty for an individual dialogue.
    faelles: tuple[Name, ...] = ()
    #: A joint dialogue's own name for its meeting (``titel``), or None.
    titel: str | None = None

    @property
    def is_joint(self) -> bool:
        """True for a joint dialogue: one whose dialog.yaml names the dialogues at its table."""
        return bool(self.faelles)

    @property
    def name(self) -> str:
        """What documents and messages call the dialogue: the boligorganisation, or a joint dialogue's title."""
        if self.is_joint:
            return self.titel or JOINT_TITLE
        return self.boligorganisation

    @property
    def table(self) -> tuple[str, ...]:
        """The slugs of the dialogues at a joint dialogue's table, in the order dialog.yaml names them."""
        return tuple(name.value for name in self.faelles)

    def round(self, year: int) -> "Round | None":
        """The round named ``year``, or None."""
        return next((r for r in self.rounds if r.year == year), None)

    def latest_held(self) -> "Round | None":
        """The latest round that has been held, or None."""
        return next((r for r in reversed(self.rounds) if r.held), None)

    def planned(self) -> "Round | None":
        """The latest round when it has not been held yet (its agenda is the next to send), or None."""
        return self.rounds[-1] if self.rounds and not self.rounds[-1].held else None


@dataclass(frozen=True)
class Meeting:
    """The facts of a dialogue meeting; every field may be missing while it is planned."""

    pos: Pos
    dato: date | None = None
    tid: str | None = None
    sted: str | None = None
    sagsnr: str | None = None
    deltagere: tuple[Person, ...] = ()
    fravaerende: tuple[Person, ...] = ()
    referent: str | None = None
    bemaerkning: str | None = None
    where: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class FollowUp:
    """How one meeting left an earlier point (an entry under ``opfølgning``)."""

    id: str
    pos: Pos
    status: Status | None = None
    referat: Blocks = ()
    ansvarlig: str | None = None
    frist: date | None = None
    maaling: Measure | None = None
    where: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)
    #: With status ``overført``: the dialogue that follows the point up from now on.
    til: str | None = None


@dataclass(frozen=True)
class AgendaItem:
    """One of a round's own agenda items (an entry under ``punkter``)."""

    titel: str
    pos: Pos
    fra: Fra | None = None
    lukket: bool = False
    sagsnr: str | None = None
    resume: Blocks = ()
    sagsfremstilling: Blocks = ()
    indstilling: Blocks = ()
    referat: Blocks = ()
    beslutning: Blocks = ()
    bilag: tuple[Name, ...] = ()
    where: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Point:
    """An agreed point (an entry under ``aftaler``), as the round that agreed it wrote it."""

    id: str
    titel: str
    pos: Pos
    beskrivelse: Blocks = ()
    maal: Blocks = ()
    ansvarlig: str | None = None
    frist: date | None = None
    afdelinger: tuple[Name, ...] = ()
    erstatter: tuple[Name, ...] = ()
    tema: str | None = None
    indikator: Indicator | None = None
    where: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)
    #: In a joint round: the dialogues the point binds (empty: every dialogue at the table).
    gaelder: tuple[Name, ...] = ()


@dataclass(frozen=True)
class Signing:
    """The dates each party signed the aftaledokument."""

    pos: Pos
    kommune: date | None = None
    boligorganisation: date | None = None
    where: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Approval:
    """What the parties did after the meeting: approved the referat, signed the aftaledokument."""

    pos: Pos
    referat: date | None = None
    aftaledokument: Signing | None = None
    where: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Round:
    """One year's dialogue: the meeting, its follow-ups, items, new points, Eventuelt and the approvals.

    A round is *planned* while its file records no outcome of the meeting and *held* once it records
    any (DESIGN §4); a held round's referat is a draft until approved, its aftaledokument unsigned
    until both parties have signed.
    """

    year: int
    pos: Pos
    moede: Meeting | None = None
    opfoelgning: tuple[FollowUp, ...] = ()
    punkter: tuple[AgendaItem, ...] = ()
    aftaler: tuple[Point, ...] = ()
    eventuelt: Blocks = ()
    godkendt: Approval | None = None
    where: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)

    @property
    def held(self) -> bool:
        """True once the file records any outcome of the meeting."""
        return bool(any(f.status is not None or f.referat or f.maaling for f in self.opfoelgning)
                    or any(item.referat or item.beslutning for item in self.punkter)
                    or self.aftaler or self.eventuelt or self.godkendt is not None)

    @property
    def approved(self) -> bool:
        """True when both parties have approved the referat."""
        return self.godkendt is not None and self.godkendt.referat is not None

    @property
    def signed(self) -> bool:
        """True when both parties have signed the aftaledokument."""
        signing = self.godkendt.aftaledokument if self.godkendt else None
        return signing is not None and signing.kommune is not None and signing.boligorganisation is not None


@dataclass(frozen=True)
class ReportSettings:
    """The settings of the kommune's redegørelse (``redegørelse:`` in ``aftale.yaml``)."""

    pos: Pos
    indledning: Blocks = ()
    where: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Settings:
    """The repository's settings from ``aftale.yaml``; all optional."""

    afsender: str | None = None
    afsender_e_mail: str | None = None
    logo: str | None = None
    tilgaengelighedserklaering: str | None = None
    standardpunkter: tuple[str, ...] = ()
    temaer: tuple[str, ...] = ()
    pdf_variant: str | None = None
    pdf_motor: str | None = None
    redegoerelse: "ReportSettings | None" = None
    where: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)

    @property
    def agenda_items(self) -> tuple[str, ...]:
        """The items of a new round's agenda: ``standardpunkter``, else :data:`DEFAULT_AGENDA`."""
        return self.standardpunkter or DEFAULT_AGENDA

    @property
    def themes(self) -> tuple[str, ...]:
        """Every theme a point may name: the standard themes in their order, then ``temaer``."""
        return STANDARD_THEMES + tuple(t for t in self.temaer if t not in STANDARD_THEMES)


@dataclass(frozen=True)
class Repository:
    """A whole repository of agreements: its settings and its dialogues by slug."""

    root: str
    settings: Settings
    dialogs: tuple[Dialog, ...] = ()
    files: int = 0

    def dialog(self, slug: str) -> Dialog | None:
        """The dialogue named ``slug``, or None."""
        return next((d for d in self.dialogs if d.slug == slug), None)
