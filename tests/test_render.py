"""The example's documents, read back as a reader would: items, letters, statuses, dates, in DOCX and PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import EXAMPLE, EXAMPLE_DOCUMENTS, ROOT, WriteTree, run
from tests.documents import (docx_body_lines, docx_headings, docx_text, first_difference, in_order, pdf_body_text,
                             pdf_text, require, without_contents, words)

D = "agreements/demo"


def both(example: Path, year: int, kind: str) -> tuple[str, str]:
    return docx_text(example / str(year) / f"{kind}.docx"), pdf_text(example / str(year) / f"{kind}.pdf")


REFERAT_2020_ITEMS = [
    "1. Opfølgning på aftaledokument fra 2019", "2. Dokumentationspakken",
    "3. Samarbejde om boliger til unge i forbindelse med anvendelse af Housing First-metoderne",
    "4. Punkt fra Lejerbo: Beboernes udfordringer og hjælp hertil mellem beboeren og kommunen",
    "5. Fremtidsdrøftelser", "6. Udarbejdelse af aftaledokument", "7. Eventuelt",
]


@pytest.mark.parametrize("kind", ["dagsorden", "referat"])
def test_2020_agenda_has_the_seeds_numbered_items(example: Path, kind: str) -> None:
    path = example / "2020" / f"{kind}.docx"
    assert docx_headings(path, 1) == REFERAT_2020_ITEMS
    for text in both(example, 2020, kind):
        assert in_order(text, REFERAT_2020_ITEMS)


def test_2020_referat_letters_and_statuses(example: Path) -> None:
    follow_ups = [
        ("1/2019 Næstved Kommune går videre med ønsket om social vicevært",
         "Status: videreføres, erstattet af 1/2020 »Udvikling af samarbejdet mellem kommune og boligselskab på det sociale "
         "plan«"),
        ("2/2019 Kontaktoplysninger på Gadeteam og Pensionsgruppen medsendes i referatet", "Status: opfyldt"),
        ("3/2019 Lejerbo udarbejder et dokument omkring fleksibel udlejning, som sendes til Næstved Kommune",
         "Status: videreføres, erstattet af 2/2020 »Fleksible udlejningsaftaler«"),
        ("4/2019 Der ønskes en bedre orientering omkring nybyggeri", "Status: opfyldt"),
    ]
    people = ["Deltagere"]
    headings = [h for h in docx_headings(example / "2020" / "referat.docx", 2) if h not in people]
    assert headings[:4] == [title for title, _ in follow_ups]
    assert headings[4:] == ["1/2020 Udvikling af samarbejdet mellem kommune og boligselskab på det sociale plan",
                            "2/2020 Fleksible udlejningsaftaler",
                            "3/2020 Bedre kontakt til kommunen om beboere med psykiske udfordringer"]
    for text in both(example, 2020, "referat"):
        assert in_order(text, [part for pair in follow_ups for part in pair])
        assert in_order(text, ["Mødedato", "27. oktober 2020", "Tid", "12:30–14:00", "Sted", "Microsoft Teams",
                               "Sagsnr.", "03.11.04-G01-1-20", "Referent", "Signe Sundberg Jørgensen", "Deltagere",
                               "Michael Keis", "Signe Sundberg Jørgensen", "Kim Nielsen (afbud)",
                               "Rebecca Dalhoff Helqvist (afbud)"])
        assert in_order(text, ["3. Samarbejde om boliger", "Beslutning",
                               "Det blev besluttet, at Ann sætter et møde i stand med Lejerbo."])
        assert in_order(text, ["7. Eventuelt", "Lejerbo vil gerne invitere ud til det nyeste byggeri"])


def test_2021_dagsorden_follows_up_exactly_the_2020_points(example: Path) -> None:
    for text in both(example, 2021, "dagsorden"):
        assert in_order(text, [
            "1. Opfølgning på aftaledokument fra 2020",
            "1/2020 Udvikling af samarbejdet mellem kommune og boligselskab på det sociale plan", "Aftalt: 2020",
            "Ansvarlig: Thomas Carlsen", "Status: aftalt",
            "2/2020 Fleksible udlejningsaftaler", "Aftalt: 2020", "Ansvarlig: Næstved Kommune",
            "3/2020 Bedre kontakt til kommunen om beboere med psykiske udfordringer", "Aftalt: 2020",
            "Ansvarlig: Thomas Carlsen",
            "2. Dokumentationspakken",
        ])
        assert "4/2020" not in text.split("2. Dokumentationspakken")[0]
        assert "Pga. Corona-situationen i november/december 2021 afholdes dialogmøderne" in text


def test_next_dagsorden_renders_before_its_file_exists(example: Path) -> None:
    assert not (ROOT / "agreements" / EXAMPLE / "2022.yaml").exists()
    items = ["1. Opfølgning på aftaledokument fra 2021", "1/2021 Kommunal anvisning og samarbejde herom",
             "2/2021 Social vicevært", "3/2021 Fokus på biodiversitet i afdelingerne", "4/2021 Fokus på effektivisering",
             "2. Dokumentationspakken", "3. Fremtidsdrøftelser",  # the standard items of aftale.yaml
             "4. Udarbejdelse af aftaledokument", "5. Eventuelt"]
    for text in both(example, 2022, "dagsorden"):
        assert in_order(text, ["Dagsorden", "Styringsdialog 2022 mellem Næstved Kommune og Lejerbo",
                               # the round's file does not say when and where yet: the agenda says so
                               "Mødedato", "oplyses senere", "Tid", "oplyses senere", "Sted", "oplyses senere",
                               *items])


def test_2021_aftaledokument_sections(example: Path) -> None:
    for text in both(example, 2021, "aftaledokument"):
        assert in_order(text, [
            "Aftaledokument", "Kommune", "Næstved Kommune", "Boligorganisation", "Lejerbo",
            "Periode", "Fra styringsdialogen 2021 til styringsdialogen 2022",
            "Nye aftaler", "1/2021 Kommunal anvisning og samarbejde herom",
            "Erstatter: 2/2020 Fleksible udlejningsaftaler", "2/2021 Social vicevært", "Ansvarlig: Jette Loman",
            "3/2021 Fokus på biodiversitet i afdelingerne", "4/2021 Fokus på effektivisering",
            "Videreførte aftaler", "Ingen aftaler føres videre fra tidligere år.",
            # replaced points go on in their new form: never under Afsluttet
            "Videreført i ny form",
            "1/2020 Udvikling af samarbejdet mellem kommune og boligselskab på det sociale plan",
            "Status: videreført i ny form som 2/2021 »Social vicevært«", "Det er desværre ikke sket.",
            "2/2020 Fleksible udlejningsaftaler",
            "Status: videreført i ny form som 1/2021 »Kommunal anvisning og samarbejde herom«",
            "Afsluttet i 2021", "Ingen aftaler blev afsluttet i 2021.",
            "Underskrifter", "For Næstved Kommune", "For Lejerbo",
        ])


def test_amounts_and_sender_come_through(example: Path) -> None:
    for text in both(example, 2021, "referat"):
        assert "Agerhønevej: Tilsynet bemærker et overskud på 748.000 kr." in text
        assert "Næstved Kommune, Center for Plan og Erhverv, Tilsyn med almene boliger" in text


@pytest.mark.parametrize("name", EXAMPLE_DOCUMENTS)
def test_docx_and_pdf_say_the_same_words_in_the_same_order(example: Path, example_pdfs: Path, name: str) -> None:
    """All body text: every paragraph, list item and table cell of the DOCX, against the PDF's body, in each engine
    (the DOCX is the same whichever engine writes the PDFs)."""
    require("pdftotext")
    path = example / f"{name}.docx"
    lines, pdf_words = without_contents(docx_body_lines(path), words(pdf_body_text(example_pdfs / f"{name}.pdf")),
                                        path)
    docx_words = words(" ".join(lines))
    assert len(docx_words) > 15  # the first round's agenda is the shortest document
    difference = first_difference(docx_words, pdf_words)
    assert difference is None, difference


def test_the_parity_check_finds_a_changed_a_missing_and_a_moved_word(example: Path) -> None:
    require("pdftotext")
    lines, pdf_words = without_contents(docx_body_lines(example / "2021/referat.docx"),
                                        words(pdf_body_text(example / "2021/referat.pdf")), example / "2021/referat.docx")
    docx_words = words(" ".join(lines))
    at = docx_words.index("Effektivisering:")
    context = "after 'givet på renoveringssager. Materialet fra styringsdialog.dk' the DOCX says"
    changed = [*docx_words[:at], "Effektivitet:", *docx_words[at + 1:]]
    assert first_difference(changed, pdf_words) == f"{context} 'Effektivitet:' and the PDF says 'Effektivisering:'", \
        first_difference(changed, pdf_words)
    missing = docx_words[:at] + docx_words[at + 1:]
    assert first_difference(missing, pdf_words) == f"{context} '' and the PDF says 'Effektivisering:'"
    moved = [*docx_words[:at], docx_words[at + 1], docx_words[at], *docx_words[at + 2:]]
    assert first_difference(moved, pdf_words) is not None
    signatures = words(" ".join(docx_body_lines(example / "2021/aftaledokument.docx")))
    assert signatures[-5:] == ["For", "Lejerbo", "Dato:", "Navn:", "Titel:"]
    assert first_difference(signatures[:-1] + ["Titel"], words(pdf_body_text(example / "2021/aftaledokument.pdf"))) \
        == "after 'Navn: Titel: For Lejerbo Dato: Navn:' the DOCX says 'Titel' and the PDF says 'Titel:'"


def test_parity_keeps_a_body_line_that_reads_like_the_running_header(repo: WriteTree, tmp_path: Path,
                                                                    pdf_engine: str) -> None:
    """Without an 'afsender' the running header is the kommune's name, which is also a fact's value."""
    require("pdftotext")
    repo()
    assert run("aftaledokument", "demo", "--ud", "ud", "--pdf-motor", pdf_engine)[0] == 0
    out = tmp_path / "ud/demo/2020/aftaledokument"
    body = pdf_body_text(out.with_suffix(".pdf"))
    assert in_order(body, ["Aftaledokument", "Kommune", "Testby Kommune", "Boligorganisation"])
    assert not body.startswith("Testby Kommune")
    difference = first_difference(words(" ".join(docx_body_lines(out.with_suffix(".docx")))), words(body))
    assert difference is None, difference


def test_pdf_metadata_and_page_footer(example_pdfs: Path) -> None:
    reader = PdfReader(str(example_pdfs / "2020" / "referat.pdf"))
    assert reader.metadata.title == "Referat: Styringsdialog 2020 mellem Næstved Kommune og Lejerbo"  # approved
    pages = len(reader.pages)
    assert pages >= 2
    for number, page in enumerate(reader.pages, start=1):
        assert f"Side {number} af {pages}" in page.extract_text()
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4


def test_fonts_are_embedded(example_pdfs: Path) -> None:
    reader = PdfReader(str(example_pdfs / "2021" / "aftaledokument.pdf"))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"] or "/FontFile3" in descendant["/FontDescriptor"]


HOSTILE = "Tekst med & og < og > og {{ 7*7 }} og {% if %} og <b>fed</b>"


def test_special_characters_come_out_literally(repo: WriteTree, tmp_path: Path, pdf_engine: str) -> None:
    repo({f"{D}/2021.yaml": f"""\
        møde:
          sted: "R&D <lokale>"
        punkter:
          - titel: "{HOSTILE}"
            referat: ["{HOSTILE}", ["Punkt {{{{ x }}}}"], "Kontrol\\x01tegn\\vmed\\etekst"]
        """})
    for kind in ("dagsorden", "referat"):
        code, output = run(kind, "demo", "2021", "--ud", "ud", "--pdf-motor", pdf_engine)
        assert code == 0, output
        for text in (docx_text(tmp_path / "ud/demo/2021" / f"{kind}.docx"),
                     pdf_text(tmp_path / "ud/demo/2021" / f"{kind}.pdf")):
            assert HOSTILE in text
            assert "R&D <lokale>" in text
            assert "49" not in text
            assert kind == "dagsorden" or "Kontroltegnmedtekst" in text
    assert "Punkt {{ x }}" in docx_text(tmp_path / "ud/demo/2021/referat.docx")


def test_public_edition_reduces_a_closed_item(repo: WriteTree, tmp_path: Path) -> None:
    repo({f"{D}/2021.yaml": """\
        punkter:
          - titel: Personalesag om Hemmeligsen
            lukket: ja
            referat: [Fortroligt indhold om Hemmeligsen.]
          - titel: Dokumentationspakken
            referat: [Alt ser fint ud.]
        """})
    assert run("referat", "demo", "--offentlig", "--ud", "offentlig")[0] == 0
    assert run("referat", "demo", "--ud", "intern")[0] == 0
    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        public = read(tmp_path / f"offentlig/demo/2021/referat-offentlig.{fmt}")
        assert "2. Lukket punkt" in public and "3. Dokumentationspakken" in public
        assert "Hemmeligsen" not in public and "Fortroligt" not in public
        internal = read(tmp_path / f"intern/demo/2021/referat.{fmt}")
        assert "2. Personalesag om Hemmeligsen" in internal and "Behandling: Lukket punkt" in internal


def test_item_names_the_party_that_brought_it(example: Path) -> None:
    for text in both(example, 2021, "dagsorden"):
        assert in_order(text, ["4. Hvordan kommunen kan hjælpe", "Fremsat af: Lejerbo", "Sagsfremstilling"])


def test_nothing_is_written_when_the_repository_has_errors(repo: WriteTree, tmp_path: Path) -> None:
    repo({f"{D}/2021.yaml": "opfølgning:\n  ukendt: {status: opfyldt}\n"})
    code, output = run("referat", "demo", "--ud", "ud")
    assert code == 2
    assert output.splitlines() == [
        f"{D}/2021.yaml:2:3: fejl: der findes intet tidligere aftalt punkt med id'et 'ukendt'. Ret id'et, så det "
        "er et id fra 'aftaler' i en tidligere runde.",
        "fejl: Tjekket 1 dialog, 3 filer: 1 fejl. Intet er skrevet; ret fejlene og prøv igen.",
    ]
    assert not (tmp_path / "ud").exists()


def test_default_rounds_and_output_folder(repo: WriteTree, tmp_path: Path) -> None:
    repo({f"{D}/2021.yaml": "opfølgning:\n  udlejning: {status: videreføres}\n"})
    assert run("dagsorden", "demo", "--format", "pdf") == (0, "skrev build/demo/2022/dagsorden.pdf\n")
    assert run("referat", "demo", "--format", "docx") == (0, "skrev build/demo/2021/referat.docx\n")
    assert run("aftaledokument", "demo", "--format", "docx, pdf") == (
        0, "skrev build/demo/2021/aftaledokument.docx\nskrev build/demo/2021/aftaledokument.pdf\n")
    text = pdf_text(tmp_path / "build/demo/2022/dagsorden.pdf")
    assert in_order(text, ["1. Opfølgning på aftaledokument fra 2021", "1/2020 Social vicevært",
                           "Status: ikke behandlet – videreføres", "2/2020 Fleksibel udlejning", "Status: videreføres"])


def test_command_errors_are_danish(repo: WriteTree) -> None:
    repo()
    assert run("referat", "dmeo") == (2, "fejl: der findes ingen dialog 'dmeo'. Mente du 'demo'? Dialogerne er: "
                                         "demo.\n")
    assert run("referat", "demo", "2019") == (2, "fejl: dialogen 'demo' har ingen runde 2019 (runderne er 2020).\n")
    assert run("referat", "demo", "--format", "odt") == (2, "fejl: ukendt format 'odt'. Vælg blandt: docx, pdf "
                                                            "(adskilt af komma).\n")
    assert run("referat", "demo", "tyve") == (2, "fejl: ugyldig værdi for '[ÅR]': 'tyve' er ikke et årstal; skriv fx 2021. "
                                                 "Se 'aftale referat --help'.\n")


def test_repository_templates_win_file_by_file(repo: WriteTree, tmp_path: Path) -> None:
    builtin = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    repo({"templates/base.html": builtin.replace("<h1 class=\"title\">", "<p>Egen skabelon</p><h1 class=\"title\">")})
    assert run("referat", "demo", "--ud", "ud", "--pdf-motor", "weasyprint")[0] == 0
    assert "Egen skabelon" in pdf_text(tmp_path / "ud/demo/2020/referat.pdf")
    assert "Egen skabelon" not in docx_text(tmp_path / "ud/demo/2020/referat.docx")


def test_template_with_a_missing_field_fails_clearly(repo: WriteTree, tmp_path: Path) -> None:
    repo({"templates/referat.html": '{% extends "base.html" %}{% block content %}{{ doc.mødeleder }}{% endblock %}'})
    assert run("referat", "demo", "--ud", "ud", "--pdf-motor", "weasyprint") == (
        2, "fejl: templates/referat.html: skabelonen bruger feltet 'mødeleder', som ikke findes i dokumentet. "
           "Ret eller slet feltet i skabelonen.\n")
    assert not (tmp_path / "ud").exists()


def test_template_may_not_read_other_files(repo: WriteTree, tmp_path: Path) -> None:
    repo({"templates/referat.html": '{% extends "base.html" %}{% block content %}'
                                    '<img src="file:///etc/passwd">{% endblock %}'})
    assert run("referat", "demo", "--ud", "ud", "--pdf-motor", "weasyprint") == (
        2, "fejl: templates/referat.html: skabelonen henviser til 'file:///etc/passwd', som aftale ikke må hente. "
           "En skabelon må kun bruge filer i skabelonmappen og logoet fra aftale.yaml.\n")
    assert not (tmp_path / "ud").exists()


def test_logo_from_settings_is_in_both_headers(repo: WriteTree, tmp_path: Path) -> None:
    logo = ROOT / "tests" / "fixtures" / "logo.png"
    repo({"aftale.yaml": "afsender: Testby Kommune, Tilsynet\nlogo: logo.png\n", "logo.png": logo.read_bytes()})
    assert run("referat", "demo", "--ud", "ud")[0] == 0
    import docx
    document = docx.Document(str(tmp_path / "ud/demo/2020/referat.docx"))
    header_xml = document.sections[0].header._element.xml
    assert "pic:pic" in header_xml
    footer = document.sections[0].footer
    assert footer.paragraphs[0].text.startswith("Side ")
    assert 'w:instr="PAGE"' in footer._element.xml and 'w:instr="NUMPAGES"' in footer._element.xml
    reader = PdfReader(str(tmp_path / "ud/demo/2020/referat.pdf"))
    assert any("/XObject" in page["/Resources"] for page in reader.pages)
    assert "Testby Kommune, Tilsynet" in pdf_text(tmp_path / "ud/demo/2020/referat.pdf")


def test_a_writer_gives_back_the_collectors_threshold_also_when_it_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writers run with fewer garbage collections (bench/RESULTS.md); the long-running preview must get its
    collector back as it was, after a document and after a failed one."""
    import gc

    from aftale import render

    before = gc.get_threshold()
    seen = []

    def failing(*_: object) -> bytes:
        seen.append(gc.get_threshold())
        raise OSError("disk full")

    monkeypatch.setattr("aftale.render.docx.write", failing)
    with pytest.raises(OSError):
        render.writer("docx")(None, None)  # type: ignore[arg-type]
    assert seen == [(render.COLLECTION_THRESHOLD, *before[1:])]
    assert gc.get_threshold() == before


