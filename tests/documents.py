"""Reading rendered documents back the way a reader would: python-docx for DOCX, pypdf for PDF."""

from __future__ import annotations

import re
from pathlib import Path

import docx
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


def pdf_text(path: Path) -> str:
    """The PDF's text as a PDF reader extracts it, squashed."""
    return squash(" ".join(page.extract_text() for page in PdfReader(str(path)).pages))


def in_order(text: str, needles: list[str]) -> bool:
    """True when every needle occurs in ``text``, each after the one before."""
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True
