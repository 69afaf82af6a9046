"""Documents for the archive and for everyone: PDF/A with tags, accessible DOCX, a font that travels.

No PDF/A validator can be installed here, so these tests check what a validator
would look at first: the XMP identification, the output intent, the structure
tree (headings in order, lists, tables with header cells), the language, the
title shown as window title, and that every font is embedded. Every check of a
PDF runs for both PDF engines (typst itself also refuses to write a PDF that
breaks PDF/A-2a or PDF/UA-1, and says so in its identification).
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest

from tests.conftest import ROOT, WriteTree, run
from tests.documents import require


def tags(pdf: pikepdf.Pdf) -> list[tuple[str, dict]]:
    """The structure tree's elements in reading order, as (tag, element)."""
    found: list[tuple[str, dict]] = []

    def walk(node: pikepdf.Object) -> None:
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found.append((str(node["/S"]), node))
            kids = node.get("/K")
            if kids is not None:
                walk(kids)
        elif isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


PDFS = ["2021/referat.pdf", "2021/aftaledokument.pdf", "2021/dagsorden.pdf", "2022/dagsorden.pdf"]


@pytest.mark.parametrize("name", PDFS)
def test_pdf_is_pdf_a_2a_and_tagged(example_pdfs: Path, pdf_engine: str, name: str) -> None:
    archivable_and_tagged(example_pdfs / name, pdf_engine)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, pdf_engine: str) -> Path:
    """The example's website folder, as `aftale udgiv` writes it with each PDF engine."""
    from click.testing import CliRunner

    from aftale.cli import cli

    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(cli, ["udgiv", str(Path(__file__).resolve().parent.parent), "--ud", str(out),
                                      "--pdf-motor", pdf_engine])
    assert result.exit_code == 0, result.output
    return out


def test_every_published_pdf_is_pdf_a_2a_and_tagged(site: Path, pdf_engine: str) -> None:
    """The public editions and the redegørelser that `udgiv` publishes pass the same checks."""
    published = sorted(site.rglob("*.pdf"))
    assert [p.name for p in published] == [
        *(f"naestved-boligselskab-{year}-{kind}.pdf" for year in (2021, 2022) for kind in ("aftaledokument", "referat")),
        "naestved-faelles-2022-aftaledokument.pdf", "naestved-faelles-2022-referat.pdf",
        "naestved-lejerbo-2020-aftaledokument.pdf", "naestved-lejerbo-2020-referat.pdf", "redegoerelse-2019.pdf",
        "redegoerelse-2020.pdf", "redegoerelse-2021.pdf", "redegoerelse-2022.pdf"]
    for path in published:
        archivable_and_tagged(path, pdf_engine)


def archivable_and_tagged(path: Path, engine: str) -> None:
    """PDF/A-2a with an sRGB intent, marked and tagged in Danish with its title shown, headings in order; from typst
    also PDF/UA-1."""
    with pikepdf.open(path) as pdf:
        with pdf.open_metadata() as meta:
            assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("2", "A")
            assert meta.get("pdfuaid:part") == ("1" if engine == "typst" else None)
            assert re.match(r"(Referat|Aftaledokument)( – udkast)?: |Dagsorden: |Redegørelse: ", meta.get("dc:title"))
        intent = pdf.Root.OutputIntents[0]
        named = str(intent.OutputConditionIdentifier) + str(intent.get("/Info", ""))
        assert intent.S == "/GTS_PDFA1" and "sRGB" in named
        assert "/DestOutputProfile" in intent
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "da"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo["/Title"]) == meta_title(pdf)
        headings = [int(tag[2:]) for tag, _ in tags(pdf) if re.fullmatch(r"/H[1-6]", tag)]
        assert headings[0] == 1 and headings.count(1) == 1
        assert all(b - a <= 1 for a, b in zip(headings, headings[1:])), headings  # no level skipped


def meta_title(pdf: pikepdf.Pdf) -> str:
    with pdf.open_metadata() as meta:
        return str(meta.get("dc:title"))


