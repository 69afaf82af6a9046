"""``aftale vis``: a live preview of every document as a web page, served on the loopback address only.

A :class:`Preview` keeps the renderers imported and answers each request from the repository as it
is now: the overview of the dialogues and their rounds, each document as a web page (from the same
HTML templates and stylesheet as the PDF), the PDF itself, and the template folders' fonts. A file
watcher bumps :attr:`Preview.version` on every save; open pages listen on an event stream and
reload. When the repository has errors the page shows them as ``aftale tjek`` prints them, and the
next good save shows the document again. Everything else — other paths, other hosts — is refused.
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import jinja2

from aftale.check import check, locate
from aftale.document import Request, prepare, prepare_report
from aftale.errors import AftaleError, ProblemsFound, problem_line
from aftale.inputs import Place, read_input, repository as repository_place
from aftale.load.layout import AGREEMENTS_DIR, SETTINGS_FILE
from aftale.load.settings import load_settings, logo_type
from aftale.render import writer
from aftale.render.html import charts
from aftale.render.templates import Templates
from aftale.redegoerelse import REDEGOERELSE, report_years
from aftale.views.model import DAGSORDEN, KINDS, Document
from aftale.words import Words, for_folders

#: The address of the page's event stream, of the preview's own stylesheet and script.
EVENTS, STYLE, SCRIPT = "/_aftale/haendelser", "/_aftale/skaerm.css", "/_aftale/genindlaes.js"
#: The repository's logo (``logo`` in aftale.yaml), for the documents' pages as in their PDFs.
LOGO = "/_aftale/logo"
_REPORT = re.compile(r"/redegoerelse/([0-9]{4})(\.pdf)?", re.ASCII)
_DOCUMENT = re.compile(r"/([a-z0-9-]+)/([0-9]{4})/(dagsorden|referat|aftaledokument)(\.pdf)?", re.ASCII)
_ASSET = re.compile(r"/_aftale/((?:fonts/)?[A-Za-z0-9_-]+\.(?:css|ttf))", re.ASCII)
_SCREEN = """
html { background: #e8e9ec; }
body { background: #fff; max-width: 170mm; margin: 3rem auto; padding: 20mm 22mm; box-shadow: 0 1px 4px #9aa; }
header.running { position: static; margin-bottom: 6mm; }
nav.aftale-vis { font: 10pt "Aftale Sans", sans-serif; max-width: 214mm; margin: 1rem auto -2rem; }
nav.aftale-vis a { margin-right: 1.5em; color: #1f2a44; }
pre.aftale-fejl { white-space: pre-wrap; font-size: 10pt; background: #fff4f2; padding: 1em; border-left: 4px solid #b3261e; }
/* A window narrower than the page: an indicator's chart goes under its table instead of beside it. */
@media (max-width: 220mm) {
  div.indicator-values { padding-right: 0; }
  div.indicator-values img.chart { position: static; margin-top: 3mm; max-width: 100%; height: auto; }
}
"""
_RELOAD = """
(function () {
  var version = document.documentElement.getAttribute("data-version");
  var events = new EventSource("%s?version=" + version);
  events.onmessage = function (event) { if (event.data !== version) { location.reload(); } };
})();
""" % EVENTS


@dataclass(frozen=True)
class Response:
    """An answer to a request: status, content type and body."""

    status: int
    type: str
    body: bytes


class Preview:
    """The warm process behind ``aftale vis``; :meth:`answer` turns a path into a :class:`Response`.

    :param start: the repository, or a folder below it.
    :param only: show only this dialogue.
    """

    def __init__(self, start: Path, only: str | None = None) -> None:
        self.root = locate(start)
        self.only = only
        self.version = 0
        self.changed = threading.Condition()

    # --- changes --------------------------------------------------------------------------------

    def bump(self) -> None:
        """Tell every open page that an input changed."""
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """Wait until the version is not ``seen`` (or ``timeout`` seconds); the version then."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout)
            return self.version

    def inputs(self) -> list[Path]:
        """What the watcher watches: the dialogues, aftale.yaml and the repository's templates."""
        return [path for path in (self.root / AGREEMENTS_DIR, self.root / SETTINGS_FILE, self.root / "templates")
                if path.exists()]

    # --- answers --------------------------------------------------------------------------------

    def answer(self, target: str) -> Response:
        """The response to a GET of ``target`` (a path with an optional query); never raises.

        A mistake in the repository's own files (its words file, a template) is shown in the page as
        any other problem; a bug shows as one line, and the server goes on.
        """
        try:
            return self._answer(target)
        except ProblemsFound as error:  # its own sentence says "nothing written, try again": here a save is enough
            return self._failure(self._problems(error.lines())
                                 + f"<p>{html.escape(self._say('vis.ret-og-gem', str(error)))}</p>")
        except AftaleError as error:
            return self._failure(f"<p>{html.escape(str(error))}</p>")
        except Exception as error:  # noqa: BLE001 - the preview must outlive any one page
            return self._failure(f"<p>intern fejl i aftale ({html.escape(type(error).__name__)}: "
                                 f"{html.escape(str(error))}); meld den venligst til udviklerne.</p>", status=500)

    def _failure(self, body: str, status: int = 200) -> Response:
        """A page that shows what is wrong instead of the document; it reloads on the next save."""
        title = self._say("vis.fejl-titel", "aftale vis")
        return self._page(title, f'<h1 class="title">{html.escape(title)}</h1>\n{body}', status=status)

    def _say(self, key: str, otherwise: str) -> str:
        """The words file's text for ``key``; ``otherwise`` when the words file itself is what is wrong."""
        try:
            return self._words()(key)
        except AftaleError:
            return otherwise

    def _answer(self, target: str) -> Response:
        parts = urlsplit(target)
        path = unquote(parts.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        if path == "/":
            return self._overview()
        if path == "/favicon.ico":  # browsers ask; there is none
            return Response(204, "image/x-icon", b"")
        if path == STYLE:
            return Response(200, "text/css; charset=utf-8", _SCREEN.encode())
        if path == SCRIPT:
            return Response(200, "text/javascript; charset=utf-8", _RELOAD.encode())
        if path == LOGO:
            return self._logo()
        asset = _ASSET.fullmatch(path)
        if asset:
            return self._asset(asset.group(1))
        report = _REPORT.fullmatch(path)
        if report:
            return self._report(int(report.group(1)), pdf=bool(report.group(2)))
        document = _DOCUMENT.fullmatch(path)
        if document and (self.only is None or document.group(1) == self.only):
            slug, year, kind, pdf = document.groups()
            return self._document(slug, int(year), kind, public="offentlig" in query, pdf=bool(pdf))
        return self._not_found()

    def _words(self) -> Words:
        return for_folders(Templates.for_repository(self.root).dirs, self.root)

    def _page(self, title: str, body: str, status: int = 200) -> Response:
        text = (f'<!DOCTYPE html>\n<html lang="da" data-version="{self.version}">\n<head>\n<meta charset="utf-8">\n'
                f'<title>{html.escape(title)}</title>\n{self._head()}</head>\n<body>\n{body}\n</body>\n</html>\n')
        return Response(status, "text/html; charset=utf-8", text.encode())

    def _head(self) -> str:
        return (f'<link rel="stylesheet" href="/_aftale/print.css">\n<link rel="stylesheet" href="{STYLE}">\n'
                f'<script src="{SCRIPT}" defer></script>\n')

    def _overview(self) -> Response:
        words = self._words()
        report = check(self.root)
        rows = []
        for dialog in report.repository.dialogs:
            if self.only is not None and dialog.slug != self.only:
                continue
            title = words("vis.dialog", kommune=dialog.kommune, boligorganisation=dialog.boligorganisation)
            rows.append(f"<h2>{html.escape(title)}</h2><ul>")
            for round_ in dialog.rounds:
                state = words("vis.holdt" if round_.held else "vis.planlagt")
                links = " · ".join(f'<a href="/{dialog.slug}/{round_.year}/{kind}">'
                                   f'{html.escape(words(f"dokumenter.{kind}"))}</a>' for kind in KINDS)
                rows.append(f"<li>{round_.year} ({html.escape(state)}): {links}</li>")
            if dialog.rounds and dialog.rounds[-1].held:  # the next round's agenda, before its file exists
                year = dialog.rounds[-1].year + 1
                rows.append(f'<li>{year} ({html.escape(words("vis.næste"))}): <a href="/{dialog.slug}/{year}/'
                            f'{DAGSORDEN}">{html.escape(words(f"dokumenter.{DAGSORDEN}"))}</a></li>')
            rows.append("</ul>")
        years = report_years(report.repository.dialogs)
        if years and self.only is None:
            links = " · ".join(f'<a href="/redegoerelse/{year}">{year}</a>' for year in years)
            rows.append(f"<h2>{html.escape(words('redegørelse.titel'))}</h2><p>{links}</p>")
        problems = self._problems(report.lines()) if report.problems else ""
        return self._page(words("vis.titel"), f'<h1 class="title">{html.escape(words("vis.titel"))}</h1>\n'
                                              f"{problems}{''.join(rows)}")

    def _problems(self, lines: list[str]) -> str:
        return f'<pre class="aftale-fejl">{html.escape(chr(10).join(lines))}</pre>\n'

    def _report(self, year: int, pdf: bool) -> Response:
        ready = prepare_report(self.root, year)
        if pdf:
            return Response(200, "application/pdf", writer("pdf")(ready.view, ready.templates, ready.options))
        return self._html(ready.view, ready.templates, REDEGOERELSE, "/redegoerelse", year, public=True, other=False)

    def _document(self, slug: str, year: int, kind: str, public: bool, pdf: bool) -> Response:
        ready = prepare(self.root, Request(slug, kind, year, public=public))
        if pdf:
            return Response(200, "application/pdf", writer("pdf")(ready.view, ready.templates, ready.options))
        return self._html(ready.view, ready.templates, kind, f"/{slug}/{year}/{kind}", year, public, other=True)

    def _html(self, view: Document, templates: Templates, kind: str, address: str, year: int, public: bool,
              other: bool) -> Response:
        """A document as a page: its HTML template, the preview's stylesheet, script and links."""
        words = self._words()
        name = f"{kind}.html"
        try:
            environment = templates.environment()
            environment.globals["charts"] = charts(view)  # a global: the chart macros are imported
            page = environment.get_template(name).render(doc=replace(view, logo=None),
                                                          logo_url=LOGO if view.logo else None)
        except jinja2.TemplateError as error:
            raise templates.failure(error, name) from error
        this, that = ("?offentlig", "") if public and other else ("", "?offentlig")
        nav = (f'<nav class="aftale-vis"><a href="/">{html.escape(words("vis.forside"))}</a>'
               f'<a href="{address}.pdf{this}">{html.escape(words("vis.pdf"))}</a>')
        if other:
            nav += f'<a href="{address}{that}">{html.escape(words("vis.intern" if public else "vis.offentlig"))}</a>'
        nav += "</nav>"
        page = page.replace('<html lang="da">', f'<html lang="da" data-version="{self.version}">', 1)
        page = page.replace("</head>", self._head() + "</head>", 1)
        page = re.sub(r"(<body[^>]*>)", lambda match: match.group(1) + "\n" + nav, page, count=1)
        return Response(200, "text/html; charset=utf-8", page.encode())

    def _asset(self, name: str) -> Response:
        templates = Templates.for_repository(self.root)
        try:
            path = templates.find(name)
        except AftaleError:
            return self._not_found()
        folder = next(d for d in templates.dirs if path.is_relative_to(d))
        data = read_input(path, Place((folder,), noun="skabelonen", name="skabelonmappen"))
        if not isinstance(data, bytes):
            return self._not_found()
        kind = "text/css; charset=utf-8" if name.endswith(".css") else "font/ttf"
        return Response(200, kind, data)

    def _logo(self) -> Response:
        """The logo aftale.yaml names, read as the renderers read it; not found when there is none to show."""
        settings, _ = load_settings(self.root)
        if not settings.logo:
            return self._not_found()
        data = read_input(self.root / settings.logo, repository_place(self.root))
        if not isinstance(data, bytes):
            return self._not_found()
        kind = logo_type(data)
        return Response(200, kind, data) if kind else self._not_found()

    def _not_found(self) -> Response:
        title = self._say("vis.ikke-fundet", "404")
        back = html.escape(self._say("vis.forside", "/"))
        return self._page(title, f'<h1 class="title">{html.escape(title)}</h1>\n<p><a href="/">{back}</a></p>',
                          status=404)
