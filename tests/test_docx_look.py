"""The Word documents look like the PDFs (issue 24, "Word"): no blank thumbnail, the PDF's bullets, an agreement's
heading the PDF's size, a space after every fact's label, and the overview's labels and titles kept whole."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Length

from tests.conftest import EXAMPLE_DOCUMENTS
from tests.documents import docx_paragraphs


def test_no_document_carries_a_blank_thumbnail(example: Path) -> None:
    for name in EXAMPLE_DOCUMENTS:
        with zipfile.ZipFile(example / f"{name}.docx") as archive:
            assert not [n for n in archive.namelist() if "thumbnail" in n], name
            assert b"thumbnail" not in archive.read("_rels/.rels"), name


def test_the_bullets_of_each_level_are_the_pdfs(example: Path) -> None:
    """•, – and ◦, as typst's list markers and print.css draw them, in the documents' font."""
    document = docx.Document(str(example / "2021/referat.docx"))
    numbering = document.part.numbering_part.element
    marks = {}
    for abstract in numbering.findall(qn("w:abstractNum")):
        style = abstract.find(f"{qn('w:lvl')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val")).startswith("ListBullet"):
            level = abstract.find(qn("w:lvl"))
            marks[style.get(qn("w:val"))] = (level.find(qn("w:lvlText")).get(qn("w:val")),
                                             level.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:ascii")))
    assert marks == {"ListBullet": ("•", "Liberation Sans"), "ListBullet2": ("–", "Liberation Sans"),
                     "ListBullet3": ("◦", "Liberation Sans")}
    # the example's 2021 referat has bullets under bullets
    assert {"List Bullet", "List Bullet 2"} <= {style for style, _ in docx_paragraphs(example / "2021/referat.docx")}


def test_an_agreement_without_a_tema_has_the_heading_size_of_the_pdf(example: Path) -> None:
    """Under a section without temaer (the 2020 aftaledokument), an agreement's heading is Heading 2 (11 pt, as the
    PDF's), its label and title in one run of the heading's own size."""
    paragraphs = docx_paragraphs(example / "2020/aftaledokument.docx")
    assert ("Heading 2", "1/2020 Udvikling af samarbejdet mellem kommune og boligselskab på det sociale plan") \
        in paragraphs
    document = docx.Document(str(example / "2020/aftaledokument.docx"))
    assert document.styles["Heading 2"].font.size.pt == 11
    heading = next(p for p in document.paragraphs if p.text.startswith("1/2020 "))
    assert all(run.font.size is None for run in heading.runs)  # no smaller label run


def test_every_fact_reads_label_colon_space_value(example: Path) -> None:
    for name in EXAMPLE_DOCUMENTS:
        # (the document's own facts are a table of label and value; a point's facts are "Label: value" lines)
        facts = [text for style, text in docx_paragraphs(example / f"{name}.docx")
                 if style == "Aftale Fakta" and re.match(r"[^\W\d][^:]*:", text)]
        assert all(re.fullmatch(r"[^:]+: \S.*", text) for text in facts), (name, facts)


def test_the_overview_keeps_each_label_on_one_line_and_gives_titles_the_pdfs_room(example: Path) -> None:
    document = docx.Document(str(example / "2021/aftaledokument.docx"))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Nr.")
    widths = [round(Length(int(col.get(qn("w:w"))) * 635).mm) for col in table._tbl.tblGrid.iterchildren()]
    assert widths == [14, 60, 12, 20, 30, 24] and sum(widths) == 160
    assert [row.cells[0].text for row in table.rows[1:]] == ["1/2021", "2/2021", "3/2021", "4/2021"]
