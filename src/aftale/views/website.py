"""The view models of the website's own pages: the kommune's front page and one page per dialogue.

Like the other views, this module only arranges words from the words file; the file names of the
site are given to it (:class:`Names`), so the pages link to what ``aftale udgiv`` writes. The
preview's own pages (``aftale vis``) are made of the same parts (:mod:`aftale.views.preview`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import io
import re
from datetime import date

from aftale.model import Dialog, Settings
from aftale.views.model import AFTALEDOKUMENT, REFERAT
from aftale.views.public import published
from aftale.views.text import clean, listed, name_of
from aftale.words import Words, danish_date, danish_number


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
    #: What the foot of every page says: whom to contact, when the site was last updated, the accessibility statement.
    footer: "Footer | None" = None


@dataclass(frozen=True)
class Footer:
    """The foot of every page of the site: the kommune as sender and its address, the date of the newest thing
    published (a date from the files, never the clock, so the same files give the same site), and the link to
    the kommune's accessibility statement, which every Danish public website must have."""

    label: str
    contact: tuple[str, ...]
    email: Link | None = None
    updated: str = ""
    accessibility: Link | None = None


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
           alternatives: tuple[Link, ...] = (), footer: Footer | None = None) -> Chrome:
    """The frame of a page whose place on the site is ``trail`` (after the front page)."""
    home = Link(w("side.forside-link"), names.index)
    first = Link(home.text, names.index if trail else "")
    return Chrome(w("side.spring-til-indhold"), clean(sender), home, w("side.navigation"), (first, *trail),
                  names.stylesheet, logo, alternatives, footer)


def footer(w: Words, settings: Settings, sender: str, dialogs: tuple[Dialog, ...]) -> Footer:
    """The foot of the site's pages, from aftale.yaml (``afsender``, ``afsender-e-mail``,
    ``tilgængelighedserklæring``) and the newest date a published round records (:func:`updated`)."""
    address = settings.afsender_e_mail
    email = Link(w("side.skriv-til", adresse=address), f"mailto:{address}") if address else None
    newest = updated(dialogs)
    statement = settings.tilgaengelighedserklaering
    return Footer(w("side.kontakt"), (clean(sender),), email,
                  w("side.opdateret", dato=danish_date(newest)) if newest else "",
                  Link(w("side.tilgængelighedserklæring"), statement) if statement else None)


def updated(dialogs: tuple[Dialog, ...]) -> date | None:
    """The newest date the published rounds record (meeting, approval, signatures): when the site last changed."""
    found: list[date] = []
    for dialog in dialogs:
        for round_ in dialog.rounds:
            if not (published(round_, REFERAT) or published(round_, AFTALEDOKUMENT)):
                continue
            if round_.moede and round_.moede.dato:
                found.append(round_.moede.dato)
            approval = round_.godkendt
            if approval is not None and approval.referat and published(round_, REFERAT):
                found.append(approval.referat)
            signing = approval.aftaledokument if approval is not None else None
            if signing is not None and published(round_, AFTALEDOKUMENT):
                found += [day for day in (signing.kommune, signing.boligorganisation) if day]
    return max(found, default=None)


def about(w: Words, name: str, data: bytes) -> str:
    """What a link says of the file it leads to: its kind, its size and, for a PDF, its pages ("PDF, 84 kB, 3
    sider"), as the bytes the site holds have them."""
    size = len(data)
    amount = (w("side.kb", antal=danish_number(max(1, round(size / 1000)))) if size < 1_000_000
              else w("side.mb", antal=danish_number(round(size / 1_000_000, 1))))
    if name.endswith(".pdf"):
        pages = _page_count(data)
        return w("side.om-pdf", størrelse=amount,
                 sider=w("side.én-side") if pages == 1 else w("side.sider", antal=pages))
    return w("side.om-docx", størrelse=amount)


#: A page object in a PDF whose objects are not packed into compressed streams (typst's).
_PAGE = re.compile(rb"/Type\s*/Page\b")


def _page_count(data: bytes) -> int:
    """The pages of a PDF: counted in its bytes when its page objects are there to see (typst writes them so, 2 ms
    for a site's PDF), else from its page tree read with pypdf (WeasyPrint packs its objects: about 50 ms)."""
    found = len(_PAGE.findall(data))
    if found:
        return found
    from pypdf import PdfReader  # only the site counts pages

    return len(PdfReader(io.BytesIO(data)).pages)


def _nothing_said(name: str) -> str:
    return ""


def dialog_title(w: Words, dialog: Dialog) -> str:
    """A dialogue's page's title: the joint dialogue's name, or "Styringsdialog med <boligorganisation>"."""
    if dialog.is_joint:
        return name_of(w, dialog)
    return w("side.dialog-titel", boligorganisation=name_of(w, dialog))


def front_page(w: Words, kommune: str, dialogs: tuple[Dialog, ...], years: list[int], names: Names,
               formats: tuple[str, ...], about: Callable[[str], str] = _nothing_said) -> Page:
    """The kommune's front page: each year's redegørelse, every boligorganisation with its years, and the joint
    dialogues (fælles dialogmøder) with theirs.

    :param about: what a link says of the file it leads to (:func:`about`), by the file's name.
    """
    reports = tuple(Item(w("side.redegørelse-år", **{"år": year}), names.report_page(year),
                         links=_report_links(w, names, year, formats, about)) for year in reversed(years))
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


def _report_links(w: Words, names: Names, year: int, formats: tuple[str, ...],
                  about: Callable[[str], str]) -> tuple[Link, ...]:
    return tuple(Link(w(f"side.redegørelse-{suffix}", om=about(name)), name)
                 for suffix in ("pdf", "docx") if suffix in formats  # only the formats the site holds
                 if (name := names.report_document(year, suffix)))


def anchor(year: int) -> str:
    """The id of a year's section on a dialogue's page."""
    return f"aar-{year}"


def dialog_page(w: Words, dialog: Dialog, published: dict[int, Published], report_years: list[int],
                names: Names, formats: tuple[str, ...], table: tuple[Dialog, ...] = (),
                about: Callable[[str], str] = _nothing_said) -> Page:
    """One dialogue's page: its held rounds, newest first, each with its meeting date and its documents.

    :param table: a joint dialogue's dialogues at its table, whose organisations its page names.
    :param about: what a link says of the file it leads to (:func:`about`), by the file's name.
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
            if "pdf" in formats:  # only the formats the site holds
                pdf = names.document(dialog.slug, year, kind, "pdf")
                links.append(Link(w(f"side.{kind}", om=about(pdf)), pdf))
            if "docx" in formats:
                word = names.document(dialog.slug, year, kind, "docx")
                links.append(Link(w(f"side.{kind}-docx", om=about(word)), word))
        if year in report_years:
            links.append(Link(w("side.redegørelse-år", **{"år": year}), names.report_page(year)))
        sections.append(PageSection(w("side.år", **{"år": year}), anchor(year), tuple(lines),
                                    (Item("", links=tuple(links)),) if links else ()))
    if not sections:
        sections.append(PageSection(w("side.dokumenter"), lines=(w("side.ingen-år"),)))
    if dialog.is_joint:
        parties = listed(w, [clean(dialog.kommune), *(name_of(w, member) for member in table)])
        return Page("dialog", dialog_title(w, dialog), (w("side.fælles-tekst", parter=parties),), tuple(sections))
    title = dialog_title(w, dialog)
    return Page("dialog", title, (w("side.dialog-tekst", kommune=clean(dialog.kommune),
                                    boligorganisation=name_of(w, dialog)),), tuple(sections))
