"""A round's life as the documents tell it: the agenda stays the agenda, the referat keeps the meeting's decision,
and the documents can be sent as they come out (quotes, amounts, dates, bullets, signatures)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from aftale.commands.tjek import check
from aftale.views import Document, view
from tests.conftest import WriteTree, run
from tests.documents import docx_paragraphs, pdf_text, require

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "naestved-lejerbo"

AGENDA_2021 = """\
møde:
  dato: 2021-10-27
  deltagere: [Anna Andersen, Bo Berg]
  fraværende: [Cecilie Cort]
  referent: Dorte Dahl
punkter:
  - titel: Dokumentationspakken
    sagsfremstilling: [Gennemgang af nøgletal.]
    indstilling: Det indstilles, at pakken drøftes.
"""
OUTCOMES_2021 = """\
opfølgning:
  social-vicevaert:
    status: videreføres
    referat: [Projektet fortsætter.]
  udlejning:
    status: opfyldt
punkter:
  - titel: Dokumentationspakken
    sagsfremstilling: [Gennemgang af nøgletal.]
    indstilling: Det indstilles, at pakken drøftes.
    referat: [Pakken blev drøftet.]
    beslutning: Godkendt.
aftaler:
  - id: social-vicevaert-2
    titel: Social vicevært i alle afdelinger
    erstatter: [social-vicevaert]
