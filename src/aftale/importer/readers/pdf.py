"""PDF through pypdf's text: the lines of every page, without the page's header and footer.

A PDF holds no paragraphs, only placed text: its lines are marked :attr:`Line.wrapped` for
:mod:`aftale.importer.paragraphs` to join again. Text in the top and bottom margins of a page
(the sender, "Side 1 af 3") is page furniture when it repeats on every page or says which page it
is (on a document of one page: unless it is the document's title); a bullet drawn apart from its text
is dropped.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader

from aftale.importer.lines import Line, tidy

#: The share of the page's height at its top and at its bottom where headers and footers are.
_TOP, _BOTTOM = 0.095, 0.075
_PAGE_NUMBER = re.compile(r"(?:side\s+)?\d+(?:\s*(?:af|/)\s*\d+)?", re.IGNORECASE)
_PAGE_OF = re.compile(r"side\s+\d+\s+af\s+\d+", re.IGNORECASE)
_TITLE = re.compile(r"(?:referat|dagsorden|aftaledokument|styringsdialog)\b", re.IGNORECASE)
_BULLETS_ONLY = re.compile(r"[•·▪◦o\-–\s]*")


class Encrypted(Exception):
    """The PDF is protected by a password."""


@dataclass(frozen=True)
class _Page:
    lines: list[str]
    margins: set[str]


def read_pdf(data: bytes) -> list[Line]:
    """The lines of a PDF's text, page after page; raises :class:`Encrypted` for a PDF that needs a password."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as error:  # noqa: BLE001 - pypdf raises several kinds for ciphers it cannot open
            raise Encrypted() from error
        if not opened:
            raise Encrypted()
    pages = [_page(page) for page in reader.pages]
    if len(pages) > 1:
        repeated = set.intersection(*(page.margins for page in pages))
    else:  # one page: what stands in its margins, unless it is the title a tight page put up there
        repeated = {text for page in pages for text in page.margins if not _TITLE.match(text)}
    return [Line(text, wrapped=True) for page in pages for text in _body(page, repeated)]


def _page(page: Any) -> _Page:
    height = float(page.mediabox.height)
    bottom = float(page.mediabox.bottom)
    margins: set[str] = set()

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5] - bottom
        if text.strip() and (y > height * (1 - _TOP) or y < height * _BOTTOM):
            margins.add(tidy(text))

    text = page.extract_text(visitor_text=visit) or ""
    return _Page([tidy(line) for line in text.splitlines()], margins)


def _body(page: _Page, repeated: set[str]) -> Iterator[str]:
    for text in page.lines:
        if not text or _BULLETS_ONLY.fullmatch(text):
            continue
        if text in repeated or _PAGE_OF.fullmatch(text) or (text in page.margins and _PAGE_NUMBER.fullmatch(text)):
            continue
        yield text