def test_referat_headings_lists_and_tables_are_structure(example_pdfs: Path, pdf_engine: str) -> None:
    with pikepdf.open(example_pdfs / "2021/referat.pdf") as pdf:
        found = [tag for tag, _ in tags(pdf)]
        headings = [tag for tag in found if re.fullmatch(r"/H[1-6]", tag)]
        # the title, the table of contents (the referat has four pages), then "1. Opfølgning …" with its three
        # points, then item 2 and its parts
        assert headings[:7] == ["/H1", "/H2", "/H2", "/H3", "/H3", "/H3", "/H2"]
        # the table of contents' entries are links to the items (typst tags it as a table of contents too)
        assert "/Link" in found and ("/TOCI" in found if pdf_engine == "typst" else True)
        assert {"/L", "/LI", "/LBody"} <= set(found)
        # WeasyPrint's facts are a table with a header cell per row; typst's a list of terms (label and value), as
        # row header cells need a feature typst does not have on by default
        assert {"/Table", "/TH", "/TD"} <= set(found) if pdf_engine == "weasyprint" else "/Lbl" in found


def test_aftaledokument_overview_table_has_column_headers(example_pdfs: Path, pdf_engine: str) -> None:
    with pikepdf.open(example_pdfs / "2021/aftaledokument.pdf") as pdf:
        found = [tag for tag, _ in tags(pdf)]
        # the overview's six column headers (and in WeasyPrint the facts table's header cell per row)
        assert found.count("/TH") >= (4 if pdf_engine == "weasyprint" else 0) + 6
        assert {"/Table", "/THead", "/TD"} <= set(found)


#: The names of the shipped fonts in a PDF, by engine: WeasyPrint's from print.css, typst's the fonts' own.
SHIPPED_FONTS = {"weasyprint": r"[A-Z]{6}\+Aftale-(Sans|Symboler)\S*", "typst": r"[A-Z]{6}\+(LiberationSans|DejaVuSans)\S*"}


@pytest.mark.parametrize("name", PDFS)
def test_every_font_is_embedded_and_is_the_shipped_font(example_pdfs: Path, pdf_engine: str, name: str) -> None:
    pdffonts = require("pdffonts")
    listing = subprocess.run([pdffonts, str(example_pdfs / name)], check=True, capture_output=True, text=True).stdout
    rows = listing.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column
        assert re.fullmatch(SHIPPED_FONTS[pdf_engine], row.split()[0]), row


def test_logo_has_alternative_text(repo: WriteTree, tmp_path: Path, pdf_engine: str) -> None:
    logo = (ROOT / "tests/fixtures/logo.png").read_bytes()
    repo({"aftale.yaml": "afsender: Testby Kommune\nlogo: logo.png\n", "logo.png": logo})
    assert run("referat", "demo", "--ud", "ud", "--pdf-motor", pdf_engine)[0] == 0
    with pikepdf.open(tmp_path / "ud/demo/2020/referat.pdf") as pdf:
        figures = [element for tag, element in tags(pdf) if tag == "/Figure"]
        assert [str(f.Alt) for f in figures] == ["Logo: Testby Kommune"]
    document = docx.Document(str(tmp_path / "ud/demo/2020/referat.docx"))
    pictures = document.sections[0].header._element.xpath(".//wp:docPr")
    assert [p.get("descr") for p in pictures] == ["Logo: Testby Kommune"]


@pytest.mark.parametrize(("variant", "part", "conformance"), [
    ("pdf/a-3u", "3", "U"), ("pdf/a-2u", "2", "U"), ("ingen", None, None)])
