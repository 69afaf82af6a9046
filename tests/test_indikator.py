"""Measurable goals: indicators read from the files, their progress, their table and chart in both formats; themes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import jsonschema
import pikepdf
from docx.oxml.ns import qn
from docx.shared import Length
import pytest
from pypdf import PdfReader

from aftale.load import load
from aftale.ledger import PointState
from aftale.model import Indicator, Measure, Point, Pos
from aftale.progress import Progress, standing
from aftale.render.chart import label_width, layout
from aftale.views import indicator_view
from aftale.views.model import Fact
from aftale.words import builtin
from tests.conftest import ROOT, WriteTree, run
from tests.documents import (docx_headings, docx_tables, docx_text, in_order, page_text, pdf_body_text, pdf_text,
                             require, squash)
from tests.test_accessibility import tags

#: The example's indicator (agreements/naestved-lejerbo/2021.yaml), as the documents write it.
EXAMPLE_ROWS = [["2017", "26,2\u00a0%", "udgangspunkt"], ["2018", "25,1\u00a0%", ""], ["2019", "23,8\u00a0%", ""],
                ["2020", "24,3\u00a0%", ""], ["2022", "20\u00a0%", "mål"]]
EXAMPLE_ALT = ("Graf over Fraflytningsprocent i Skovparken: 26,2\u00a0% i 2017, 25,1\u00a0% i 2018, 23,8\u00a0% i 2019, "
               "24,3\u00a0% i 2020. Målet er 20\u00a0% i 2022. Lavere er bedre.")

INDICATOR_2020 = """\
møde:
  dato: 2020-10-27
aftaler:
  - id: fraflytning
    titel: Færre fraflytninger
    tema: Udlejning
    indikator:
      navn: Fraflytningsprocent
      enhed: "%"
      udgangspunkt: {år: 2016, værdi: 36}
      mål: {år: 2022, værdi: 25}
      målinger:
        2017: 34,5
