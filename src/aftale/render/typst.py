"""The typst PDF engine: the document's typst template, fed the view model as data, laid out by typst.

The view model goes in as JSON (:mod:`aftale.render.data`) that the templates read with ``json()``, so no
text of the user is ever read as typst markup. typst sees a world of files held in memory, each read
through :class:`~aftale.render.templates.Templates`: the effective set of ``.typ`` templates (the
repository's own ``templates/`` first, file by file, so an own ``referat.typ`` still imports the
built-in ``base.typ``) and the document's data, the logo's bytes among them (typst takes only text
files from memory). Its root on disk, where a path that is not in memory is looked up, is the built-in
template folder: shipped files only, so a template can read nothing of the machine or the repository
but what is handed to it, wherever the two template folders lie, and nothing in the PDF depends on where
the repository is checked out. The fonts are the shipped ones only.

Built-in templates are laid out in this process (a page in milliseconds); a set that holds a
repository's own ``.typ`` file is laid out in a child process with a bound on its time
(:mod:`aftale.render.bounded`). So is every PDF of a process forked from one that had laid out a PDF
itself: typst's threads are not copied by a fork, and typst would wait for them for ever.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import replace
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

import typst

from aftale.choices import PDF_VARIANTS
from aftale.errors import TemplateFailed
from aftale.glyphs import drawn, undrawn
from aftale.render import Options
from aftale.render.contents import decided
from aftale.render.data import dumps, plain
from aftale.render.templates import Templates
from aftale.views.model import Document
from aftale.words import WORDS_FILE, builtin_dir

#: Where the templates find the document's data in typst's world.
DATA = "aftale/dokument.json"
#: The character drawn instead of one no shipped font has (PDF/A allows no glyph that is not there).
BOX = "\u25a1"
#: ``--pdf-variant`` → typst's PDF standards: each PDF/A variant is also PDF/UA-1, which typst checks.
STANDARDS = {"pdf/a-2a": ["a-2a", "ua-1"], "pdf/a-2u": ["a-2u", "ua-1"], "pdf/a-3a": ["a-3a", "ua-1"],
             "pdf/a-3u": ["a-3u", "ua-1"], "pdf/ua-1": ["ua-1"], "ingen": []}
assert tuple(STANDARDS) == PDF_VARIANTS


def write(doc: Document, templates: Templates, options: Options = Options()) -> bytes:
    """Lay out ``doc`` with its typst template (``<kind>.typ``), with a table of contents when it is longer than
    three pages (:mod:`aftale.render.contents`); return the PDF's bytes."""
    return _laid_out(decided(doc, lambda plain: page_count(plain, templates, options)), templates, options)


def page_count(doc: Document, templates: Templates, options: Options = Options()) -> int:
    """How many pages ``doc`` has without a table of contents, laid out as :func:`write` would; the PDF is kept
    for :func:`write`, which a document too short for a table of contents asks for next."""
    return len(_PAGE.findall(_laid_out(replace(doc, contents=False), templates, options, keep=True)))


#: A page object of a PDF typst writes (its objects are not compressed into streams).
_PAGE = re.compile(rb"/Type\s*/Page\b")
#: The PDFs laid out to count their pages, by a digest of all that went into them; the next :func:`write` of the
#: same takes it (a process renders one document's formats one after the other).
_KEPT: dict[bytes, bytes] = {}


def _laid_out(doc: Document, templates: Templates, options: Options, keep: bool = False) -> bytes:
    name = f"{doc.kind}.typ"
    files, own = _sources(templates, name)
    logo = templates.logo if doc.logo else None
    files[DATA] = dumps({"doc": plain(doc, _typeset), "logo": list(logo) if logo is not None else None,
                         "charts": _charts(doc)})
    standards = STANDARDS[options.pdf_variant or PDF_VARIANTS[0]]
    when = datetime(doc.date.year, doc.date.month, doc.date.day, tzinfo=timezone.utc)
    fonts = builtin_dir() / "fonts"
    digest = hashlib.sha256()
    for each in sorted(files):
        digest.update(each.encode() + b"\0" + hashlib.sha256(files[each]).digest())
    digest.update(" ".join(standards).encode() + when.isoformat().encode())
    key = digest.digest()
    if key in _KEPT:
        return _KEPT.pop(key) if not keep else _KEPT[key]
    if own or _forked_after_use:
        shown = templates.shown(templates.find(name if name in own or not own else own[0]))
        from aftale.render.bounded import bounded  # a child process: only for a repository's own templates

        outcome = bounded(compile_pdf, files, fonts, standards, when, name=shown)
    else:
        _use()
        outcome = compile_pdf(files, fonts, standards, when)
    if isinstance(outcome, bytes):
        if keep:
            _KEPT.clear()  # one at a time: the document whose formats are being written
            _KEPT[key] = outcome
        return outcome
    raise _failure(templates, name, *outcome)


