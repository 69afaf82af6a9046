"""The PDF writer: a Jinja2 HTML template and the print stylesheet, laid out by WeasyPrint.

WeasyPrint may read only the template folders and the configured logo: every
other address, on disk or on the network, stops the rendering with an error.
"""

from __future__ import annotations

import mimetypes
import os
import re
import struct
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
import pydyf
from weasyprint import CSS, HTML
from weasyprint.document import Document as WeasyDocument
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from aftale.choices import PDF_VARIANTS
from aftale.pictures import picture_type
from aftale.render import Options
from aftale.errors import TemplateFailed
from aftale.render.html import charts
from aftale.render import jinja
from aftale.render.contents import decided
from aftale.render.templates import Templates
from aftale.views.model import Document


#: fontTools stamps subset fonts with the time unless this is set; HarfBuzz subsetting does not. Either
#: way the same input must give the same bytes (1980-01-01, as the DOCX zip entries).
os.environ.setdefault("SOURCE_DATE_EPOCH", "315532800")


#: The address the HTML templates give the configured logo (``logo_url``). WeasyPrint names an image in
#: the PDF after its address, so the logo's real path would make the bytes depend on where the
#: repository is checked out; this address is the same everywhere, and only the fetcher knows the file.
LOGO_URL = "aftale:logo"


class _Refused(Exception):
    """An address the renderer may not read."""


class _Fetcher(URLFetcher):
    """Serves ``file:`` and ``data:`` addresses that the templates allow, the logo, and nothing else.

    Files come from the templates' reader (a command's snapshot), never from WeasyPrint's own: each is
    read once, and only when it is a regular file inside a template folder.
    """

    def __init__(self, templates: Templates) -> None:
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
        self.templates = templates
        self.refused: str | None = None

    def fetch(self, url: str, headers: dict | None = None):  # type: ignore[override]
        if url == LOGO_URL and self.templates.logo:
            return URLFetcherResponse(url, self.templates.logo, {"Content-Type": picture_type(self.templates.logo)})
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path))
            if not self.templates.allows(path):
                self.refused = url
                raise _Refused(url)
            try:
                data = self.templates.read_path(path)
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, data, {"Content-Type": kind})
            except TemplateFailed:  # a pipe, a device or a link out: never opened
                self.refused = url
                raise _Refused(url) from None
        if parts.scheme != "data":
            self.refused = url
            raise _Refused(url)
        return super().fetch(url, headers)


def write(doc: Document, templates: Templates, options: Options = Options()) -> bytes:
    """Render ``doc`` through its HTML template and the print stylesheet, with a table of contents when its own
    layout is longer than three pages (laid out again with it then: :mod:`aftale.render.contents`); return the
    PDF's bytes."""
    chosen = options.pdf_variant or PDF_VARIANTS[0]
    variant = {} if chosen == "ingen" else {"pdf_variant": chosen}
    laid_out = _laid_out(doc, templates, variant)
    long = decided(doc, lambda plain: len(laid_out.pages))
    if long.contents and not doc.contents:
        laid_out = _laid_out(long, templates, variant)
    return laid_out.write_pdf(pdf_identifier=_identifier(doc), finisher=_identity_encodings, **variant)


def _laid_out(doc: Document, templates: Templates, variant: dict[str, str]) -> "WeasyDocument":
    name = f"{doc.kind}.html"
    environment = jinja.environment(templates)
    # Each indicator's chart, as an SVG the img element carries inline (WeasyPrint draws it as vectors).
    environment.globals["charts"] = charts(doc)
    try:
        html = environment.get_template(name).render(doc=doc, logo_url=LOGO_URL if doc.logo else None)
    except jinja2.TemplateError as error:
        raise jinja.failure(templates, error, name) from error
    fetcher = _Fetcher(templates)
    try:
        css, fonts = _stylesheet(templates)
        page = HTML(string=html, base_url=templates.find(name).as_uri(), url_fetcher=fetcher)
        return page.render(stylesheets=[css], font_config=fonts, **variant)
    except FatalURLFetchingError as error:
        raise _refused(templates.shown(templates.find(name)), fetcher, error) from error


