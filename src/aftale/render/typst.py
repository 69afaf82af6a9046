"""The typst PDF engine: the document's typst template, fed the view model as data, laid out by typst.

The view model goes in as JSON (:mod:`aftale.render.data`) that the templates read with ``json()``, so no
text of the user is ever read as typst markup. typst sees a world of files held in memory, each read
through :class:`~aftale.render.templates.Templates`: the effective set of ``.typ`` templates (the
repository's own ``templates/`` first, file by file, so an own ``referat.typ`` still imports the
built-in ``base.typ``), the document's data and the logo. Its root on disk is an empty folder of this
process's own, so a template can read nothing else, wherever the two template folders lie, and
nothing in the PDF depends on where the repository is checked out. The fonts are the shipped ones
only, and no package is fetched.

Built-in templates are laid out in this process (a page in milliseconds); a set that holds a
repository's own ``.typ`` file is laid out in a child process with a bound on its time
(:mod:`aftale.render.bounded`). So is every PDF of a process forked from one that had laid out a PDF
itself: typst's threads are not copied by a fork, and typst would wait for them for ever.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

import typst

from aftale.choices import PDF_VARIANTS
from aftale.errors import TemplateFailed
from aftale.glyphs import drawn, undrawn
from aftale.inputs import Place, Refusal, read_input, regular_files, repository
from aftale.render import Options
from aftale.render.bounded import bounded
from aftale.render.data import dumps, plain
from aftale.render.templates import Templates
from aftale.views.model import Document
from aftale.words import builtin_dir

#: Where the templates find the document's data and its logo in typst's world.
DATA, LOGO = "aftale/dokument.json", "aftale/logo"
#: The character drawn instead of one no shipped font has (PDF/A allows no glyph that is not there).
BOX = "\u25a1"
#: ``--pdf-variant`` → typst's PDF standards: each PDF/A variant is also PDF/UA-1, which typst checks.
STANDARDS = {"pdf/a-2a": ["a-2a", "ua-1"], "pdf/a-2u": ["a-2u", "ua-1"], "pdf/a-3a": ["a-3a", "ua-1"],
             "pdf/a-3u": ["a-3u", "ua-1"], "pdf/ua-1": ["ua-1"], "ingen": []}
assert tuple(STANDARDS) == PDF_VARIANTS


def write(doc: Document, templates: Templates, options: Options = Options()) -> bytes:
    """Lay out ``doc`` with its typst template (``<kind>.typ``); return the PDF's bytes."""
    name = f"{doc.kind}.typ"
    files, own = _sources(templates, name)
    logo = _logo(doc, templates)
    if logo is not None:
        files[f"{LOGO}.{_picture_kind(logo)}"] = logo
    files[DATA] = dumps({"doc": plain(doc, _drawable),
                         "logo": f"/{LOGO}.{_picture_kind(logo)}" if logo is not None else None,
                         "charts": _charts(doc)})
    standards = STANDARDS[options.pdf_variant or PDF_VARIANTS[0]]
    when = datetime(doc.date.year, doc.date.month, doc.date.day, tzinfo=timezone.utc)
    fonts = builtin_dir() / "fonts"
    if own or _forked_after_use:
        shown = templates.shown(templates.find(name if name in own or not own else own[0]))
        outcome = bounded(compile_pdf, files, fonts, standards, when, name=shown)
    else:
        _use()
        outcome = compile_pdf(files, fonts, standards, when)
    if isinstance(outcome, bytes):
        return outcome
    raise _failure(templates, name, *outcome)


def compile_pdf(files: dict[str, bytes], fonts: Path, standards: list[str],
                when: datetime) -> bytes | tuple[str, str]:
    """The PDF typst lays out from the in-memory ``files`` (the main file is ``main``), or typst's error message
    and its diagnostic (where it happened)."""
    root = _root()
    try:
        return typst.compile(files, root=root, font_paths=_fonts(fonts), ignore_system_fonts=True, format="pdf",
                             pdf_standards=standards, timestamp=when, package_path=root / "pakker",
                             package_cache_path=root / "pakker")  # type: ignore[call-overload, no-any-return]
    except typst.TypstError as error:
        return str(error.message), str(error.diagnostic)


def _sources(templates: Templates, name: str) -> tuple[dict[str, bytes], list[str]]:
    """Every ``.typ`` template by its name, the first folder's winning, with ``name`` also as ``main``; and the names
    of those that are the repository's own."""
    names = sorted({path.relative_to(folder).as_posix() for folder in templates.dirs
                    for path in regular_files((folder,), Place((folder,))) if path.suffix == ".typ"})
    if name not in names:
        templates.find(name)  # a Danish error: no such template
    files = {each: templates.read(each) for each in names}
    files["main"] = files[name]
    builtin = builtin_dir().resolve()
    own = [each for each in names if not templates.find(each).resolve().is_relative_to(builtin)]
    return files, own


def _logo(doc: Document, templates: Templates) -> bytes | None:
    """The bytes of the document's logo (``doc.logo``, a path in the repository), read safely; None without one."""
    if not doc.logo:
        return None
    path = Path(doc.logo)
    data = read_input(path, repository(templates.root) if templates.root else Place((path.parent,)))
    if isinstance(data, Refusal):
        raise TemplateFailed(f"logoet {path.name}: {data}")
    return data


def _picture_kind(data: bytes | None) -> str:
    return "png" if data is not None and data.startswith(b"\x89PNG") else "jpg"


def _charts(doc: Document) -> dict[str, str]:
    """Each indicator's chart as SVG text, by the indicator's key; none without indicators."""
    if not doc.indicators:
        return {}
    from aftale.render.chart import svg

    return {indicator.key: svg(indicator.chart, indicator.alt) for indicator in doc.indicators}


def _drawable(text: str) -> str:
    """``text`` with each character no shipped font draws replaced by an empty box, as ``aftale tjek`` warns."""
    if not undrawn(text):
        return text
    return "".join(char if drawn(char) else BOX for char in text)


_DIAGNOSTIC = re.compile(r"┌─ (?:.*?[/\\])?(?P<file>[^/\\]+?(?:\.typ)?):(?P<line>\d+):\d+")


def _failure(templates: Templates, name: str, message: str, diagnostic: str) -> TemplateFailed:
    """A Danish error for typst's ``message``, naming the template and the line it points at."""
    where = _DIAGNOSTIC.search(diagnostic)
    shown = templates.shown(templates.find(name))
    if where is not None:
        file = where.group("file")
        found = name if file == "main" else file
        try:
            shown = f"{templates.shown(templates.find(found))}:{where.group('line')}"
        except TemplateFailed:
            shown = f"{shown}:{where.group('line')}" if file == "main" else shown
    return TemplateFailed(f"{shown}: typst kunne ikke lave PDF'en med skabelonen ({message}). Ret skabelonen.")


#: Whether this process has laid out a PDF itself, and whether it was forked from one that had.
_used = _forked_after_use = False


def _use() -> None:
    global _used
    _used = True


def _forked() -> None:
    global _forked_after_use
    _forked_after_use = _forked_after_use or _used


os.register_at_fork(after_in_child=_forked)


@cache
def _root() -> Path:
    """typst's root on disk: an empty folder of this process's own, removed when the process ends."""
    root = Path(tempfile.mkdtemp(prefix="aftale-typst-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


@cache
def _fonts(folder: Path) -> typst.Fonts:
    """The shipped fonts of ``folder``, loaded once per process; neither the machine's fonts nor typst's own."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[folder])
