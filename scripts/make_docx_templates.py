"""Write the Word templates templates/dagsorden.docx, referat.docx and aftaledokument.docx.

The templates are made from code so that they can be regenerated and reviewed
in a diff of this script; a test checks that the committed files are what this
script writes. They use Word's own styles (Title, Subtitle, Heading 1-3, List
Bullet 1-3) and the named styles in :data:`STYLES` and :data:`TABLE_STYLE`, and
no direct formatting, so a secretary restyles every document by editing the
styles in Word and saving the file under templates/ in the repository of
agreements. The tables look like the PDF's: no vertical lines, a dark rule under
a header row, thin grey rules between rows.

Run: python scripts/make_docx_templates.py
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from aftale.render import CHART_MM
from aftale.render.docx import fixed_zip

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
#: The font shipped in templates/fonts/ (SIL OFL); Word shows Arial, which has the same metrics, where it is missing.
#: A template's title where the kind's name is not the word (ASCII file name, Danish title).
TITLES = {"redegoerelse": "Redegørelse"}
#: The documents made from a Word template.
KINDS = ("dagsorden", "referat", "aftaledokument", "redegoerelse")
FONT = "Liberation Sans"
FONT_FALLBACK = "Arial"
INK = RGBColor(0x1F, 0x2A, 0x44)

#: The paragraph styles of aftale: name → (based on, size in pt or None, space before, space after, italic).
BODY, NOTE, FACT, TABLE_TEXT = "Aftale Brødtekst", "Aftale Note", "Aftale Fakta", "Aftale Tabeltekst"
SIGNATURE, SIGNATURE_LINE, FOOTER = "Aftale Underskrift", "Aftale Underskriftslinje", "Aftale Sidefod"
#: The text of a table of many columns (the redegørelse's meetings), as print.css's 8 pt.
SMALL_TABLE_TEXT = "Aftale Tabeltekst lille"
#: Where the line to write a date, name or title on ends: a tab stop whose leader is a line.
BLANK_END = Mm(60)
STYLES = {
    BODY: ("Normal", None, 0, 4, False),
    NOTE: (BODY, None, 0, 10, True),
    FACT: (BODY, None, 0, 1, False),
    TABLE_TEXT: ("Normal", 9.5, 1, 1, False),
    SMALL_TABLE_TEXT: (TABLE_TEXT, 8, 1, 1, False),
    SIGNATURE: (BODY, None, 0, 1, False),
    SIGNATURE_LINE: (SIGNATURE, None, 30, 2, False),
}
#: The character style of a fact's label ("Mødedato"), bold.
LABEL = "Aftale Faktaetiket"
#: The table style of every table with lines: the facts (no header row, no rules) and the overview.
TABLE_STYLE = "Aftale Tabel"


def _styles(document: Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, before, after in (("Title", 22, 0, 2), ("Subtitle", 12, 0, 16), ("Heading 1", 13, 14, 4),
                                      ("Heading 2", 11, 10, 3), ("Heading 3", 10, 8, 2)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = INK
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
    subtitle_spacing = styles["Subtitle"].element.rPr.find(qn("w:spacing"))
    if subtitle_spacing is not None:  # the default Subtitle is letter-spaced, which reads as a shout
        styles["Subtitle"].element.rPr.remove(subtitle_spacing)
    title = styles["Title"]
    # The default Title draws a blue rule under itself; a plain title reads better in minutes.
    ppr = title.element.pPr
    if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
        ppr.remove(ppr.find(qn("w:pBdr")))
    for name in ("List Bullet", "List Bullet 2", "List Bullet 3"):
        styles[name].paragraph_format.space_after = Pt(2)
    caption = styles["Caption"]
    caption.font.size = Pt(8)
    caption.font.bold = False
    caption.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    caption.font.name = FONT
    _aftale_styles(document)
    entry = document.styles.add_style(CONTENTS_ENTRY, WD_STYLE_TYPE.PARAGRAPH)
    entry.base_style = document.styles[BODY]
    entry.paragraph_format.space_after = Pt(2)
    entry.paragraph_format.tab_stops.add_tab_stop(Mm(160), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    heading = document.styles[CONTENTS_HEADING]
    heading.font.size, heading.font.bold, heading.font.color.rgb = Pt(13), True, INK
    _bullet_marks(document)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "da-DK")
    normal.element.get_or_add_rPr().append(language)


#: The bullet of each list level, as the PDF draws them (typst's list markers, print.css's list-style-type).
BULLETS = {"ListBullet": "•", "ListBullet2": "–", "ListBullet3": "◦"}


def _bullet_marks(document: Document) -> None:
    """The list styles' bullets in the documents' font: •, – and ◦, the PDF's marks, rather than the default
    template's Symbol-font dots."""
    numbering = document.part.numbering_part.element
    for abstract in numbering.findall(qn("w:abstractNum")):
        style = abstract.find(f"{qn('w:lvl')}/{qn('w:pStyle')}")
        mark = BULLETS.get(style.get(qn("w:val"))) if style is not None else None
        if mark is None:
            continue
        level = abstract.find(qn("w:lvl"))
        level.find(qn("w:lvlText")).set(qn("w:val"), mark)
        properties = level.find(qn("w:rPr"))
        if properties is not None:
            level.remove(properties)
        fonts = parse_xml(f'<w:rPr {nsdecls("w")}><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/></w:rPr>')
        level.append(fonts)