eventuelt: [Intet at bemærke.]
"""


def _views(root: Path, dialog: str, year: int) -> dict[str, Document]:
    report = check(root)
    assert not report.errors, report.lines()
    found = report.repository.dialog(dialog)
    assert found is not None
    return {kind: view(kind, found, report.ledgers[dialog], year, report.repository.settings)
            for kind in ("dagsorden", "referat", "aftaledokument")}


def _text(document: Document) -> list[str]:
    """Every text of a dagsorden or referat view, in reading order."""
    found = [document.title, document.heading, *(f"{f.label}: {f.value}" for f in document.facts)]
    for group in document.people:
        found += [group.title, *group.names]
    for item in document.items:
        found += [f"{item.number}. {item.title}", *(f"{f.label}: {f.value}" for f in item.facts)]
        for part in item.parts:
            found += [part.heading or "", *(line.text for line in part.lines)]
        for entry in item.entries:
            found += [f"{entry.label} {entry.title}", *(f"{f.label}: {f.value}" for f in entry.facts)]
            for part in entry.parts:
                found += [part.heading or "", *(line.text for line in part.lines)]
    return found


# --- the agenda is the agenda ------------------------------------------------------------------------

def test_the_agenda_is_the_same_before_and_after_the_meeting(repo: WriteTree) -> None:
    root = repo({"agreements/demo/2021.yaml": AGENDA_2021})
    before = _text(_views(root, "demo", 2021)["dagsorden"])
    (root / "agreements/demo/2021.yaml").write_text(
        AGENDA_2021.split("punkter:")[0] + OUTCOMES_2021, encoding="utf-8")
    after = _text(_views(root, "demo", 2021)["dagsorden"])
    assert after == before
    assert "Nye punkter til aftaledokumentet aftales på mødet." in after
    assert not [text for text in after if "Social vicevært i alle" in text or "Pakken blev drøftet" in text]


def test_the_agenda_invites_those_who_sent_apologies(repo: WriteTree) -> None:
    root = repo({"agreements/demo/2021.yaml": AGENDA_2021})
    people = {group.title: group.names for group in _views(root, "demo", 2021)["dagsorden"].people}
    assert people == {"Inviterede": ("Anna Andersen", "Bo Berg", "Cecilie Cort")}


def test_the_next_agenda_has_the_standard_items_before_its_file_exists() -> None:
    items = [item.title for item in _views(ROOT, EXAMPLE, 2022)["dagsorden"].items]
    assert items == ["Opfølgning på aftaledokument fra 2021", "Dokumentationspakken", "Fremtidsdrøftelser",
                     "Udarbejdelse af aftaledokument", "Eventuelt"]


def test_the_referent_is_a_line_not_a_list(repo: WriteTree) -> None:
    root = repo({"agreements/demo/2021.yaml": AGENDA_2021})
    referat = _views(root, "demo", 2021)["referat"]
    assert ("Referent", "Dorte Dahl") in [(f.label, f.value) for f in referat.facts]
    # the absent among those who took part, each marked "(afbud)" (no organisation given: one plain list)
    assert [group.title for group in referat.people] == ["Deltagere"]
    assert [name for name in referat.people[0].names if name.endswith("(afbud)")]


# --- the referat keeps the meeting's decision --------------------------------------------------------

def test_the_referat_keeps_the_status_the_meeting_gave_and_what_replaced_it() -> None:
    referat = _views(ROOT, EXAMPLE, 2020)["referat"]
    statuses = {entry.title: dict((f.label, f.value) for f in entry.facts)["Status"]
                for entry in referat.items[0].entries}
    assert statuses["Næstved Kommune går videre med ønsket om social vicevært"] == (
        "videreføres, erstattet af 1/2020 »Udvikling af samarbejdet mellem kommune og boligselskab på det sociale plan«")


def test_every_document_quotes_with_danish_quotation_marks() -> None:
    for year in (2019, 2020, 2021):
        for kind, document in _views(ROOT, EXAMPLE, year).items():
            text = "\n".join(_text(document)) + "\n".join(
                f.value for s in document.sections for g in s.groups for e in g.entries for f in e.facts)
            assert "'" not in text, (year, kind)
    assert "»" in "\n".join(_text(_views(ROOT, EXAMPLE, 2020)["referat"]))


# --- text a secretary sends as it is -----------------------------------------------------------------

def test_amounts_and_dates_never_break_across_a_line(repo: WriteTree) -> None:
    root = repo({"agreements/demo/2021.yaml": AGENDA_2021 + "    referat: [Tilskud på 3.500 kr. og 748.000 kr. i alt.]\n"
                                                           "aftaler:\n  - {id: ny, titel: Ny, frist: 2023-06-30}\n"})
    documents = _views(root, "demo", 2021)
    referat = "\n".join(_text(documents["referat"]))
    assert "3.500\u00a0kr." in referat and "748.000\u00a0kr." in referat
    assert "27.\u00a0oktober\u00a02021" in referat
    assert ("Frist", "30.\u00a0juni\u00a02023") in [
        (f.label, f.value) for f in documents["referat"].items[-2].entries[0].facts]
    assert documents["aftaledokument"].overview[0][-1] == "30.\u00a0juni\u00a02023"


def test_bullets_pasted_from_word_become_a_real_list(repo: WriteTree) -> None:
    root = repo({"agreements/demo/2021.yaml": AGENDA_2021 + "    referat: |\n      Drøftet:\n      • Nøgletal\n"
                                                           "      – Udlejning\n      - Drift\n"})
    referat = _views(root, "demo", 2021)["referat"]
    part = next(p for p in referat.items[1].parts if p.heading == "Referat")
    assert [(line.text, line.level) for line in part.lines] == [
        ("Drøftet:", 0), ("Nøgletal", 1), ("Udlejning", 1), ("Drift", 1)]


# --- the signature block ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def aftaledokument_2020(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ad")
    done = subprocess.run([str(Path(__import__("sys").executable)), "-m", "aftale", "aftaledokument", EXAMPLE, "2020",
                           "--ud", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return out / EXAMPLE / "2020"


def test_the_signature_block_never_stands_alone_on_a_page(aftaledokument_2020: Path) -> None:
    pages = subprocess.run([require("pdftotext"), "-enc", "UTF-8", str(aftaledokument_2020 / "aftaledokument.pdf"),
                            "-"], check=True, capture_output=True, text=True).stdout.split("\f")
    pages = [page for page in pages if page.strip()]
    assert "Underskrifter" in pages[-1]
    # the last agreement's last paragraph goes along with the signatures ...
    assert "Næstved Kommune har ingen grundkapital i 2020" in pages[-1]
    # ... while the rest of it stays where it begins: the page before is not left half empty for it
    assert "4/2019 Der ønskes en bedre orientering omkring nybyggeri" in pages[-2]


def test_an_unsigned_aftaledokument_has_lines_for_name_title_and_date(example: Path) -> None:
    """The example's 2021 aftaledokument is not signed yet: a field for each party, with lines to write on."""
    text = pdf_text(example / "2021/aftaledokument.pdf")
    signatures = text[text.index("Underskrifter"):]
    assert signatures.count("Dato:") == 2 and signatures.count("Navn:") == 2 and signatures.count("Titel:") == 2
    assert "Underskrevet" not in signatures
    cells = [t for style, t in docx_paragraphs(example / "2021/aftaledokument.docx")]
    tail = cells[cells.index("Underskrifter"):]
    assert sum(t.startswith("Dato:") for t in tail) == 2 and sum(t.startswith("Navn:") for t in tail) == 2


