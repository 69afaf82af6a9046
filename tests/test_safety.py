"""Safe templates, atomic output and reproducible builds."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pikepdf
import pytest
from pypdf import PdfReader

import aftale.render.typst
from aftale.errors import AftaleError
from tests.conftest import DIALOG, EXAMPLE, ROOT, ROUND_2020, WriteTree, run, write_tree


# --- templates run sandboxed and may read nothing but their own folder and the logo --------------

def _docx_template(path: Path, text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path.read_bytes()


def test_word_template_cannot_reach_into_python(repo: WriteTree, tmp_path: Path) -> None:
    root = repo()
    (root / "templates").mkdir()
    _docx_template(root / "templates/referat.docx", "{{ doc.__class__.__init__.__globals__ }}")
    code, output = run("referat", "demo", "--format", "docx", "--ud", "ud")
    assert code == 2
    assert output.startswith("fejl: templates/referat.docx: skabelonen prøver at bruge noget, som skabeloner ikke "
                             "må (access to attribute ")
    assert output.endswith("is unsafe.). Ret skabelonen.\n")
    assert not (tmp_path / "ud").exists()


def test_html_template_cannot_reach_into_python(repo: WriteTree) -> None:
    repo({"templates/referat.html": "{{ doc.__class__.__mro__ }}"})
    code, output = run("referat", "demo", "--format", "pdf", "--pdf-motor", "weasyprint")
    assert code == 2
    assert output.startswith("fejl: templates/referat.html: skabelonen prøver at bruge noget, som skabeloner ikke må")


@pytest.mark.parametrize("reference", [
    '<link rel="stylesheet" href="http://127.0.0.1:9/stil.css">',
    '<img src="https://example.invalid/logo.png">',
    '<img src="../agreements/demo/dialog.yaml">',
])
def test_html_template_cannot_fetch(repo: WriteTree, tmp_path: Path, reference: str) -> None:
    repo({"templates/referat.html": '{% extends "base.html" %}{% block content %}' + reference + "{% endblock %}"})
    code, output = run("referat", "demo", "--format", "pdf", "--pdf-motor", "weasyprint", "--ud", "ud")
    assert code == 2
    assert "skabelonen henviser til '" in output and "som aftale ikke må hente" in output
    assert not (tmp_path / "ud").exists()


def test_stylesheet_cannot_import_other_files(repo: WriteTree, tmp_path: Path) -> None:
    css = (ROOT / "templates/print.css").read_text(encoding="utf-8")
    repo({"templates/print.css": '@import url("file:///etc/hostname");\n' + css})
    code, output = run("referat", "demo", "--format", "pdf", "--pdf-motor", "weasyprint", "--ud", "ud")
    assert code == 2
    assert output.startswith("fejl: templates/print.css: skabelonen henviser til 'file:///etc/hostname', som aftale "
                             "ikke må hente.")


# --- output is written whole or not at all --------------------------------------------------------

def test_a_failing_renderer_leaves_the_old_files(repo: WriteTree, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    repo()
    assert run("referat", "demo")[0] == 0
    old = {p.name: p.read_bytes() for p in (tmp_path / "build/demo/2020").iterdir()}
    write_tree(tmp_path, {"agreements/demo/2020.yaml": ROUND_2020 + "eventuelt: [Ændret.]\n"})

    def broken(*_: object) -> bytes:
        raise AftaleError("PDF-skriveren fejlede midt i dokumentet")

    monkeypatch.setattr(aftale.render.typst, "write", broken)
    assert run("referat", "demo") == (2, "fejl: PDF-skriveren fejlede midt i dokumentet\n")
    assert {p.name: p.read_bytes() for p in (tmp_path / "build/demo/2020").iterdir()} == old


def _whole(path: Path) -> bool:
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None and "word/document.xml" in archive.namelist()
    data = path.read_bytes()
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF") and len(PdfReader(str(path)).pages) > 0


def test_a_killed_build_leaves_every_file_old_or_new_and_whole(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The builds before and after the kill run in process (with the default workers); the killed one,
    ``byg -j 1``, is a process of its own."""
    files = {}
    for number in range(6):
        files[f"agreements/d{number:02d}/dialog.yaml"] = DIALOG
        files[f"agreements/d{number:02d}/2020.yaml"] = ROUND_2020
    write_tree(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    assert run("byg")[0] == 0
    out = tmp_path / "build"
    old = {p: p.read_bytes() for p in out.rglob("*.*") if not p.name.startswith(".")}
    for number in range(6):
        write_tree(tmp_path, {f"agreements/d{number:02d}/2020.yaml": ROUND_2020 + "eventuelt: [Nyt.]\n"})
    process = subprocess.Popen([sys.executable, "-m", "aftale", "byg", "-j", "1"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if sum(p.read_bytes() != data for p, data in old.items() if p.exists()) >= 3:
            break
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    changed = 0
    for path, data in old.items():
        now = path.read_bytes()
        changed += now != data
        assert now == data or _whole(path), path
    assert 0 < changed < len(old)
    code, output = run("byg")
    assert code == 0, output
    assert not list(out.rglob("*.tmp"))
    assert all(_whole(p) for p in old)


# --- the same input gives the same bytes ------------------------------------------------------------

def _documents(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*.*")) if not p.name.startswith(".")}


def test_every_example_document_is_byte_identical_across_processes_and_builds(example: Path, tmp_path: Path) -> None:
    """Three renders of the example must agree byte for byte: the session's ``byg --alle`` (in this process,
    two worker processes), ``byg --alle -j 1`` in a new process with another hash seed (one worker reuses
    one stylesheet and font set for every document), and ``referat`` alone in a third process."""
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    subprocess.run([sys.executable, "-m", "aftale", "byg", "--alle", "-j", "1", "--ud", str(tmp_path / "a")],
                   cwd=ROOT, check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
    alone = subprocess.run([sys.executable, "-m", "aftale", "referat", EXAMPLE, "2021", "--ud", str(tmp_path / "b")],
                           cwd=ROOT, check=True, capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": "3"})
    folder = tmp_path / "b" / EXAMPLE / "2021"
    assert alone.stdout == f"skrev {folder}/referat.docx\nskrev {folder}/referat.pdf\n"
    fresh = _documents(tmp_path / "a")
    assert len(fresh) == 42
    assert fresh == _documents(example.parent)
    for name in ("referat.pdf", "referat.docx"):
        assert (folder / name).read_bytes() == fresh[Path(EXAMPLE, "2021", name)]


def _leaks(data: bytes, needle: str) -> bool:
    """True when ``needle`` occurs in ``data`` or, for a PDF, in any of its decompressed streams."""
    if needle.encode() in data:
        return True
    if data.startswith(b"%PDF"):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return any(needle.encode() in obj.read_bytes() for obj in pdf.objects
                       if isinstance(obj, pikepdf.Stream))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(needle.encode() in archive.read(name) or needle in name for name in archive.namelist())


@pytest.fixture
def time_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Sets this process's time zone (``TZ``) for the rest of the test, and puts the old one back after it."""

    def use(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


def test_a_repository_with_a_logo_gives_the_same_bytes_wherever_and_whenever_it_is_built(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, time_zone: Callable[[str], None], pdf_engine: str) -> None:
    """Two checkouts (one with a space and æøå in its path), in two time zones 26 hours apart, with each engine."""
    logo = (ROOT / "tests/fixtures/logo.png").read_bytes()
    files = {"aftale.yaml": "afsender: Testby Kommune\nlogo: logo.png\n", "logo.png": logo,
             "agreements/demo/dialog.yaml": DIALOG, "agreements/demo/2020.yaml": ROUND_2020}
    checkouts = [tmp_path / "kopi-qzx", tmp_path / "et andet sted æøå" / "kopi-vwj-lang"]
    rendered = []
    for checkout, zone in zip(checkouts, ("Pacific/Kiritimati", "Pacific/Pago_Pago")):
        write_tree(checkout, files)
        monkeypatch.chdir(checkout)
        time_zone(zone)
        assert run("referat", "demo", "--ud", "ud", "--pdf-motor", pdf_engine)[0] == 0
        rendered.append({name: (checkout / "ud/demo/2020" / name).read_bytes()
                         for name in ("referat.pdf", "referat.docx")})
    assert rendered[0] == rendered[1]
    for data in rendered[0].values():
        for checkout in checkouts:
            assert not _leaks(data, checkout.name), checkout.name
        assert not _leaks(data, tmp_path.name)


def test_help_loads_no_renderer() -> None:
    """Start-up stays light: the command line's module imports none of the heavy libraries."""
    probe = ("import sys, aftale.cli; print(sorted(m for m in ('yaml', 'jinja2', 'docxtpl', 'babel', 'weasyprint', "
             "'aftale.load', 'aftale.views') if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    assert found.strip() == "[]"
