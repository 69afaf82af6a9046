"""Whether a document opens with a table of contents: DESIGN §6, a document longer than three pages does.

How long a document is, is known only once it is laid out. Each PDF engine lays it out without a table of
contents and, when it has more than :data:`LONGEST_WITHOUT` pages, again with one, so a PDF has one exactly when
its own pages are more than three (typst keeps the layout it counted, so a short document costs one layout as
before). Word lays out its own pages, which aftale cannot know: the DOCX follows typst's layout, the default
engine's. A document far too short to fill three pages is not laid out for this at all (:func:`surely_short`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aftale.views.model import Document

#: The most pages a document has without a table of contents.
LONGEST_WITHOUT = 3
#: Below these a document cannot fill three pages: characters of text, and blocks (headings, paragraphs, facts,
#: names, table rows). Measured on the example: 1,463 characters in 47 blocks fill two pages, 2,173 in 50 three
#: (an aftaledokument, its headings and spacing taking most of the room).
_FEW_CHARACTERS, _FEW_BLOCKS = 1_500, 40


def decided(doc: "Document", pages: Callable[["Document"], int]) -> "Document":
    """``doc`` with :attr:`~aftale.views.model.Document.contents` set when it is longer than three pages, as
    ``pages`` (typst's :func:`~aftale.render.typst.page_count`) counts them without a table of contents."""
    if doc.contents or not doc.chapters or surely_short(doc):
        return doc
    return replace(doc, contents=pages(doc) > LONGEST_WITHOUT)


def surely_short(doc: "Document") -> bool:
    """True when ``doc`` has too little in it to fill three pages (and no charts, which take room of their own)."""
    if doc.indicators:
        return False
    texts: list[str] = [fact.value for fact in doc.facts]
    texts += [name for group in doc.people for name in group.names]
    for item in doc.items:
        texts += [item.title, *(fact.value for fact in item.facts)]
        texts += [line.text for part in item.parts for line in part.lines]
        texts += [text for entry in item.entries for text in _entry(entry)]
    for section in doc.sections:
        texts += [section.title, *(line.text for line in section.intro)]
        texts += [text for group in section.groups for entry in group.entries for text in _entry(entry)]
    texts += [cell for row in doc.overview for cell in row[:2]]
    return sum(map(len, texts)) < _FEW_CHARACTERS and len(texts) < _FEW_BLOCKS


def _entry(entry) -> list[str]:  # type: ignore[no-untyped-def]
    return [entry.title, *(fact.value for fact in entry.facts), *(line.text for part in entry.parts
                                                                  for line in part.lines)]
