"""The view models of the website's own pages: the kommune's front page and one page per dialogue.

Like the other views, this module only arranges words from the words file; the file names of the
site are given to it (:class:`Names`), so the pages link to what ``aftale udgiv`` writes. The
preview's own pages (``aftale vis``) are made of the same parts (:mod:`aftale.views.preview`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aftale.model import Dialog
from aftale.views.text import clean, listed, name_of
from aftale.words import Words, danish_date


@dataclass(frozen=True)
class Link:
    """A link as the page shows it; an empty ``href`` is the current page."""

    text: str
    href: str = ""


@dataclass(frozen=True)
class Chrome:
    """What every page of the site shows around its content: the way past it, the kommune, where the page is."""

    skip: str
    sender: str
    home: Link
    nav_label: str
    trail: tuple[Link, ...]
    stylesheet: str
    logo: Link | None = None
    #: Other forms of the page's document (the redegørelse as PDF and Word).
    alternatives: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Item:
    """One entry of a section: a title (a link when ``href`` is set), lines of text, and links."""

    title: str
    href: str = ""
    lines: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class PageSection:
    """A section of a page under its own heading; ``anchor`` is its id, for links to it."""

    title: str
    anchor: str = ""
    lines: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Page:
    """A page of the site (or of the preview) that is not a document.

    :param problems: the problems of the files, each as ``aftale tjek`` prints it (the preview shows them).
    """

    kind: str
    title: str
    intro: tuple[str, ...]
    sections: tuple[PageSection, ...]
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Names:
    """The site's file names, relative to its folder, as ``aftale udgiv`` writes them."""

    index: str
    stylesheet: str
    dialog_page: Callable[[str], str]
    report_page: Callable[[int], str]
    document: Callable[[str, int, str, str], str]
    report_document: Callable[[int, str], str]


@dataclass(frozen=True)
class Published:
    """Which of a round's documents are on the site, and in which formats."""

    referat: bool
    aftaledokument: bool


def chrome(w: Words, sender: str, names: Names, trail: tuple[Link, ...], logo: Link | None = None,
           alternatives: tuple[Link, ...] = ()) -> Chrome:
    """The frame of a page whose place on the site is ``trail`` (after the front page)."""
    home = Link(w("side.forside-link"), names.index)
    first = Link(home.text, names.index if trail else "")
    return Chrome(w("side.spring-til-indhold"), clean(sender), home, w("side.navigation"), (first, *trail),
                  names.stylesheet, logo, alternatives)


def front_page(w: Words, kommune: str, dialogs: tuple[Dialog, ...], years: list[int], names: Names,
               formats: tuple[str, ...]) -> Page:
    """The kommune's front page: each year's redegørelse, every boligorganisation with its years, and the joint
    dialogues (fælles dialogmøder) with theirs."""
    reports = tuple(Item(w("side.redegørelse-år", **{"år": year}), names.report_page(year),
                         links=_report_links(w, names, year, formats)) for year in reversed(years))
    organisations: list[Item] = []
    joint: list[Item] = []
    for dialog in sorted(dialogs, key=lambda d: (name_of(w, d).casefold(), d.slug)):
        held = [r.year for r in dialog.rounds if r.held]
        links = tuple(Link(str(year), f"{names.dialog_page(dialog.slug)}#{anchor(year)}") for year in reversed(held))
        lines = () if held else (w("side.ingen-år"),)
        (joint if dialog.is_joint else organisations).append(
            Item(name_of(w, dialog), names.dialog_page(dialog.slug), lines, links))
    shared = (PageSection(w("side.fælles-dialogmøder"), items=tuple(joint)),) if joint else ()
    return Page("forside", w("side.forside"), (w("side.forside-tekst", kommune=clean(kommune)),), (
        PageSection(w("side.redegørelser"), items=reports),
        PageSection(w("side.boligorganisationer"), items=tuple(organisations)),
        *shared,
    ))


def _report_links(w: Words, names: Names, year: int, formats: tuple[str, ...]) -> tuple[Link, ...]:
    found = [Link(w("side.redegørelse-pdf"), names.report_document(year, "pdf"))]
    if "docx" in formats:
        found.append(Link(w("side.redegørelse-docx"), names.report_document(year, "docx")))
    return tuple(found)


def anchor(year: int) -> str:
    """The id of a year's section on a dialogue's page."""
    return f"aar-{year}"


def dialog_page(w: Words, dialog: Dialog, published: dict[int, Published], report_years: list[int],
                names: Names, formats: tuple[str, ...], table: tuple[Dialog, ...] = ()) -> Page:
    """One dialogue's page: its held rounds, newest first, each with its meeting date and its documents.

    :param table: a joint dialogue's dialogues at its table, whose organisations its page names.
    """
    sections = []
    for round_ in reversed(dialog.rounds):
        if not round_.held:
            continue
        year = round_.year
        shown = published.get(year, Published(False, False))
        date = round_.moede.dato if round_.moede and round_.moede.dato else None
        lines = [w("side.mødedato", dato=danish_date(date)) if date else w("side.mødedato-ukendt")]
        links = []
        for kind, ready in (("referat", shown.referat), ("aftaledokument", shown.aftaledokument)):
            if not ready:
                lines.append(w(f"side.afventer-{kind}"))
                continue
            links.append(Link(w(f"side.{kind}"), names.document(dialog.slug, year, kind, "pdf")))
            if "docx" in formats:
                links.append(Link(w(f"side.{kind}-docx"), names.document(dialog.slug, year, kind, "docx")))
        if year in report_years:
            links.append(Link(w("side.redegørelse-år", **{"år": year}), names.report_page(year)))
        sections.append(PageSection(w("side.år", **{"år": year}), anchor(year), tuple(lines),
                                    (Item("", links=tuple(links)),) if links else ()))
    if not sections:
        sections.append(PageSection(w("side.dokumenter"), lines=(w("side.ingen-år"),)))
    if dialog.is_joint:
        parties = listed(w, [clean(dialog.kommune), *(name_of(w, member) for member in table)])
        return Page("dialog", name_of(w, dialog), (w("side.fælles-tekst", parter=parties),), tuple(sections))
    title = w("side.dialog-titel", boligorganisation=name_of(w, dialog))
    return Page("dialog", title, (w("side.dialog-tekst", kommune=clean(dialog.kommune),
                                    boligorganisation=name_of(w, dialog)),), tuple(sections))
