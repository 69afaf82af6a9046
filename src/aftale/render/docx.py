"""The DOCX writer: a Word template from ``templates/`` filled in by docxtpl."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from aftale.render import Options
from aftale.render.templates import TemplateFailed, Templates
from aftale.views import Document

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
        template = jinja_env.from_string(src_xml) if jinja_env else jinja2.Template(src_xml)
        dst_xml = template.render(context)
        dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
        return self.resolve_listing(dst_xml)


def write(doc: Document, templates: Templates, options: Options = Options()) -> bytes:
    """Render ``doc`` into its Word template and return the .docx file's bytes."""
    name = f"{doc.kind}.docx"
    template = _Template(io.BytesIO(templates.read(name)))
    try:
        template.init_docx()
    except Exception as error:  # noqa: BLE001 - whatever python-docx makes of a file that is no Word document
        raise TemplateFailed(f"{templates.shown(templates.find(name))}: skabelonen er ikke et Word-dokument, som "
                             "aftale kan læse. Åbn den i Word, og gem den igen som Word-dokument (.docx).") from error
    context = {"doc": doc, "logo": InlineImage(template, doc.logo, height=Mm(12)) if doc.logo else ""}
    try:
        template.render(context, templates.environment(), autoescape=True)
    except jinja2.TemplateError as error:
        raise templates.failure(error, name) from error
    _describe_pictures(template, doc.logo_text)
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