"""


def test_decimal_comma_is_read_and_lower_is_better_when_the_target_is_below(repo: WriteTree) -> None:
    root = repo({"agreements/demo/2020.yaml": INDICATOR_2020})
    loaded = load(root)
    assert loaded.problems == ()
    indicator = loaded.repository.dialogs[0].rounds[0].aftaler[0].indikator
    assert indicator is not None
    assert (indicator.navn, indicator.enhed, indicator.udgangspunkt.vaerdi, indicator.maal.aar) == (
        "Fraflytningsprocent", "%", 36.0, 2022)
    assert [(m.aar, m.vaerdi) for m in indicator.maalinger] == [(2017, 34.5)]
    assert indicator.lower_is_better


def _indicator(baseline: float, target: float) -> Indicator:
    pos = Pos("x.yaml")
    return Indicator("Andel", pos, Measure(2016, baseline, pos), Measure(2022, target, pos))


@pytest.mark.parametrize(("baseline", "target", "values", "year", "expected"), [
    (36, 25, [], 2020, Progress.IKKE_MAALT),
    (36, 25, [(2018, 31)], 2020, Progress.PAA_VEJ),
    (36, 25, [(2018, 31), (2019, 37)], 2020, Progress.IKKE_PAA_VEJ),
    (36, 25, [(2019, 25)], 2020, Progress.NAAET),
    (36, 25, [(2019, 30)], 2022, Progress.PAA_VEJ),  # the target year itself has not passed yet
    (36, 25, [(2019, 30)], 2023, Progress.OVERSKREDET),
    (36, 25, [], 2023, Progress.OVERSKREDET),
    (5.7, 6.0, [(2019, 5.9)], 2020, Progress.PAA_VEJ),  # higher is better: the target lies above the baseline
    (5.7, 6.0, [(2019, 6.1)], 2023, Progress.NAAET),
    (5.7, 6.0, [(2019, 5.5)], 2020, Progress.IKKE_PAA_VEJ),
])
def test_progress_follows_from_baseline_target_and_latest_value(baseline: float, target: float,
                                                                values: list[tuple[int, float]], year: int,
                                                                expected: Progress) -> None:
    measured = [Measure(y, v, Pos("x.yaml")) for y, v in values]
    now = standing(_indicator(baseline, target), measured, year)
    assert now.progress is expected
    assert now.latest.vaerdi == (values[-1][1] if values else baseline)


def test_example_aftaledokument_shows_the_indicator_as_table_and_chart_in_docx(example: Path) -> None:
    path = example / "2021/aftaledokument.docx"
    document = docx.Document(str(path))
    sides = next(t for t in document.tables if t.rows[0].cells[0].tables)  # the table and the chart beside it
    table = sides.rows[0].cells[0].tables[0]
    assert [c.text for c in table.rows[0].cells] == ["År", "Værdi", "Bemærkning"]
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == EXAMPLE_ROWS
    # the baseline's and the target's rows in bold, as in the PDF
    assert [all(run.bold or run.style.font.bold for p in row.cells[0].paragraphs for run in p.runs)
            for row in table.rows[1:]] == [bool(row[2]) for row in EXAMPLE_ROWS]
    # the two sides keep their widths (68 and 92 mm), and the chart, 88 mm wide, stands in the second
    assert [round(Length(int(col.get(qn("w:w")) or 0) * 635).mm) for col in sides._tbl.tblGrid.iterchildren()] \
        == [68, 92]
    assert [round(shape.width.mm) for shape in document.inline_shapes] == [88]
    assert sides.rows[0].cells[1].paragraphs[0]._p.xpath(".//wp:docPr")
    assert in_order(docx_text(path), ["Udlejning", "1/2021 Kommunal anvisning", "Indikator: Fraflytningsprocent i "
                                      "Skovparken", "Fremskridt: bagud", "Seneste værdi: 24,3 % (2020)",
                                      "Ændring siden 2017: −1,9 procentpoint", "Øvrige aftaler", "2/2021 Social vicevært"])
    pictures = document.element.body.xpath(".//wp:docPr")
    assert [p.get("descr") for p in pictures] == [EXAMPLE_ALT]
    with zipfile.ZipFile(path) as archive:
        images = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert len(images) == 1
        data = archive.read(images[0])
    assert data.startswith(b"\x89PNG") and not any(chunk in data for chunk in (b"tIME", b"tEXt", b"iTXt"))


def test_example_aftaledokument_shows_the_indicator_as_table_and_tagged_chart_in_pdf(example_pdfs: Path) -> None:
    path = example_pdfs / "2021/aftaledokument.pdf"
    text = squash(pdf_body_text(path))  # in document order: the table, then the chart beside it
    assert in_order(text, ["Indikator: Fraflytningsprocent i Skovparken", "Fremskridt: bagud",
                           "Seneste værdi: 24,3 % (2020)", "År Værdi Bemærkning",
                           *(" ".join(cell for cell in row if cell).replace("\u00a0", " ") for row in EXAMPLE_ROWS)])
    with pikepdf.open(path) as pdf:
        figures = [element for tag, element in tags(pdf) if tag == "/Figure"]
        assert [str(f.Alt) for f in figures] == [EXAMPLE_ALT]
        # the chart is vector graphics: the PDF holds no picture for it
        assert not [image for page in pdf.pages for image in page.get_images()]
    # its labels are text in the figure, in the documents' font: the y axis, the years, the unit, the target
    inside = [page_text(page)[1] for page in PdfReader(str(path)).pages]
    assert [text.split() for text in inside if text] == [["18", "20", "22", "24", "26", "28", "2017", "2018", "2019",
                                                          "2020", "2021", "2022", "%", "Mål", "20", "%", "Den", "lige", "vej",
                                                          "til", "målet", "Lavere", "er", "bedre"]]


def test_referat_shows_a_follow_ups_measurement_beside_its_status(repo: WriteTree, tmp_path: Path) -> None:
    repo({"agreements/demo/2020.yaml": INDICATOR_2020, "agreements/demo/2021.yaml": """\
        opfølgning:
          fraflytning:
            status: videreføres
            måling: {år: 2020, værdi: 29}
        """})
    assert run("referat", "demo", "--ud", "ud")[0] == 0
    for text in (docx_text(tmp_path / "ud/demo/2021/referat.docx"), pdf_text(tmp_path / "ud/demo/2021/referat.pdf")):
        assert in_order(text, ["1/2020 Færre fraflytninger", "Status: videreføres", "Måling: 29 % (2020)"])
    assert run("aftaledokument", "demo", "--ud", "ud")[0] == 0
    document = docx.Document(str(tmp_path / "ud/demo/2021/aftaledokument.docx"))
    table = next(t for t in docx_tables(document) if t.rows[0].cells[0].text == "År")
    assert [row.cells[0].text for row in table.rows[1:]] == ["2016", "2017", "2020", "2022"]
    code, output = run("historik", "demo", "fraflytning")
    assert code == 0
    assert in_order(output, ["indikator: Fraflytningsprocent, fra 36 % i 2016 til 25 % i 2022",
                             "måling: 34,5 % i 2017", "2021: videreføres", "måling: 29 % i 2020"])


def test_status_shows_progress_and_json_gains_an_indikator_per_point(repo: WriteTree) -> None:
    repo({"agreements/demo/2020.yaml": INDICATOR_2020 + "  - id: udlejning\n    titel: Fleksibel udlejning\n"})
    code, output = run("status", "--dato", "2021-01-01")
    assert code == 0
    assert ("  demo fraflytning: Fraflytningsprocent: bagud, seneste 34,5 % (2017), mål 25 % i 2022"
            in output.splitlines())
    data = json.loads(run("status", "--json", "--dato", "2023-01-01")[1])
    assert data["version"] == 1
    by_id = {p["id"]: p for p in data["punkter"]}
    assert by_id["fraflytning"]["indikator"] == {
        "navn": "Fraflytningsprocent", "enhed": "%", "udgangspunkt": {"år": 2016, "værdi": 36.0},
        "mål": {"år": 2022, "værdi": 25.0}, "målinger": [{"år": 2017, "værdi": 34.5}],
        "seneste": {"år": 2017, "værdi": 34.5}, "fremskridt": "overskredet"}
    assert by_id["udlejning"]["indikator"] is None


THEMED_2020 = """\
møde:
  dato: 2020-10-27
