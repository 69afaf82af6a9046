"""Text pasted from Word and e-mail, and repositories at the size of a large kommune: every word survives.

Every document renders; the DOCX opens in python-docx and converts in LibreOffice;
the PDF passes ``qpdf --check``; the text comes out literally (control characters
removed, nothing else lost); and nothing is fetched or embedded. A large kommune's
dialogue is checked on its view models here; ``bench/scale.py`` renders it and times it.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from aftale.commands.tjek import check
from aftale.views import view
from bench.scale import LONG_PARAGRAPH, national_round
from tests.conftest import DIALOG, run, write_tree
from tests.documents import docx_text, pdf_text, require, visible

HOSTILE = [
    "& < > \" ' ]]>",
    "{{ 7*7 }}",
    "{% if true %}x{% endif %}",
    "{_{ x }_}",
    "<b>fed</b> <script>alert(1)</script>",
    "<img src=\"file:///etc/passwd\"> [link](file:///etc/passwd) <a href=\"http://127.0.0.1:9/x\">x</a>",
    "Emoji 😀 og ✓",
    "עברית שלום مرحبا بالعالم",
    "Zero\u200bwidth",
]
CONTROL = "Kontrol\\x01tegn\\vvæk\\f\\e\\a slut"  # YAML escapes for U+0001, VT, FF, ESC and BEL
CONTROL_SHOWN = "Kontroltegnvæk slut"
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänskajütenschlüssel" * 3


def _unspaced(text: str) -> str:
    return re.sub(r"\s", "", visible(text))


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _hostile_round() -> str:
    lines = ["møde:", "  dato: 2021-10-27", f"  sted: {_yaml(HOSTILE[0])}", "  deltagere:"]
    lines += [f"    - {_yaml(text)}" for text in HOSTILE]
    lines += ["opfølgning:", "  udlejning:", "    status: videreføres", f"    referat: [{_yaml(HOSTILE[1])}]",
              "punkter:"]
    for text in HOSTILE:
        lines += [f"  - titel: {_yaml(text)}", f"    referat: [{_yaml(text)}, \"{CONTROL}\", [{_yaml(text)}]]",
                  f"    beslutning: {_yaml(text)}"]
    lines += ["  - titel: Langt ord", f"    referat: [{_yaml(LONG_WORD)}]", "aftaler:"]
    lines += [f"  - {{id: p{i}, titel: {_yaml(text)}, ansvarlig: {_yaml(text)}}}" for i, text in enumerate(HOSTILE)]
    lines += [f"eventuelt: [{_yaml(HOSTILE[4])}]"]
    return "\n".join(lines) + "\n"


def _render(root: Path, *options: str) -> Path:
    write_tree(root, {"agreements/demo/dialog.yaml": DIALOG.replace("Testby Kommune", "Testby & <Kommune>"),
                      "agreements/demo/2020.yaml": "aftaler:\n  - {id: udlejning, titel: \"Udlejning & <mere>\"}\n",
                      "agreements/demo/2021.yaml": _hostile_round()})
    with contextlib.chdir(root):
        for kind in ("dagsorden", "referat", "aftaledokument"):
            code, output = run(kind, "demo", "2021", "--ud", "ud", *options)
            assert code == 0, output
    return root / "ud/demo/2021"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three documents of a round full of hostile text, rendered once through the commands (DOCX and PDF)."""
    return _render(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def hostile_pdfs(hostile: Path, pdf_engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the same documents' PDFs from each PDF engine in turn."""
    if pdf_engine == "typst":
        return hostile
    return _render(tmp_path_factory.mktemp("hostile"), "--format", "pdf", "--pdf-motor", pdf_engine)


def test_hostile_text_comes_out_literally(hostile: Path, hostile_pdfs: Path) -> None:
    require("pdftotext")
    out = hostile
    for kind in ("dagsorden", "referat", "aftaledokument"):
        for text in (docx_text(out / f"{kind}.docx"), pdf_text(hostile_pdfs / f"{kind}.pdf")):
            shown = visible(text)
            assert "Testby & <Kommune>" in shown
            for needle in HOSTILE:
                # A PDF reader turns a line wrap into a space, also inside a long address: compare without them.
                assert _unspaced(needle) in _unspaced(shown), (kind, needle)
            assert "49" not in shown
    for text in (docx_text(out / "referat.docx"), pdf_text(hostile_pdfs / "referat.pdf")):
        assert CONTROL_SHOWN in visible(text)
        assert re.sub(r"\s", "", LONG_WORD) in re.sub(r"\s", "", text)


def test_documents_are_valid_and_embed_nothing(hostile: Path, hostile_pdfs: Path) -> None:
    qpdf = require("qpdf")
    out = hostile
    for kind in ("dagsorden", "referat", "aftaledokument"):
        pdf = hostile_pdfs / f"{kind}.pdf"
        checked = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        reader = PdfReader(str(pdf))
        for page in reader.pages:
            xobjects = page["/Resources"].get("/XObject", {})
            assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())
            # no annotation but the table of contents' links within the document: nothing that leads out of it
            for annotation in page.get("/Annots", []):
                annotation = annotation.get_object()
                action = annotation.get("/A", {})
                assert annotation["/Subtype"] == "/Link" and "/URI" not in action, annotation
                assert "/Dest" in annotation or action.get("/S") == "/GoTo", annotation
        document = docx.Document(str(out / f"{kind}.docx"))
        assert document.paragraphs
        with zipfile.ZipFile(out / f"{kind}.docx") as archive:
            assert not [name for name in archive.namelist() if name.startswith("word/media/")]
            assert archive.testzip() is None


def test_docx_converts_in_libreoffice(hostile: Path, tmp_path: Path) -> None:
    soffice = require("soffice")
    out = hostile
    files = [str(out / f"{kind}.docx") for kind in ("dagsorden", "referat", "aftaledokument")]
    converted = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                                "--convert-to", "pdf", "--outdir", str(tmp_path / "lo-pdf"), *files],
                               capture_output=True, text=True, timeout=300)
    assert converted.returncode == 0, converted.stderr
    for kind in ("dagsorden", "referat", "aftaledokument"):
        assert (tmp_path / "lo-pdf" / f"{kind}.pdf").stat().st_size > 1000


