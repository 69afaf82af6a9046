"""The view models of the preview's own pages (``aftale vis``): the overview, a page that is not there, the
problems of the files, and the links above a document.

They are :class:`~aftale.views.website.Page` values, laid out by the templates ``vis-oversigt.html``,
``vis-ikke-fundet.html`` and ``vis-fejl.html`` (and ``vis-dokument.html`` around a document), which a
repository may override like any template.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aftale.model import Dialog
from aftale.views.text import clean, listed, name_of
from aftale.views.website import Item, Link, Page, PageSection
from aftale.words import Words

#: The preview's own addresses: the event stream, its screen stylesheet and its script, the logo.
EVENTS, STYLE, SCRIPT, LOGO = "/_aftale/haendelser", "/_aftale/skaerm.css", "/_aftale/genindlaes.js", "/_aftale/logo"
#: The print stylesheet of the documents, served from the template folders.
PRINT = "/_aftale/print.css"


@dataclass(frozen=True)
class Frame:
    """What every page of the preview carries besides its content: the version its script compares with the
    server's, the addresses of its stylesheets and script, and the links above a document."""

    version: int
    links: tuple[Link, ...] = ()
    events: str = EVENTS
    print_css: str = PRINT
    screen_css: str = STYLE
    script: str = SCRIPT


def document_address(slug: str, year: int, kind: str) -> str:
    """The preview's address of a document's page."""
    return f"/{slug}/{year}/{kind}"


def report_address(year: int) -> str:
    """The preview's address of the redegørelse for ``year``."""
    return f"/redegoerelse/{year}"


def overview(w: Words, dialogs: Sequence[Dialog], documents: dict[str, list[tuple[str, int]]], years: Sequence[int],
             problems: Sequence[str], every_dialog: bool) -> Page:
    """The front page: every dialogue with its rounds and their documents, the redegørelser, and the problems.

    :param documents: each dialogue's documents by kind and round, as the workspace lists them.
    :param every_dialog: False when the preview shows one dialogue (no redegørelse, which spans them all).
    """
    sections = []
    for dialog in dialogs:
        rounds: dict[int, list[Link]] = {}
        for kind, year in documents.get(dialog.slug, []):
            rounds.setdefault(year, []).append(Link(w(f"dokumenter.{kind}"),
                                                    document_address(dialog.slug, year, kind)))
        items = []
        for year, links in rounds.items():
            round_ = dialog.round(year)
            state = w("vis.holdt" if round_ is not None and round_.held else "vis.planlagt") if round_ is not None \
                else w("vis.næste")
            items.append(Item(f"{year} ({state})", links=tuple(links)))
        if dialog.is_joint:
            table = [name_of(w, other) for slug in dialog.table for other in dialogs if other.slug == slug]
            title = w("vis.fælles", titel=name_of(w, dialog), parter=listed(w, [clean(dialog.kommune), *table]))
        else:
            title = w("vis.dialog", kommune=clean(dialog.kommune), boligorganisation=name_of(w, dialog))
        sections.append(PageSection(title, items=tuple(items)))
    if years and every_dialog:
        reports = tuple(Link(str(year), report_address(year)) for year in years)
        sections.append(PageSection(w("redegørelse.titel"), items=(Item("", links=reports),)))
    return Page("vis-oversigt", w("vis.titel"), (), tuple(sections), tuple(problems))


def document_links(w: Words, address: str, public: bool, other_edition: bool) -> tuple[Link, ...]:
    """The links above a document's page: back to the overview, its PDF, and its other edition."""
    this, that = ("?offentlig", "") if public and other_edition else ("", "?offentlig")
    links = [Link(w("vis.forside"), "/"), Link(w("vis.pdf"), f"{address}.pdf{this}")]
    if other_edition:
        links.append(Link(w("vis.intern" if public else "vis.offentlig"), f"{address}{that}"))
    return tuple(links)


def not_found(title: str, back: str) -> Page:
    """The page of an address with nothing on it, with the way back to the overview."""
    return Page("vis-ikke-fundet", title, (), (PageSection("", items=(Item("", links=(Link(back, "/"),)),)),))


def failure(title: str, message: str, problems: Sequence[str] = ()) -> Page:
    """The page shown instead of a document when it cannot be made: the problems of the files, and what to do."""
    return Page("vis-fejl", title, (message,) if message else (), (), tuple(problems))