aftaler:
  - id: uden-tema
    titel: Uden tema
  - id: groen
    titel: Solceller
    tema: Grøn omstilling
  - id: udlejning
    titel: Fleksibel udlejning
    tema: Udlejning
  - id: oekonomi
    titel: Lavere huslejestigninger
    tema: Økonomi og drift
"""


def test_aftaledokument_groups_by_standard_themes_then_local_then_none(repo: WriteTree, tmp_path: Path) -> None:
    repo({"aftale.yaml": "temaer: [Grøn omstilling]\n", "agreements/demo/2020.yaml": THEMED_2020})
    assert run("tjek", "--streng") == (0, "Tjekket 1 dialog, 3 filer: ingen fejl.\n")
    assert run("aftaledokument", "demo", "--ud", "ud")[0] == 0
    out = tmp_path / "ud/demo/2020/aftaledokument"
    themes = ["Økonomi og drift", "Udlejning", "Grøn omstilling", "Øvrige aftaler"]
    assert docx_headings(out.with_suffix(".docx"), 2) == themes
    assert docx_headings(out.with_suffix(".docx"), 3) == ["1/2020 Lavere huslejestigninger",
                                                          "2/2020 Fleksibel udlejning", "3/2020 Solceller",
                                                          "4/2020 Uden tema"]
    assert in_order(pdf_text(out.with_suffix(".pdf")), themes)


def test_unknown_theme_is_a_warning_with_the_nearest_theme(repo: WriteTree) -> None:
    repo({"agreements/demo/2021.yaml": "aftaler:\n  - id: b\n    titel: B\n    tema: Udlejnig\n"})
    code, output = run("tjek")
    assert code == 0
    assert output.splitlines()[0] == (
        "agreements/demo/2021.yaml:4:11: advarsel: temaet 'Udlejnig' er hverken et af styringsdialogens temaer eller "
        "nævnt under 'temaer' i aftale.yaml. Mente du 'Udlejning'? Temaerne er Økonomi og drift, Ledelse og "
        "beboerdemokrati, Udlejning, Boligafdelinger, Nybyggeri og renovering. Ret temaet, eller tilføj det under "
        "'temaer' i aftale.yaml.")
    assert run("tjek", "--streng")[0] == 1


def test_schema_offers_the_standard_themes_and_accepts_a_local_one() -> None:
    schema = json.loads((ROOT / "aftale.schema.json").read_text(encoding="utf-8"))
    tema = schema["$defs"]["aftale"]["properties"]["tema"]
    assert tema["anyOf"][0] == {"enum": ["Økonomi og drift", "Ledelse og beboerdemokrati", "Udlejning",
                                         "Boligafdelinger", "Nybyggeri og renovering"]}
    round_ = {"aftaler": [{"id": "a", "titel": "A", "tema": "Grøn omstilling",
                           "indikator": {"navn": "Andel", "udgangspunkt": {"år": 2016, "værdi": "26,2"},
                                         "mål": {"år": 2022, "værdi": 20}, "målinger": {"2018": 25.1}}}]}
    jsonschema.validate(round_, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"aftaler": [{"id": "a", "titel": "A", "indikator": {"navn": "Andel"}}]}, schema)


def test_ny_comments_the_themes_and_an_indikator(repo: WriteTree, tmp_path: Path) -> None:
    repo({"aftale.yaml": "temaer: [Grøn omstilling]\n", "agreements/demo/2020.yaml": INDICATOR_2020})
    assert run("ny", "demo")[0] == 0
    text = (tmp_path / "agreements/demo/2021.yaml").read_text(encoding="utf-8")
    assert in_order(text, ["# måling: {år: 2021, værdi: …}", "#   tema: …", "#     Økonomi og drift",
                           "#     Nybyggeri og renovering", "#     Grøn omstilling", "#   indikator:"])


def test_a_document_without_indicators_loads_no_drawing_library(repo: WriteTree, tmp_path: Path) -> None:
    """The speed rule's other half: Pillow's drawing and the chart module are loaded only for a chart."""
    repo()
    script = ("import sys, contextlib\nfrom click.testing import CliRunner\nfrom aftale.cli import cli\n"
              "result = CliRunner().invoke(cli, ['aftaledokument', 'demo', '--ud', 'ud'])\n"
              "assert result.exit_code == 0, result.output\n"
              "print(sorted(m for m in ('PIL.ImageDraw', 'aftale.render.chart') if m in sys.modules))\n")
    found = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_a_document_judges_progress_in_its_rounds_year(repo: WriteTree) -> None:
    """The 2020 aftaledokument judges a 2022 target as it stood in 2020 ("bagud": 34,5 % in 2017 is behind the path
    from 36 % in 2016 to 25 % in 2022), not as overskredet, also when rendered after 2022."""
    root = repo({"agreements/demo/2020.yaml": INDICATOR_2020})
    assert run("aftaledokument", "demo", "--ud", "ud", "--format", "docx")[0] == 0
    assert "Fremskridt: bagud" in docx_text(root / "ud/demo/2020/aftaledokument.docx")


@pytest.mark.parametrize("years", [1, 5, 8, 9, 10, 15, 30, 99])
def test_the_years_on_a_chart_stand_apart(years: int) -> None:
    """However long the indicator runs, the years under the chart do not run into each other."""
    pos = Pos("x.yaml")
    indicator = Indicator("Andel", pos, Measure(2000, 10, pos), Measure(2000 + years, 5, pos), "%",
                          (Measure(2001, 9, pos),))
    state = PointState(Point("p", "Punkt", pos, indikator=indicator), 2000, 2000)
    view = indicator_view(builtin(), state, 2001)
    assert view is not None
    shapes = layout(view.chart)
    centres = [text.x for text in shapes.texts if text.text.isdigit() and len(text.text) == 4]
    assert len(centres) >= 2 and all(b - a >= 30 for a, b in zip(centres, centres[1:])), centres


@pytest.mark.parametrize("unit, values", [
    ("kr. om året", (1_250_000, 1_100_000, 980_000, 400_000)),  # amounts wider than percentages
    ("lejemål med fraflytning om året opgjort efter Landsbyggefondens metode for alle afdelinger", (10, 12, 15, 40)),
])
def test_wide_values_and_long_units_stay_inside_the_chart(unit: str, values: tuple[int, ...]) -> None:
    """Nothing is cut off at the chart's edges (the plot makes room for wide values; a unit or target label wider
    than the chart ends in "…"), and the target's label does not run into the unit above the plot."""
    import io

    from PIL import Image

    from aftale.render.chart import CHART_FONT, png

    pos = Pos("x.yaml")
    baseline, first, second, target = values
    indicator = Indicator("Indikator", pos, Measure(2018, baseline, pos), Measure(2024, target, pos), unit,
                          (Measure(2019, first, pos), Measure(2020, second, pos)))
    state = PointState(Point("p", "Punkt", pos, indikator=indicator), 2018, 2018, measurements=indicator.maalinger)
    view = indicator_view(builtin(), state, 2021)
    assert view is not None
    picture = Image.open(io.BytesIO(png(view.chart, (ROOT / "templates" / CHART_FONT).read_bytes()))).convert("L")
    edges = [picture.getpixel((x, y)) for x in (0, 1, picture.width - 2, picture.width - 1)
             for y in range(picture.height)]
    assert min(edges) > 250, "something is drawn at the chart's left or right edge, cut off"
    texts = layout(view.chart).texts
    unit_line, target_label = texts[-2], texts[-1]
    assert unit_line.anchor == "start" and target_label.anchor == "end"
    assert abs(target_label.y - unit_line.y) > 10.5 or target_label.x - label_width(target_label.text) > \
        unit_line.x + label_width(unit_line.text)


