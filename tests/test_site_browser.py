"""The published site in a real browser: every page of the example's site opened in headless Chromium,
checked by axe-core against WCAG 2.1 A and AA, with every link and image resolving to a file in the
folder, no request leaving it, and screenshots at a desktop's and a phone's width (looked at by people,
compared by nothing).

Chromium, its driver and axe-core (``.ci/node_modules/axe-core``) are installed by ``.ci/run``; without
them the tests skip with the reason, and under ``CI=true`` they fail.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import ROOT, run

AXE = ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js"
#: The only addresses outside the folder a page links to: the example's aftale.yaml's afsender-e-mail and
#: tilgængelighedserklæring, in every page's foot.
OUTSIDE = ("mailto:tilsyn@example.dk", "https://www.was.digst.dk/naestved-dk")
WIDTHS = {"bred": 1280, "telefon": 375}


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's site, written once for this module by ``aftale udgiv --format docx,pdf``."""
    out = tmp_path_factory.mktemp("site") / "site"
    with contextlib.chdir(ROOT):
        code, output = run("udgiv", "--format", "docx,pdf", "-o", str(out))
    assert code == 0, output
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium for every page, recording the network requests it makes."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        _missing("chromium and chromedriver are not installed (.ci/run installs Debian's chromium and "
                 "chromium-driver)")
    if not AXE.is_file():
        _missing("axe-core is not installed (.ci/run installs it with npm into .ci/node_modules)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed (pip install -e \".[test]\")")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium  # type: ignore[assignment]
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--allow-file-access-from-files", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


class _Links(HTMLParser):
    """Every address a page refers to: links, images, stylesheets, scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.found.append(value)
        if tag == "script":
            self.scripts += 1


def _pages(site: Path) -> list[Path]:
    return sorted(site.glob("*.html"))


def _requests(driver: object) -> list[str]:
    """The addresses the browser asked for since the last call."""
    found = []
    for entry in driver.get_log("performance"):  # type: ignore[attr-defined]
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            found.append(message["params"]["request"]["url"])
    return found


def test_the_site_has_every_page_and_document(site: Path) -> None:
    names = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
                   and not p.name.startswith(".aftale-"))
    published = [("naestved-boligselskab", 2021), ("naestved-boligselskab", 2022), ("naestved-faelles", 2022),
                 ("naestved-lejerbo", 2020)]
    assert [n for n in names if not n.startswith("filer/")] == [
        "dialog-naestved-boligselskab.html", "dialog-naestved-faelles.html", "dialog-naestved-lejerbo.html",
        *(f"dokumenter/{slug}-{year}-{kind}.{suffix}" for slug, year in published
          for kind in ("aftaledokument", "referat") for suffix in ("docx", "pdf")),
        *(f"dokumenter/redegoerelse-{year}.{suffix}" for year in (2019, 2020, 2021, 2022) for suffix in ("docx", "pdf")),
        "index.html", "kalender.ics", *(f"redegoerelse-{year}.html" for year in (2019, 2020, 2021, 2022))]


def test_every_link_and_image_is_a_file_in_the_folder_and_nothing_is_external(site: Path) -> None:
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert '<html lang="da">' in text, page.name
        parser = _Links()
        parser.feed(text)
        assert parser.scripts == 0, page.name
        assert parser.found, page.name
        for address in parser.found:
            if address.startswith("data:image/svg+xml;base64,"):  # an indicator's chart, inside the page itself
                continue
            if address in OUTSIDE:  # the foot's contact and accessibility statement, as aftale.yaml gives them
                continue
            parts = urlsplit(address)
            assert not parts.scheme and not parts.netloc and not parts.path.startswith("/"), (page.name, address)
            if parts.path:
                target = (page.parent / unquote(parts.path)).resolve()
                assert target.is_file() and site.resolve() in target.parents, (page.name, address)
            if parts.fragment:
                linked = (page.parent / parts.path).read_text(encoding="utf-8") if parts.path else text
                assert f'id="{parts.fragment}"' in linked, (page.name, address)
    for stylesheet in site.rglob("*.css"):
        css = stylesheet.read_text(encoding="utf-8")
        assert "http:" not in css and "https:" not in css and "//" not in css.replace("/*", "").replace("*/", "")
        for address in __import__("re").findall(r"url\(\"?([^\")]+)\"?\)", css):
            assert (stylesheet.parent / address).resolve().is_file(), address


def test_every_page_passes_axe_in_chromium_and_loads_only_its_own_files(site: Path, browser: object,
                                                                        tmp_path_factory: pytest.TempPathFactory
                                                                        ) -> None:
    """axe-core's WCAG 2.1 A and AA rules find nothing on any page, at a desktop's and a phone's width; the
    browser asks for nothing outside the folder; a phone never scrolls sideways. The screenshots are written
    beside the test's temporary files for people to look at."""
    driver = browser
    axe = AXE.read_text(encoding="utf-8")
    shots = tmp_path_factory.mktemp("skaermbilleder")
    inside = site.resolve().as_uri() + "/"
    violations = {}
    for page in _pages(site):
        for label, width in WIDTHS.items():
            driver.set_window_size(width, 900)  # type: ignore[attr-defined]
            _requests(driver)
            driver.get(page.resolve().as_uri())  # type: ignore[attr-defined]
            driver.execute_script(axe)  # type: ignore[attr-defined]
            result = driver.execute_async_script(  # type: ignore[attr-defined]
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                ".then(r => done(r.violations.map(v => [v.id, v.nodes.map(n => n.target.join(' '))])))"
                ".catch(e => done([['axe-fejl', [String(e)]]]));")
            if result:
                violations[f"{page.name} @ {width}"] = result
            outside = [url for url in _requests(driver) if not url.startswith(inside) and not url.startswith("data:")]
            assert outside == [], (page.name, outside)
            scroll = driver.execute_script("return document.documentElement.scrollWidth")  # type: ignore[attr-defined]
            assert scroll <= width, (page.name, width, scroll)
            height = driver.execute_script("return document.documentElement.scrollHeight")  # type: ignore[attr-defined]
            driver.set_window_size(width, min(max(height, 400), 6000))  # type: ignore[attr-defined]
            driver.save_screenshot(str(shots / f"{page.stem}-{label}-{width}.png"))  # type: ignore[attr-defined]
    print(f"skærmbilleder: {shots}")
    assert violations == {}


