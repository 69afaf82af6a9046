"""The Word templates: made by scripts/make_docx_templates.py, styled by name, and their errors in Danish."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import docx
import pytest

from tests.conftest import WriteTree, run

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("dagsorden", "referat", "aftaledokument")


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_docx_templates", ROOT / "scripts/make_docx_templates.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.parametrize("kind", KINDS)
def test_committed_template_is_what_the_script_writes(kind: str) -> None:
    assert (ROOT / "templates" / f"{kind}.docx").read_bytes() == _script().make(kind), (
        f"templates/{kind}.docx differs from the script's output: run scripts/make_docx_templates.py")


@pytest.mark.parametrize("kind", KINDS)
def test_templates_use_named_styles_not_direct_formatting(kind: str) -> None:
    document = docx.Document(str(ROOT / "templates" / f"{kind}.docx"))
    names = {style.name for style in document.styles}
    assert {"Aftale Brødtekst", "Aftale Note", "Aftale Fakta", "Aftale Tabeltekst", "Aftale Underskrift",
            "Aftale Faktaetiket", "Aftale Tabel"} <= names
    body = document.element.body
    assert not body.xpath(".//w:r/w:rPr/w:b | .//w:r/w:rPr/w:i | .//w:p/w:pPr/w:jc")  # no direct bold, italic
    assert {t.style.name for t in document.tables} <= {"Aftale Tabel", "Normal Table"}
    assert all(p.style.name != "Normal" for p in document.paragraphs if "{{" in p.text)
    # facts stay with what follows them, headings with their text
    assert document.styles["Aftale Fakta"].paragraph_format.keep_with_next


@pytest.mark.parametrize("kind", (*KINDS, "redegoerelse"))
def test_every_cell_is_as_wide_as_its_column(kind: str) -> None:
    """Word and LibreOffice lay a cell out at its own width: one narrower than its column breaks words in two
    ("Boligorganisatio-n")."""
    body = docx.Document(str(ROOT / "templates" / f"{kind}.docx")).element.body
    tables = body.xpath(".//w:tbl")
    assert tables
    for table in tables:
        columns = [int(width) for width in table.xpath("./w:tblGrid/w:gridCol/@w:w")]
        for row in table.xpath("./w:tr"):
            widths = [int(width) for width in row.xpath("./w:tc/w:tcPr/w:tcW/@w:w")]
            assert widths == columns[:len(widths)], (widths, columns)


def _with_paragraph(text: str, tmp_path: Path) -> bytes:
    """The built-in referat template with one more paragraph, as a secretary would type it in Word."""
    document = docx.Document(str(ROOT / "templates/referat.docx"))
    document.add_paragraph(text)
    path = tmp_path / "egen.docx"
    document.save(str(path))
    return path.read_bytes()


@pytest.mark.parametrize(("paragraph", "reason"), [
    ("{{ doc.title", "feltet mangler de afsluttende krøllede parenteser }}"),
    ("{{ doc.nonexistent }}", "feltet 'nonexistent' findes ikke i dokumentet"),
    ("{% for x in %}", "en gentagelse med 'for' er ikke skrevet færdig; den skal se ud som "
                       "{% for punkt in doc.items %} og sluttes med {% endfor %}"),
    ("{% if doc.note %}", "en betingelse med 'if' er ikke skrevet færdig; den skal se ud som {% if doc.note %} og "
                          "sluttes med {% endif %}"),
])
def test_broken_field_names_its_paragraph_in_danish(repo: WriteTree, tmp_path: Path, paragraph: str,
                                                    reason: str) -> None:
    repo({"templates/referat.docx": _with_paragraph(paragraph, tmp_path)})
    assert run("referat", "demo", "--ud", "ud") == (
        2, f'fejl: templates/referat.docx: afsnittet "{paragraph}" har en fejl i et felt ({reason}). '
           "Ret feltet i Word.\n")
    assert not (tmp_path / "ud").exists()