KRONER_2020 = INDICATOR_2020.replace('enhed: "%"', 'enhed: kr./år').replace("værdi: 36}", "værdi: 12500000}") \
    .replace("værdi: 25}", "værdi: 8000000}").replace("2017: 34,5", "2017: 11250000,5")


def test_a_table_of_kroner_ends_before_the_chart_beside_it(repo: WriteTree, tmp_path: Path, pdf_engine: str) -> None:
    """Wide amounts ("12.500.000 kr./år") break before their unit, so the table keeps to its side of the chart."""
    require("pdftotext")
    repo({"agreements/demo/2020.yaml": KRONER_2020})
    assert run("aftaledokument", "demo", "--ud", "ud", "--pdf-motor", pdf_engine)[0] == 0
    path = tmp_path / "ud/demo/2020/aftaledokument.pdf"
    with pikepdf.open(path) as pdf:
        (figure,) = [element for tag, element in tags(pdf) if tag == "/Figure"]
        layout = figure.A[0] if isinstance(figure.A, pikepdf.Array) else figure.A
        # the figure's box: WeasyPrint's in CSS pixels, typst's in points
        chart_left = float(layout.BBox[0]) * (0.75 if pdf_engine == "weasyprint" else 1)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = {word: float(right) for right, word in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]+)</word>', boxes)}
    assert "12.500.000" in words and "udgangspunkt" in words
    assert max(words["udgangspunkt"], words["Bemærkning"]) < chart_left - 5
    # and in Word: the value column is wide enough for the amount's number, its unit on the next line if need be
    document = docx.Document(str(tmp_path / "ud/demo/2020/aftaledokument.docx"))
    table = next(t for t in docx_tables(document) if t.rows[0].cells[0].text == "År")
    assert table.rows[1].cells[1].text == "12.500.000 kr./år"


