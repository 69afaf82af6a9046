"""``aftale vis``: a live preview of every document as a web page, served on the loopback address only.

A :class:`Preview` keeps the renderers imported and answers each request from one workspace of the
repository as it is now (a new one after each save): the overview of the dialogues and their rounds,
each document as a web page (its own HTML template inside ``vis-dokument.html``, with the same
stylesheet as the PDF), the PDF itself, and the template folders' fonts. Every page is a template on
the search path, which a repository may override. A file watcher bumps :attr:`Preview.version` on
every save; open pages listen on an event stream and reload. When the repository has errors the page
shows them as ``aftale tjek`` prints them, and the next good save shows the document again.
Everything else — other paths, other hosts — is refused.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import jinja2

from aftale.checked import unknown_dialog
from aftale.errors import AftaleError, ProblemsFound, TemplateFailed, explain, is_internal
from aftale.load.layout import AGREEMENTS_DIR, SETTINGS_FILE
from aftale.pictures import picture_type
from aftale.render import Options, writer
from aftale.render.html import charts
from aftale.render import jinja
from aftale.render.templates import Templates
from aftale.views import preview as pages
from aftale.views.model import Document
from aftale.views.redegoerelse import report_years
from aftale.views.website import Page
from aftale.words import TEMPLATES_DIR, builtin_dir
from aftale.workspace import Workspace, locate
from aftale.workspace.documents import every_document

EVENTS, LOGO = pages.EVENTS, pages.LOGO
_REPORT = re.compile(r"/redegoerelse/([0-9]{4})(\.pdf)?", re.ASCII)
_DOCUMENT = re.compile(r"/([a-z0-9-]+)/([0-9]{4})/(dagsorden|referat|aftaledokument)(\.pdf)?", re.ASCII)
_ASSET = re.compile(r"/_aftale/((?:fonts/)?[A-Za-z0-9_-]+\.(?:css|ttf|js))", re.ASCII)
_TYPES = {"css": "text/css; charset=utf-8", "ttf": "font/ttf", "js": "text/javascript; charset=utf-8"}


@dataclass(frozen=True)
class Response:
    """An answer to a request: status, content type and body."""

    status: int
    type: str
    body: bytes


class Preview:
    """The warm process behind ``aftale vis``; :meth:`answer` turns a path into a :class:`Response`.

    :param start: the repository, or a folder below it.
    :param only: show only this dialogue (a name that is no dialogue is an error, with the nearest name).
    """

    def __init__(self, start: Path, only: str | None = None, options: Options = Options()) -> None:
        self.root = locate(start)
        self.only = only
        self.options = options
        self.version = 0
        self.changed = threading.Condition()
        self._opened: tuple[int, Workspace] | None = None
        if only is not None and only not in Workspace(self.root).slugs():
            raise unknown_dialog(only, Workspace(self.root).slugs())

    # --- changes --------------------------------------------------------------------------------

    def bump(self) -> None:
        """Tell every open page that an input changed (the next request opens the repository anew)."""
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """Wait until the version is not ``seen`` (or ``timeout`` seconds); the version then."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout)
            return self.version

    def watches(self, path: Path) -> bool:
        """True for a file whose change the pages must show: in the dialogues' or the templates' folder (also one made
        after the preview started), aftale.yaml, and the logo it names."""
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return False
        if relative.parts[:1] in ((AGREEMENTS_DIR,), (TEMPLATES_DIR,)) or relative == Path(SETTINGS_FILE):
            return True
        opened = self._opened
        return opened is not None and opened[1].logo_path_known() == path

    def workspace(self) -> tuple[int, Workspace]:
        """The workspace of the repository as it is at the current version: one per save, shared by the requests."""
        with self.changed:
            version = self.version
            if self._opened is None or self._opened[0] != version:
                self._opened = (version, Workspace(self.root, self.options))
            return self._opened

    # --- answers --------------------------------------------------------------------------------

    def answer(self, target: str) -> Response:
        """The response to a GET of ``target`` (a path with an optional query); never raises.

        A mistake in the repository's own files (its words file, a template) is shown in the page as
        any other problem; a bug shows as one line, and the server goes on.
        """
        version, workspace = self.workspace()
        try:
            return self._answer(target, version, workspace)
        except ProblemsFound as error:  # its own sentence says "nothing written, try again": here a save is enough
            say = self._say(workspace)
            return self._failure(workspace, version, say("vis.ret-og-gem", str(error)), error.lines())
        except Exception as error:  # noqa: BLE001 - the preview must outlive any one page
            return self._failure(workspace, version, explain(error), status=500 if is_internal(error) else 200)

    def _answer(self, target: str, version: int, workspace: Workspace) -> Response:
        parts = urlsplit(target)
        path = unquote(parts.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        if path == "/":
            return self._overview(workspace, version)
        if path == "/favicon.ico":  # browsers ask; there is none
            return Response(204, "image/x-icon", b"")
        if path == LOGO:
            logo = workspace.logo
            return Response(200, picture_type(logo) or "", logo) if logo else self._not_found(workspace, version)
        asset = _ASSET.fullmatch(path)
        if asset:
            return self._asset(workspace, version, asset.group(1))
        report = _REPORT.fullmatch(path)
        if report:
            year = int(report.group(1))
            account = workspace.report_view(year)
            if report.group(2):
                return self._pdf(workspace, account)
            return self._html(workspace, version, account, pages.report_address(year), public=True, other=False)
        document = _DOCUMENT.fullmatch(path)
        if document and (self.only is None or document.group(1) == self.only):
            slug, year_text, kind, pdf = document.groups()
            public = "offentlig" in query
            year = workspace.round_for(workspace.dialog(slug), kind, int(year_text))
            view = workspace.view(kind, slug, year, public)
            if pdf:
                return self._pdf(workspace, view)
            return self._html(workspace, version, view, pages.document_address(slug, year, kind), public, other=True)
        return self._not_found(workspace, version)

    def _overview(self, workspace: Workspace, version: int) -> Response:
        checked = workspace.checked(self.only)
        dialogs = [d for d in checked.repository.dialogs if self.only is None or d.slug == self.only]
        page = pages.overview(workspace.words, dialogs, {d.slug: every_document(d) for d in dialogs},
                              report_years(checked.repository.dialogs), checked.lines(), self.only is None)
        return self._page(workspace, version, page)

    def _pdf(self, workspace: Workspace, view: Document) -> Response:
        return Response(200, "application/pdf", writer("pdf")(view, workspace.templates, workspace.options))

    def _html(self, workspace: Workspace, version: int, view: Document, address: str, public: bool,
              other: bool) -> Response:
        """A document as a page: its HTML template inside ``vis-dokument.html``, with the preview's links."""
        frame = pages.Frame(version, pages.document_links(workspace.words, address, public, other))
        return self._render(workspace.templates, "vis-dokument.html", 200, doc=view, vis=frame,
                            logo_url=LOGO if view.logo else None, charts=charts(view))

    def _page(self, workspace: Workspace, version: int, page: Page, status: int = 200) -> Response:
        return self._render(workspace.templates, f"{page.kind}.html", status, page=page, vis=pages.Frame(version))

    def _render(self, templates: Templates, name: str, status: int, charts: dict[str, str] | None = None,
                **context: Any) -> Response:
        environment = jinja.environment(templates)
        environment.globals["charts"] = charts or {}  # a global: the chart macros are imported
        try:
            text = environment.get_template(name).render(**context)
        except jinja2.TemplateError as error:
            raise jinja.failure(templates, error, name) from error
        return Response(status, "text/html; charset=utf-8", text.encode("utf-8"))

    def _failure(self, workspace: Workspace, version: int, message: str, problems: list[str] | tuple[str, ...] = (),
                 status: int = 200) -> Response:
        """A page that shows what is wrong instead of the document; it reloads on the next save.

        Made from the repository's own templates; when those are what is broken, from the built-in ones.
        """
        say = self._say(workspace)
        page = pages.failure(say("vis.fejl-titel", "aftale vis"), message, problems)
        try:
            return self._page(workspace, version, page, status)
        except (AftaleError, OSError):
            return self._render(Templates((builtin_dir(),)), "vis-fejl.html", status, page=page,
                                vis=pages.Frame(version))

    def _say(self, workspace: Workspace) -> Any:
        """The words file's text for a key, or ``otherwise`` when the words file itself is what is wrong."""
        def say(key: str, otherwise: str) -> str:
            try:
                return workspace.words(key)
            except AftaleError:
                return otherwise
        return say

    def _asset(self, workspace: Workspace, version: int, name: str) -> Response:
        try:
            data = workspace.templates.read(name)
        except TemplateFailed:
            return self._not_found(workspace, version)
        return Response(200, _TYPES[name.rpartition(".")[2]], data)

    def _not_found(self, workspace: Workspace, version: int) -> Response:
        say = self._say(workspace)
        page = pages.not_found(say("vis.ikke-fundet", "404"), say("vis.forside", "/"))
        try:
            return self._page(workspace, version, page, status=404)
        except (AftaleError, OSError):
            return self._render(Templates((builtin_dir(),)), "vis-ikke-fundet.html", 404, page=page,
                                vis=pages.Frame(version))