def test_pdf_variant_from_option_and_from_settings(repo: WriteTree, tmp_path: Path, pdf_engine: str, variant: str,
                                                    part: str | None, conformance: str | None) -> None:
    repo({"aftale.yaml": f"pdf-variant: {variant}\n"})
    for args, folder in ((["--pdf-variant", variant], "option"), ([], "settings")):
        if folder == "option":
            (tmp_path / "aftale.yaml").write_text("afsender: Testby Kommune\n", encoding="utf-8")
        else:
            (tmp_path / "aftale.yaml").write_text(f"pdf-variant: {variant}\n", encoding="utf-8")
        assert run("referat", "demo", "--format", "pdf", "--ud", folder, "--pdf-motor", pdf_engine, *args)[0] == 0
        with pikepdf.open(tmp_path / folder / "demo/2020/referat.pdf") as pdf:
            with pdf.open_metadata() as meta:
                assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == (part, conformance)
                # typst writes every PDF/A variant accessible too, and checks it
                assert meta.get("pdfuaid:part") == ("1" if pdf_engine == "typst" and part else None)


def test_pdf_ua_variant_says_so(repo: WriteTree, tmp_path: Path, pdf_engine: str) -> None:
    repo()
    assert run("referat", "demo", "--format", "pdf", "--pdf-variant", "pdf/ua-1", "--ud", "ud",
               "--pdf-motor", pdf_engine)[0] == 0
    with pikepdf.open(tmp_path / "ud/demo/2020/referat.pdf") as pdf:
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"


def test_unknown_pdf_variant_in_settings_is_an_error(repo: WriteTree) -> None:
    repo({"aftale.yaml": "pdf-variant: pdf/a-2\n"})
    code, output = run("tjek")
    assert code == 2
    assert output.splitlines()[0] == (
        "aftale.yaml:1:14: fejl: ukendt værdi 'pdf/a-2' for 'pdf-variant'. Mente du 'pdf/a-2u'? Gyldige værdier: "
        "pdf/a-2a, pdf/a-2u, pdf/a-3a, pdf/a-3u, pdf/ua-1, ingen.")


# --- DOCX ----------------------------------------------------------------------------------------

def test_docx_title_language_and_navigation_headings(example: Path) -> None:
    document = docx.Document(str(example / "2021/referat.docx"))
    assert document.core_properties.title == "Referat – udkast: Styringsdialog 2021 mellem Næstved Kommune og Lejerbo"
    assert document.core_properties.language == "da-DK"
    normal = document.styles["Normal"].element.xml
    assert 'w:val="da-DK"' in normal
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["1. Opfølgning på aftaledokument fra 2020", "2. Dokumentationspakken"]
    assert document.paragraphs[0].style.name == "Title"


def test_docx_overview_table_repeats_its_header_row(example: Path) -> None:
    document = docx.Document(str(example / "2021/aftaledokument.docx"))
    overview = next(t for t in document.tables if t.rows[0].cells[0].text == "Nr.")
    assert [c.text for c in overview.rows[0].cells] == ["Nr.", "Aftale", "Aftalt", "Status", "Ansvarlig", "Frist"]
    assert overview.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert [c.text for c in overview.rows[1].cells][:4] == ["1/2021", "Kommunal anvisning og samarbejde herom", "2021",
                                                             "ny"]
    assert len(overview.rows) == 5


def test_docx_names_the_shipped_font_with_a_metric_twin(example: Path) -> None:
    with zipfile.ZipFile(example / "2021/referat.docx") as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
        fonts = archive.read("word/fontTable.xml").decode("utf-8")
    assert 'w:ascii="Liberation Sans"' in styles
    assert '<w:font w:name="Liberation Sans"><w:altName w:val="Arial"/>' in fonts
    shipped = sorted(p.name for p in (ROOT / "templates/fonts").iterdir())
    assert shipped == ["DejaVuSans.ttf", "LICENSE", "LICENSE-DejaVu", "LiberationSans-Bold.ttf",
                       "LiberationSans-BoldItalic.ttf", "LiberationSans-Italic.ttf", "LiberationSans-Regular.ttf"]
    assert "SIL OPEN FONT LICENSE Version 1.1" in (ROOT / "templates/fonts/LICENSE").read_text(encoding="utf-8")