SIGNED_2020 = ("Underskrevet af Næstved Kommune den 20. november 2020 og af Lejerbo den 24. november 2020.")


def test_a_signed_aftaledokument_says_who_signed_when_instead_of_blank_lines(aftaledokument_2020: Path) -> None:
    """The public copy is made from the file, not scanned: once both parties signed, it says so."""
    text = pdf_text(aftaledokument_2020 / "aftaledokument.pdf")
    signatures = text[text.index("Underskrifter"):]
    assert SIGNED_2020 in signatures
    assert "Dato:" not in signatures and "Navn:" not in signatures and "Titel:" not in signatures
    cells = [t.replace("\u00a0", " ") for style, t in docx_paragraphs(aftaledokument_2020 / "aftaledokument.docx")]
    tail = cells[cells.index("Underskrifter"):]
    assert SIGNED_2020 in tail and not [t for t in tail if t.startswith(("Dato:", "Navn:", "Titel:"))]


def test_signatories_are_named_with_their_titles(repo: WriteTree, tmp_path: Path) -> None:
    from tests.conftest import ROUND_2020

    repo({"agreements/demo/dialog.yaml": """\
        kommune: Testby Kommune
        boligorganisation: Boligselskabet Test
        underskrivere:
          kommune: {navn: Karen Kommunal, titel: Borgmester}
          boligorganisation: {navn: Bent Bolig, titel: Formand}
        """})
    code, output = run("aftaledokument", "demo", "--format", "pdf", "--ud", "ud")
    assert code == 0, output
    text = pdf_text(tmp_path / "ud/demo/2020/aftaledokument.pdf")
    signatures = text[text.index("Underskrifter"):]
    for line in ("Navn: Karen Kommunal", "Titel: Borgmester", "Navn: Bent Bolig", "Titel: Formand"):
        assert line in signatures
    assert signatures.count("Dato:") == 2
    # once both have signed: who signed, with name and title, and when
    (tmp_path / "agreements/demo/2020.yaml").write_text(ROUND_2020 + APPROVED, encoding="utf-8")
    assert run("aftaledokument", "demo", "--format", "pdf", "--ud", "ud")[0] == 0
    text = pdf_text(tmp_path / "ud/demo/2020/aftaledokument.pdf")
    assert ("Underskrevet af Testby Kommune (Karen Kommunal, Borgmester) den 20. november 2020 og af Boligselskabet "
            "Test (Bent Bolig, Formand) den 24. november 2020.") in text


# --- historik and status ------------------------------------------------------------------------------

