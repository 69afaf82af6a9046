"""How fast `aftale vis` answers: a save to new page content, and the PDF link against a new process.

Run: .venv/bin/python bench/vis.py [--runs N]

The server runs in this process on a free port, with its file watcher, on a copy of the example.
"Save → page" is timed from writing the round file until the server's own event stream says the
version changed and a GET of the referat returns the new text (what an open page does: it hears
the event, then reloads). "PDF" is the referat's PDF through the running server against the same
PDF made by `aftale referat` as a new process. Figures are medians.
"""

from __future__ import annotations

import argparse
import http.client
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from aftale.commands.vis import EVENTS, Preview
from aftale.commands.vis_server import Server, watch

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "naestved-lejerbo"
PAGE = f"/{EXAMPLE}/2021/referat"


def _get(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    body = connection.getresponse().read()
    connection.close()
    return body


def _save_to_page(server: Server, round_file: Path, run: int) -> float:
    """Write a change and time until the event arrives and the page shows it."""
    port = server.server_address[1]
    stream = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    stream.request("GET", f"{EVENTS}?version={server.preview.version}")
    events = stream.getresponse()
    marker = f"Måling {run}"
    text = round_file.read_text(encoding="utf-8")
    began = time.perf_counter()
    round_file.write_text(text.replace("I KL er der startet", f"{marker} – I KL er der startet", 1), encoding="utf-8")
    while not events.readline().startswith(b"data:"):
        pass
    page = _get(port, PAGE).decode()
    elapsed = time.perf_counter() - began
    stream.close()
    assert marker in page, "the page did not show the change"
    round_file.write_text(text, encoding="utf-8")
    time.sleep(0.2)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "agreements", root / "agreements")
        shutil.copy(ROOT / "aftale.yaml", root / "aftale.yaml")
        preview = Preview(root)
        server = Server(preview, 0)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        threading.Thread(target=watch, args=(preview, server.stopping), daemon=True).start()
        while preview.version == 0:  # until the watcher runs
            (root / "aftale.yaml").touch()
            time.sleep(0.05)
        port = server.server_address[1]
        _get(port, PAGE), _get(port, PAGE + ".pdf")  # warm: renderers imported, fonts loaded
        round_file = root / "agreements" / EXAMPLE / "2021.yaml"
        saves = [_save_to_page(server, round_file, run) for run in range(args.runs)]
        warm = []
        for _ in range(args.runs):
            began = time.perf_counter()
            assert _get(port, PAGE + ".pdf").startswith(b"%PDF-")
            warm.append(time.perf_counter() - began)
        cold = []
        for _ in range(max(3, args.runs // 3)):
            began = time.perf_counter()
            subprocess.run([sys.executable, "-m", "aftale", "referat", EXAMPLE, "2021", "--format", "pdf",
                            "--ud", str(root / "ud")], cwd=root, check=True, capture_output=True)
            cold.append(time.perf_counter() - began)
        server.stopping.set()
        preview.bump()
        server.shutdown()
    print(f"machine: {platform.platform()}, {platform.machine()}, Python {platform.python_version()}")
    print(f"save → new page content (median of {len(saves)}): {statistics.median(saves):.3f} s "
          f"(min {min(saves):.3f}, max {max(saves):.3f})")
    print(f"referat PDF through the running server (median of {len(warm)}): {statistics.median(warm):.3f} s")
    print(f"the same PDF by 'aftale referat' as a new process (median of {len(cold)}): {statistics.median(cold):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