def test_every_page_says_whom_to_contact_when_it_was_updated_and_where_the_accessibility_statement_is(
        site: Path, browser: object) -> None:
    """The foot a kommune's page must have, from aftale.yaml and the files: never the clock (the newest published
    date of the example is Boligselskabet Suså's signature of 7 December 2022)."""
    from selenium.webdriver.common.by import By

    driver = browser
    driver.set_window_size(1200, 900)  # type: ignore[attr-defined]
    for page in _pages(site):
        driver.get(page.resolve().as_uri())  # type: ignore[attr-defined]
        foot = driver.find_element(By.CSS_SELECTOR, "footer.site")  # type: ignore[attr-defined]
        assert foot.is_displayed(), page.name
        lines = foot.text.splitlines()
        assert lines == ["Kontakt", "Næstved Kommune, Center for Plan og Erhverv, Tilsyn med almene boliger",
                         "Skriv til tilsyn@example.dk", "Opdateret 7. december 2022", "Tilgængelighedserklæring"], \
            (page.name, lines)
        links = {a.text: a.get_attribute("href") for a in foot.find_elements(By.TAG_NAME, "a")}
        assert links == {"Skriv til tilsyn@example.dk": OUTSIDE[0], "Tilgængelighedserklæring": OUTSIDE[1]}


def test_a_document_link_says_kind_size_and_pages_of_the_file_it_leads_to(site: Path, browser: object) -> None:
    from pypdf import PdfReader
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get((site / "dialog-naestved-lejerbo.html").resolve().as_uri())  # type: ignore[attr-defined]
    found = {a.get_attribute("href").rsplit("/", 1)[1]: a.text  # type: ignore[attr-defined]
             for a in driver.find_elements(By.CSS_SELECTOR, "a[href^='dokumenter/']")}  # type: ignore[attr-defined]
    assert found, "no document links"
    for name, text in found.items():
        data = (site / "dokumenter" / name).read_bytes()
        size = f"{round(len(data) / 1000)} kB"
        if name.endswith(".pdf"):
            pages = len(PdfReader(site / "dokumenter" / name).pages)
            assert text.endswith(f"(PDF, {size}, {pages} {'side' if pages == 1 else 'sider'})"), (name, text)
        else:
            assert text.endswith(f"(Word, {size})"), (name, text)
    assert found["naestved-lejerbo-2020-referat.pdf"] == "Referat (PDF, %d kB, 4 sider)" % round(
        (site / "dokumenter/naestved-lejerbo-2020-referat.pdf").stat().st_size / 1000)


def test_lines_are_about_70_characters_and_a_phones_links_are_big_enough_to_tap(site: Path, browser: object) -> None:
    """At 1200 px a paragraph is at most 70 characters ("0"s) wide; at 400 px every link of the lists, the trail and
    the foot is at least 44 × 44 px (WCAG 2.5.5)."""
    from selenium.webdriver.common.by import By

    driver = browser
    driver.set_window_size(1200, 900)  # type: ignore[attr-defined]
    driver.get((site / "index.html").resolve().as_uri())  # type: ignore[attr-defined]
    widest, seventy = driver.execute_script(  # type: ignore[attr-defined]
        "const p = document.querySelector('main p.lead'); const s = document.createElement('span');"
        "s.textContent = '0'.repeat(70); s.style.fontSize = getComputedStyle(p).fontSize; p.after(s);"
        "return [p.getBoundingClientRect().width, s.getBoundingClientRect().width];")
    assert widest <= seventy + 1 and widest > 0.8 * seventy
    driver.set_window_size(400, 900)  # type: ignore[attr-defined]
    for name in ("index.html", "dialog-naestved-lejerbo.html"):
        driver.get((site / name).resolve().as_uri())  # type: ignore[attr-defined]
        small = [(a.text, a.rect["width"], a.rect["height"])
                 for a in driver.find_elements(By.CSS_SELECTOR, "ul.links a, ol.trail a, footer.site a")  # type: ignore[attr-defined]
                 if a.rect["width"] < 44 or a.rect["height"] < 44]
        assert small == [], (name, small)