def test_the_pdf_gives_the_chart_the_size_and_room_the_word_documents_do() -> None:
    """print.css cannot import the chart's size: it must say the same as aftale.render.CHART_MM."""
    from aftale.render import CHART_MM

    css = (ROOT / "templates/print.css").read_text(encoding="utf-8")
    width, height = CHART_MM
    assert f"img.chart {{ display: block; width: {width}mm; height: {height}mm; }}" in css
    assert f"min-height: {height}mm;" in css and f"padding-right: {width + 4}mm;" in css


@pytest.mark.parametrize(("latest", "year", "word"), [
    # from 36 in 2016 toward 25 in 2022: the straight path passes 30.5 in 2019
    (25.0, 2019, "nået"), (30.5, 2019, "på vej"), (29.0, 2019, "på vej"), (33.0, 2019, "bagud"),
    (36.0, 2019, "ikke på vej"), (38.0, 2019, "ikke på vej"), (33.0, 2023, "overskredet"), (None, 2019, "ikke målt endnu"),
])
def test_progress_is_judged_against_the_straight_path_to_the_target(latest: float | None, year: int,
                                                                       word: str) -> None:
    """DESIGN §4: nået, på vej (at or better than the path), bagud (better than the baseline, behind the path),
    ikke på vej, overskredet, ikke målt endnu — each as the documents write it."""
    pos = Pos("x.yaml")
    measured = (Measure(2019, latest, pos),) if latest is not None else ()
    indicator = Indicator("Andel", pos, Measure(2016, 36, pos), Measure(2022, 25, pos), "%", measured)
    state = PointState(Point("p", "Punkt", pos, indikator=indicator), 2016, 2016, measurements=measured)
    view = indicator_view(builtin(), state, year)
    assert view is not None and view.facts[0] == Fact("Fremskridt", word)


def test_a_rising_indicator_is_judged_the_same_way() -> None:
    """Higher is better when the target lies above the baseline: 50 → 80 from 2020 to 2026 passes 65 in 2023."""
    pos = Pos("x.yaml")
    for value, word in ((66.0, "på vej"), (60.0, "bagud"), (50.0, "ikke på vej")):
        measured = (Measure(2023, value, pos),)
        indicator = Indicator("Andel", pos, Measure(2020, 50, pos), Measure(2026, 80, pos), "%", measured)
        view = indicator_view(builtin(), PointState(Point("p", "P", pos, indikator=indicator), 2020, 2020,
                                                    measurements=measured), 2023)
        assert view is not None and view.facts[0].value == word
        assert view.chart.legend == ("Den lige vej til målet", "Højere er bedre")
