"""The default PDF engine, typst: user text is data, never markup; a repository's own typst templates win file by
file, read nothing else and are stopped when they never finish; and a machine without WeasyPrint's libraries
renders every document."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from aftale.render import bounded
from tests.conftest import EXAMPLE, EXAMPLE_ALL, ROOT, WriteTree, run
from tests.documents import docx_text, pdf_text, require, visible

#: Text that typst would read as markup, code, maths or a reference if it were ever read as typst.
MARKUP = ('Farlig #read("/etc/passwd") #import "base.typ": * #(1 + 1) $x^2$ *fed* _skrå_ @ref <etiket> `kode` '
          '\\ ] ) = Overskrift - punkt + tal / term: slut')


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _everywhere(text: str) -> dict[str, str]:
    """A repository with ``text`` in every text field of the format (and as one of the words the documents show)."""
    t = _q(text)
    return {
        "aftale.yaml": f"afsender: {t}\ntemaer: [{t}]\nredegørelse:\n  indledning: [{t}, [{t}]]\n",
        "templates/tekster.yaml": f"dokumenter:\n  referat: {t}\n",
        "agreements/demo/dialog.yaml": f"kommune: {t}\nboligorganisation: {t}\nafdelinger: [{t}]\n"
                                       f"underskrivere:\n  kommune: {{navn: {t}, titel: {t}}}\n"
                                       f"  boligorganisation: {{navn: {t}, titel: {t}}}\n",
        "agreements/demo/2020.yaml": textwrap.dedent(f"""\
            møde: {{dato: 2020-10-27}}
            aftaler:
              - id: gammel
                titel: {t}
                beskrivelse: [{t}]
                ansvarlig: {t}
            """),
        "agreements/demo/2021.yaml": textwrap.dedent(f"""\
            møde:
              dato: 2021-10-27
              tid: {t}
              sted: {t}
              sagsnr: {t}
              deltagere: [{t}, {{navn: {t}, organisation: {t}, rolle: {t}}}]
              fraværende: [{t}]
              referent: {t}
              bemærkning: {t}
            opfølgning:
              gammel:
                status: videreføres
                referat: [{t}, [{t}]]
                ansvarlig: {t}
            punkter:
              - titel: {t}
                sagsnr: {t}
                resumé: {t}
                sagsfremstilling: [{t}]
                indstilling: {t}
                referat: [{t}, [{t}, [{t}]]]
                beslutning: {t}
                bilag: [{t}]
            aftaler:
              - id: ny
                titel: {t}
                beskrivelse: [{t}]
                mål: {t}
                ansvarlig: {t}
                afdelinger: [{t}]
                tema: {t}
                indikator:
                  navn: {t}
                  enhed: {t}
                  udgangspunkt: {{år: 2019, værdi: 10}}
                  mål: {{år: 2023, værdi: 5}}
                  målinger: {{2020: 8}}
            eventuelt: [{t}]
            godkendt:
              referat: 2021-11-01
              aftaledokument: {{kommune: 2021-11-02, boligorganisation: 2021-11-03}}
            """),
    }


def test_text_that_reads_as_typst_comes_out_literally_from_every_field(repo: WriteTree, tmp_path: Path) -> None:
    require("pdftotext")
    repo(_everywhere(MARKUP))
    code, output = run("tjek")  # the hostile text in 'tid' is no time range: a warning, not an error
    assert code == 0 and output.endswith("Tjekket 1 dialog, 4 filer: 1 advarsel.\n") and "'tid'" in output
    for command in (("dagsorden", "demo", "2021"), ("referat", "demo", "2021"), ("aftaledokument", "demo", "2021"),
                    ("redegørelse", "2021")):
        code, output = run(*command, "--format", "pdf", "--ud", "ud")
        assert code == 0, output
    for name in ("demo/2021/dagsorden", "demo/2021/referat", "demo/2021/aftaledokument", "redegoerelse-2021"):
        text = pdf_text(tmp_path / "ud" / f"{name}.pdf")
        assert text.count(MARKUP) >= 4, (name, text)  # the sender, the parties, the items or the agreements, …
        assert "root:" not in text and "Overskrift -" in text


def test_the_markup_test_sees_text_that_went_missing(repo: WriteTree, tmp_path: Path) -> None:
    """The guard itself: the same count of a text that one field turns into something else fails it."""
    repo(_everywhere(MARKUP))
    assert run("referat", "demo", "2021", "--format", "pdf", "--ud", "ud")[0] == 0
    text = pdf_text(tmp_path / "ud/demo/2021/referat.pdf")
    assert text.count(MARKUP.replace("*fed*", "fed")) == 0


# --- a repository's own typst templates --------------------------------------------------------------------------

OWN_REFERAT = """\
#import "base.typ": document-frame
#import "agenda.typ": agenda
#show: document-frame
Egen typst-skabelon
#agenda()
"""


def test_an_own_typst_template_wins_and_still_imports_the_built_in_ones(repo: WriteTree, tmp_path: Path) -> None:
    repo({"templates/referat.typ": OWN_REFERAT})
    for kind in ("referat", "dagsorden"):
        code, output = run(kind, "demo", "2020", "--ud", "ud")
        assert code == 0, output
    referat = visible(pdf_text(tmp_path / "ud/demo/2020/referat.pdf"))
    assert "Egen typst-skabelon 1. Udarbejdelse af aftaledokument" in referat
    assert "Egen typst-skabelon" not in pdf_text(tmp_path / "ud/demo/2020/dagsorden.pdf")
    assert "Egen typst-skabelon" not in docx_text(tmp_path / "ud/demo/2020/referat.docx")


@pytest.mark.parametrize(("reading", "line"), [
    ('#read("/etc/passwd")', "file not found (searched at /etc/passwd)"),
    ('#read("../agreements/demo/dialog.yaml")', 'path `"../agreements/demo/dialog.yaml"` would escape the project root'),
    ('#image("/../../../../../../etc/hostname")', 'path `"/../../../../../../etc/hostname"` would escape the project '
                                                  'root'),
])
def test_an_own_typst_template_reads_nothing_outside_the_template_folders(repo: WriteTree, tmp_path: Path,
                                                                          reading: str, line: str) -> None:
    repo({"templates/referat.typ": OWN_REFERAT.replace("Egen typst-skabelon", reading)})
    assert run("referat", "demo", "2020", "--ud", "ud") == (
        2, f"fejl: templates/referat.typ:4: typst kunne ikke lave PDF'en med skabelonen ({line}). Ret skabelonen.\n")
    assert not (tmp_path / "ud").exists()


def test_an_own_typst_template_asking_for_a_missing_field_names_its_line(repo: WriteTree) -> None:
    repo({"templates/referat.typ": OWN_REFERAT.replace("Egen typst-skabelon", "#doc.mødeleder")
          .replace('document-frame\n', 'document-frame\n#import "macros.typ": doc\n', 1)})
    code, output = run("referat", "demo", "2020", "--ud", "ud")
    assert (code, output) == (2, "fejl: templates/referat.typ:5: typst kunne ikke lave PDF'en med skabelonen "
                                 '(dictionary does not contain key "mødeleder"). Ret skabelonen.\n')


def test_an_own_typst_template_may_not_fetch_a_package(repo: WriteTree, tmp_path: Path) -> None:
    repo({"templates/base.typ": '// pynt\n#import "@preview/cetz:0.3.0"\n'
                                + (ROOT / "templates/base.typ").read_text(encoding="utf-8")})
    assert run("referat", "demo", "2020", "--ud", "ud") == (
        2, "fejl: templates/base.typ:2: skabelonen bruger typst-pakken '@preview/cetz:0.3.0', som skulle hentes fra "
           "internettet; aftale laver PDF'er af det, der ligger på maskinen. Læg det, skabelonen skal bruge, i "
           "templates/ som en .typ-fil, og importér den derfra.\n")


#: A template that would take longer than anyone waits: 10,000³ rounds of typst's own loops, each within its limit.
NEVER_ENDS = OWN_REFERAT.replace("Egen typst-skabelon", textwrap.dedent("""\
    #{
      let i = 0
      while i < 9999 { let j = 0; while j < 9999 { let k = 0; while k < 9999 { k += 1 }; j += 1 }; i += 1 }
    }"""))


def test_an_own_typst_template_that_never_finishes_is_stopped_within_the_bound(
        repo: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded, "LIMIT", 1.0)
    repo({"templates/referat.typ": NEVER_ENDS})
    assert run("referat", "demo", "2020", "--ud", "ud") == (
        2, "fejl: templates/referat.typ: skabelonen blev ikke færdig inden for 1 sekund og er stoppet. Den gentager "
           "måske noget uden ende, fx en løkke, der aldrig slutter. Ret skabelonen.\n")
    assert not (tmp_path / "ud").exists()
    # mended: the next render works, in a new child process (the bound back at its default, so no busy machine's pace
    # decides this test)
    monkeypatch.setattr(bounded, "LIMIT", 60.0)
    (tmp_path / "templates/referat.typ").write_text(OWN_REFERAT, encoding="utf-8")
    assert run("referat", "demo", "2020", "--ud", "ud")[0] == 0
    assert "Egen typst-skabelon" in pdf_text(tmp_path / "ud/demo/2020/referat.pdf")


# --- the engine is a choice of the repository -------------------------------------------------------------------

def test_pdf_motor_in_the_settings_chooses_the_engine(repo: WriteTree, tmp_path: Path) -> None:
    repo({"aftale.yaml": "pdf-motor: weasyprint\n"})
    assert run("referat", "demo", "2020", "--format", "pdf", "--ud", "weasy")[0] == 0
    assert run("referat", "demo", "2020", "--format", "pdf", "--ud", "typst", "--pdf-motor", "typst")[0] == 0
    made = [PdfReader(tmp_path / folder / "demo/2020/referat.pdf").metadata for folder in ("weasy", "typst")]
    assert made[0].producer.startswith("WeasyPrint") and made[1].creator.startswith("Typst")


def test_an_unknown_pdf_motor_is_an_error_at_its_place(repo: WriteTree) -> None:
    repo({"aftale.yaml": "pdf-motor: typist\n"})
    code, output = run("tjek")
    assert code == 2
    assert output.splitlines()[0] == ("aftale.yaml:1:12: fejl: ukendt værdi 'typist' for 'pdf-motor'. Mente du "
                                      "'typst'? Gyldige værdier: typst, weasyprint.")
    assert run("referat", "demo", "--pdf-motor", "typist")[1].startswith("fejl: ugyldig værdi for '--pdf-motor'")


#: Runs the command line in a process where WeasyPrint cannot be imported, as on a machine without Pango.
WITHOUT_WEASYPRINT = ("import sys; sys.modules['weasyprint'] = None\n"
                      "from aftale.cli import main\n"
                      "try:\n    main()\n"
                      "finally:\n    assert sys.modules['weasyprint'] is None\n")


def _without_weasyprint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_WEASYPRINT, *args], cwd=cwd, capture_output=True, text=True)


def test_a_machine_without_weasyprint_renders_every_document(tmp_path: Path) -> None:
    built = _without_weasyprint("byg", "--alle", "--ud", str(tmp_path / "byg"), cwd=ROOT)
    assert built.returncode == 0, built.stdout + built.stderr
    assert sorted(p.relative_to(tmp_path / "byg").as_posix() for p in (tmp_path / "byg").rglob("*.pdf")) \
        == sorted(f"{slug}/{name}.pdf" for slug, names in EXAMPLE_ALL.items() for name in names)
    report = _without_weasyprint("redegørelse", "--ud", str(tmp_path / "byg"), cwd=ROOT)
    assert report.returncode == 0, report.stdout + report.stderr
    site = _without_weasyprint("udgiv", "--ud", str(tmp_path / "site"), cwd=ROOT)
    assert site.returncode == 0, site.stdout + site.stderr
    assert len(list((tmp_path / "site").rglob("*.pdf"))) == 12


def test_choosing_weasyprint_without_it_says_what_to_do(tmp_path: Path) -> None:
    chosen = _without_weasyprint("referat", EXAMPLE, "--pdf-motor", "weasyprint", "--ud", str(tmp_path), cwd=ROOT)
    assert chosen.returncode == 2, chosen.stdout + chosen.stderr
    assert chosen.stderr == (
        "fejl: PDF-motoren weasyprint kan ikke indlæses på denne maskine (import of weasyprint halted; None in "
        "sys.modules); den kræver Pango. Enten installér Pango, på Debian og Ubuntu med 'sudo apt-get install "
        "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0', eller skriv 'pdf-motor: typst' i aftale.yaml (eller "
        "brug --pdf-motor typst), så laves PDF'erne med typst, som ikke kræver andet end aftale selv.\n")
    assert not list(tmp_path.rglob("*.*"))


def test_text_no_shipped_font_draws_is_a_box_also_in_a_chart(repo: WriteTree, tmp_path: Path) -> None:
    """PDF/A allows no missing glyph and typst refuses to write one: such a character is drawn as a box, also in the
    labels of an indicator's chart, and `aftale tjek` has warned about it."""
    repo({"agreements/demo/2021.yaml": textwrap.dedent("""\
        møde: {dato: 2021-10-27}
        aftaler:
          - id: tommel
            titel: Tommel 👍
            indikator:
              navn: "Tilfredshed 👍"
              enhed: "👍漢"
              udgangspunkt: {år: 2019, værdi: 10}
              mål: {år: 2023, værdi: 5}
              målinger: {2020: 8}
        """)})
    code, output = run("aftaledokument", "demo", "2021", "--format", "pdf", "--ud", "ud")
    assert code == 0, output
    text = pdf_text(tmp_path / "ud/demo/2021/aftaledokument.pdf")
    assert "Tommel □" in text and "Tilfredshed □" in text and "□□" in text
    assert "👍" not in text


