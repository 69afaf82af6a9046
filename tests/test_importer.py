"""aftale importer: earlier minutes (text, Word, PDF) become draft round files that aftale tjek accepts.

The seeds (real minutes, ``tests/fixtures/importer``) are imported as text and as Word files of three
shapes; every document aftale renders for the example is imported back; files it cannot read and a
round that exists stop it with a Danish error, exit 2 and nothing written.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import jsonschema
import pytest
from pypdf import PdfWriter

from aftale.commands.tjek import check
from aftale.importer.yamltext import scalar
from aftale.model import Dialog, Meeting
from aftale.schema import schema
from tests.conftest import EXAMPLE, ROOT, run, write_tree
from tests.documents import docx_paragraphs
from tests.seed_docx import SHAPES, seed_docx
from tests.yaml12 import load12

SEEDS = ROOT / "tests" / "fixtures" / "importer"
NAESTVED_2020, NAESTVED_2021, SLAGELSE, GENTOFTE, LEMVIG = sorted(p.name for p in SEEDS.glob("*.txt"))
SLUG = "naestved-lejerbo"
FOLDER = f"agreements/{SLUG}"
#: The example's dialog.yaml: the parties and the departments (the 2020 seed names Skovparken).
DIALOG = (ROOT / FOLDER / "dialog.yaml").read_text(encoding="utf-8")

#: What each seed's meeting is: the round, the facts and the participants (name, organisation, role).
MEETINGS: dict[str, tuple[int, dict[str, object], list[tuple[str, str | None, str | None]], list[str]]] = {
    NAESTVED_2020: (2020, {"dato": date(2020, 10, 27), "tid": "12:30–14:00", "sted": "Microsoft Teams",
                           "sagsnr": "03.11.04-G01-1-20", "referent": "Signe Sundberg Jørgensen"},
                    [(name, None, None) for name in (
                        "Michael Keis", "Ole Svendsen", "Lene Stange", "Janus Thygesen", "Thomas Carlsen",
                        "Randi Hørlyk Buse", "Jette Loman", "Ann Tennis", "Annika Mathiasen", "Christine Hald",
                        "Signe Sundberg Jørgensen")],
                    ["Kim Nielsen", "Rebecca Dalhoff Helqvist"]),
    NAESTVED_2021: (2021, {"bemaerkning": "Pga. Corona situationen i november/december 2021 afholdes dialogmøderne "
                                          "i februar/marts 2022."}, [], []),
    SLAGELSE: (2021, {"dato": date(2021, 5, 5), "referent": "Vini Lindhardt"}, [
        ("Ebbe Ahlgreen", "BoligKorsør", "formand"), ("Uffe Kjær", "BoligKorsør", "direktør"),
        ("Axel Larsen", "FOB", "formand"), ("Flemming Stenhøj Andersen", "FOB", "direktør"),
        ("Knud Glavind", "SB", "formand"), ("Arne Juul", "SB", "direktør"),
        ("John Dyrby Paulsen", "Slagelse Kommune", "borgmester"),
        ("Frank E. Andersen", "Slagelse Kommune", "kommunaldirektør"),
        ("Vini Lindhardt", "Slagelse Kommune", "social- og projektchef")], []),
    GENTOFTE: (2018, {"dato": date(2018, 4, 9), "tid": "17:00", "sted": "Udvalgsværelse A & B"},
               [(name, None, None) for name in (
                   "Anne Hjorth", "Bente Frimodt-Møller", "Ulrik Borch", "Jeanne Toxværd", "Kim Tverskov",
                   "Mette Wolstrup Nørlev", "Michael Hedegaard Jensen", "Leif Madsen", "Momodou Keita",
                   "Ole Lund Petersen", "Jesper Dalhoff")],
               ["Katarina Ammitzbøll", "Annita Fjord Pedersen", "Lene Hjorth", "Sanne Thor Pohl"]),
    LEMVIG: (2022, {"dato": date(2022, 1, 12), "tid": "09:00", "sted": "Udvalgsværelse 1, Lemvig Rådhus"}, [], []),
}
#: The two points the 2020 referat's item 6 agrees, and what the 2021 referat follows up.
ITEM_6_2020 = ["Udvikling af samarbejdet mellem Kommune og boligselskab på det sociale plan",
               "Fleksibel udlejningsaftaler"]


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the example's dialogue and no round yet; the current folder is its root."""
    monkeypatch.chdir(tmp_path)
    return write_tree(tmp_path, {f"{FOLDER}/dialog.yaml": DIALOG})


