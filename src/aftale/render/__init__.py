"""Writers: one module per format, each ``write(doc, templates, options) -> bytes`` over the same view model.

:data:`FORMATS` is the one table of formats; a new format is one new module
with the same signature and one new line here. A PDF is written by one of the
engines of :data:`ENGINES`, the one the options choose: typst by default,
WeasyPrint (HTML and ``print.css``) for a kommune that restyles its PDFs with CSS.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING


if TYPE_CHECKING:  # the writers and their templates are heavy; the command line only needs the names
    from aftale.render.templates import Templates
    from aftale.views.model import Document

from aftale.choices import PDF_ENGINES, PDF_VARIANTS
from aftale.errors import AftaleError
from aftale.model import Settings


@dataclass(frozen=True)
class Options:
    """Choices that only some formats use; None means "as aftale.yaml says, else the default"."""

    pdf_variant: str | None = None
    #: The engine that writes PDFs, one of :data:`aftale.choices.PDF_ENGINES`.
    pdf_engine: str | None = None

    def settled(self, settings: Settings) -> "Options":
        """These options with every open choice filled in from the repository's settings or the default."""
        return Options(self.pdf_variant or settings.pdf_variant or PDF_VARIANTS[0],
                       self.pdf_engine or settings.pdf_motor or PDF_ENGINES[0])


Writer = Callable[["Document", "Templates", Options], bytes]

#: An indicator's chart on the page, width and height in millimetres, in every format (print.css says the same,
#: and leaves the table beside it the rest of the line, less a 4 mm gap).
CHART_MM = (88, 55)

#: Format name → the module that writes it (imported only when used: the renderers are heavy); None for a PDF,
#: which the engine the options choose writes (:data:`ENGINES`).
FORMATS: dict[str, str | None] = {"docx": "aftale.render.docx", "pdf": None}

#: PDF engine name → the module that writes a PDF with it, the default first (:data:`aftale.choices.PDF_ENGINES`).
ENGINES = {"typst": "aftale.render.typst", "weasyprint": "aftale.render.weasyprint"}


def writer(name: str) -> Writer:
    """The ``write`` function of format ``name``, run with fewer garbage collections (:func:`fewer_collections`).

    For a PDF, the engine is the one ``options.pdf_engine`` names when the function is called, imported then.
    """

    def write_collecting_less(doc: "Document", templates: "Templates", options: Options = Options()) -> bytes:
        write: Writer = _module(name, options).write
        with fewer_collections():
            return write(doc, templates, options)

    return write_collecting_less


def load(options: Options) -> None:
    """Import the writer of every format with ``options`` now (before worker processes are forked, say)."""
    for name in FORMATS:
        _module(name, options)


def _module(name: str, options: Options) -> ModuleType:
    """The module that writes format ``name`` with ``options``; a Danish error when its engine cannot run here."""
    module = FORMATS[name]
    if module is not None:
        return import_module(module)
    engine = options.pdf_engine or PDF_ENGINES[0]
    try:
        return import_module(ENGINES[engine])
    except (ImportError, OSError) as error:  # WeasyPrint raises OSError when Pango's libraries are missing
        if engine != "weasyprint":
            raise
        raise AftaleError(_missing_weasyprint(error)) from None


def _missing_weasyprint(error: Exception) -> str:
    """What to do on this machine when WeasyPrint, chosen as PDF engine, cannot be loaded."""
    if sys.platform == "win32":
        install = ("installér MSYS2 (https://www.msys2.org) og i dets terminal 'pacman -S "
                   "mingw-w64-ucrt-x86_64-pango', og sæt WEASYPRINT_DLL_DIRECTORIES til C:\\msys64\\ucrt64\\bin")
    elif sys.platform == "darwin":
        install = "installér Pango med Homebrew: 'brew install pango'"
    else:
        install = ("installér Pango, på Debian og Ubuntu med 'sudo apt-get install libpango-1.0-0 "
                   "libpangoft2-1.0-0 libharfbuzz-subset0'")
    return (f"PDF-motoren weasyprint kan ikke indlæses på denne maskine ({error}); den kræver Pango. Enten {install}, "
            "eller skriv 'pdf-motor: typst' i aftale.yaml (eller brug --pdf-motor typst), så laves PDF'erne med typst, "
            "som ikke kræver andet end aftale selv.")


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
