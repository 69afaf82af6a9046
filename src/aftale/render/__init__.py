"""Writers: one module per format, each ``write(doc, templates) -> bytes`` over the same view model.

:data:`FORMATS` is the one table of formats; a new format is one new module
with the same signature and one new line here.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING


if TYPE_CHECKING:  # the writers and their templates are heavy; the command line only needs the names
    from aftale.render.templates import Templates
    from aftale.views.model import Document

from aftale.choices import PDF_VARIANTS
from aftale.model import Settings


@dataclass(frozen=True)
class Options:
    """Choices that only some formats use; None means "as aftale.yaml says, else the default"."""

    pdf_variant: str | None = None

    def settled(self, settings: Settings) -> "Options":
        """These options with every open choice filled in from the repository's settings or the default."""
        return Options(self.pdf_variant or settings.pdf_variant or PDF_VARIANTS[0])


Writer = Callable[["Document", "Templates", Options], bytes]

#: An indicator's chart on the page, width and height in millimetres, in every format (print.css says the same,
#: and leaves the table beside it the rest of the line, less a 4 mm gap).
CHART_MM = (88, 50)

#: Format name → the module that writes it (imported only when used: the renderers are heavy).
FORMATS = {"docx": "aftale.render.docx", "pdf": "aftale.render.pdf"}


def writer(name: str) -> Writer:
    """The ``write`` function of format ``name``, run with fewer garbage collections (:func:`fewer_collections`)."""
    write: Writer = import_module(FORMATS[name]).write

    def write_collecting_less(doc: "Document", templates: "Templates", options: Options = Options()) -> bytes:
        with fewer_collections():
            return write(doc, templates, options)

    return write_collecting_less


#: How many new objects start a collection while a document is written (Python's default is 700).
COLLECTION_THRESHOLD = 10_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Let Python's cycle collector start less often while documents are written; as it was after the last.

    WeasyPrint makes hundreds of thousands of small objects for a long document, and with the default
    threshold the collector goes over them again and again: a quarter of the time of a PDF with 50
    indicators (bench/RESULTS.md). Nothing is left uncollected; collections come in larger steps. The
    preview writes from several threads at once: the first writer raises the threshold, the last puts
    back what the first found.
    """
    global _writers, _threshold
    with _writing:
        if _writers == 0:
            _threshold = gc.get_threshold()
            gc.set_threshold(COLLECTION_THRESHOLD, *_threshold[1:])
        _writers += 1
    try:
        yield
    finally:
        with _writing:
            _writers -= 1
            if _writers == 0:
                gc.set_threshold(*_threshold)


_writing = threading.Lock()
_writers = 0
_threshold = gc.get_threshold()
