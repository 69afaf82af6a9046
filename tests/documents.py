"""Reading rendered documents back the way a reader would: python-docx for DOCX, pypdf for PDF."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import docx
from docx.document import Document
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from pypdf import PageObject, PdfReader


def squash(text: str) -> str:
    """Collapse runs of white space, as a reader does not see line wrapping."""
    return re.sub(r"\s+", " ", text).strip()


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph in the body and its tables, in reading order."""
    return [(paragraph.style.name, paragraph.text) for paragraph in _paragraphs(docx.Document(str(path)))]


def _blocks(container: Document | _Cell) -> Iterator[Paragraph | Table]:
    """The paragraphs and tables of a document's body or of a table cell, in reading order: a table, then its
    rows one by one, each cell whole (a merged cell once), a table in a cell where it stands."""
    for block in container.iter_inner_content():
        yield block
        if isinstance(block, Table):
            for row in block.rows:
                for cell in {cell._tc: cell for cell in row.cells}.values():
                    yield from _blocks(cell)


def _paragraphs(container: Document) -> list[Paragraph]:
    return [block for block in _blocks(container) if isinstance(block, Paragraph)]


def docx_tables(document: Document) -> list[Table]:
    """Every table of the document's body, a table inside a table's cell too, in reading order."""
    return [block for block in _blocks(document) if isinstance(block, Table)]


def docx_text(path: Path) -> str:
    """Everything a reader sees in the DOCX body, header and footer, squashed."""
    document = docx.Document(str(path))
    header = " ".join(p.text for s in document.sections for p in s.header.paragraphs)
    return squash(header + " " + " ".join(text for _, text in docx_paragraphs(path)))


def docx_headings(path: Path, level: int) -> list[str]:
    """The texts of paragraphs styled Heading ``level``."""
    return [squash(text) for style, text in docx_paragraphs(path) if style == f"Heading {level}"]


_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def require(tool: str) -> str:
    """The path of a command-line tool; skip the test without it, but fail under CI, which installs it."""
    found = shutil.which(tool)
    if found is None:
        message = f"{tool} is not installed (.ci/run installs it from Debian's packages)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def pdf_text(path: Path) -> str:
    """The PDF's text as a PDF reader extracts it (poppler's pdftotext, else pypdf), squashed.

    Invisible direction and zero-width marks are dropped: readers show nothing for them.
    """
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                              text=True).stdout
    else:
        text = " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return squash(_INVISIBLE.sub("", text))


def visible(text: str) -> str:
    """``text`` as a reader sees it: without invisible marks, white space collapsed."""
    return squash(_INVISIBLE.sub("", text))


def in_order(text: str, needles: list[str]) -> bool:
    """True when every needle occurs in ``text``, each after the one before."""
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def pdf_body_text(path: Path) -> str:
    """The PDF's text in document order (as a screen reader reads it), without the running header and the
    "Side X af Y" footer of each page.

    pypdf reads the page's content in the order it is drawn, which is the order of the document (a
    table row by row, each cell whole); the running header and the footer are drawn last on each page,
    so only a page's last two lines can be them, and a line of the body that reads like the header stays.
    A figure's own text (a chart's labels) is left out: a screen reader reads the figure's alternative
    text instead, and the DOCX's picture has no text either. So is what the PDF marks as an artifact (typst's
    running header and footer), which a screen reader skips.
    """
    kept = []
    for page in PdfReader(str(path)).pages:
        lines = [line.strip() for line in page_text(page)[0].splitlines() if line.strip()]
        if lines and re.fullmatch(r"Side \d+ af \d+", lines[-1]):
            lines = lines[:-1]
            if lines and (not kept or lines[-1] == header):
                header = lines.pop()
        kept += [_MARK.sub("", line) for line in lines if not _MARKS.fullmatch(line)]
    return visible("\n".join(kept))


def page_text(page: PageObject) -> tuple[str, str]:
    """A page's text as pypdf reads it, in two: the text outside tagged figures, and the text inside them; neither
    holds the text marked as an artifact.

    Marked content belongs to a figure when its tag says so (WeasyPrint) or when its MCID is one that a Figure
    element of the structure tree holds (typst tags all its marked content as spans).
    """
    outside: list[str] = []
    inside: list[str] = []
    marked: list[str] = []  # the tags of the marked content being drawn, innermost last
    figures = _figure_contents(page)

    def operator(op: bytes, args: list, *_: object) -> None:
        if op in (b"BDC", b"BMC"):
            properties = args[1] if op == b"BDC" and len(args) > 1 else None
            mcid = properties.get("/MCID") if isinstance(properties, dict) else None
            marked.append("/Figure" if mcid in figures else str(args[0]))
        elif op == b"EMC" and marked:
            marked.pop()

    def text(piece: str, *_: object) -> None:
        if "/Artifact" not in marked:
            (inside if "/Figure" in marked else outside).append(piece)

    page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return "".join(outside), "".join(inside)


