"""Writers: one module per format, each ``write(doc, templates) -> bytes`` over the same view model.

:data:`FORMATS` is the one table of formats; a new format is one new module
with the same signature and one new line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the writers and their templates are heavy; the command line only needs the names
    from aftale.render.templates import Templates
    from aftale.views import Document

#: PDF variants the command line offers; "pdf/a-2a" is archivable and tagged for screen readers.
PDF_VARIANTS = ("pdf/a-2a", "pdf/a-2b", "pdf/a-3u", "pdf/ua-1", "ingen")


@dataclass(frozen=True)
class Options:
    """Choices that only some formats use."""

    pdf_variant: str = PDF_VARIANTS[0]


Writer = Callable[["Document", "Templates", Options], bytes]

#: Format name → the module that writes it (imported only when used: the renderers are heavy).
FORMATS = {"docx": "aftale.render.docx", "pdf": "aftale.render.pdf"}


def writer(name: str) -> Writer:
    """The ``write`` function of format ``name``."""
    return import_module(FORMATS[name]).write
