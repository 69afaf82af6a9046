"""`aftale vis`: the live preview, over HTTP and in a real browser.

The server runs in this process on a free port of the loopback address, with its file watcher, as
`aftale vis` runs it; the browser is Debian's headless Chromium driven by selenium.
"""

from __future__ import annotations

import html
import http.client
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from aftale.errors import AftaleError
from aftale.commands.vis import Preview
from aftale.commands.vis_server import Server, watch
from tests.documents import require

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "naestved-lejerbo"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    """A copy of the example served as `aftale vis` serves it; yields the server and the repository."""
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    shutil.copy(ROOT / "aftale.yaml", tmp_path / "aftale.yaml")
    preview = Preview(tmp_path)
    server = Server(preview, 0)
    threads = [threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True),
               threading.Thread(target=watch, args=(preview, server.stopping), daemon=True)]
    for thread in threads:
        thread.start()
    settings = tmp_path / "aftale.yaml"
    deadline = time.monotonic() + 10
    while preview.version == 0 and time.monotonic() < deadline:  # until the watcher sees a save
        settings.touch()
        time.sleep(0.05)
    assert preview.version > 0, "the file watcher did not start"
    yield server, tmp_path
    server.stopping.set()
    preview.bump()
    server.shutdown()
    server.server_close()


def _saved(server: Server, seen: int) -> None:
    """Wait until the file watcher has seen a save after version ``seen`` (the preview then reads the files anew)."""
    assert server.preview.wait(seen, 10) != seen, "the file watcher did not see the save"


def _get(server: Server, path: str, host: str | None = None, method: str = "GET") -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", host or f"127.0.0.1:{server.server_address[1]}")
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheader("Content-Type") or "", body


# --- over HTTP ------------------------------------------------------------------------------------

def test_it_listens_on_the_loopback_address_only(site: tuple[Server, Path]) -> None:
    server, _ = site
    assert server.server_address[0] == "127.0.0.1"
    assert server.address == f"http://127.0.0.1:{server.server_address[1]}/"


def test_every_document_is_a_page_and_a_pdf(site: tuple[Server, Path]) -> None:
    server, _ = site
    status, _, body = _get(server, "/")
    assert status == 200 and "Næstved Kommune og Lejerbo" in body.decode()
    assert f'href="/{EXAMPLE}/2021/referat"' in body.decode()
    # the next round's agenda, whose file does not exist yet, is on the front page too
    assert f'2022 (næste runde, ingen fil endnu): <a href="/{EXAMPLE}/2022/dagsorden">Dagsorden</a>' in body.decode()
    assert _get(server, f"/{EXAMPLE}/2022/dagsorden")[0] == 200
    status, kind, body = _get(server, f"/{EXAMPLE}/2021/referat")
    page = body.decode()
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert f'<meta name="aftale-version" content="{server.preview.version}">' in page and "Opfølgning på aftaledokument fra 2020" in page
    assert f'href="/{EXAMPLE}/2021/referat.pdf"' in page and "/_aftale/print.css" in page
    status, kind, body = _get(server, f"/{EXAMPLE}/2021/referat.pdf")
    assert (status, kind) == (200, "application/pdf") and body.startswith(b"%PDF-")
    for asset in ("/_aftale/print.css", "/_aftale/fonts/LiberationSans-Regular.ttf", "/_aftale/skaerm.css"):
        assert _get(server, asset)[0] == 200


def test_the_aftaledokument_page_draws_its_indicator_chart(site: tuple[Server, Path]) -> None:
    """The example's 2021 aftaledokument has an indicator: its page shows the table and the chart."""
    server, _ = site
    status, _, body = _get(server, f"/{EXAMPLE}/2021/aftaledokument")
    page = body.decode()
    assert status == 200 and "Fraflytningsprocent" in page
    assert '<img class="chart" src="data:image/svg+xml' in page


def test_the_redegoerelse_is_a_page_and_a_pdf(site: tuple[Server, Path]) -> None:
    server, _ = site
    assert '<a href="/redegoerelse/2021">2021</a>' in _get(server, "/")[2].decode()
    status, _, body = _get(server, "/redegoerelse/2021")
    assert status == 200 and "Redegørelse" in body.decode() and "Lejerbo" in body.decode()
    status, kind, body = _get(server, "/redegoerelse/2021.pdf")
    assert (status, kind) == (200, "application/pdf") and body.startswith(b"%PDF-")