def test_at_national_scale_the_view_models_hold_every_point_and_name(tmp_path: Path) -> None:
    """5,000 agreed points, 200 participants and a 100,000-character paragraph, read and turned into views."""
    write_tree(tmp_path, {"agreements/stor/dialog.yaml": DIALOG, "agreements/stor/2021.yaml": national_round()})
    report = check(tmp_path)
    assert report.errors == 0, report.lines()
    dialog, ledger, settings = report.repository.dialog("stor"), report.ledgers["stor"], report.repository.settings
    referat = view("referat", dialog, ledger, 2021, settings)
    [participants] = [group.names for group in referat.people if group.title == "Deltagere"]
    assert participants == tuple(f"Deltager nummer {i}" for i in range(200))
    [helhedsplan] = [item for item in referat.items if item.title == "Helhedsplan"]
    assert [line.text for part in helhedsplan.parts for line in part.lines] == [LONG_PARAGRAPH.strip()]
    [new_points] = [item for item in referat.items if item.title == "Udarbejdelse af aftaledokument"]
    assert len(new_points.entries) == 5000
    dagsorden = view("dagsorden", dialog, ledger, 2022, settings)
    follow_up = dagsorden.items[0]
    assert follow_up.title == "Opfølgning på aftaledokument fra 2021"
    assert [(e.label, e.title) for e in follow_up.entries[:2]] == [("1/2021", "Aftale nummer 0"),
                                                                     ("2/2021", "Aftale nummer 1")]
    assert [(e.label, e.title) for e in follow_up.entries[-1:]] == [("5000/2021", "Aftale nummer 4999")]
    assert [e.label for e in follow_up.entries] == [f"{i}/2021" for i in range(1, 5001)]
    assert len(set(e.label for e in follow_up.entries)) == 5000
    aftaledokument = view("aftaledokument", dialog, ledger, 2021, settings)
    [entries] = [[e for g in s.groups for e in g.entries] for s in aftaledokument.sections if s.title == "Nye aftaler"]
    assert [(e.label, e.title) for e in (entries[0], entries[-1])] == [("1/2021", "Aftale nummer 0"),
                                                                     ("5000/2021", "Aftale nummer 4999")]
    assert aftaledokument.overview[-1][:2] == ("5000/2021", "Aftale nummer 4999")