def seed(name: str, folder: Path, as_name: str | None = None) -> Path:
    """A copy of the seed ``name`` in ``folder`` (where a secretary keeps last year's minutes)."""
    target = folder / "dokumenter" / (as_name or name)
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(SEEDS / name, target)
    return target


def dialog_of(root: Path) -> Dialog:
    report = check(root)
    assert report.errors == 0, report.lines()
    found = report.repository.dialog(SLUG)
    assert found is not None
    return found


def round_files(root: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((root / FOLDER).glob("*.yaml"))
            if p.name != "dialog.yaml"}


def people(meeting: Meeting) -> list[tuple[str, str | None, str | None]]:
    return [(p.navn, p.organisation, p.rolle) for p in meeting.deltagere]


@pytest.mark.parametrize("name", sorted(MEETINGS))
def test_each_seed_imports_into_an_empty_dialogue_with_its_meeting(empty: Path, name: str) -> None:
    year, facts, present, absent = MEETINGS[name]
    code, output = run("importer", SLUG, str(seed(name, empty)))
    assert code == 0, output
    assert f"skrev {FOLDER}/{year}.yaml ud fra {name} (et referat, runden {year})" in output
    code, output = run("tjek", "--streng")
    assert (code, output.splitlines()[-1]) == (0, f"Tjekket 1 dialog, {len(round_files(empty)) + 1} filer: ingen fejl.")
    for path in (empty / FOLDER).glob("2*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../aftale.schema.json\n")
        jsonschema.validate(load12(path), schema("runde"))  # as an editor (YAML 1.2) sees it
    round_ = dialog_of(empty).round(year)
    assert round_ is not None and round_.moede is not None
    meeting = round_.moede
    for field, value in facts.items():
        assert getattr(meeting, field) == value, field
    for field in ("dato", "tid", "sted", "sagsnr", "referent", "bemaerkning"):
        if field not in facts:
            assert getattr(meeting, field) is None, field
    assert people(meeting) == present
    assert [p.navn for p in meeting.fravaerende] == absent


def test_the_2020_referat_gives_next_years_agenda_with_exactly_its_item_6_open(empty: Path) -> None:
    """The README's promise: last year's referat in, this year's dagsorden with the right open points out."""
    code, output = run("importer", SLUG, str(seed(NAESTVED_2020, empty)))
    assert code == 0, output
    code, output = run("dagsorden", SLUG, "--format", "docx")
    assert code == 0, output
    paragraphs = docx_paragraphs(empty / "build" / SLUG / "2021" / "dagsorden.docx")
    headings = [(style, text) for style, text in paragraphs if style in ("Heading 1", "Heading 2")]
    assert headings[0] == ("Heading 1", "1. Opfølgning på aftaledokument fra 2020")
    follow_up = [text for style, text in headings[1:3]]
    assert follow_up == [f"{letter} {title}" for letter, title in zip(("1/2020", "2/2020"), ITEM_6_2020)]
    assert headings[3][0] == "Heading 1"  # item 2 comes next: nothing else is open


def test_the_first_document_records_the_earlier_points_it_follows_up_in_a_round_of_their_own(empty: Path) -> None:
    run("importer", SLUG, str(seed(NAESTVED_2020, empty)))
    earlier = (empty / FOLDER / "2019.yaml").read_text(encoding="utf-8")
    assert "# tjek: året 2019 er gættet" in earlier
    found = dialog_of(empty).round(2019)
    assert found is not None and found.moede is None and not found.punkter
    assert [p.titel for p in found.aftaler] == [
        "Næstved Kommune går videre med ønsket om social vicevært",
        "Kontaktoplysninger på Gadeteam og Pensionsgruppen medsendes i referatet",
        "Lejerbo, udarbejder et dokument omkring fleksibel udlejning som sendes til Næstved Kommune",
        "Der ønskes en bedre orientering omkring nybyggeri"]
    follow_ups = dialog_of(empty).round(2020).opfoelgning  # type: ignore[union-attr]
    assert [f.id for f in follow_ups] == [p.id for p in found.aftaler]
    text = (empty / FOLDER / "2020.yaml").read_text(encoding="utf-8")
    assert "    status: videreføres  # tjek: læst af teksten: 'videreføres'" in text


