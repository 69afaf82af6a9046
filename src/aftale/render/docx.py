"""The DOCX writer: a Word template from ``templates/`` filled in by docxtpl."""

from __future__ import annotations

import datetime
import html
import io
import re
import zipfile
from types import CodeType

import docx
import jinja2
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from aftale.render import CHART_MM, Options
from aftale.errors import TemplateFailed
from aftale.render import jinja
from aftale.render.contents import decided
from aftale.render.templates import Templates
from aftale.views.model import Document

#: Zip entries get this timestamp, so the same input gives the same bytes.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class _Template(DocxTemplate):
    """docxtpl without its after-rendering rewrite of ``{_{`` to ``{{`` (and ``{_%``, ``%_}``, ``}_}``).

    That rewrite is an escape for template authors; applied to rendered XML it
    would also change what a user wrote ("{_{ x }_}" must stay as it is).
    """

    def render_xml_part(self, src_xml, part, context, jinja_env=None):  # type: ignore[no-untyped-def]
        src_xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
        self.current_rendering_part = part
        try:
            template = _compiled(jinja_env, src_xml) if jinja_env else jinja2.Template(src_xml)
        except jinja2.TemplateSyntaxError as error:
            lines = src_xml.splitlines()
            error.paragraph = _xml_text(lines[error.lineno - 1]) if 0 < error.lineno <= len(lines) else ""  # type: ignore[attr-defined]
            raise
        dst_xml = template.render(context)
        dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
        return self.resolve_listing(dst_xml)

    def fix_tables(self, xml):  # type: ignore[no-untyped-def]
        """docxtpl's fitting of a table's columns to its cells (for ``{%tc %}`` column loops), except that a table
        holding another keeps its own columns.

        docxtpl counts the cells of every row inside a table, a nested table's rows too, so the two sides
        of an indicator (a table of three columns beside the chart) would get a third column and lose
        their widths. A ``{%tc %}`` column loop directly in a table that holds another table (none of
        aftale's templates has one) therefore keeps the columns it had in the template.
        """
        before = parse_xml(xml)
        tree = super().fix_tables(xml)
        for table, was in zip(_holding_tables(tree), _holding_tables(before)):
            table.replace(table.find(_GRID), was.find(_GRID))
        return tree


#: The Word templates' parts compiled by Jinja2, by their XML: a build of many documents compiles each part once
#: (compiling was nearly half of a document's time). The code is the same in every environment of aftale's; each
#: render binds it to its own (its own globals and time bound).
_CODE: dict[str, CodeType] = {}


def _compiled(environment: jinja2.Environment, source: str) -> jinja2.Template:
    """``environment.from_string(source)``, compiling ``source`` only the first time this process sees it."""
    code = _CODE.get(source)
    if code is None:
        code = _CODE[source] = environment.compile(source)
        if len(_CODE) > 64:  # a long-running preview with templates being edited: keep the newest
            del _CODE[next(iter(_CODE))]
    return environment.template_class.from_code(environment, code, environment.make_globals(None), None)


_TABLE, _GRID = qn("w:tbl"), qn("w:tblGrid")


def _holding_tables(tree):  # type: ignore[no-untyped-def]
    """The tables in ``tree`` that hold another table, in document order."""
    return [table for table in tree.iter(_TABLE) if next(table.iterdescendants(_TABLE), None) is not None]


def _typst_pages(doc: Document, templates: Templates, options: Options) -> int:
    """How many pages typst lays ``doc`` out on (imported only for a document that may be long)."""
    from aftale.render.typst import page_count

    return page_count(doc, templates, options)


def write(doc: Document, templates: Templates, options: Options = Options()) -> bytes:
    """Render ``doc`` into its Word template, with a table of contents when it is longer than three pages
    (:mod:`aftale.render.contents`), and return the .docx file's bytes."""
    doc = decided(doc, lambda plain: _typst_pages(plain, templates, options))
    name = f"{doc.kind}.docx"
    template = _Template(io.BytesIO(templates.read(name)))
    try:
        template.init_docx()
    except Exception as error:  # noqa: BLE001 - whatever python-docx makes of a file that is no Word document
        raise TemplateFailed(f"{templates.shown(templates.find(name))}: skabelonen er ikke et Word-dokument, som "
                             "aftale kan læse. Åbn den i Word, og gem den igen som Word-dokument (.docx).") from error
    logo = InlineImage(template, io.BytesIO(templates.logo), height=Mm(12)) if doc.logo and templates.logo else ""
    context = {"doc": doc, "logo": logo,
               "charts": _charts(template, doc, templates)}
    try:
        template.render(context, jinja.environment(templates), autoescape=True)
    except (jinja2.TemplateSyntaxError, jinja2.UndefinedError) as error:
        raise _field_failure(templates, name, error) from error
    except jinja2.TemplateError as error:
        raise jinja.failure(templates, error, name) from error
    _describe_pictures(template, doc.logo_text)
    _describe_charts(template, doc)
    if doc.signatures:
        _keep_with_signatures(template, doc.labels.signatures)
    properties = template.docx.core_properties
    properties.title = doc.metadata_title
    properties.author = properties.last_modified_by = doc.sender
    properties.language = "da-DK"
    properties.comments = ""
    properties.revision = 1
    properties.created = properties.modified = datetime.datetime.combine(doc.date, datetime.time())
    buffer = io.BytesIO()
    template.save(buffer)
    return fixed_zip(buffer.getvalue())


