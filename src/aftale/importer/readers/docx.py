"""Word documents (DOCX) through python-docx: paragraphs, list numbering, headings, bold and tables.

Word keeps a list's numbers out of the text: a numbered paragraph says only which list and level it
belongs to. :class:`_Numbering` counts them as Word does (per list, a level restarting the levels
under it) and gives each list paragraph its label ("1.", "a)", "•"). A table row of a label and a
value becomes one line ``label<TAB>value``; a value of several paragraphs becomes the label's line
followed by one line each.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import docx
from lxml import etree  # type: ignore[import-untyped]
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from aftale.importer.lines import Line, tidy

_HEADING_STYLE = re.compile(r"(?:heading|overskrift)\s*([1-9])", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "titel"})
_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def read_docx(data: bytes) -> list[Line]:
    """The lines of a DOCX's body, in reading order; raises any error python-docx raises for a broken file."""
    document = docx.Document(io.BytesIO(data))
    numbering = _Numbering(document)
    return list(_container(document, numbering))


class _Styles:
    """The paragraph styles by id, looked up once (python-docx looks a paragraph's style up anew each time)."""

    def __init__(self, document: Document) -> None:
        self.by_id = {style.style_id: style for style in document.styles}
        self.default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._bold: dict[str, bool] = {}

    def of(self, paragraph: Paragraph) -> Any:
        """The paragraph's style (the document's default paragraph style when it names none)."""
        p_pr: Any = paragraph._p.pPr
        style_id = p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None
        return self.by_id.get(style_id, self.default) if style_id is not None else self.default

    def bold(self, style: Any) -> bool:
        """True when the style (or the style it is based on) makes its text bold."""
        key = style.style_id if style is not None else ""
        if key not in self._bold:
            found = False
            while style is not None:
                if style.font.bold is not None:
                    found = bool(style.font.bold)
                    break
                style = style.base_style
            self._bold[key] = found
        return self._bold[key]


def _container(container: Document | _Cell, numbering: "_Numbering") -> Iterator[Line]:
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield from _paragraph(block, numbering)
        elif isinstance(block, Table):
            for row in block.rows:
                yield from _row(row, numbering)


def _row(row: Any, numbering: "_Numbering") -> Iterator[Line]:
    """One table row: ``label<TAB>value`` for a label and one value, else the cells' lines one after another."""
    cells = list({cell._tc: cell for cell in row.cells}.values())
    texts = [list(_container(cell, numbering)) for cell in cells]
    filled = [lines for lines in texts if lines]
    if not filled:
        return
    if len(cells) == 2 and len(texts[0]) == 1 and texts[0][0].label is None and texts[1]:
        label = texts[0][0].text
        if len(texts[1]) == 1 and texts[1][0].label is None:
            yield Line(f"{label}\t{texts[1][0].text}")
        else:
            yield Line(label, bold=True)
            yield from texts[1]
    elif all(len(lines) == 1 for lines in filled):
        yield Line("\t".join(lines[0].text for lines in filled))
    else:
        for lines in texts:
            yield from lines


#: Word's styles of a table of contents: its heading ("TOC Heading") and its entries ("toc 1", "toc 2", …).
_CONTENTS_STYLE = re.compile(r"toc(?: heading|\s*\d)$", re.IGNORECASE)


def _paragraph(paragraph: Paragraph, numbering: "_Numbering") -> Iterator[Line]:
    style = numbering.styles.of(paragraph)
    label, level = numbering.label(paragraph, style)
    name = (style.name if style is not None else "") or ""
    if _CONTENTS_STYLE.match(name):  # a table of contents repeats the headings: the document says them once
        return
    found = _HEADING_STYLE.match(name)
    heading = int(found.group(1)) if found else 1 if name.casefold() in _TITLE_STYLES else 0
    bold = _bold(paragraph, numbering.styles.bold(style))
    first = True
    for part in paragraph.text.split("\n"):  # a line break (Shift+Enter) parts lines as a new paragraph would
        text = tidy(part)
        if not text:
            continue
        yield Line(text, level=level, label=label if first else None, heading=heading, bold=bold)
        first = False