@pytest.mark.parametrize("together", [True, False], ids=["i-et-hug", "hver-for-sig"])
def test_2021_follows_up_the_points_the_2020_import_agreed(empty: Path, together: bool) -> None:
    newer, older = seed(NAESTVED_2021, empty), seed(NAESTVED_2020, empty)
    if together:  # given newest first: the importer takes them oldest first
        code, output = run("importer", SLUG, str(newer), str(older))
        assert code == 0, output
        assert output.index("2020.yaml ud fra") < output.index("2021.yaml ud fra")
    else:
        assert run("importer", SLUG, str(older))[0] == 0
        assert run("importer", SLUG, str(newer))[0] == 0
    dialog = dialog_of(empty)
    agreed = dialog.round(2020).aftaler  # type: ignore[union-attr]
    assert [p.titel for p in agreed] == ITEM_6_2020
    followed = dialog.round(2021).opfoelgning  # type: ignore[union-attr]
    assert [f.id for f in followed] == [p.id for p in agreed]
    assert [f.status.value if f.status else None for f in followed] == ["videreføres", "i gang"]
    assert sorted(round_files(empty)) == ["2019.yaml", "2020.yaml", "2021.yaml"]


def _import_text(path: Path) -> dict[str, str]:
    """The files an import of ``path`` would write (``--ud -``), without the lines naming the file it came from."""
    code, output = run("importer", SLUG, str(path), "--ud", "-")
    assert code == 0, output
    return {name: "\n".join(line for line in text.splitlines() if path.name not in line)
            for name, text in _split(output).items()}


def _split(output: str) -> dict[str, str]:
    files: dict[str, list[str]] = {}
    current = "eneste"
    for line in output.splitlines():
        if line.startswith("# --- "):
            current = line.removeprefix("# --- ").removesuffix(" ---")
            continue
        if line.startswith(("skrev ", "ville skrive ", "  møde:", "  opfølgning:", "  punkter:", "Gennemgå")):
            continue
        files.setdefault(current, []).append(line)
    return {name: "\n".join(lines) for name, lines in files.items()}


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, dict[str, str]]]]:
    """A repository with the empty dialogue for imports to standard output, and each seed's text import there."""
    root = write_tree(tmp_path_factory.mktemp("former"), {f"{FOLDER}/dialog.yaml": DIALOG})
    with contextlib.chdir(root):
        yield root, {name: _import_text(seed(name, root)) for name in MEETINGS}
    assert not round_files(root)  # --ud - writes nothing


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("name", sorted(MEETINGS))
def test_a_seed_written_as_word_imports_to_the_same_round_as_its_text(
        shapes: tuple[Path, dict[str, dict[str, str]]], name: str, shape: str) -> None:
    """Word's headings and numbered lists, bold items with typed numbers, a table of the meeting's facts."""
    root, from_text = shapes
    word = seed_docx((SEEDS / name).read_text(encoding="utf-8"), shape, root / "dokumenter" / f"{name[:-4]}.docx")
    with contextlib.chdir(root):
        assert _import_text(word) == from_text[name]


def test_word_numbering_and_a_facts_table_are_read_as_such(empty: Path) -> None:
    """The shapes differ where it matters: Word's numbers are not in the text, and the facts are in cells."""
    headings = seed_docx((SEEDS / NAESTVED_2020).read_text(encoding="utf-8"), "overskrifter", empty / "a.docx")
    paragraphs = docx_paragraphs(headings)
    assert ("Heading 1", "Opfølgning på aftaledokument") in paragraphs
    assert ("List Paragraph", "Udvikling af samarbejdet mellem Kommune og boligselskab på det sociale plan.") in \
        paragraphs
    table = seed_docx((SEEDS / NAESTVED_2020).read_text(encoding="utf-8"), "tabel", empty / "b.docx")
    cells = docx.Document(str(table)).tables[0].rows[0].cells
    assert [cell.text for cell in cells] == ["Mødedato", "27. oktober 2020"]