def _figure_contents(page: PageObject) -> set[int]:
    """The MCIDs of ``page`` that the structure tree's Figure elements hold."""
    root = page.pdf.trailer["/Root"] if page.pdf is not None else None
    tree = root.get("/StructTreeRoot") if root is not None else None
    found: set[int] = set()
    if tree is None:
        return found
    here = page.indirect_reference.idnum if page.indirect_reference is not None else None

    def walk(node: object, figure: bool, on: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, int) and figure and on == here:
            found.add(node)
        elif isinstance(node, list):
            for kid in node:
                walk(kid, figure, on)
        elif isinstance(node, dict):
            page_ref = node.get("/Pg")
            on = page_ref.idnum if page_ref is not None and hasattr(page_ref, "idnum") else on
            if "/MCID" in node:
                walk(node["/MCID"], figure, on)
            elif "/K" in node and node.get("/Type") != "/OBJR":
                walk(node["/K"], figure or node.get("/S") == "/Figure", on)

    walk(tree.get("/K"), False, None)
    return found


#: A line of nothing but list marks: pypdf reads the marks of a page's list items apart from their text.
_MARKS = re.compile(r"[•◦–](\s+[•◦–])*")
#: A list mark at a line's start, before its item's text (as typst draws it).
_MARK = re.compile(r"^[•◦–]\s+")


def docx_body_lines(path: Path) -> list[str]:
    """The DOCX body as a screen reader reads it: paragraphs in order, a table row by row and each cell whole.

    List marks are drawn by Word and by the print stylesheet, not written as text, so neither reads them.
    """
    return [paragraph.text for paragraph in _paragraphs(docx.Document(str(path)))]


def words(text: str) -> list[str]:
    """The words of ``text`` as a reader sees them: invisible marks dropped, split at white space."""
    return visible(text).split()


def without_contents(docx_lines: list[str], pdf_words: list[str], docx_path: Path) -> tuple[list[str], list[str]]:
    """The DOCX's lines and the PDF's words without the table of contents, which the two show differently: Word
    without page numbers until it updates the field, the PDF with dot leaders and page numbers. The entries the
    DOCX lists must open the PDF's table of contents in the same order (each then a leader and a number)."""
    document = docx.Document(str(docx_path))
    entries = [p.text for p in document.paragraphs if re.fullmatch(r"toc \d", p.style.name) and p.text]
    if not entries:
        return docx_lines, pdf_words
    heading = next(p.text for p in document.paragraphs if p.style.name == "TOC Heading")
    start = pdf_words.index(heading)
    at = start + 1
    for entry in entries:
        expected = words(entry)
        assert pdf_words[at:at + len(expected)] == expected, (entry, pdf_words[at:at + len(expected) + 3])
        at += len(expected)
        while at < len(pdf_words) and pdf_words[at] == ".":
            at += 1
        assert pdf_words[at].isdigit(), pdf_words[at:at + 3]  # the page number
        at += 1
    first = docx_lines.index(heading)
    end = first + 1
    for entry in entries:  # the field's own empty paragraphs around the entries are no words
        while docx_lines[end] == "":
            end += 1
        assert docx_lines[end] == entry, (entry, docx_lines[end])
        end += 1
    return docx_lines[:first] + docx_lines[end:], pdf_words[:start] + pdf_words[at:]


def first_difference(docx_words: list[str], pdf_words: list[str]) -> str | None:
    """None when the DOCX and the PDF say the same words in the same order; else where they part, in context."""
    matcher = difflib.SequenceMatcher(a=docx_words, b=pdf_words, autojunk=False)
    for tag, a_from, a_to, b_from, b_to in matcher.get_opcodes():
        if tag != "equal":
            return (f"after '{' '.join(docx_words[max(0, a_from - 6):a_from])}' the DOCX says "
                    f"'{' '.join(docx_words[a_from:a_to])}' and the PDF says '{' '.join(pdf_words[b_from:b_to])}'")
    return None
