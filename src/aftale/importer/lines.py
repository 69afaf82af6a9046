"""The neutral structure every reader produces: a document as a list of lines.

A :class:`Line` is one paragraph as its reader found it. A reader that knows the
structure (Word: list paragraphs and their numbering, headings, bold) says so in
the line's fields; a reader that only has text (plain text, a PDF's text) leaves
them empty, and the marks typed in the text ("1. ", "a) ", "- ") are read later
by :mod:`aftale.importer.paragraphs`, the same way for every reader.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Characters that carry no text: zero-width spaces and joiners, direction marks, soft hyphens.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
#: Characters no YAML file and no document may hold (control characters, private-use bullets of fonts).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ue000-\uf8ff\ufffe\uffff]")


@dataclass(frozen=True)
class Line:
    """One paragraph of a document, as its reader found it.

    :param text: the text, white space collapsed; a list label the reader computed is not part of it.
    :param level: the list level the reader knew (Word's ``ilvl``); 0 outside lists.
    :param label: the list label the reader computed ("1.", "a)", "•"), or None.
    :param heading: the heading level (1 for Heading 1), 0 for a paragraph that is not a heading.
    :param bold: True when every character of the paragraph is bold.
    :param indent: how many spaces the line was indented by (plain text).
    :param gap: True when blank lines came before it (plain text).
    :param wrapped: True when the reader's lines may be a paragraph broken over several lines (plain text,
        a PDF's text), so that :mod:`aftale.importer.paragraphs` joins them again.
    """

    text: str
    level: int = 0
    label: str | None = None
    heading: int = 0
    bold: bool = False
    indent: int = 0
    gap: bool = False
    wrapped: bool = False


def tidy(text: str) -> str:
    """``text`` as one line of plain text: NFC, no invisible or control characters, single spaces (tabs kept)."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    text = _CONTROL.sub(" ", text.replace("\u00a0", " ").replace("\u202f", " "))
    return "\t".join(" ".join(part.split()) for part in text.split("\t")).strip()