def _example_repository(root: Path, before: int) -> None:
    """The example's dialogues with their rounds before ``before`` (a point of the example's dialogue is overført to
    the joint dialogue, whose rounds follow it up)."""
    for source in (ROOT / "agreements").iterdir():
        folder = root / "agreements" / source.name
        folder.mkdir(parents=True)
        for path in source.glob("*.yaml"):
            if path.name == "dialog.yaml" or int(path.stem) < before:
                shutil.copyfile(path, folder / path.name)


def _states(dialog: Dialog, year: int, before: bool = False) -> list[tuple[str, str | None, bool]]:
    from aftale.ledger import replay

    ledger = replay(dialog)
    state = ledger.before(year) if before else ledger.after(year)
    return [(p.point.titel, p.status.value if p.status else None, p.is_open) for p in (state.points if state else ())]


EXAMPLE_FILES = [f"{document}.{suffix}" for document in
                 ("2019/dagsorden", "2019/referat", "2019/aftaledokument", "2020/dagsorden", "2020/referat",
                  "2020/aftaledokument", "2021/dagsorden", "2021/referat", "2021/aftaledokument", "2022/dagsorden")
                 for suffix in ("docx", "pdf")]


@pytest.fixture(scope="module")
def original() -> Dialog:
    """The example's dialogue as its files say."""
    found = check(ROOT).repository.dialog(EXAMPLE)
    assert found is not None
    return found


@pytest.mark.parametrize("document", EXAMPLE_FILES)
def test_every_document_aftale_renders_imports_back_to_its_points_statuses_and_people(
        example: Path, original: Dialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: str) -> None:
    """Import a rendered document into the example's rounds before it: the ledger is the example's again."""
    year, kind = int(document[:4]), document[5:].split(".")[0]
    _example_repository(tmp_path, year)
    monkeypatch.chdir(tmp_path)
    code, output = run("importer", SLUG, str(example / document))
    assert code == 0, output
    assert f"runden {year})" in output
    imported = dialog_of(tmp_path)
    round_ = imported.round(year)
    assert round_ is not None
    written = (tmp_path / FOLDER / f"{year}.yaml").read_text(encoding="utf-8")
    assert not re.search(r"Side \d+ af \d+|Tilsyn med almene boliger", written)  # no page header or footer
    if kind == "dagsorden":  # the open points, followed up with nothing yet; everyone invited
        open_before = [s for s in _states(original, year, before=True) if s[2]]
        followed = {f.id for f in round_.opfoelgning}
        assert [s for s in _states(imported, year) if s[2] and s[0] in
                {p.titel for r in imported.rounds for p in r.aftaler if p.id in followed}] == open_before
        assert not round_.held
    else:
        assert _states(imported, year) == _states(original, year)
    expected = original.round(year)
    meeting = expected.moede if expected is not None else None
    if kind == "referat":
        assert people(round_.moede) == people(meeting) if meeting else round_.moede is None  # type: ignore[arg-type]
        assert [p.navn for p in (round_.moede.fravaerende if round_.moede else ())] == \
            [p.navn for p in (meeting.fravaerende if meeting else ())]
    elif kind == "dagsorden":
        invited = sorted(p.navn for p in (*meeting.deltagere, *meeting.fravaerende)) if meeting else []
        found = sorted(p.navn for p in (*round_.moede.deltagere, *round_.moede.fravaerende)) if round_.moede else []
        assert found == invited


