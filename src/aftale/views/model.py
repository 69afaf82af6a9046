"""The view model: the kinds of document and the frozen dataclasses a writer lays out.

Every value is already in Danish and cleaned; the writers in :mod:`aftale.render` compute nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DAGSORDEN, REFERAT, AFTALEDOKUMENT = "dagsorden", "referat", "aftaledokument"
KINDS = (DAGSORDEN, REFERAT, AFTALEDOKUMENT)


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
    :param legend: what the dashed line is, and which way is better.
    """

    line: tuple[tuple[int, float], ...]
    target: tuple[int, float]
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[int, str], ...]
    unit: str
    target_label: str
    legend: tuple[str, str] = ("", "")


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
    """One party's signature field: the party, the date it signed, and who signs with what title.

    :param party: the field's heading ("For Lejerbo"); :param signer: the party's name ("Lejerbo").
    """

    party: str
    signer: str
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
    #: The heading of the table of contents of a long document ("Indhold").
    contents: str = ""


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
    #: True when the document shows the repository's logo (the writers have its bytes).
    logo: bool = False
    note: str | None = None
    facts: tuple[Fact, ...] = ()
    people: tuple[PeopleGroup, ...] = ()
    items: tuple[ItemView, ...] = ()
    sections: tuple[Section, ...] = ()
    overview: tuple[tuple[str, ...], ...] = ()
    signatures: tuple[Signature, ...] = ()
    #: Once every party has signed: who signed when, shown instead of the signature fields ("" until then).
    signed: str = ""
    #: True when the document opens with a table of contents: it is longer than three pages (decided by the writers
    #: from the default engine's layout, :mod:`aftale.render.contents`, so every format of it agrees).
    contents: bool = False

    @property
    def metadata_title(self) -> str:
        """The title written into the file's metadata."""
        return f"{self.title}: {self.heading}"

    @property
    def signature_rows(self) -> tuple[tuple[Signature, ...], ...]:
        """The signature fields two by two, as a page sets them side by side (a joint dialogue has more than two)."""
        return tuple(self.signatures[i:i + 2] for i in range(0, len(self.signatures), 2))

    @property
    def chapters(self) -> tuple[tuple[str, str], ...]:
        """The document's chapters as its table of contents lists them, each (anchor, heading): the numbered items
        of a dagsorden or referat; else the overview, the sections and the signatures."""
        if self.items:
            return tuple((f"punkt-{item.number}", f"{item.number}. {item.title}") for item in self.items)
        found = [("oversigt", self.labels.overview)] if self.overview else []
        found += [(f"afsnit-{index}", section.title) for index, section in enumerate(self.sections, 1)]
        if self.signatures:
            found.append(("underskrifter", self.labels.signatures))
        return tuple(found)

    @property
    def indicators(self) -> tuple[IndicatorView, ...]:
        """Every indicator the document shows, in the order it shows them."""
        entries = [e for item in self.items for e in item.entries]
        entries += [e for section in self.sections for group in section.groups for e in group.entries]
        return tuple(e.indicator for e in entries if e.indicator is not None)
