"""DESIGN §6: a document longer than three pages opens with a table of contents — its chapters with the pages
they begin on — in every engine and in Word; a shorter one has none."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from pypdf import PdfReader

from aftale.render.contents import surely_short
from aftale.views.model import Document
from tests.conftest import EXAMPLE_DOCUMENTS
from tests.documents import docx_paragraphs, page_text, visible

#: The example's 2021 referat: four pages in typst, five in WeasyPrint; eight items.
CHAPTERS = ["1. Opfølgning på aftaledokument fra 2020", "2. Dokumentationspakken", "3. Fremtidsdrøftelser",
            "4. Hvordan kommunen kan hjælpe beboerne og Lejerbo i forbindelse med de forskellige byggesager "
            "(genhusning og omfattende indvendig renovering)", "5. Opfølgning på gamle udlejningsaftaler",
            "6. Henvendelse fra Grøn Omstilling, Agenda 21 og Klimarådet", "7. Udarbejdelse af aftaledokument",
            "8. Eventuelt"]


def _pages(path: Path) -> list[str]:
    """Each page's text as a reader reads it, white space made single."""
    return [" ".join(visible(page_text(page)[0]).split()) for page in PdfReader(str(path)).pages]


def test_a_referat_of_more_than_three_pages_lists_each_item_with_the_page_it_begins_on(example_pdfs: Path) -> None:
    pages = _pages(example_pdfs / "2021/referat.pdf")
    assert len(pages) > 3
    at = pages[0].index("Indhold")
    found = {}
    for chapter in CHAPTERS:
        # the entry: the chapter's heading, the dot leader (typst marks it as no text) and its page number
        entry = re.compile(re.escape(chapter) + r"(?: ?\.)* (\d+)").match(pages[0], pages[0].index(chapter, at))
        assert entry is not None, (chapter, pages[0][at:at + 400])
        found[chapter], at = int(entry.group(1)), entry.end()
    assert list(found.values()) == sorted(found.values())
    body = [pages[0][at:], *pages[1:]]  # the pages after the table of contents
    for chapter, number in found.items():
        # the heading is on that page and on no page before it
        assert chapter in body[number - 1], (chapter, number)
        assert not any(chapter in page for page in body[:number - 1]), (chapter, number)


def test_each_engine_gives_a_table_of_contents_exactly_to_its_documents_of_more_than_three_pages(
        example_pdfs: Path) -> None:
    """Each engine decides by its own layout; the example has documents of both kinds."""
    found = {}
    for name in EXAMPLE_DOCUMENTS:
        pages = _pages(example_pdfs / f"{name}.pdf")
        found[name] = len(pages) > 3
        assert ("Indhold" in pages[0]) == found[name], (name, len(pages))
    assert True in found.values() and False in found.values()


def test_word_lists_the_same_chapters_in_its_own_table_of_contents_field(example: Path) -> None:
    """Word's TOC field over the Heading 1 paragraphs, its shown entries already filled in (Word adds the page
    numbers of its own layout when it updates the field). Word lays out its own pages, so the DOCX follows the
    default engine's (typst's) pages."""
    path = example / "2021/referat.docx"
    paragraphs = docx_paragraphs(path)
    entries = [text for style, text in paragraphs if style == "toc 1" and text]
    assert entries == CHAPTERS == [text for style, text in paragraphs if style == "Heading 1"]
    assert ("TOC Heading", "Indhold") in paragraphs
    body = docx.Document(str(path)).element.body
    assert [" ".join(t.text.split()) for t in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText")
            if "TOC" in t.text] == ['TOC \\o "1-1" \\h \\z \\u']
    for name in EXAMPLE_DOCUMENTS:  # (the example fixture's PDFs are typst's)
        long = len(PdfReader(str(example / f"{name}.pdf")).pages) > 3
        assert any(style == "toc 1" for style, _ in docx_paragraphs(example / f"{name}.docx")) == long, name


def test_only_a_document_with_little_in_it_is_taken_as_short_without_laying_it_out() -> None:
    from aftale.views.model import Labels, Line, Part, ItemView
    from datetime import date

    def document(lines: int) -> Document:
        item = ItemView(1, "Punkt", parts=(Part(None, tuple(Line("Et afsnit med en del ord i sig. " * 3)
                                                             for _ in range(lines))),))
        return Document("referat", "Referat", "", "", "", 2020, "d", False, date(2020, 1, 1),
                        Labels("", "", ("", "", "")), "", (), items=(item,))

    assert surely_short(document(5)) and not surely_short(document(40))


#: The headings of an item's parts, which must never open a page cut off from the item they belong to.
PART_HEADINGS = ("Resumé", "Sagsfremstilling", "Indstilling", "Referat", "Beslutning", "Bilag")


def test_no_page_leaves_an_item_or_its_decision_cut_off(example_pdfs: Path) -> None:
    """The 2020 referat once had "Beslutning" alone at the top of its last page, the item it belonged to on the
    page before: a page that opens with a part's heading follows a page that ends in that item's own text, never
    in its title or facts, and the last part of an item keeps company with what came before it."""
    for name in ("2020/referat", "2021/referat", "2020/dagsorden", "2021/dagsorden"):
        pages = []
        for page in PdfReader(str(example_pdfs / f"{name}.pdf")).pages:
            lines = [line.strip() for line in page_text(page)[0].splitlines() if line.strip()]
            pages.append([line for line in lines if not line.startswith("Næstved Kommune, Center")
                          and not re.fullmatch(r"Side \d+ af \d+", line)])
        for number in range(1, len(pages)):
            before, first = pages[number - 1][-1], pages[number][0]
            if first in PART_HEADINGS:
                assert not re.match(r"\d+\. |Fremsat af:|Sagsnr\.:|Behandling:", before), (name, number + 1, before)
            assert first != "Beslutning", (name, number + 1)
