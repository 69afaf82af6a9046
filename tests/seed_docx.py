"""Minutes written as Word files the way secretaries write them, for the importer's tests.

Three shapes of the same text: ``overskrifter`` (items as Word headings numbered by Word, lettered
sub-points and bullets as Word's own lists), ``fed`` (items as bold paragraphs with the numbers typed,
marks typed by hand) and ``tabel`` (the meeting's facts and participants in a table of two columns,
the rest typed). The text is first read into paragraphs as the importer reads a text file, so each
shape holds the very paragraphs of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph

from aftale.importer.paragraphs import Para, paragraphs
from aftale.importer.readers.text import read_text
from aftale.importer.vocabulary import meeting_fact

SHAPES = ("overskrifter", "fed", "tabel")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TYPED_BULLETS = ("-", "o", "▪", "▪")


def seed_docx(text: str, shape: str, path: Path) -> Path:
    """Write ``text`` as a Word file of ``shape`` at ``path``."""
    paras = paragraphs(read_text(text))
    items = item_indices(paras)
    document = docx.Document()
    lists = _Lists(document)
    front = min(items, default=len(paras))
    if shape == "tabel":
        _front_table(document, paras[:front])
    else:
        for para in paras[:front]:
            _typed(document, para, bold=para.heading > 0)
    letters: int | None = None
    for index in range(front, len(paras)):
        para = paras[index]
        if index in items:
            letters = None
            if shape == "overskrifter":
                paragraph = document.add_paragraph(para.text, "Heading 1")
                lists.number(paragraph, lists.items(_level_text(para.mark or "1.")), 0)
            else:
                _typed(document, para, bold=shape == "fed")
        elif shape == "overskrifter" and para.letter is not None:
            if letters is None:
                letters = lists.letters()
            lists.number(document.add_paragraph(para.text, "List Paragraph"), letters, 0)
        elif shape == "overskrifter" and para.bullet:
            text = f"{para.mark} {para.text}" if para.mark else para.text
            lists.number(document.add_paragraph(text, "List Paragraph"), lists.bullets, min(para.level, 2))
        else:
            _typed(document, para, bold=False)
    document.save(str(path))
    return path


def item_indices(paras: Sequence[Para]) -> set[int]:
    """The items of the minutes: the paragraphs numbered 1, 2, 3, … in order at the margin."""
    numbered = [i for i, p in enumerate(paras) if p.number is not None and p.level == 0 and not p.bullet]
    if any(paras[i].punkt for i in numbered):
        numbered = [i for i in numbered if paras[i].punkt]
    found, expected = set(), 1
    for index in numbered:
        if paras[index].number == expected:
            found.add(index)
            expected += 1
    return found


def _typed(document: Document, para: Para, bold: bool) -> Paragraph:
    text = f"{para.mark} {para.text}" if para.mark else para.text
    if para.bullet:
        text = f"{_TYPED_BULLETS[min(para.level, 3)]} {text}"
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = bold or None
    return paragraph


def _front_table(document: Document, front: Sequence[Para]) -> None:
    """The facts and participants of the meeting in a table at the first fact; other paragraphs as they are."""
    rows: list[tuple[str, list[str]]] = []
    table_at: int | None = None
    index = 0
    while index < len(front):
        para = front[index]
        fact = meeting_fact(para.text)
        if fact is None:
            _typed(document, para, bold=para.heading > 0)
            index += 1
            continue
        if table_at is None:
            table_at = len(document.paragraphs)
            document.add_paragraph("¤")  # the table's place, taken below
        label = para.text[:len(para.text) - len(fact[1])].strip(" :\t")
        values = [fact[1]] if fact[1] else []
        index += 1
        while not fact[1] and index < len(front) and meeting_fact(front[index].text) is None \
                and not front[index].heading:
            values.append(front[index].text)
            index += 1
        rows.append((label, values))
    if table_at is None:
        return
    table = document.add_table(rows=0, cols=2)
    for label, values in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = values[0] if values else ""
        for value in values[1:]:
            cells[1].add_paragraph(value)
    place = document.paragraphs[table_at]
    place._p.addnext(table._tbl)
    place._p.getparent().remove(place._p)


def _level_text(mark: str) -> str:
    """Word's level text for a typed mark: "1." becomes "%1.", "Punkt 1:" becomes "Punkt %1:"."""
    return re.sub(r"\d+", "%1", mark, count=1)


class _Lists:
    """Word's list definitions, added to the document's numbering part."""

    def __init__(self, document: Document) -> None:
        self.root = document.part.numbering_part.element
        self.next_abstract = 100
        self.bullets = self._num(self._abstract([("bullet", "•"), ("bullet", "o"), ("bullet", "▪")]))
        self.letter_list = self._abstract([("lowerLetter", "%1)")])
        self.item_lists: dict[str, int] = {}

    def items(self, level_text: str) -> int:
        if level_text not in self.item_lists:
            self.item_lists[level_text] = self._num(self._abstract([("decimal", level_text)]))
        return self.item_lists[level_text]

    def letters(self) -> int:
        """A new list of lettered paragraphs, starting at a)."""
        return self._num(self.letter_list)

    def number(self, paragraph: Paragraph, num_id: int, level: int) -> None:
        p_pr = paragraph._p.get_or_add_pPr()
        p_pr.append(parse_xml(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
                              "</w:numPr>"))

    def _abstract(self, levels: list[tuple[str, str]]) -> int:
        abstract_id = self.next_abstract
        self.next_abstract += 1
        body = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                       f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                       f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
                       for i, (fmt, text) in enumerate(levels))
        element = parse_xml(f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{abstract_id}">{body}</w:abstractNum>')
        first_num = self.root.find(f"{{{_W}}}num")
        if first_num is not None:
            first_num.addprevious(element)
        else:
            self.root.append(element)
        return abstract_id

    def _num(self, abstract_id: int) -> int:
        used = [int(n.get(f"{{{_W}}}numId")) for n in self.root.findall(f"{{{_W}}}num")]
        num_id = max(used, default=0) + 1
        self.root.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                                   "</w:num>"))
        return num_id