def _bold(paragraph: Paragraph, style_bold: bool) -> bool:
    """True when every run with text is bold, by the run's own formatting or the paragraph's style."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold if run.bold is not None else style_bold for run in runs)


class _Numbering:
    """Word's list numbering: each list paragraph's label, counted per list as Word counts it."""

    def __init__(self, document: Document) -> None:
        try:
            self.root: Any = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            self.root = None
        self.styles = _Styles(document)
        self.counters: dict[str, list[int]] = {}
        self.definitions: dict[str, dict[int, tuple[str, str, int]]] = {}

    def label(self, paragraph: Paragraph, style: Any) -> tuple[str | None, int]:
        """The paragraph's list label ("1.", "a)", "•") and level; (None, 0) outside lists."""
        num_id, level = self._num_pr(paragraph, style)
        if num_id is None or num_id == "0" or self.root is None:
            return None, 0
        if num_id not in self.definitions:
            self.definitions[num_id] = self._levels(num_id)
        levels = self.definitions[num_id]
        if level not in levels:
            return None, 0
        fmt, text, start = levels[level]
        if fmt == "bullet":
            return "•", level
        if fmt == "none":
            return None, level
        counts = self.counters.setdefault(num_id, [])
        while len(counts) <= level:
            counts.append(levels.get(len(counts), ("decimal", "", 1))[2] - 1)
        counts[level] += 1
        del counts[level + 1:]
        label = text
        for index, count in enumerate(counts):
            index_fmt = levels.get(index, ("decimal", "", 1))[0]
            label = label.replace(f"%{index + 1}", _format(count, index_fmt))
        return tidy(label) or None, level

    def _num_pr(self, paragraph: Paragraph, style: Any) -> tuple[str | None, int]:
        """The list and level of a paragraph: its own numbering, else its style's (and the style's bases')."""
        p_pr: Any = paragraph._p.pPr
        num_pr = p_pr.numPr if p_pr is not None else None
        level = None
        if num_pr is not None:
            if num_pr.ilvl is not None:
                level = int(num_pr.ilvl.val)
            if num_pr.numId is not None:
                return str(num_pr.numId.val), level or 0
        while style is not None:
            style_pr: Any = style.element.pPr
            style_num = style_pr.numPr if style_pr is not None else None
            if style_num is not None and style_num.numId is not None:
                if level is None and style_num.ilvl is not None:
                    level = int(style_num.ilvl.val)
                return str(style_num.numId.val), level or 0
            style = style.base_style
        return None, 0

    def _levels(self, num_id: str) -> dict[int, tuple[str, str, int]]:
        """Each level of list ``num_id``: its number format, label text and start."""
        abstract = _xpath(self.root, f"./w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val")
        if not abstract:
            return {}
        definition = _xpath(self.root, f"./w:abstractNum[@w:abstractNumId='{abstract[0]}']")
        if not definition:
            return {}
        link = _xpath(definition[0], "./w:numStyleLink/@w:val")
        if link:  # the list is defined by a numbering style: follow it to its own list
            linked = self._style_num_id(link[0])
            if linked is not None and linked != num_id:
                return self._levels(linked)
        levels = {}
        for lvl in _xpath(definition[0], "./w:lvl"):
            index = int(_xpath(lvl, "./@w:ilvl")[0])
            fmt = (_xpath(lvl, "./w:numFmt/@w:val") or ["decimal"])[0]
            text = (_xpath(lvl, "./w:lvlText/@w:val") or [""])[0]
            start = int((_xpath(lvl, "./w:start/@w:val") or ["1"])[0])
            override = _xpath(self.root, f"./w:num[@w:numId='{num_id}']/w:lvlOverride[@w:ilvl='{index}']"
                                       "/w:startOverride/@w:val")
            levels[index] = (fmt, text, int(override[0]) if override else start)
        return levels

    def _style_num_id(self, style_id: str) -> str | None:
        style = self.styles.by_id.get(style_id)
        if style is None:
            return None
        found = _xpath(style.element, "./w:pPr/w:numPr/w:numId/@w:val")
        return str(found[0]) if found else None


def _xpath(element: Any, path: str) -> list[Any]:
    """The results of ``path`` (with the prefix ``w:``) from ``element``."""
    return list(etree.XPath(path, namespaces=_NS)(element))


def _format(count: int, fmt: str) -> str:
    """A list number as Word writes it in format ``fmt``."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        number = count
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman, number = "", count
        for value, digits in _ROMAN:
            while number >= value:
                roman += digits
                number -= value
        return roman.upper() if fmt == "upperRoman" else roman
    return str(count)
