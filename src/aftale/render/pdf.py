"""The PDF writer: a Jinja2 HTML template and the print stylesheet, laid out by WeasyPrint.

WeasyPrint may read only the template folders and the configured logo: every
other address, on disk or on the network, stops the rendering with an error.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from aftale.choices import PDF_VARIANTS
from aftale.inputs import Place, check_input
from aftale.render import Options
from aftale.render.templates import TemplateFailed, Templates
from aftale.views import Document


#: fontTools stamps subset fonts with the time unless this is set; HarfBuzz subsetting does not. Either
#: way the same input must give the same bytes (1980-01-01, as the DOCX zip entries).
os.environ.setdefault("SOURCE_DATE_EPOCH", "315532800")


class _Refused(Exception):
    """An address the renderer may not read."""


class _Fetcher(URLFetcher):
    """Serves ``file:`` and ``data:`` addresses that the templates allow, and nothing else."""

    def __init__(self, templates: Templates) -> None:
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
        self.templates = templates
        self.refused: str | None = None

    def fetch(self, url: str, headers: dict | None = None):  # type: ignore[override]
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path))
            if not self.templates.allows(path):
                self.refused = url
                raise _Refused(url)
            path = self.templates.resolve(path)
            if check_input(path, Place((*self.templates.dirs, *self.templates.extra_files))) is not None:
                self.refused = url  # a pipe, a device or a link out: never opened
                raise _Refused(url)
            url = path.as_uri()
        elif parts.scheme != "data":
            self.refused = url
            raise _Refused(url)
        return super().fetch(url, headers)


def write(doc: Document, templates: Templates, options: Options = Options()) -> bytes:
    """Render ``doc`` through its HTML template and the print stylesheet; return the PDF's bytes."""
    name = f"{doc.kind}.html"
    try:
        html = templates.environment().get_template(name).render(
            doc=doc, logo_url=Path(doc.logo).as_uri() if doc.logo else None)
    except jinja2.TemplateError as error:
        raise templates.failure(error, name) from error
    fetcher = _Fetcher(templates)
    try:
        css, fonts = _stylesheet(templates)
        page = HTML(string=html, base_url=templates.find(name).as_uri(), url_fetcher=fetcher)
        chosen = options.pdf_variant or PDF_VARIANTS[0]
        variant = {} if chosen == "ingen" else {"pdf_variant": chosen}
        return page.write_pdf(stylesheets=[css], font_config=fonts, pdf_identifier=_identifier(doc), **variant)
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
        fonts = FontConfiguration()
        fetcher = _Fetcher(templates)
        try:
            css = CSS(string=text, base_url=path.as_uri(), url_fetcher=fetcher, font_config=fonts)
        except FatalURLFetchingError as error:
            raise _refused(templates.shown(path), fetcher, error) from error
        _STYLESHEETS[key] = (css, fonts)
    return _STYLESHEETS[key]


def _refused(shown: str, fetcher: _Fetcher, error: Exception) -> TemplateFailed:
    return TemplateFailed(f"{shown}: skabelonen henviser til '{fetcher.refused or error}', som aftale ikke må hente. "
                          "En skabelon må kun bruge filer i skabelonmappen og logoet fra aftale.yaml.")


def _identifier(doc: Document) -> bytes:
    """A PDF file identifier that depends only on what the document is."""
    return f"aftale/{doc.dialog}/{doc.year}/{doc.kind}/{'offentlig' if doc.public else 'intern'}".encode()