#: The parsed print stylesheet and its loaded fonts, by template search path and stylesheet contents:
#: a process that renders many documents (``aftale byg``) parses and loads them once.
_STYLESHEETS: dict[tuple[tuple[Path, ...], str], tuple[CSS, FontConfiguration]] = {}


def _stylesheet(templates: Templates) -> tuple[CSS, FontConfiguration]:
    path = templates.find("print.css")
    text = templates.text("print.css")
    key = (templates.dirs, text)
    if key not in _STYLESHEETS:
        fonts = _shipped_fonts_only()
        fetcher = _Fetcher(templates)
        try:
            css = CSS(string=text, base_url=path.as_uri(), url_fetcher=fetcher, font_config=fonts)
        except FatalURLFetchingError as error:
            raise _refused(templates.shown(path), fetcher, error) from error
        _STYLESHEETS[key] = (css, fonts)
    return _STYLESHEETS[key]


#: A font configuration with no folder of fonts, so the machine's fonts play no part in a PDF.
_FONTS_CONF = Path(__file__).with_name("fonts.conf")


def _shipped_fonts_only() -> FontConfiguration:
    """A font configuration that knows only the stylesheet's own @font-face fonts, not the machine's.

    Fontconfig reads its configuration file from ``FONTCONFIG_FILE`` when WeasyPrint creates the
    configuration; pointing it at an empty configuration for that moment means that a character
    the shipped fonts lack is an empty box on every machine, never a font that one machine has.
    """
    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(_FONTS_CONF)
    try:
        return FontConfiguration()
    finally:
        if before is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = before


def _refused(shown: str, fetcher: _Fetcher, error: Exception) -> TemplateFailed:
    return TemplateFailed(f"{shown}: skabelonen henviser til '{fetcher.refused or error}', som aftale ikke må hente. "
                          "En skabelon må kun bruge filer i skabelonmappen og logoet fra aftale.yaml.")


def _identity_encodings(document: object, pdf: pydyf.PDF) -> None:
    """Give every font the standard two-byte encoding, also a font asked for a character it lacks.

    For such a character (one no font on the machine has, such as an emoji) WeasyPrint
    gives the font an encoding of its own that maps the character's code to the empty
    box. pypdf cannot read that encoding and then reads the font's whole text as one
    byte per letter ("S t y r i n g s d i a l o g"). The same drawing, in the encoding
    every reader knows: codes are glyph numbers (``Identity-H``), and the glyph map
    sends the lacking characters' codes to the box.
    """
    objects = {obj.reference: obj for obj in pdf.objects if isinstance(obj, pydyf.Object) and obj.number}
    for font in pdf.objects:
        if not isinstance(font, pydyf.Dictionary) or font.get("Subtype") != "/Type0":
            continue
        encoding = objects.get(font.get("Encoding"))  # type: ignore[arg-type]
        if not isinstance(encoding, pydyf.Stream):
            continue
        lines = b"\n".join(part for part in encoding.stream if isinstance(part, bytes))
        glyphs = {int(code, 16): int(glyph) for code, glyph in re.findall(rb"<([0-9a-fA-F]+)> (\d+)", lines)}
        if not glyphs:
            continue
        table = b"".join(struct.pack(">H", glyphs.get(code, code)) for code in range(max(glyphs) + 1))
        glyph_map = pydyf.Stream([table], compress=encoding.compress)
        pdf.add_object(glyph_map)
        for reference in font["DescendantFonts"]:
            objects[reference]["CIDToGIDMap"] = glyph_map.reference
        font["Encoding"] = "/Identity-H"


def _identifier(doc: Document) -> bytes:
    """A PDF file identifier that depends only on what the document is."""
    return f"aftale/{doc.dialog}/{doc.year}/{doc.kind}/{'offentlig' if doc.public else 'intern'}".encode()