def _keep_with_signatures(template: DocxTemplate, heading: str) -> None:
    """Keep the last agreement on the page of the signature block, so the block never stands alone.

    Every paragraph from the last heading before the block's heading to that heading is kept with
    the next one, as Word's "Hold sammen med næste" does.
    """
    paragraphs = template.docx.paragraphs
    at = next((i for i, p in enumerate(paragraphs) if p.text == heading and p.style.name == "Heading 1"), None)
    if at is None:
        return
    start = at - 1
    while start > 0 and not paragraphs[start].style.name.startswith("Heading"):
        start -= 1
    for paragraph in paragraphs[max(start, 0):at]:
        paragraph.paragraph_format.keep_with_next = True


_TAG = re.compile(r"\{\{.*?(?:\}\}|$)|\{%.*?(?:%\}|$)")


def _xml_text(xml: str) -> str:
    """The text a reader sees in a line of WordprocessingML (one paragraph): its runs' text, else the bare line."""
    runs = re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml)
    return html.unescape("".join(runs) if runs else re.sub(r"<[^>]+>", "", xml)).strip()


def _paragraphs(path: str) -> list[str]:
    """The text of every paragraph of a Word file, body, tables, headers and footers, as Word shows it."""
    document = docx.Document(path)
    parts = [document.element.body, *(s.header._element for s in document.sections),
             *(s.footer._element for s in document.sections)]
    return [text for part in parts for p in part.iter(qn("w:p"))
            if (text := "".join(t.text or "" for t in p.iter(qn("w:t"))).strip())]


def _field_failure(templates: Templates, name: str, error: jinja2.TemplateError) -> TemplateFailed:
    """A Danish error that names the paragraph with the broken field as the secretary sees it in Word."""
    path = str(templates.find(name))
    paragraphs = _paragraphs(path)
    if isinstance(error, jinja2.UndefinedError):
        match = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", error.message or "")
        field = next((g for g in match.groups() if g), "?") if match else "?"
        found = next((p for p in paragraphs if any(re.search(rf"\b{re.escape(field)}\b", tag)
                                                    for tag in _TAG.findall(p))), None)
        reason = f"feltet '{field}' findes ikke i dokumentet"
    else:
        line = getattr(error, "paragraph", "")
        found = line if _TAG.search(line or "") else next((p for p in paragraphs if _broken(p)), None)
        reason = _syntax_reason(found or "")
    where = f'afsnittet "{found}"' if found else "et afsnit"
    return TemplateFailed(f"{templates.shown(templates.find(name))}: {where} har en fejl i et felt ({reason}). "
                          "Ret feltet i Word.")


def _broken(text: str) -> bool:
    """True when a paragraph has a field that is not closed."""
    return any(not tag.endswith(("}}", "%}")) for tag in _TAG.findall(text))


def _syntax_reason(text: str) -> str:
    """What is wrong with the fields of a paragraph, in the words of Word's user."""
    for tag in _TAG.findall(text):
        if tag.startswith("{{") and not tag.endswith("}}"):
            return "feltet mangler de afsluttende krøllede parenteser }}"
        if tag.startswith("{%") and not tag.endswith("%}"):
            return "feltet mangler de afsluttende tegn %}"
    words = re.findall(r"\{%-?[ptrc]?\s*(\w+)", text)
    if words and words[0] in ("for", "endfor"):
        return "en gentagelse med 'for' er ikke skrevet færdig; den skal se ud som {% for punkt in doc.items %} " \
               "og sluttes med {% endfor %}"
    if words and words[0] in ("if", "elif", "else", "endif"):
        return "en betingelse med 'if' er ikke skrevet færdig; den skal se ud som {% if doc.note %} og sluttes " \
               "med {% endif %}"
    return "feltet kan ikke læses; et felt skrives som {{ doc.title }}"


#: The width of a chart on the page, as in the PDF.
CHART_WIDTH = Mm(CHART_MM[0])


def _charts(template: DocxTemplate, doc: Document, templates: Templates) -> dict[str, InlineImage]:
    """Each indicator's chart as a picture for the template (``charts[key]``); none without indicators."""
    if not doc.indicators:
        return {}
    from aftale.render.chart import CHART_FONT, png  # Pillow: only a document with an indicator loads it

    font = templates.read(CHART_FONT)
    return {i.key: InlineImage(template, io.BytesIO(png(i.chart, font)), width=CHART_WIDTH) for i in doc.indicators}


def _describe_charts(template: DocxTemplate, doc: Document) -> None:
    """Give each chart in the body its alternative text (the charts are the body's only pictures, in order)."""
    pictures = template.docx.element.body.xpath(".//wp:docPr")
    for picture, indicator in zip(pictures, doc.indicators):
        picture.set("descr", indicator.alt)
        picture.set("title", indicator.heading)


def _describe_pictures(template: DocxTemplate, text: str) -> None:
    """Give every picture in the headers (the logo) an alternative text for screen readers."""
    for relation in template.docx.part.rels.values():
        if relation.reltype.endswith("/header"):
            for picture in relation.target_part.element.xpath(".//wp:docPr"):
                picture.set("descr", text)
                picture.set("title", text)


def fixed_zip(data: bytes) -> bytes:
    """The same zip archive with fixed timestamps and permissions, entries in their order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