def test_the_public_edition_of_a_page(site: tuple[Server, Path]) -> None:
    server, root = site
    path = root / "agreements" / EXAMPLE / "2021.yaml"
    seen = server.preview.version
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - titel: Dokumentationspakken", "  - titel: Personalesag Zulu\n    lukket: ja\n  - titel: Dokumentationspakken",
        1), encoding="utf-8")
    _saved(server, seen)
    internal = _get(server, f"/{EXAMPLE}/2021/referat")[2].decode()
    public = _get(server, f"/{EXAMPLE}/2021/referat?offentlig")[2].decode()
    assert "Personalesag Zulu" in internal and "Personalesag Zulu" not in public and "Lukket punkt" in public


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/_aftale/../../etc/passwd",
                                  "/_aftale/fonts/..%2f..%2f..%2fetc%2fpasswd", "/_aftale/%2e%2e/aftale.yaml",
                                  "/aftale.yaml", "/agreements/naestved-lejerbo/2021.yaml",
                                  f"/{EXAMPLE}/2021/referat.docx", "/_aftale/fonts/LICENSE"])
def test_nothing_but_its_own_pages_is_served(site: tuple[Server, Path], path: str) -> None:
    status, _, body = _get(site[0], path)
    assert status == 404
    assert b"root:" not in body and b"kommune:" not in body
    assert "Siden findes ikke" in body.decode() and '<a href="/">Alle dialoger</a>' in body.decode()


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.nip.io:{port}", "192.168.1.2:{port}",
                                  "localhost:1"])
def test_a_request_for_another_host_is_refused(site: tuple[Server, Path], host: str) -> None:
    server, _ = site
    status, _, body = _get(server, f"/{EXAMPLE}/2021/referat", host=host.format(port=server.server_address[1]))
    assert status == 403
    assert "aftale vis svarer kun på 127.0.0.1 og localhost" in body.decode()
    assert _get(server, "/", host=f"localhost:{server.server_address[1]}")[0] == 200


def test_it_is_read_only(site: tuple[Server, Path]) -> None:
    server, root = site
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    for method in ("POST", "PUT", "DELETE"):
        assert _get(server, f"/{EXAMPLE}/2021/referat", method=method)[0] == 501
    _get(server, f"/{EXAMPLE}/2021/referat.pdf")
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_a_mistake_is_shown_in_the_page_and_the_next_good_save_recovers(site: tuple[Server, Path]) -> None:
    server, root = site
    path = root / "agreements" / EXAMPLE / "2021.yaml"
    good = path.read_text(encoding="utf-8")
    seen = server.preview.version
    path.write_text(good.replace("status: i gang", "status: igang", 1), encoding="utf-8")
    _saved(server, seen)
    status, _, body = _get(server, f"/{EXAMPLE}/2021/referat")
    page = html.unescape(body.decode())
    assert status == 200
    assert "agreements/naestved-lejerbo/2021.yaml:" in page and "ukendt værdi 'igang'" in page
    assert "Mente du 'i gang'?" in page
    assert "siden opdaterer sig selv" in page and "Intet er skrevet" not in page
    seen = server.preview.version
    path.write_text(good, encoding="utf-8")
    _saved(server, seen)
    assert "Opfølgning på aftaledokument fra 2020" in _get(server, f"/{EXAMPLE}/2021/referat")[2].decode()


def test_a_broken_words_file_or_template_is_shown_and_the_server_goes_on(site: tuple[Server, Path]) -> None:
    server, root = site
    seen = server.preview.version
    (root / "templates").mkdir()
    (root / "templates/tekster.yaml").write_text("punkter:\n  eventuel: Eventuelt og afslutning\n", encoding="utf-8")
    _saved(server, seen)
    page = html.unescape(_get(server, f"/{EXAMPLE}/2021/referat")[2].decode())
    assert "templates/tekster.yaml:2:3: fejl: ukendt nøgle 'eventuel' under 'punkter'." in page
    seen = server.preview.version
    (root / "templates/tekster.yaml").unlink()
    (root / "templates/referat.html").write_text("{% extends 'base.html' %}{% block content %}{{ doc.title", "utf-8")
    _saved(server, seen)
    page = _get(server, f"/{EXAMPLE}/2021/referat")[2].decode()
    assert "templates/referat.html:1: skabelonen har en syntaksfejl" in page
    seen = server.preview.version
    (root / "templates/referat.html").unlink()
    _saved(server, seen)
    assert "Opfølgning på aftaledokument fra 2020" in _get(server, f"/{EXAMPLE}/2021/referat")[2].decode()