def test_historik_shows_the_whole_chain_and_every_change_of_ansvarlig(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, output = run("historik", EXAMPLE, "social-vicevaert")
    assert code == 0
    lines = output.splitlines()
    assert "      ansvarlig: Næstved Kommune → Jette Loman" in lines
    assert lines[-4:] == [
        "Kæden af erstatninger:",
        "  2019 social-vicevaert (dette punkt): Næstved Kommune går videre med ønsket om social vicevært – erstattet "
        "2020 af samarbejde-socialt",
        "  2020 samarbejde-socialt: Udvikling af samarbejdet mellem kommune og boligselskab på det sociale plan – "
        "erstattet 2021 af social-vicevaert-2021",
        "  2021 social-vicevaert-2021: Social vicevært – åbent"]
    later = run("historik", EXAMPLE, "social-vicevaert-2021")[1].splitlines()
    assert later[-4:] == [lines[-4], lines[-3].replace(" (dette punkt)", ""), lines[-2],
                          "  2021 social-vicevaert-2021 (dette punkt): Social vicevært – åbent"]


def test_historik_shows_a_new_frist_and_dates_as_the_documents_write_them(repo: WriteTree) -> None:
    repo({"agreements/demo/2020.yaml": ROUND_WITH_FRIST,
          "agreements/demo/2021.yaml": "opfølgning:\n  a:\n    status: i gang\n    frist: 2022-06-30\n"})
    lines = run("historik", "demo", "a")[1].splitlines()
    assert lines[1].endswith(". Frist: 31. december 2021")
    assert "      frist: 31. december 2021 → 30. juni 2022" in lines
    assert lines[-1] == "Nu: åbent (i gang), ansvarlig: –, frist: 30. juni 2022."
    table = run("status", "--dato", "2022-07-01")[1].splitlines()
    assert "30. juni 2022 OVERSKREDET" in table[1]
    assert table[-1] == "1 åbent punkt, 1 med overskredet frist pr. 1. juli 2022."


ROUND_WITH_FRIST = """\
møde: {dato: 2020-10-27}
aftaler:
  - {id: a, titel: Et punkt, frist: 2021-12-31}
"""


# --- planned and held rounds ----------------------------------------------------------------------

PLANNED_2021 = "møde:\n  dato: 2021-10-27\npunkter:\n  - titel: Dokumentationspakken\n"
HELD_2021 = PLANNED_2021 + "    referat: [Drøftet.]\n"


def test_the_commands_default_to_the_planned_and_the_held_round(repo: WriteTree) -> None:
    repo({"agreements/demo/2021.yaml": PLANNED_2021})
    assert run("dagsorden", "demo", "--format", "pdf")[1] == "skrev build/demo/2021/dagsorden.pdf\n"
    assert run("referat", "demo", "--format", "pdf")[1] == "skrev build/demo/2020/referat.pdf\n"
    assert run("aftaledokument", "demo", "--format", "pdf")[1] == "skrev build/demo/2020/aftaledokument.pdf\n"
    (Path("agreements/demo/2021.yaml")).write_text(HELD_2021, encoding="utf-8")
    assert run("dagsorden", "demo", "--format", "pdf")[1] == "skrev build/demo/2022/dagsorden.pdf\n"
    assert run("referat", "demo", "--format", "pdf")[1] == "skrev build/demo/2021/referat.pdf\n"


def test_ny_refuses_while_the_latest_round_is_planned(repo: WriteTree) -> None:
    repo()
    assert run("ny", "demo", "--dato", "2021-10-27")[0] == 0
    code, output = run("ny", "demo")
    assert (code, output) == (2, "fejl: runden 2021 er planlagt, men ikke holdt endnu (agreements/demo/2021.yaml "
                                 "har intet referat, ingen status og ingen nye aftaler). Skriv mødets udfald i den, "
                                 "før du opretter næste runde.\n")
    assert not Path("agreements/demo/2022.yaml").exists()


def test_byg_renders_the_held_rounds_minutes_and_the_planned_rounds_agenda(repo: WriteTree, tmp_path: Path) -> None:
    repo({"agreements/demo/2021.yaml": PLANNED_2021})
    assert run("byg")[0] == 0
    made = sorted(p.relative_to(tmp_path / "build").as_posix() for p in (tmp_path / "build").rglob("*.pdf"))
    assert made == ["demo/2020/aftaledokument.pdf", "demo/2020/referat.pdf", "demo/2021/dagsorden.pdf"]


# --- approval and signatures ------------------------------------------------------------------------

APPROVED = """\
godkendt:
  referat: 2020-11-10
  aftaledokument:
    kommune: 2020-11-20
    boligorganisation: 2020-11-24
"""


def test_a_referat_is_a_draft_until_approved_and_an_aftaledokument_until_signed(repo: WriteTree,
                                                                               tmp_path: Path) -> None:
    from tests.conftest import ROUND_2020

    root = repo()
    draft = _views(root, "demo", 2020)
    assert draft["referat"].title == "Referat – udkast" and draft["referat"].running.endswith("– udkast")
    assert draft["aftaledokument"].title == "Aftaledokument – udkast"
    assert draft["dagsorden"].title == "Dagsorden"
    (root / "agreements/demo/2020.yaml").write_text(ROUND_2020 + APPROVED, encoding="utf-8")
    final = _views(root, "demo", 2020)
    assert final["referat"].title == "Referat" and "udkast" not in final["referat"].running
    assert final["aftaledokument"].title == "Aftaledokument"
    assert [s.date.value for s in final["aftaledokument"].signatures] == ["20.\u00a0november\u00a02020",
                                                                          "24.\u00a0november\u00a02020"]
    code, output = run("aftaledokument", "demo", "--format", "pdf")
    assert code == 0, output
    text = pdf_text(tmp_path / "build/demo/2020/aftaledokument.pdf")
    assert ("Underskrevet af Testby Kommune den 20. november 2020 og af Boligselskabet Test den 24. november 2020."
            in text and "udkast" not in text)


def test_status_lists_rounds_awaiting_approval_or_signature(repo: WriteTree) -> None:
    from tests.conftest import ROUND_2020

    repo({"agreements/demo/2020.yaml": ROUND_2020 + "godkendt:\n  referat: 2020-11-10\n",
          "agreements/demo/2021.yaml": PLANNED_2021})
    lines = run("status", "--dato", "2021-01-01")[1].splitlines()
    assert lines[-2:] == ["Afventer: demo 2020: aftaledokumentet er ikke underskrevet af begge parter.",
                          "2 åbne punkter, 0 med overskredet frist pr. 1. januar 2021."]


# --- messages that point at the cause --------------------------------------------------------------

def test_participants_written_as_one_text_are_a_warning(repo: WriteTree) -> None:
    repo({"agreements/demo/2021.yaml": "møde:\n  deltagere: Anna Andersen, Bo Berg, Cecilie Cort\n"})
    assert run("tjek") == (0, "agreements/demo/2021.yaml:2:14: advarsel: 'deltagere' står som én tekst med kommaer "
                              "('Anna Andersen, Bo Berg, Cecilie Cort') og bliver vist som ét navn. Skriv ét navn pr. "
                              "linje med '- ' foran.\nTjekket 1 dialog, 3 filer: 1 advarsel.\n")


def test_ny_writes_lists_a_secretary_can_extend(repo: WriteTree) -> None:
    """A bullet written under what ny wrote is read as the list's first entry, not an indentation error."""
    repo()
    assert run("ny", "demo", "--dato", "2021-10-27")[0] == 0
    path = Path("agreements/demo/2021.yaml")
    text = path.read_text(encoding="utf-8")
    assert "[]" not in text
    extended = text.replace("  - titel: Dokumentationspakken\n    referat:\n",
                            "  - titel: Dokumentationspakken\n    referat:\n      - Helhedsplan på vej.\n")
    assert extended != text
    extended = extended.replace("  deltagere:", "  deltagere:\n    - Anna Andersen", 1)
    path.write_text(extended, encoding="utf-8")
    assert run("tjek")[0] == 0
    report = check(Path.cwd())
    round_ = report.repository.dialog("demo").round(2021)  # type: ignore[union-attr]
    assert round_.punkter[0].referat[0].text == "Helhedsplan på vej."
    assert [p.navn for p in round_.moede.deltagere] == ["Anna Andersen"]  # type: ignore[union-attr]


# --- a new dialogue ------------------------------------------------------------------------------

def test_ny_dialog_writes_a_dialog_yaml_that_tjek_accepts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("ny-dialog", "naestved-lejerbo", "--kommune", "Næstved Kommune", "--boligorganisation",
               "Lejerbo: Afd. 7") == (0, "skrev agreements/naestved-lejerbo/dialog.yaml. Opret den første runde "
                                         "med 'aftale ny naestved-lejerbo'.\n")
    text = (tmp_path / "agreements/naestved-lejerbo/dialog.yaml").read_text(encoding="utf-8")
    assert "# underskrivere:" in text and "afdelinger:" in text
    assert run("tjek") == (0, "Tjekket 1 dialog, 1 fil: ingen fejl.\n")
    dialog = check(tmp_path).repository.dialog("naestved-lejerbo")
    assert (dialog.kommune, dialog.boligorganisation) == ("Næstved Kommune", "Lejerbo: Afd. 7")  # type: ignore
    before = text
    assert run("ny-dialog", "naestved-lejerbo", "--kommune", "X", "--boligorganisation", "Y") == (
        2, "fejl: dialogen 'naestved-lejerbo' findes allerede (agreements/naestved-lejerbo) og bliver ikke "
           "overskrevet. Ret dens dialog.yaml i stedet, eller vælg et andet navn.\n")
    assert (tmp_path / "agreements/naestved-lejerbo/dialog.yaml").read_text(encoding="utf-8") == before
    assert run("ny-dialog", "Næstved Lejerbo", "--kommune", "X", "--boligorganisation", "Y") == (
        2, "fejl: 'Næstved Lejerbo' kan ikke bruges som navn på en dialog: navnet bliver en mappe og en del af "
           "adresser, så det må kun indeholde små bogstaver a-z, tal og bindestreg. Skriv fx 'naestved-lejerbo'.\n")
    assert run("ny", "naestved-lejerbo", "--dato", "2025-10-01")[0] == 0
    assert run("tjek")[0] == 0


# --- the secretary's year, as the README tells it ---------------------------------------------------

MEETING_NOTES = """\
    status: videreføres
    referat: [Drøftet på mødet.]
"""


def _readme_year() -> list[str]:
    """The lines of the README's "Årets gang" block: commands and the comments between them."""
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Årets gang.*?```sh\n(.+?)\n```", text, flags=re.S)
    assert block is not None
    return block.group(1).splitlines()


def test_the_readmes_year_works_line_by_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ny → dagsorden → the meeting's notes → referat and aftaledokument → godkendt → status → the next ny."""
    import shlex
    import shutil

    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    shutil.copy(ROOT / "aftale.yaml", tmp_path / "aftale.yaml")
    monkeypatch.chdir(tmp_path)
    import aftale.commands.vis_server

    # `aftale vis` serves until Ctrl+C; here it says where it runs and returns (tests/test_vis.py serves for real)
    monkeypatch.setattr(aftale.commands.vis_server, "serve", lambda start, only, port, ready, engine=None: ready(f"http://127.0.0.1:{port}/"))
    round_file = tmp_path / "agreements" / EXAMPLE / "2022.yaml"
    outputs = {}
    for line in _readme_year():
        if line.startswith("# efter mødet"):  # the secretary writes the meeting's outcome
            text = round_file.read_text(encoding="utf-8")
            assert "  kommunalanvisning:\n    # status:" in text
            text = text.replace("  kommunalanvisning:\n", "  kommunalanvisning:\n" + MEETING_NOTES, 1)
            text = text.replace("aftaler:\n", "aftaler:\n  - id: groen-omstilling\n    titel: Grøn omstilling\n", 1)
            round_file.write_text(text, encoding="utf-8")
            continue
        if line.startswith("# når referatet er godkendt"):
            with round_file.open("a", encoding="utf-8") as file:
                file.write("godkendt:\n  referat: 2022-11-10\n  aftaledokument:\n    kommune: 2022-11-20\n"
                           "    boligorganisation: 2022-11-24\n")
            continue
        args = shlex.split(line.split("#")[0])
        assert args[0] == ".venv/bin/aftale"
        code, output = run(*args[1:])
        assert code == 0, (line, output)
        outputs[args[1]] = output
    assert outputs["ny"].startswith("skrev agreements/naestved-lejerbo/2022.yaml med 4 åbne punkter")
    assert "skrev build/naestved-lejerbo/2022/dagsorden.pdf" in outputs["dagsorden"]
    assert outputs["vis"] == "Forhåndsvisningen kører på http://127.0.0.1:8000/ (stop med Ctrl+C).\n"
    assert "skrev build/naestved-lejerbo/2022/referat.pdf" in outputs["referat"]
    assert "skrev build/naestved-lejerbo/2022/aftaledokument.pdf" in outputs["aftaledokument"]
    referat = pdf_text(tmp_path / "build/naestved-lejerbo/2022/referat.pdf")
    assert "Referat – udkast" in referat and "Drøftet på mødet." in referat
    assert "Afventer: naestved-lejerbo 2022" not in outputs["status"]  # approved and signed
    assert "Afventer: naestved-lejerbo 2021" in outputs["status"]  # the example's older rounds still wait
    assert "groen-omstilling" in outputs["status"]  # the new point is open
    assert run("ny", EXAMPLE)[1].startswith("skrev agreements/naestved-lejerbo/2023.yaml")
    assert run("tjek")[0] == 0