def test_a_field_added_to_the_view_model_reaches_the_templates_without_code() -> None:
    """The templates' data is every field and property of the view model's dataclasses, by name, subclasses too."""
    from dataclasses import dataclass, replace

    from aftale.render.data import plain
    from aftale.views.model import Document, Fact, Labels

    @dataclass(frozen=True)
    class Signed(Document):
        signed_by: tuple[Fact, ...] = ()

    doc = Signed(kind="referat", title="Referat", heading="Styringsdialog", sender="Kommunen", running="Kommunen",
                 year=2021, dialog="demo", public=False, date=date(2021, 10, 27),
                 labels=Labels("Oversigt", "Underskrifter", ("Side ", " af ", "")), logo_text="Logo",
                 overview_header=(), signed_by=(Fact("Underskrevet af", "Kommunen"),))
    data = plain(replace(doc, note="*ikke fed*"), str.upper)
    assert data["signed_by"] == [{"label": "UNDERSKREVET AF", "value": "KOMMUNEN"}]  # type: ignore[index]
    assert data["metadata_title"] == "REFERAT: STYRINGSDIALOG"  # type: ignore[index]
    assert (data["date"], data["note"], data["labels"]["page"]) == ("2021-10-27", "*IKKE FED*",  # type: ignore[index]
                                                                    ["SIDE ", " AF ", ""])