def test_a_port_in_use_is_a_danish_message(site: tuple[Server, Path]) -> None:
    server, root = site
    with pytest.raises(AftaleError) as caught:
        Server(Preview(root), server.server_address[1])
    assert str(caught.value) == (f"porten {server.server_address[1]} er optaget af et andet program. Vælg en anden "
                                 f"med fx '--port {server.server_address[1] + 1}'.")


def test_a_documents_page_shows_the_logo_as_its_pdf_does(site: tuple[Server, Path]) -> None:
    server, root = site
    logo = (ROOT / "tests/fixtures/logo.png").read_bytes()
    (root / "logo.png").write_bytes(logo)
    settings = root / "aftale.yaml"
    seen = server.preview.version
    settings.write_text(settings.read_text(encoding="utf-8") + "logo: logo.png\n", encoding="utf-8")
    _saved(server, seen)
    status, _, page = _get(server, f"/{EXAMPLE}/2021/referat")
    assert status == 200
    assert b'<img class="logo" src="/_aftale/logo" alt="' in page
    assert str(root).encode() not in page  # the page names no path on the machine
    assert _get(server, "/_aftale/logo") == (200, "image/png", logo)


def test_without_a_logo_there_is_none_to_fetch(site: tuple[Server, Path]) -> None:
    server, _ = site
    status, _, page = _get(server, f"/{EXAMPLE}/2021/referat")
    assert status == 200 and b'class="logo"' not in page
    assert _get(server, "/_aftale/logo")[0] == 404


# --- in a real browser ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium, driven by selenium; skipped without it, a failure under CI (which installs it)."""
    require("chromium")
    driver_path = require("chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def test_a_saved_change_appears_in_the_open_page_by_itself(site: tuple[Server, Path], browser: object) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    server, root = site
    driver = browser
    driver.get(f"{server.address}{EXAMPLE}/2021/referat")  # type: ignore[attr-defined]
    body = lambda: driver.find_element(By.TAG_NAME, "body").text  # type: ignore[attr-defined]  # noqa: E731
    # the page reloads by itself, so an element found a moment ago may be gone: try again
    wait = WebDriverWait(driver, 10, poll_frequency=0.05, ignored_exceptions=(StaleElementReferenceException,))
    wait.until(lambda _: "Opfølgning på aftaledokument fra 2020" in body())
    path = root / "agreements" / EXAMPLE / "2021.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("I KL er der startet et projekt", "Nyt fra mødet – I KL er der startet et projekt"),
                    encoding="utf-8")
    wait.until(lambda _: "Nyt fra mødet – I KL" in body())
    path.write_text(good.replace("status: i gang", "status: igang", 1), encoding="utf-8")
    wait.until(lambda _: "ukendt værdi 'igang' for 'status'" in body()
               and "agreements/naestved-lejerbo/2021.yaml:" in body())
    path.write_text(good, encoding="utf-8")
    wait.until(lambda _: "Opfølgning på aftaledokument fra 2020" in body() and "Nyt fra mødet" not in body())


@pytest.mark.parametrize("width, beside", [(1280, True), (480, False)])
def test_an_indicators_chart_stands_beside_its_table_or_under_it_in_a_narrow_window(
        site: tuple[Server, Path], browser: object, width: int, beside: bool) -> None:
    from selenium.webdriver.common.by import By

    server, _ = site
    driver = browser
    driver.set_window_size(width, 900)  # type: ignore[attr-defined]
    try:
        driver.get(f"{server.address}{EXAMPLE}/2021/aftaledokument")  # type: ignore[attr-defined]
        table = driver.find_element(By.CSS_SELECTOR, "table.indicator").rect  # type: ignore[attr-defined]
        chart = driver.find_element(By.CSS_SELECTOR, "img.chart").rect  # type: ignore[attr-defined]
    finally:
        driver.set_window_size(1280, 900)  # type: ignore[attr-defined]
    assert chart["width"] > 200
    if beside:
        assert chart["x"] >= table["x"] + table["width"] and chart["y"] < table["y"] + table["height"]
    else:  # never over the table's values
        assert chart["y"] >= table["y"] + table["height"]