def _aftale_styles(document: Document) -> None:
    """The named styles a secretary finds in Word's style list, all based on Normal."""
    styles = document.styles
    for name, (base, size, before, after, italic) in STYLES.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        if size:
            style.font.size = Pt(size)
            style.paragraph_format.line_spacing = 1.0
        if italic:
            style.font.italic = True
    styles[NOTE].paragraph_format.keep_with_next = True
    # Facts ("Ansvarlig:", an indicator's progress) stay on the page of what follows them: the entry's text, the
    # indicator's table and chart; never a "Status:" line alone at the top of a page.
    styles[FACT].paragraph_format.keep_with_next = True
    styles[SIGNATURE].paragraph_format.tab_stops.add_tab_stop(BLANK_END, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
    styles[SIGNATURE_LINE].paragraph_format.keep_with_next = True
    # The line to sign on: a rule under an empty paragraph, as the PDF draws it.
    styles[SIGNATURE_LINE].element.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="1" w:color="111111"/></w:pBdr>'))
    footer = styles.add_style(FOOTER, WD_STYLE_TYPE.PARAGRAPH)
    footer.base_style = styles["Caption"]
    footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    label = styles.add_style(LABEL, WD_STYLE_TYPE.CHARACTER)
    label.quick_style = True
    label.font.bold = True
    _table_style(document)


def _table_style(document: Document) -> None:
    """Like the PDF's overview table: a bold header row over a dark 0.75 pt rule, thin grey 0.25 pt rules
    between the rows (Word's "Banded Rows", so the facts table turns them off), no vertical lines."""
    grey = '<w:bottom w:val="single" w:sz="2" w:space="0" w:color="BBBBBB"/>'
    band = (f'<w:tblStylePr w:type="{{}}"><w:tcPr><w:tcBorders>{grey}</w:tcBorders></w:tcPr></w:tblStylePr>')
    xml = (
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="AftaleTabel">'
        f'<w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="1"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/>'
        '<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
        '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
        '<w:trPr><w:tblHeader/></w:trPr><w:tcPr><w:tcBorders>'
        '<w:bottom w:val="single" w:sz="6" w:space="0" w:color="1F2A44"/></w:tcBorders></w:tcPr></w:tblStylePr>'
        + band.format("band1Horz") + band.format("band2Horz") + '</w:style>')
    document.styles.element.append(parse_xml(xml))


def _look(table, *, header: bool, rules: bool) -> None:
    """Which parts of the table style a table uses: Word's "Header Row" and "Banded Rows" boxes."""
    properties = table._tbl.tblPr
    for old in properties.findall(qn("w:tblLook")):
        properties.remove(old)
    look = OxmlElement("w:tblLook")
    value = (0x0020 if header else 0) | (0 if rules else 0x0200) | 0x0400
    for attribute, setting in (("w:val", f"{value:04X}"), ("w:firstRow", str(int(header))), ("w:lastRow", "0"),
                               ("w:firstColumn", "0"), ("w:lastColumn", "0"), ("w:noHBand", str(int(not rules))),
                               ("w:noVBand", "1")):
        look.set(qn(attribute), setting)
    properties.append(look)


def _font_table(document: Document) -> None:
    """Name the font in the font table with Arial as its alternative, so Word substitutes a metric twin."""
    part = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    entry = (f'<w:font w:name="{FONT}"><w:altName w:val="{FONT_FALLBACK}"/>'
             '<w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/>'
             '<w:pitch w:val="variable"/></w:font>')
    xml = part.blob.decode("utf-8")
    part._blob = xml.replace("</w:fonts>", entry + "</w:fonts>").encode("utf-8")


def _page(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(30), Mm(25)
    section.header_distance = section.footer_distance = Mm(12)


def _field(paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _header_footer(document: Document) -> None:
    section = document.sections[0]
    header = section.header
    first = header.paragraphs[0]
    first.text = "{%p if logo %}"
    header.add_paragraph("{{ logo }}")
    header.add_paragraph("{%p endif %}")
    sender = header.add_paragraph("{{ doc.running }}")
    sender.style = document.styles["Caption"]
    footer = section.footer.paragraphs[0]
    footer.style = document.styles[FOOTER]
    _kept(footer.add_run("{{ doc.labels.page[0] }}"))
    _field(footer, "PAGE")
    _kept(footer.add_run("{{ doc.labels.page[1] }}"))
    _field(footer, "NUMPAGES")
    _kept(footer.add_run("{{ doc.labels.page[2] }}"))


def _kept(run) -> None:
    """Keep the spaces at the ends of a run's text (the words around the page numbers: "Side ", " af ")."""
    run._r.find(qn("w:t")).set(qn("xml:space"), "preserve")


def _p(document: Document, text: str, style: str | None = None) -> None:
    paragraph = document.add_paragraph(text)
    if style:
        paragraph.style = document.styles[style]


def _fact(document: Document, name: str) -> None:
    paragraph = document.add_paragraph(style=document.styles[FACT])
    paragraph.add_run(f"{{{{ {name}.label }}}}:", document.styles[LABEL])
    paragraph.add_run(f" {{{{ {name}.value }}}}")


def _cell(cell, text: str, style: str, character: str | None = None) -> None:
    """Write ``text`` into a table cell's first paragraph in the paragraph style ``style``."""
    paragraph = cell.paragraphs[0]
    paragraph.style = paragraph.part.document.styles[style]
    paragraph.add_run(text, paragraph.part.document.styles[character] if character else None)


def _widths(table, widths: tuple) -> None:
    """Give the table's columns and each of its cells these widths."""
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        column.set(qn("w:w"), str(width.twips))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _facts_table(document: Document) -> None:
    _p(document, "{%p if doc.facts %}")
    table = document.add_table(rows=3, cols=2)
    table.style = document.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _look(table, header=False, rules=False)
    _cell(table.rows[0].cells[0], "{%tr for fact in doc.facts %}", FACT)
    label, value = table.rows[1].cells
    _cell(label, "{{ fact.label }}", FACT, LABEL)
    _cell(value, "{{ fact.value }}", FACT)
    _cell(table.rows[2].cells[0], "{%tr endfor %}", FACT)
    _widths(table, (Mm(35), Mm(125)))
    _p(document, "{%p endif %}")


def _lines(document: Document, name: str) -> None:
    """Paragraphs and bullets: one real paragraph each, styled by its level."""
    _p(document, f"{{%p for line in {name} %}}")
    _p(document, "{%p if line.level == 0 %}")
    _p(document, "{{ line.text }}", BODY)
    _p(document, "{%p elif line.level == 1 %}")
    _p(document, "{{ line.text }}", "List Bullet")
    _p(document, "{%p elif line.level == 2 %}")
    _p(document, "{{ line.text }}", "List Bullet 2")
    _p(document, "{%p else %}")
    _p(document, "{{ line.text }}", "List Bullet 3")
    _p(document, "{%p endif %}")
    _p(document, "{%p endfor %}")


def _parts(document: Document, name: str, heading_style: str) -> None:
    _p(document, f"{{%p for part in {name} %}}")
    _p(document, "{%p if part.heading %}")
    _p(document, "{{ part.heading }}", heading_style)
    _p(document, "{%p endif %}")
    _lines(document, "part.lines")
    _p(document, "{%p endfor %}")


def _entry_body(document: Document) -> None:
    _p(document, "{%p for fact in entry.facts %}")
    _fact(document, "fact")
    _p(document, "{%p endfor %}")
    _parts(document, "entry.parts", "Heading 3")


def _opening(document: Document) -> None:
    _p(document, "{{ doc.title }}", "Title")
    _p(document, "{{ doc.heading }}", "Subtitle")
    _p(document, "{%p if doc.note %}")
    _p(document, "{{ doc.note }}", NOTE)
    _p(document, "{%p endif %}")
    _facts_table(document)
    _contents(document)


#: The table of contents' own styles: Word's built-in names, so Word formats and updates it as its own.
CONTENTS_HEADING, CONTENTS_ENTRY = "TOC Heading", "toc 1"


def _contents(document: Document) -> None:
    """The table of contents of a document longer than three pages (``doc.contents``): Word's own TOC field over
    the Heading 1 paragraphs (the items, or the sections), whose shown result aftale fills in with the chapters
    (python-docx and LibreOffice read it as it is). aftale cannot know Word's page numbers, which depend on
    Word's own layout: the entries are shown without them until Word updates the field (right-click, "Opdater
    felt", or F9), which it then does with links and page numbers. The document never asks Word to update its
    fields on opening (a question about other files a secretary should not have to answer)."""
    _p(document, "{%p if doc.contents %}")
    _p(document, "{{ doc.labels.contents }}", CONTENTS_HEADING)
    begin = document.add_paragraph(style=document.styles[CONTENTS_ENTRY])
    for kind, instruction in (("begin", None), (None, ' TOC \\o "1-1" \\h \\z \\u '), ("separate", None)):
        run = OxmlElement("w:r")
        if kind:
            character = OxmlElement("w:fldChar")
            character.set(qn("w:fldCharType"), kind)
            run.append(character)
        else:
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = instruction
            run.append(text)
        begin._p.append(run)
    _p(document, "{%p for anchor, heading in doc.chapters %}")
    _p(document, "{{ heading }}", CONTENTS_ENTRY)
    _p(document, "{%p endfor %}")
    end = document.add_paragraph(style=document.styles[CONTENTS_ENTRY])
    run = OxmlElement("w:r")
    character = OxmlElement("w:fldChar")
    character.set(qn("w:fldCharType"), "end")
    run.append(character)
    end._p.append(run)
    _p(document, "{%p endif %}")


def _agenda(document: Document) -> None:
    _p(document, "{%p for group in doc.people %}")
    _p(document, "{{ group.title }}", "Heading 2")
    _p(document, "{%p for name in group.names %}")
    _p(document, "{{ name }}", "List Bullet")
    _p(document, "{%p endfor %}")
    _p(document, "{%p endfor %}")
    _p(document, "{%p for item in doc.items %}")
    _p(document, "{{ item.number }}. {{ item.title }}", "Heading 1")
    _p(document, "{%p for fact in item.facts %}")
    _fact(document, "fact")
    _p(document, "{%p endfor %}")
    _parts(document, "item.parts", "Heading 3")
    _p(document, "{%p for entry in item.entries %}")
    _p(document, "{{ entry.label }} {{ entry.title }}", "Heading 2")
    _entry_body(document)
    _p(document, "{%p endfor %}")
    _p(document, "{%p endfor %}")


#: The widths of the overview's columns: the aftaledokument's agreements, the redegørelse's meetings. Each of
#: the redegørelse's nine is at least as wide as the longest part of its heading in bold 8 pt (the words file marks
#: where a long word may be hyphenated: "Over-skredet") and the table style's 2 mm after it, so Word breaks no word
#: anywhere else; a date column holds "24. november" on a line.
AGREEMENT_COLUMNS = (Mm(14), Mm(60), Mm(12), Mm(20), Mm(30), Mm(24))
REPORT_COLUMNS = (Mm(31), Mm(20), Mm(20), Mm(20), Mm(8), Mm(15), Mm(14), Mm(14), Mm(18))


def _overview(document: Document, widths: tuple = AGREEMENT_COLUMNS, text: str = TABLE_TEXT) -> None:
    """The table of every agreement (or meeting), with a header row Word repeats on each page; ``text`` is the
    paragraph style of its cells."""
    _p(document, "{%p if doc.overview %}")
    _p(document, "{{ doc.labels.overview }}", "Heading 1")
    columns = len(widths)
    table = document.add_table(rows=4, cols=columns)
    table.style = document.styles[TABLE_STYLE]
    _look(table, header=True, rules=True)
    header = table.rows[0]
    for index, cell in enumerate(header.cells):
        _cell(cell, f"{{{{ doc.overview_header[{index}] }}}}", text)
    row_properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row_properties.append(repeat)
    _cell(table.rows[1].cells[0], "{%tr for row in doc.overview %}", text)
    for index, cell in enumerate(table.rows[2].cells):
        _cell(cell, f"{{{{ row[{index}] }}}}", text)
    _cell(table.rows[3].cells[0], "{%tr endfor %}", text)
    _widths(table, widths)  # each cell's width too: Word and LibreOffice follow the cells' widths
    _p(document, "{%p endif %}")


def _report(document: Document) -> None:
    """The redegørelse: the kommune's opening, the table of meetings, then one section per boligorganisation."""
    _lines(document, "doc.intro")
    _overview(document, REPORT_COLUMNS, SMALL_TABLE_TEXT)
    _sections(document)


def _sections(document: Document) -> None:
    """The sections of an aftaledokument or a redegørelse: each with its groups (a tema, titled or not) of
    entries, every entry with its facts, parts and indicator."""
    _p(document, "{%p for section in doc.sections %}")
    _p(document, "{{ section.title }}", "Heading 1")
    _lines(document, "section.intro")
    _p(document, "{%p for group in section.groups %}")
    _p(document, "{%p if group.title %}")
    _p(document, "{{ group.title }}", "Heading 2")
    _p(document, "{%p endif %}")
    _p(document, "{%p for entry in group.entries %}")
    # an agreement's heading is one level under its tema's, or under its section's when it has no tema: the
    # size the PDF gives it
    _p(document, "{%p if group.title %}")
    _p(document, "{{ entry.label }} {{ entry.title }}", "Heading 3")
    _p(document, "{%p else %}")
    _p(document, "{{ entry.label }} {{ entry.title }}", "Heading 2")
    _p(document, "{%p endif %}")
    _entry_body(document)
    _indicator(document)
    _p(document, "{%p endfor %}")
    _p(document, "{%p endfor %}")
    _p(document, "{%p endfor %}")


#: An indicator's table (År, Værdi, Bemærkning) and its chart side by side, as in the PDF: the two sides of the
#: 160 mm line (the chart's, with a 4 mm gap before it), and the columns of the table.
INDICATOR_SIDES = (Mm(160 - CHART_MM[0] - 4), Mm(CHART_MM[0] + 4))
INDICATOR_COLUMNS = (Mm(14), Mm(24), Mm(28))


def _indicator(document: Document) -> None:
    """An agreement's indicator: heading, progress facts, then a table year → value with the chart beside it."""
    _p(document, "{%p if entry.indicator %}")
    _p(document, "{{ entry.indicator.heading }}", "Heading 3")
    _p(document, "{%p for fact in entry.indicator.facts %}")
    _fact(document, "fact")
    _p(document, "{%p endfor %}")
    # Word's borderless "Normal Table" holds the two sides; its row is never split by a page.
    sides = document.add_table(rows=1, cols=2)
    sides.autofit = False  # the sides keep their widths, whatever the table in the first holds
    sides.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    sides._tbl.tblPr.append(parse_xml(f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/>'
                                      '<w:right w:w="0" w:type="dxa"/></w:tblCellMar>'))
    _widths(sides, INDICATOR_SIDES)
    values, picture = sides.rows[0].cells
    values._tc.remove(values.paragraphs[0]._p)  # the cell holds the table; Word adds the paragraph it needs after
    table = values.add_table(rows=8, cols=3)
    table.style = document.styles[TABLE_STYLE]
    _look(table, header=True, rules=True)
    for index, cell in enumerate(table.rows[0].cells):
        _cell(cell, f"{{{{ entry.indicator.header[{index}] }}}}", TABLE_TEXT)
    # The baseline's and the target's rows (those with a remark) in bold, as in the PDF
    tags = ("{%tr for row in entry.indicator.rows %}", "{%tr if row[2] %}", None, "{%tr else %}", None,
            "{%tr endif %}", "{%tr endfor %}")
    for number, (row, tag) in enumerate(zip(table.rows[1:], tags)):
        if tag:
            _cell(row.cells[0], tag, TABLE_TEXT)
            continue
        for index, cell in enumerate(row.cells):
            _cell(cell, f"{{{{ row[{index}] }}}}", TABLE_TEXT, LABEL if number == 2 else None)
    _widths(table, INDICATOR_COLUMNS)
    values.paragraphs[-1].style = document.styles[TABLE_TEXT]
    _cell(picture, "{{ charts[entry.indicator.key] }}", BODY)
    picture.paragraphs[0].paragraph_format.left_indent = Mm(4)
    _p(document, "{%p endif %}")


def _agreement(document: Document) -> None:
    _overview(document)
    _sections(document)
    _p(document, "{{ doc.labels.signatures }}", "Heading 1")
    # Signed by every party: who signed when, instead of lines to write on
    _p(document, "{%p if doc.signed %}")
    _p(document, "{{ doc.signed }}", BODY)
    _p(document, "{%p else %}")
    # Two signatures a row, as many rows as there are parties (a joint dialogue has a party per organisation)
    table = document.add_table(rows=3, cols=2)  # Word's borderless "Normal Table": the block has no lines
    _cell(table.rows[0].cells[0], "{%tr for pair in doc.signature_rows %}", SIGNATURE)
    _cell(table.rows[2].cells[0], "{%tr endfor %}", SIGNATURE)
    table.rows[1]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row is never split by a page
    for index, cell in enumerate(table.rows[1].cells):
        signature = f"pair[{index}]"
        if index:  # the second field of a row, when there is one
            _cell(cell, "{%p if pair|length > 1 %}", SIGNATURE)
            cell.add_paragraph(f"{{{{ {signature}.party }}}}", document.styles[SIGNATURE]).runs[0].style = \
                document.styles[LABEL]
        else:
            _cell(cell, f"{{{{ {signature}.party }}}}", SIGNATURE, LABEL)
        for part in ("date", "name", "title"):
            line = f"{signature}.{part}"
            # "Dato: 24. november 2020", or the label and a line to write on: a tab whose leader Word draws
            paragraph = cell.add_paragraph(f"{{{{ {line}.label }}}} {{{{ {line}.value }}}}{{% if not {line}.value %}}",
                                           document.styles[SIGNATURE])
            paragraph.add_run().add_tab()
            paragraph.add_run("\u200b{% endif %}")  # a character after the tab, so every program draws its leader
            if part == "date":
                cell.add_paragraph("", document.styles[SIGNATURE_LINE])
        cell.add_paragraph("", document.styles[SIGNATURE])  # the space before the next row's fields
        if index:
            cell.add_paragraph("{%p endif %}", document.styles[SIGNATURE])
    _widths(table, (Mm(80), Mm(80)))
    _p(document, "{%p endif %}")


def make(kind: str) -> bytes:
    """The template for one document kind, as the bytes of a .docx file with fixed timestamps."""
    document = Document()
    _styles(document)
    _font_table(document)
    _page(document)
    _header_footer(document)
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._p)
    _opening(document)
    if kind == "aftaledokument":
        _agreement(document)
    elif kind == "redegoerelse":
        _report(document)
    else:
        _agenda(document)
    properties = document.core_properties
    properties.title = f"{TITLES.get(kind, kind.capitalize())} – skabelon til aftale"
    properties.author = properties.last_modified_by = "aftale"
    properties.comments = "Skabelon til aftale. Ret typografierne i Word, men lad felterne i krøllede parenteser stå."
    properties.revision = 1
    properties.created = properties.modified = datetime.datetime(2020, 1, 1)
    # no thumbnail: the default template's is a blank page, which a file browser would show for every document
    package = document.part.package
    for key, relationship in list(package.rels.items()):
        if relationship.reltype.endswith("/thumbnail"):
            package.rels.pop(key)
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue())


def main() -> None:
    for kind in KINDS:
        path = TEMPLATES / f"{kind}.docx"
        path.write_bytes(make(kind))
        print(f"skrev {path.relative_to(TEMPLATES.parent)}")


if __name__ == "__main__":
    main()
