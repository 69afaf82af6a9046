"""The web page writer: the documents' own HTML templates inside the site's frame (``side-dokument.html``),
and the site's other pages (``side.html``), for ``aftale udgiv``.

Pages link only to files beside them, by relative names, and load nothing from elsewhere.
"""

from __future__ import annotations

from typing import Any

import jinja2

from aftale.render import Options
from aftale.render import jinja
from aftale.render.templates import Templates
from aftale.views.model import Document
from aftale.views.website import Chrome, Page

#: The template that frames a document as a web page.
DOCUMENT_PAGE = "side-dokument.html"
#: The template of the site's own pages.
SITE_PAGE = "side.html"


def write(doc: Document, templates: Templates, options: Options = Options(), chrome: Chrome | None = None) -> bytes:
    """``doc`` as a web page of the site framed by ``chrome``; the page's bytes (UTF-8)."""
    if chrome is None:
        raise ValueError("a document page needs the site's frame")
    return _render(templates, DOCUMENT_PAGE, doc=doc, chrome=chrome, logo_url=None,  # the frame shows the logo
                   charts=charts(doc))


def charts(doc: Document) -> dict[str, str]:
    """Each indicator's chart as an SVG ``data:`` address for the templates' ``charts[key]``; none without."""
    if not doc.indicators:
        return {}
    from aftale.render.chart import svg_url

    return {indicator.key: svg_url(indicator.chart, indicator.alt) for indicator in doc.indicators}


def write_page(page: Page, templates: Templates, chrome: Chrome) -> bytes:
    """One of the site's own pages (the front page, a dialogue's page); its bytes (UTF-8)."""
    return _render(templates, SITE_PAGE, page=page, chrome=chrome)


def _render(templates: Templates, name: str, charts: dict[str, str] | None = None, **context: Any) -> bytes:
    environment = jinja.environment(templates)
    environment.globals["charts"] = charts or {}  # a global: the macros that draw charts are imported
    try:
        text = environment.get_template(name).render(**context)
    except jinja2.TemplateError as error:
        raise jinja.failure(templates, error, name) from error
    return (text.rstrip("\n") + "\n").encode("utf-8")
