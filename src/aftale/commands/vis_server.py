"""The web server of ``aftale vis``: the loopback address only, a file watcher, and events for open pages.

:func:`serve` runs until it is interrupted. The server answers GET and HEAD with what
:class:`aftale.commands.vis.Preview` makes, refuses a request whose ``Host`` is not the loopback
address it listens on (a page elsewhere cannot reach it through DNS rebinding), and keeps an event
stream open for each page, on which it says when an input changed.
"""

from __future__ import annotations

import errno
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from aftale.commands.vis import EVENTS, Preview, Response
from aftale.render import Options
from aftale.errors import AftaleError

HOST = "127.0.0.1"
#: How often an open event stream hears from the server while nothing changes.
KEEP_ALIVE_SECONDS = 15.0


class Server(ThreadingHTTPServer):
    """A preview's HTTP server on the loopback address; ``port`` 0 takes a free one."""

    daemon_threads = True

    def __init__(self, preview: Preview, port: int) -> None:
        try:
            super().__init__((HOST, port), _Handler)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise AftaleError(f"porten {port} er optaget af et andet program. Vælg en anden med fx "
                                  f"'--port {port + 1}'.") from error
            raise
        self.preview = preview
        self.stopping = threading.Event()

    @property
    def address(self) -> str:
        """The address a browser opens."""
        return f"http://{HOST}:{self.server_address[1]}/"

    def allowed(self, host: str | None) -> bool:
        """True for the loopback names of this server's own port."""
        port = self.server_address[1]
        return host in (f"{HOST}:{port}", f"localhost:{port}")


class _Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self._answer(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        if not self.server.allowed(self.headers.get("Host")):
            self._send(Response(403, "text/plain; charset=utf-8", "Forkert adresse: aftale vis svarer kun på "
                                "127.0.0.1 og localhost.\n".encode()), body)
            return
        if urlsplit(self.path).path == EVENTS and body:
            self._events()
            return
        self._send(self.server.preview.answer(self.path), body)

    def _send(self, response: Response, body: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(response.body)

    def _events(self) -> None:
        """A server-sent event stream: the version, each time it changes."""
        query = parse_qs(urlsplit(self.path).query)
        asked = query.get("version", [""])[0]
        if asked and not re.fullmatch(r"[0-9]{1,18}", asked, re.ASCII):  # a query any page can send: never a crash
            self._send(Response(400, "text/plain; charset=utf-8", "Forkert forespørgsel: 'version' skal være et "
                                "tal.\n".encode()), True)
            return
        seen = int(asked) if asked else -1
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        try:
            while not self.server.stopping.is_set():
                version = self.server.preview.wait(seen, KEEP_ALIVE_SECONDS)
                self.wfile.write(f"data: {version}\n\n".encode() if version != seen else b": -\n\n")
                self.wfile.flush()
                seen = version
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        """Quiet: the terminal shows only what aftale says."""


def watch(preview: Preview, stopping: threading.Event) -> None:
    """Bump the preview's version whenever an input changes, until ``stopping`` is set."""
    from watchfiles import watch as changes

    for _ in changes(preview.root, watch_filter=lambda _, path: preview.watches(Path(path)), stop_event=stopping,
                     debounce=30, step=10, yield_on_timeout=False):
        preview.bump()


def serve(start: Path, only: str | None, port: int, ready: Callable[[str], None],
          pdf_engine: str | None = None) -> None:
    """Serve the preview of the repository at ``start`` until interrupted; ``ready`` gets the address.

    :param pdf_engine: the engine of the PDFs it serves (``--pdf-motor``); None for what aftale.yaml says.
    """
    preview = Preview(start, only, Options(pdf_engine=pdf_engine))
    server = Server(preview, port)
    watcher = threading.Thread(target=watch, args=(preview, server.stopping), daemon=True)
    watcher.start()
    ready(server.address)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.stopping.set()
        preview.bump()  # wakes the event streams, which then end
        server.server_close()