def compile_pdf(files: dict[str, bytes], fonts: Path, standards: list[str],
                when: datetime) -> bytes | tuple[str, str]:
    """The PDF typst lays out from the in-memory ``files`` (the main file is ``main``), or typst's error message
    and its diagnostic (where it happened)."""
    root = builtin_dir()
    nowhere = root / WORDS_FILE / "pakker"  # below a file: no package is found there, none can be put there
    try:
        return typst.compile(files, root=root, font_paths=_fonts(fonts), ignore_system_fonts=True, format="pdf",
                             pdf_standards=standards, timestamp=when, package_path=nowhere,
                             package_cache_path=nowhere)  # type: ignore[call-overload, no-any-return]
    except typst.TypstError as error:  # said without the root: where aftale is installed is no business of the user
        return str(error.message).replace(str(root), ""), str(error.diagnostic).replace(str(root), "")


def _sources(templates: Templates, name: str) -> tuple[dict[str, bytes], list[str]]:
    """Every ``.typ`` template by its name, the first folder's winning, with ``name`` also as ``main``; and the names
    of those that are the repository's own.

    Each is read through ``templates`` (a link out of its folder, a pipe or a file not saved as UTF-8 is a Danish
    error naming it), whether or not the document imports it: typst may import any of them.
    """
    names = sorted({path.relative_to(folder).as_posix() for folder in templates.dirs if folder.is_dir()
                    for path in folder.rglob("*.typ")})
    if name not in names:
        templates.find(name)  # a Danish error: no such template
    files = {each: templates.text(each).encode("utf-8") for each in names}
    files["main"] = files[name]
    builtin = builtin_dir().resolve()
    own = [each for each in names if not templates.find(each).resolve().is_relative_to(builtin)]
    for each in own:
        _no_packages(templates, each, files[each])
    return files, own


#: An import or include of a typst package ("@preview/…"), which typst would fetch from the internet.
_PACKAGE = re.compile(rb'(?:import|include)\s*"(@[^"]*)"')


def _no_packages(templates: Templates, name: str, source: bytes) -> None:
    """A Danish error when the template ``name`` imports a typst package: a PDF is made of what is on the machine."""
    found = _PACKAGE.search(source)
    if found is not None:
        line = source.count(b"\n", 0, found.start()) + 1
        package = found.group(1).decode("utf-8", "replace")
        raise TemplateFailed(f"{templates.shown(templates.find(name))}:{line}: skabelonen bruger typst-pakken "
                             f"'{package}', som skulle hentes fra internettet; aftale laver PDF'er af det, der ligger "
                             "på maskinen. Læg det, skabelonen skal bruge, i templates/ som en .typ-fil, og importér "
                             "den derfra.")


def _charts(doc: Document) -> dict[str, str]:
    """Each indicator's chart as SVG text, by the indicator's key; none without indicators."""
    if not doc.indicators:
        return {}
    from aftale.render.chart import svg

    return {indicator.key: _drawable(svg(indicator.chart, indicator.alt)) for indicator in doc.indicators}


def _typeset(text: str) -> str:
    """``text`` as typst can set it: drawable (:func:`_drawable`), and a long run of letters made breakable
    (:data:`LONG_RUN`)."""
    text = _drawable(text)
    return LONG_RUN.sub(_breakable, text) if len(text) >= _LONGEST else text


def _drawable(text: str) -> str:
    """``text`` with each character no shipped font draws replaced by an empty box, as ``aftale tjek`` warns: PDF/A
    allows no missing glyph, and typst refuses to write one."""
    return "".join(char if drawn(char) else BOX for char in text) if undrawn(text) else text


#: Letters and digits so many in a row that they may not fit a line, or a table's column: typst breaks a line only
#: between words (and, without hyphenation, never inside one), so a zero-width space every few of them lets it
#: break such a run where it must, as print.css's ``overflow-wrap: break-word`` does. Addresses break at their
#: slashes and dots already.
_LONGEST = 30
LONG_RUN = re.compile(rf"[^\W_]{{{_LONGEST},}}")


def _breakable(found: re.Match[str]) -> str:
    run = found.group()
    return "\u200b".join(run[i:i + 10] for i in range(0, len(run), 10))


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


if hasattr(os, "register_at_fork"):  # POSIX only; Windows has no fork, so nothing to guard against there
    os.register_at_fork(after_in_child=_forked)


@cache
def _fonts(folder: Path) -> typst.Fonts:
    """The shipped fonts of ``folder``, loaded once per process; neither the machine's fonts nor typst's own."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[folder])
