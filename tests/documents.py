"""Reading rendered documents back the way a reader would: python-docx for DOCX, pypdf for PDF."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader


def squash(text: str) -> str:
    """Collapse runs of white space, as a reader does not see line wrapping."""
    return re.sub(r"\s+", " ", text).strip()


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph in the body and its tables, in reading order."""
    document = docx.Document(str(path))
    found = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            paragraph = docx.text.paragraph.Paragraph(block, document)
            found.append((paragraph.style.name, paragraph.text))
        elif block.tag.endswith("}tbl"):
            table = docx.table.Table(block, document)
            for row in table.rows:
                for cell in row.cells:
                    found.extend((p.style.name, p.text) for p in cell.paragraphs)
    return found


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
    """The PDF's text without the running header and the "Side X af Y" footer of each page.

    Only a page's first line can be its header and only its last line its footer: a line of the body
    that reads like the header (the kommune's name, when it is also the sender) is kept.
    """
    pages = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    pages = [page.strip().splitlines() for page in pages if page.strip()]
    header = pages[0][0].strip()
    kept = []
    for lines in pages:
        if lines and lines[0].strip() == header:
            lines = lines[1:]
        if lines and re.fullmatch(r"Side \d+ af \d+", lines[-1].strip()):
            lines = lines[:-1]
        kept += lines
    return visible("\n".join(kept))


#: The mark print.css draws before a list item of each level (disc, "– ", circle). In the DOCX the same
#: levels are the List Bullet styles, whose bullet Word draws itself: a DOCX list item is given the PDF's mark.
LIST_MARKS = {"List Bullet": "•", "List Bullet 2": "–", "List Bullet 3": "◦"}


def docx_body_lines(path: Path) -> list[str]:
    """The DOCX body as a reader reads it: paragraphs in order, a list item after its mark, table rows across.

    The cells of a row stand side by side, so a row is read across them line by line, as a PDF reader
    reads side-by-side columns: the first paragraph of every cell, then the second, and so on.
    """
    document = docx.Document(str(path))
    found = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            found.append(_with_mark(Paragraph(block, document)))
        elif block.tag.endswith("}tbl"):
            for row in Table(block, document).rows:
                cells = list({cell._tc: cell for cell in row.cells}.values())  # a merged cell once
                columns = [[_with_mark(p) for p in cell.paragraphs] for cell in cells]
                for line in range(max(map(len, columns), default=0)):
                    found += [column[line] for column in columns if line < len(column)]
    return found


def _with_mark(paragraph: Paragraph) -> str:
    mark = LIST_MARKS.get(paragraph.style.name)
    return f"{mark} {paragraph.text}" if mark else paragraph.text


def words(text: str) -> list[str]:
    """The words of ``text`` as a reader sees them: invisible marks dropped, split at white space."""
    return visible(text).split()


def first_difference(docx_words: list[str], pdf_words: list[str]) -> str | None:
    """None when the DOCX and the PDF say the same words in the same order; else where they part, in context."""
    matcher = difflib.SequenceMatcher(a=docx_words, b=pdf_words, autojunk=False)
    for tag, a_from, a_to, b_from, b_to in matcher.get_opcodes():
        if tag != "equal":
            return (f"after '{' '.join(docx_words[max(0, a_from - 6):a_from])}' the DOCX says "
                    f"'{' '.join(docx_words[a_from:a_to])}' and the PDF says '{' '.join(pdf_words[b_from:b_to])}'")
    return None
