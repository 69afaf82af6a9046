"""From a reader's lines to paragraphs: the list marks read, the lines of a broken paragraph joined.

Every reader's lines go through here, so a mark typed by hand ("1. ", "a) ", "- ", "o ") and a
label Word computed are read alike. Lines that a plain text or a PDF broke in the middle of a
sentence are joined again when the break cannot end a paragraph: the next line goes on in lower
case, or the line ends with a comma or a small word ("af", "til"), or the next line's first word
would not have fitted on it, or a list of names goes on. Table-of-contents lines (a title, then
dots or a tab and a page number) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from aftale.importer.lines import Line
from aftale.importer.vocabulary import FUNCTION_WORDS, agreement_section, is_label

_BULLET = re.compile(r"([-–•▪·◦*o])\s+(?=\S)")
_BULLET_LEVEL = {"o": 1, "◦": 1, "▪": 2}
_PUNKT = re.compile(r"punkt\s+(\d{1,3})\s*[:.]\s*", re.IGNORECASE)
_NUMBER = re.compile(r"(\d{1,2})(?:[.)]\s+|\s+)(?=[A-ZÆØÅ(»\"“])")
_LETTER = re.compile(r"\(?([a-zæøå])\)\s*(?=\S)|([a-z])\.\s+(?=[A-ZÆØÅ])")
#: An agreement's label as aftale's documents write it, its number in its round and the round's year: "3/2021 ".
_AGREEMENT_LABEL = re.compile(r"(\d{1,4}/(?:19|20|21)\d\d)\s+(?=\S)")
#: A line of a table of contents: a title, then dots (". . . ." as typst sets them, "....") or a tab, and a page
#: number (after typst's invisible word joiner).
_TOC = re.compile(r".*\S(?:\s*(?:\.\s?){3,}\s*\u2060?\d{0,3}|(?:\t|\s*\.?\s*\u2060)\s*\u2060?\d{1,3})")
#: The heading of a table of contents.
_CONTENTS = re.compile(r"indhold(?:sfortegnelse)?", re.IGNORECASE)
_END = re.compile(r"[.!?:;»«\"”)]$|\.[a-z]{3,4}$")
#: The rest of a list broken over lines: a word, then a comma ("Madsen, Momodou Keita, …").
_LIST_GOES_ON = re.compile(r"[A-ZÆØÅ][\w-]*,\s")
#: A short remark in brackets alone on a line: "(afbud)", "(formand, afbud)".
_REMARK = re.compile(r"\([^()]{1,40}\)")
#: The last word or two of a sentence, carried to a line of their own.
_TAIL = re.compile(r"\S+(?: \S+)?[.!?]")
#: A line was broken for want of room when the next line's first word would have taken it past this share of
#: the longest line's length; a line with room left for that word was ended on purpose.
_FULL = 1.0


@dataclass(frozen=True)
class Para:
    """A paragraph with its list mark read.

    :param number: the number of a numbered paragraph ("1. ", "1 (Åben) ", "Punkt 1: ", or Word's numbering).
    :param punkt: True when the number was written "Punkt 1:".
    :param letter: the letter of a lettered paragraph ("a) "), or the label of an agreement ("3/2021 ").
    :param bullet: True for a bullet ("- ", "• ", "o ", or Word's bullets).
    :param level: the list level: 0 at the margin, 1 for a bullet under a bullet, ….
    :param mark: the number or letter as the document wrote it ("1.", "a)", "Punkt 1:"), to keep in a text.
    """

    text: str
    number: int | None = None
    punkt: bool = False
    letter: str | None = None
    bullet: bool = False
    level: int = 0
    heading: int = 0
    bold: bool = False
    mark: str | None = None

    @property
    def marked(self) -> bool:
        """True when the paragraph has a list mark of any kind."""
        return self.number is not None or self.letter is not None or self.bullet


def paragraphs(lines: Sequence[Line]) -> list[Para]:
    """The paragraphs of a document: marks read, broken lines joined, table-of-contents lines left out."""
    widest = max((len(line.text) for line in lines if line.wrapped), default=0)
    result: list[Para] = []
    previous: Line | None = None
    skipped = _contents(lines)
    for index, line in enumerate(lines):
        if index in skipped or (_TOC.fullmatch(line.text) and len(line.text.split()) > 1):
            continue
        para = _marked(line)
        if result and previous is not None and _continues(previous, result[-1], line, para, widest):
            result[-1] = replace(result[-1], text=_join(result[-1].text, para.text))
        else:
            result.append(para)
        previous = line
    return result


def _contents(lines: Sequence[Line]) -> set[int]:
    """The lines of a table of contents under its heading ("Indhold"): the heading, and every line up to its last
    entry that ends with a page number, with the lines of an entry whose title a PDF broke over two."""
    for start, line in enumerate(lines):
        if _CONTENTS.fullmatch(line.text.strip()):
            last, gap = None, 0
            for index in range(start + 1, len(lines)):
                if _TOC.fullmatch(lines[index].text):
                    last, gap = index, 0
                elif (gap := gap + 1) > 2:
                    break
            if last is not None:
                return set(range(start, last + 1))
    return set()


def _marked(line: Line) -> Para:
    """The paragraph of ``line`` with its list mark read: the reader's label first, then a mark typed in the text."""
    text = line.text
    base = Para(text, level=line.level, heading=line.heading, bold=line.bold)
    if line.label is not None:
        if line.label in ("•", "-", "–", "o", "▪", "·"):
            return _typed(replace(base, bullet=True), text)
        found = _read_mark(f"{line.label} X")
        if found is not None:
            del found["length"]
            return replace(base, mark=line.label, **found)
        return base
    bullet = _BULLET.match(text)
    if bullet and not (bullet.group(1) == "o" and text[bullet.end():][:1].islower()):
        level = _BULLET_LEVEL.get(bullet.group(1), 0) + (1 if line.indent > 0 else 0)
        return _typed(replace(base, text=text[bullet.end():], bullet=True, level=min(level, 3)), text[bullet.end():])
    return _typed(base, text)


def _typed(para: Para, text: str) -> Para:
    """``para`` with a number or letter typed at the start of ``text`` read."""
    found = _read_mark(text)
    if found is None:
        return replace(para, text=text)
    length = found.pop("length")
    rest = text[length:]
    if not rest.strip():
        return replace(para, text=text)
    return replace(para, text=rest, mark=text[:length].strip(), **found)


def _read_mark(text: str) -> dict[str, Any] | None:
    punkt = _PUNKT.match(text)
    if punkt:
        return {"number": int(punkt.group(1)), "punkt": True, "length": punkt.end()}
    label = _AGREEMENT_LABEL.match(text)
    if label:
        return {"letter": label.group(1), "length": label.end()}
    number = _NUMBER.match(text)
    if number:
        return {"number": int(number.group(1)), "length": number.end()}
    letter = _LETTER.match(text)
    if letter:
        return {"letter": letter.group(1) or letter.group(2), "length": letter.end()}
    return None


def _continues(previous: Line, para: Para, line: Line, new: Para, widest: int) -> bool:
    """True when ``line`` is the rest of the paragraph ``para``, broken in the middle of a sentence."""
    if not (previous.wrapped and line.wrapped) or new.marked or line.heading or is_label(line.text) or \
            agreement_section(line.text):
        return False
    text = para.text
    if _END.search(text) or "\t" in text or "\t" in line.text:
        return False
    first = line.text[:1]
    last_word = text.rsplit(" ", 1)[-1].casefold()
    if _REMARK.fullmatch(line.text.strip()):  # "(afbud)" of a name in a narrow column, broken onto a line
        return True
    if first.islower() or text.endswith((",", "-", "–", "/", "&")) or last_word in FUNCTION_WORDS:
        return True
    if _TAIL.fullmatch(line.text) and len(text.split()) >= 6 and not is_label(text):
        return True
    if text.count(", ") >= 2 and _LIST_GOES_ON.match(line.text):  # a list of names broken after a first name
        return True
    next_word = line.text.split(" ", 1)[0]
    return widest > 0 and len(previous.text) + 1 + len(next_word) > widest * _FULL


def _join(text: str, more: str) -> str:
    if text.endswith("-") and more[:1].islower() and not text.endswith(" -"):
        return text + more
    return f"{text} {more}"