def test_an_aftaledokument_brings_its_signatures_and_themes(example: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _example_repository(tmp_path, 2020)
    monkeypatch.chdir(tmp_path)
    assert run("importer", SLUG, str(example / "2020" / "aftaledokument.pdf"))[0] == 0
    imported = dialog_of(tmp_path).round(2020)
    assert imported is not None and imported.godkendt is not None and imported.godkendt.aftaledokument is not None
    signed = imported.godkendt.aftaledokument
    assert (signed.kommune, signed.boligorganisation) == (date(2020, 11, 20), date(2020, 11, 24))
    _example_repository(tmp_path / "b", 2021)
    monkeypatch.chdir(tmp_path / "b")
    assert run("importer", SLUG, str(example / "2021" / "aftaledokument.docx"))[0] == 0
    text = (tmp_path / "b" / FOLDER / "2021.yaml").read_text(encoding="utf-8")
    assert "    tema: Udlejning" in text
    assert "# tjek: aftalen har en indikator i dokumentet, som ikke er læst" in text


def test_the_same_document_gives_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = []
    for name in ("a", "b"):
        root = write_tree(tmp_path / name, {f"{FOLDER}/dialog.yaml": DIALOG})
        monkeypatch.chdir(root)
        assert run("importer", SLUG, str(seed(NAESTVED_2020, root)))[0] == 0
        found.append(round_files(root))
    assert found[0] == found[1]


def test_a_windows_text_file_with_spaces_and_danish_letters_in_its_name(empty: Path) -> None:
    """cp1252 and CRLF, as Notepad saved it before UTF-8; the round's year from the file's name."""
    path = empty / "Referat styringsdialog 2020 – Næstved.txt"
    text = (SEEDS / NAESTVED_2020).read_text(encoding="utf-8").replace("\n", "\r\n").replace("–", "-")
    path.write_bytes(text.encode("cp1252"))
    code, output = run("importer", SLUG, str(path))
    assert code == 0, output
    meeting = dialog_of(empty).round(2020).moede  # type: ignore[union-attr]
    assert meeting is not None and meeting.deltagere[5].navn == "Randi Hørlyk Buse"
    assert "# tjek: runden er sat til 2020 ud fra filnavnet" in (empty / FOLDER / "2020.yaml").read_text("utf-8")


TRICKY = ["Ja", "nej", "2021", "12:30", "- Der skal", "#1 prioritet", "*stjerne*", "&amp", "!vigtigt", "{x}",
          "[a]", "%", "@Lejerbo", "`kode`", "2020-10-27", "Pension: 5588 1320", "Mål: 25 %", "null", "~",
          "'citat'", '"citat"', "Tekst # med hash", "Kolon til sidst:"]


@pytest.mark.parametrize("text", TRICKY)
def test_a_text_that_yaml_would_misread_is_quoted(text: str) -> None:
    import yaml

    assert yaml.safe_load(f"titel: {scalar(text)}") == {"titel": text}


def test_titles_that_yaml_would_misread_come_back_as_they_were(empty: Path) -> None:
    """A document whose items and agreements have such titles: tjek accepts the file, the titles are intact."""
    items = ["Ja", "Nej", "Pension: 5588 1320", "Mål: 25 %", "Tekst # med hash", "Null"]
    points = [t for t in TRICKY if not t.startswith(("-", "~")) and not t.endswith(":")]
    lines = ["Referat", "Styringsdialog 2020 mellem Næstved Kommune og Lejerbo", "",
             *(f"{n}. {t}\nTekst om punktet." for n, t in enumerate(items, start=1)),
             f"{len(items) + 1}. Udarbejdelse af aftaledokument", *(f"- {t}" for t in points)]
    path = empty / "tricky.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = run("importer", SLUG, str(path))
    assert code == 0, output
    assert run("tjek", "--streng")[0] == 0
    jsonschema.validate(load12(empty / FOLDER / "2020.yaml"), schema("runde"))
    round_ = dialog_of(empty).round(2020)
    assert round_ is not None
    assert [item.titel for item in round_.punkter] == items
    assert [point.titel for point in round_.aftaler] == points
    assert all(point.id.replace("-", "").isalnum() and point.id.isascii() for point in round_.aftaler)


def _pdf_without_text() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _encrypted_pdf(example: Path) -> bytes:
    writer = PdfWriter(clone_from=str(example / "2020" / "referat.pdf"))
    writer.encrypt("hemmelig", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("name, content, message", [
    ("skannet.pdf", _pdf_without_text(),
     "fejl: 'skannet.pdf' har ingen tekst, der kan læses; den er måske scannet som billeder. Brug en udgave med "
     "tekst (fx Word-filen), eller kør tekstgenkendelse (OCR) på PDF'en først."),
    ("billede.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
     "fejl: 'billede.png' er ikke et dokument, der kan læses. aftale importer læser Word (.docx), PDF med tekst og "
     "almindelig tekst (.txt)."),
    ("referat.docx", "Referat\n1. Dokumentationspakken\n".encode(),
     "fejl: 'referat.docx' hedder .docx, men er ikke et Word-dokument: filen kan ikke læses. Måske er den "
     "beskadiget eller omdøbt; åbn den i det program, der lavede den, og gem den igen."),
    ("regneark.docx", b"PK\x03\x04" + bytes(40),
     "fejl: 'regneark.docx' er ikke et Word-dokument (.docx), men en anden slags fil i zip-format. aftale importer "
     "læser Word (.docx), PDF med tekst og almindelig tekst (.txt)."),
])
def test_a_file_that_cannot_be_read_is_a_danish_error_and_nothing_is_written(
        empty: Path, name: str, content: bytes, message: str) -> None:
    (empty / name).write_bytes(content)
    good = seed(NAESTVED_2020, empty)
    code, output = run("importer", SLUG, str(good), name)  # the readable one is not written either
    assert (code, output) == (2, message + "\n")
    assert not round_files(empty)


def test_an_encrypted_pdf_is_a_danish_error(example: Path, empty: Path) -> None:
    (empty / "låst.pdf").write_bytes(_encrypted_pdf(example))
    code, output = run("importer", SLUG, "låst.pdf")
    assert (code, output) == (2, "fejl: 'låst.pdf' er beskyttet med adgangskode, så teksten kan ikke læses. Gem en "
                                 "udgave uden adgangskode, og prøv igen.\n")
    assert not round_files(empty)


def test_an_existing_round_file_is_never_overwritten(empty: Path) -> None:
    mine = "møde:\n  sted: Rådhuset\n"
    (empty / FOLDER / "2021.yaml").write_text(mine, encoding="utf-8")
    code, output = run("importer", SLUG, str(seed(NAESTVED_2020, empty)), str(seed(NAESTVED_2021, empty)))
    assert (code, output) == (2, f"fejl: runden 2021 findes allerede ('{FOLDER}/2021.yaml') og bliver ikke "
                                 "overskrevet. Intet er skrevet. Slet eller omdøb filen først, hvis den skal laves "
                                 "igen ud fra dokumentet.\n")
    assert round_files(empty) == {"2021.yaml": mine}  # nor 2019 and 2020 of the other document


def test_importing_the_same_document_twice_stops_at_the_second(empty: Path) -> None:
    path = seed(NAESTVED_2020, empty)
    assert run("importer", SLUG, str(path))[0] == 0
    before = round_files(empty)
    code, output = run("importer", SLUG, str(path))
    assert code == 2 and output.startswith(f"fejl: runden 2020 findes allerede ('{FOLDER}/2020.yaml')")
    assert round_files(empty) == before


def test_year_option_and_its_limits(empty: Path) -> None:
    path = empty / "uden-aar.txt"
    path.write_text("Referat\n\n1. Dokumentationspakken\n- Alt ser fint ud.\n", encoding="utf-8")
    code, output = run("importer", SLUG, str(path))
    assert (code, output) == (2, "fejl: kan ikke se, hvilket års runde 'uden-aar.txt' er: dokumentet nævner hverken "
                                 "'Styringsdialog ÅR', en opfølgning på et års aftaledokument eller en mødedato. "
                                 "Angiv året med --år, fx --år 2021.\n")
    code, output = run("importer", SLUG, str(path), "--år", "2017")
    assert code == 0, output
    assert "# tjek: runden" not in (empty / FOLDER / "2017.yaml").read_text(encoding="utf-8")
    code, output = run("importer", SLUG, str(path), str(path), "--år", "2018")
    assert (code, output) == (2, "fejl: --år kan kun bruges med én fil ad gangen, for hver fil er sin egen runde. "
                                 "Importer filerne hver for sig, eller udelad --år, så året læses af hver fil.\n")


def test_standard_output_instead_of_files(empty: Path) -> None:
    code, output = run("importer", SLUG, str(seed(NAESTVED_2020, empty)), "--ud", "-")
    assert code == 0
    assert output.startswith(f"# --- {FOLDER}/2019.yaml ---\n# yaml-language-server:")
    assert f"# --- {FOLDER}/2020.yaml ---\n" in output
    assert f"ville skrive {FOLDER}/2020.yaml ud fra" in output
    assert not round_files(empty)


def test_the_help_is_danish() -> None:
    code, output = run("importer", "--help")
    assert code == 0
    assert "Læs tidligere referater og aftaledokumenter ind som udkast til runder." in output
    assert "--år ÅR" in output and "--ud -" in output


def test_the_readme_shows_what_the_import_of_last_years_referat_writes(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's section on importing: its commands, the report and the lines of the files it shows."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Start med det, I allerede har"):]
    section = section[:section.index("\n## ", 1)]
    commands, report, *files = re.findall(r"```(?:sh|yaml|)\n(.+?)\n```", section, flags=re.S)
    monkeypatch.chdir(tmp_path)
    seed_docx((SEEDS / NAESTVED_2020).read_text(encoding="utf-8"), "overskrifter",
              tmp_path / "Referat styringsdialog 2020.docx")
    for line in commands.splitlines():
        code, output = run(*shlex.split(line)[1:])
        assert code == 0, output
        if shlex.split(line)[1] == "importer":
            assert output.splitlines()[:5] == report.splitlines()
    written = "\n".join(round_files(tmp_path).values())
    for block in files:
        for line in block.splitlines():
            assert line in written.splitlines(), line
    headings = [text for style, text in docx_paragraphs(tmp_path / "build" / SLUG / "2021" / "dagsorden.docx")
                if style == "Heading 2"]
    assert headings == [f"{letter} {title}" for letter, title in zip(("1/2020", "2/2020"), ITEM_6_2020)]
    assert all(title in " ".join(section.split()) for title in ITEM_6_2020)


MATCHING = {
    "agreements/demo/dialog.yaml": "kommune: Testby Kommune\nboligorganisation: Boligselskabet Test\n",
    "agreements/demo/2020.yaml": """\
        møde:
          dato: 2020-10-27
        aftaler:
          - id: social-vicevaert
            titel: Social vicevært i Skovparken
          - id: udlejning
            titel: Fleksibel udlejning
        """,
    "referat-2021.txt": """\
        Referat
        Styringsdialog 2021 mellem Testby Kommune og Boligselskabet Test

        1. Opfølgning på aftaledokument fra 2020
        a) Socialvicevært i Skovparken og Nordparken
        - Arbejdet er i gang.
        b) Fleksibel udlejning
        - Punktet er opfyldt.
        c) Grønne tage
        - Tagene er lagt.
        2. Eventuelt
        Intet.
        """,
}


def test_follow_ups_are_matched_by_title_and_what_is_uncertain_or_unknown_is_marked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(write_tree(tmp_path, MATCHING))
    code, output = run("importer", "demo", "referat-2021.txt")
    assert code == 0, output
    assert "  opfølgning: 2 punkter (1 matchet usikkert på titlen, 2 med status læst af teksten, 1 uden match, " \
           "skrevet som kommentar)." in output.splitlines()
    text = (tmp_path / "agreements/demo/2021.yaml").read_text(encoding="utf-8")
    assert ("  social-vicevaert:  # tjek: 'Socialvicevært i Skovparken og Nordparken' er matchet på titlen med "
            "'Social vicevært i Skovparken' (aftalt 2020, 78 % ens); ret id'et, hvis det er et andet punkt") in text
    assert "  udlejning:\n    status: opfyldt  # tjek: læst af teksten: 'er opfyldt'\n" in text  # a certain match
    assert ("  # tjek: 'Grønne tage' svarer ikke til noget åbent punkt, og runden før findes allerede; skriv punktets "
            "id her, eller tilføj punktet i den runde, det blev aftalt i:\n  # id-paa-punktet:\n"
            "  #   referat:\n  #     - Tagene er lagt.\n") in text
    assert run("tjek", "--streng")[0] == 0
    followed = check(tmp_path).repository.dialog("demo").round(2021).opfoelgning  # type: ignore[union-attr]
    assert [(f.id, f.status.value if f.status else None) for f in followed] == [("social-vicevaert", "i gang"),
                                                                                ("udlejning", "opfyldt")]


def test_a_municipal_agenda_items_fields_and_a_closed_item(empty: Path) -> None:
    """Gentofte's Sags ID, Resumé, Baggrund, Indstilling, Beslutninger and Bilag; Lemvig's closed item."""
    assert run("importer", SLUG, str(seed(GENTOFTE, empty)), str(seed(LEMVIG, empty)))[0] == 0
    dialog = dialog_of(empty)
    gentofte = dialog.round(2018).punkter  # type: ignore[union-attr]
    assert [(item.titel, item.lukket, item.sagsnr) for item in gentofte] == [
        ("Dagsorden til femte møde i opgaveudvalget om Boligsocial Indsats", False, "EMN-2018-01605")]
    item = gentofte[0]
    assert item.resume[0].text.startswith("På Kommunalbestyrelsens møde den 20. maj 2017")  # type: ignore[union-attr]
    assert item.sagsfremstilling[0].text.startswith("Formålet med femte møde")  # type: ignore[union-attr]
    assert "At orienteringen tages til efterretning." in [b.text for b in item.indstilling]  # type: ignore[union-attr]
    assert item.beslutning[0].text.startswith("Formand for opgaveudvalget, Anne Hjorth")  # type: ignore[union-attr]
    assert [name.value for name in item.bilag] == ["Produkt - Boligsocial Indsats - UDKAST (2253913 - EMN-2018-01605)"]
    lemvig = dialog.round(2022)
    assert lemvig is not None
    assert [(item.lukket, item.sagsnr) for item in lemvig.punkter] == [(False, "03.30.05P20-1-18"),
                                                                      (True, "00.01.00I00-3-21")]
    assert "  - titel: Lukket punkt  # tjek: punktet er lukket og har ingen titel i dokumentet; skriv punktets " \
           "titel\n    lukket: ja\n" in (empty / FOLDER / "2022.yaml").read_text(encoding="utf-8")


def test_participants_with_apologies_and_roles_written_on_one_line(empty: Path) -> None:
    (empty / "referat.txt").write_text(
        "Referat\nStyringsdialog 2020 mellem Næstved Kommune og Lejerbo\n\n"
        "Deltagere: Formand Karen Hansen, direktør Peter Jensen (afbud) og Ole Svendsen (referent)\n\n"
        "1. Dokumentationspakken\n- Alt er i orden.\n", encoding="utf-8")
    assert run("importer", SLUG, "referat.txt")[0] == 0
    meeting = dialog_of(empty).round(2020).moede  # type: ignore[union-attr]
    assert meeting is not None
    assert people(meeting) == [("Karen Hansen", None, "formand"), ("Ole Svendsen", None, None)]
    assert [(p.navn, p.rolle) for p in meeting.fravaerende] == [("Peter Jensen", "direktør")]
    assert meeting.referent == "Ole Svendsen"


def test_an_aftaledokument_of_another_making_is_a_list_of_new_points(empty: Path) -> None:
    (empty / "aftaledokument.txt").write_text(
        "Aftaledokument\nStyringsdialog 2021 mellem Næstved Kommune og Lejerbo\n\n"
        "1. Social vicevært\nAnsvarlig: Jette Loman\nFrist: 31. december 2022\n"
        "2. Fokus på biodiversitet i afdelingerne\nAfdelinger: Skovparken og Gelsted\n", encoding="utf-8")
    assert run("importer", SLUG, "aftaledokument.txt")[0] == 0
    points = dialog_of(empty).round(2021).aftaler  # type: ignore[union-attr]
    assert [(p.id, p.titel, p.ansvarlig, p.frist, [a.value for a in p.afdelinger]) for p in points] == [
        ("social-vicevaert", "Social vicevært", "Jette Loman", date(2022, 12, 31), []),
        ("biodiversitet", "Fokus på biodiversitet i afdelingerne", None, None, ["Skovparken", "Gelsted"])]