def test_two_writers_at_once_give_back_the_collectors_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """`aftale vis` answers from several threads: a writer that begins while another writes and ends after it
    leaves the collector as it was before both."""
    import gc
    import threading

    from aftale import render

    before = gc.get_threshold()
    steps = {name: threading.Event() for name in ("pdf in", "docx in", "pdf may end", "docx may end")}

    def writing(name: str, ending: str):  # type: ignore[no-untyped-def]
        def write(*_: object) -> bytes:
            steps[f"{name} in"].set()
            assert steps[ending].wait(10)
            return b""
        return write

    monkeypatch.setattr("aftale.render.typst.write", writing("pdf", "pdf may end"))
    monkeypatch.setattr("aftale.render.docx.write", writing("docx", "docx may end"))
    threads = [threading.Thread(target=render.writer(name), args=(None, None)) for name in ("pdf", "docx")]
    threads[0].start()
    assert steps["pdf in"].wait(10)
    threads[1].start()
    assert steps["docx in"].wait(10)
    steps["pdf may end"].set()  # the first ends while the second still writes
    threads[0].join(10)
    assert gc.get_threshold()[0] == render.COLLECTION_THRESHOLD
    steps["docx may end"].set()
    threads[1].join(10)
    assert gc.get_threshold() == before
