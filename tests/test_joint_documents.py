"""The documents of joint dialogues, as a reader sees them: the example's joint dialogue (naestved-faelles) and the
joint repository of ``tests/test_joint.py``.

The joint dialogue's dagsorden, referat and aftaledokument name every organisation at the table (participants by
organisation) and have a signature for the kommune and each organisation; item 1 of its dagsorden lists the point
overført to it; an individual aftaledokument shows the open joint points that bind it (*Fælles aftaler*), and not
those that bind only another organisation. ``byg`` rebuilds an individual aftaledokument when a joint round of its
year changes, and not for a later one; ``udgiv`` gives the joint dialogue a page and the redegørelse its meeting and
the joint agreements under each organisation, and no byte of the site or a public edition holds a word of the joint
meeting's closed item. DOCX, and the PDFs of both engines.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, EXAMPLE_JOINT, EXAMPLE_SECOND, ROOT, run, write_tree
from tests.documents import docx_text, in_order, pdf_text
from tests.test_joint import joint_files
from tests.test_publish import _everything

#: What only the joint meeting's closed item holds: its title and its minutes.
CLOSED_ITEM = ("Genhusning af en enkelt familie", "Referatet af dette punkt er lukket")
PARTIES = "Fælles styringsdialog 2022 mellem Næstved Kommune, Lejerbo og Boligselskabet Suså"
KONTAKT = "Bedre kontakt til kommunen om beboere med psykiske udfordringer"
ONLY_LEJERBO = "Genhusning ved renoveringen af Vandtårnsparken tager hensyn til Manøvej og Præstøvej"
OVERSIGT = "Fælles oversigt over afdelingerne, inddelt i rød, gul og grøn, ajourføres hvert år"


def texts(folder: Path, name: str, pdf_folder: Path | None = None) -> list[str]:
    """The document ``name`` ("2022/referat") as python-docx reads its DOCX and as a PDF reader reads its PDF."""
    return [docx_text(folder / f"{name}.docx"), pdf_text((pdf_folder or folder) / f"{name}.pdf")]


@pytest.fixture
def joint_docs(example: Path, example_pdfs: Path) -> tuple[Path, Path]:
    """The example's joint dialogue's folder of documents: the DOCX, and the PDFs of the engine in turn."""
    return example.parent / EXAMPLE_JOINT, example_pdfs.parent / EXAMPLE_JOINT


def test_the_joint_dagsorden_invites_by_organisation_and_follows_up_the_point_overfoert_to_it(
        joint_docs: tuple[Path, Path]) -> None:
    for text in texts(*joint_docs[:1], "2022/dagsorden", joint_docs[1]):
        assert in_order(text, [
            "Dagsorden", PARTIES, "Inviterede fra Næstved Kommune", "Michael Keis", "Inviterede fra Lejerbo",
            "Ole Svendsen", "Inviterede fra Boligselskabet Suså", "Birgitte Holm (direktør)", "Henrik Vang (formand)",
            "1. Opfølgning på overførte punkter", f"3/2020 {KONTAKT}", "Aftalt: 2020", "Status: overført fra Lejerbo (2021)",
            "2. Fælles ansvar for beboersammensætningen"])


def test_the_joint_referat_lists_the_absent_by_organisation_and_who_each_agreement_binds(
        joint_docs: tuple[Path, Path]) -> None:
    for text in texts(joint_docs[0], "2022/referat", joint_docs[1]):
        assert in_order(text, [
            "Referat", PARTIES, "Deltagere fra Næstved Kommune", "Deltagere fra Lejerbo",
            "Deltagere fra Boligselskabet Suså", "Birgitte Holm (direktør)",
            "Henrik Vang (formand, afbud)", f"3/2020 {KONTAKT}", "Status: i gang", "Udarbejdelse af aftaledokument",
            f"1/2022 {OVERSIGT}", f"2/2022 {ONLY_LEJERBO}", "Gælder: Lejerbo"])
        assert "Gælder" not in text.split(f"1/2022 {OVERSIGT}")[1].split(f"2/2022 {ONLY_LEJERBO}")[0]


def test_the_joint_aftaledokument_names_every_organisation_and_has_a_signature_for_each(
        joint_docs: tuple[Path, Path]) -> None:
    for text in texts(joint_docs[0], "2022/aftaledokument", joint_docs[1]):
        assert in_order(text, [
            "Aftaledokument", PARTIES, "Kommune", "Næstved Kommune", "Boligorganisationer",
            "Lejerbo, Boligselskabet Suså", "Nye aftaler", OVERSIGT, ONLY_LEJERBO, "Gælder: Lejerbo",
            "Videreførte aftaler", KONTAKT, "Underskrifter",
            # signed by all three: who signed when, each with the signatory its dialog.yaml names
            "Underskrevet af Næstved Kommune (Michael Keis, Tilsynsleder) den 1. juli 2022, af Lejerbo den 5. juli "
            "2022 og af Boligselskabet Suså (Birgitte Holm, Direktør) den 5. juli 2022."])
        assert "Dato:" not in text.split("Underskrifter")[1]


def test_an_individual_aftaledokument_shows_the_joint_points_that_bind_it(example: Path, example_pdfs: Path) -> None:
    name = "2022/aftaledokument"
    for text in texts(example.parent / EXAMPLE_SECOND, name, example_pdfs.parent / EXAMPLE_SECOND):
        assert in_order(text, [
            "Videreførte aftaler", "Flere beboere i afdelingsbestyrelserne", "Fælles aftaler",
            "Aftaler fra Fælles styringsdialog (dialogmødet 14. juni 2022), som gælder for Boligselskabet Suså og "
            "stadig er åbne:", f"3/2020 {KONTAKT}", "Fælles dialogmøde: 14. juni 2022", "Aftalt: 2020", "Status: i gang",
            f"1/2022 {OVERSIGT}", "Fælles dialogmøde: 14. juni 2022", "Status: aftalt", "Afsluttet i 2022"])
        assert ONLY_LEJERBO not in text  # it binds only Lejerbo
    assert "Fælles aftaler" not in docx_text(example.parent / EXAMPLE_SECOND / "2021/aftaledokument.docx")


def test_the_point_overfoert_is_closed_in_its_own_dialogue_with_where_it_went(example: Path,
                                                                               example_pdfs: Path) -> None:
    for text in texts(example, "2021/referat", example_pdfs):
        assert in_order(text, [f"3/2020 {KONTAKT}", "Status: overført til Fælles styringsdialog"])
    for text in texts(example, "2021/aftaledokument", example_pdfs):
        assert in_order(text, ["Videreførte aftaler", "Overført i 2021", f"3/2020 {KONTAKT}",
                               "Status: overført til Fælles styringsdialog", "Afsluttet i 2021"])
    for text in texts(example, "2022/dagsorden", example_pdfs):
        assert KONTAKT not in text  # Lejerbo no longer follows it up


def test_after_a_joint_round_closes_a_point_the_next_individual_aftaledokument_no_longer_shows_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nord_2022 = "møde: {dato: 2022-10-25}\nopfølgning:\n  udlejning: {status: videreføres}\n"
    write_tree(tmp_path, joint_files(nord_2022=nord_2022))
    monkeypatch.chdir(tmp_path)
    for year in ("2021", "2022"):
        assert run("aftaledokument", "nord", year, "--ud", "ud")[0] == 0
    before, after = (docx_text(tmp_path / f"ud/nord/{year}/aftaledokument.docx") for year in ("2021", "2022"))
    assert in_order(before, ["Fælles aftaler", "Fælles styringsdialog i Testby (dialogmødet 15. juni 2021)",
                             "Fælles beboersammensætning", "Fælles dialogmøde: 15. juni 2021", "Status: aftalt"])
    assert "Kun for Syd" not in before  # its gælder names only Syd
    assert in_order(after, ["Fælles aftaler", "(dialogmødet 14. juni 2022)", "Kontakt om psykisk sårbare beboere",
                            "Status: videreføres", "Fælles oversigt over afdelingerne"])
    assert "Fælles beboersammensætning" not in after and "Kun for Syd" not in after  # closed in 2022; only Syd's


@pytest.fixture
def example_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example repository; cwd is its root."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "agreements", root / "agreements")
    shutil.copy(ROOT / "aftale.yaml", root / "aftale.yaml")
    monkeypatch.chdir(root)
    return root


def _written(output: str) -> set[str]:
    return {line.removeprefix("skrev build/") for line in output.splitlines() if line.startswith("skrev ")}


def test_byg_rebuilds_an_individual_aftaledokument_when_a_joint_round_of_its_year_changes(example_copy: Path) -> None:
    assert run("byg", "--alle")[0] == 0
    joint = example_copy / "agreements" / EXAMPLE_JOINT
    (joint / "2022.yaml").write_text(FAELLES_EVENTUELT, encoding="utf-8")
    code, output = run("byg", "--alle")
    written = _written(output)
    assert code == 0 and f"{EXAMPLE_SECOND}/2022/aftaledokument.pdf" in written
    assert f"{EXAMPLE_JOINT}/2022/aftaledokument.pdf" in written
    assert not {name for name in written if "/2021/" in name or "/2020/" in name or "/2019/" in name}
    (joint / "2023.yaml").write_text("møde: {dato: 2023-06-13}\n", encoding="utf-8")  # a later joint round
    code, output = run("byg", "--alle")
    assert code == 0 and f"{EXAMPLE_SECOND}/2022/aftaledokument.pdf" not in _written(output)
    assert f"{EXAMPLE_SECOND}/2023/dagsorden.pdf" in _written(output)
    assert "naestved-lejerbo/2021/aftaledokument.pdf" not in _written(output)


FAELLES_EVENTUELT = (ROOT / "agreements" / EXAMPLE_JOINT / "2022.yaml").read_text(encoding="utf-8") + \
    "\neventuelt: [Næste fælles dialogmøde holdes i juni 2023.]\n"


def test_udgiv_gives_the_joint_dialogue_a_page_and_the_redegoerelse_its_meeting(example_copy: Path) -> None:
    code, output = run("udgiv", "--format", "docx,pdf")
    assert code == 0, output
    site = example_copy / "site"
    front = (site / "index.html").read_text(encoding="utf-8")
    assert in_order(front, ["Boligorganisationer", "Boligselskabet Suså", "Lejerbo", "Fælles dialogmøder",
                            'href="dialog-naestved-faelles.html"', "Fælles styringsdialog"])
    page = (site / "dialog-naestved-faelles.html").read_text(encoding="utf-8")
    assert "Referater og aftaledokumenter fra de fælles dialogmøder mellem Næstved Kommune, Lejerbo og " \
           "Boligselskabet Suså, år for år." in page and "naestved-faelles-2022-aftaledokument.pdf" in page
    table = docx_text(site / "dokumenter/redegoerelse-2022.docx")  # in the PDF, the cells wrap line by line
    assert in_order(table, ["Dialogmøderne", "Boligselskabet Suså", "15. november 2022",
                            "Fælles styringsdialog (fælles dialogmøde)", "14. juni 2022", "28. juni 2022", "Lejerbo"])
    for text in (pdf_text(site / "dokumenter/redegoerelse-2022.pdf"), table):
        assert "(fælles dialogmøde)" in text and "28. juni 2022" in text
        suså, rest = text.split("Boligselskabet Suså Dialogmødet for 2022", 1)[1].split("Lejerbo Mødet for 2022", 1)
        assert in_order(suså, ["Fælles aftaler fra Fælles styringsdialog", OVERSIGT]) and ONLY_LEJERBO not in \
            suså.split("Fælles aftaler fra Fælles styringsdialog")[1].split("Fælles styringsdialog Dialogmødet")[0]
        assert in_order(rest, ["Fælles aftaler fra Fælles styringsdialog", OVERSIGT, ONLY_LEJERBO])


def test_no_public_byte_holds_a_word_of_the_joint_meetings_closed_item(example_copy: Path) -> None:
    assert run("udgiv", "--format", "docx,pdf")[0] == 0
    for kind in ("dagsorden", "referat"):
        assert run(kind, EXAMPLE_JOINT, "2022", "--offentlig", "--ud", "offentlig")[0] == 0
    seen = _everything(example_copy / "site") + _everything(example_copy / "offentlig")
    seen += "\n".join(p.read_text(encoding="utf-8") for p in (example_copy / "site").glob("*.html"))
    assert "Lukket punkt" in seen and "Fælles ansvar for beboersammensætningen" in seen  # the guard sees the files
    for secret in CLOSED_ITEM:
        assert secret not in seen
    internal = (example_copy / "agreements" / EXAMPLE_JOINT / "2022.yaml").read_text(encoding="utf-8")
    assert all(secret in internal for secret in CLOSED_ITEM)  # they are in the files, and kept out


def test_vis_shows_the_joint_dialogue(example_copy: Path) -> None:
    from aftale.commands.vis import Preview

    preview = Preview(example_copy)
    front = preview.answer("/").body.decode()
    assert "Fælles styringsdialog: Næstved Kommune, Lejerbo og Boligselskabet Suså" in front
    assert "/naestved-faelles/2022/referat" in front
    page = preview.answer("/naestved-faelles/2022/dagsorden")
    assert page.status == 200 and in_order(page.body.decode(), [
        "Inviterede fra Lejerbo", "Inviterede fra Boligselskabet Suså", "overført fra Lejerbo (2021)"])
    public = preview.answer("/naestved-faelles/2022/referat?offentlig").body.decode()
    assert "Lukket punkt" in public and not any(secret in public for secret in CLOSED_ITEM)

