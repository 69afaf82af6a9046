"""``aftale udgiv`` and ``aftale redegørelse`` through the command line: what the site holds, what it leaves
out and says, bytes that do not change, incremental runs, stale files removed and foreign ones never
touched, and bad input as a Danish error with exit 2 and nothing written."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given

from aftale.commands.tjek import check
from aftale.views.redegoerelse import report
from tests.conftest import ROOT, WriteTree, run
from tests.documents import docx_text, pdf_text, require

ROOT = Path(__file__).resolve().parent.parent
from tests.test_properties import _everything, _settings, repositories

SECRET = "Zulu-hemmelighed-4711"
APPROVED = """\
godkendt:
  referat: 2020-11-10
  aftaledokument: {kommune: 2020-11-20, boligorganisation: 2020-11-24}
"""
ROUND_2020 = f"""\
møde:
  dato: 2020-10-27
punkter:
  - titel: Personalesag {SECRET}
    lukket: ja
    referat: [Drøftet {SECRET}.]
aftaler:
  - id: social-vicevaert
    titel: Social vicevært
    ansvarlig: Jette Loman
    frist: 2021-06-30
    tema: Udlejning
  - id: udlejning
    titel: Fleksibel udlejning
{APPROVED}"""
ROUND_2021 = """\
møde:
  dato: 2021-11-02
opfølgning:
  udlejning:
    status: opfyldt
    referat: [Aftalen er indgået.]
"""
APPROVED_2021 = APPROVED.replace("2020-11", "2021-11")
#: The example's 2021 round, approved and signed (the example itself leaves it waiting).
SIGNED_2021 = "\n" + APPROVED.replace("2020-11", "2022-03")


def _site(tmp_path: Path) -> dict[str, bytes]:
    return {p.relative_to(tmp_path / "site").as_posix(): p.read_bytes()
            for p in sorted((tmp_path / "site").rglob("*")) if p.is_file() and not p.name.startswith(".aftale-")}


def test_udgiv_publishes_approved_and_signed_documents_and_says_what_waits(repo: WriteTree, tmp_path: Path) -> None:
    repo({"agreements/demo/2020.yaml": ROUND_2020, "agreements/demo/2021.yaml": ROUND_2021})
    code, output = run("udgiv")
    assert code == 0, output
    assert sorted(name for name in _site(tmp_path) if not name.startswith("filer/")) == [
        "dialog-demo.html", "dokumenter/demo-2020-aftaledokument.pdf", "dokumenter/demo-2020-referat.pdf",
        "dokumenter/redegoerelse-2020.pdf", "dokumenter/redegoerelse-2021.pdf", "index.html", "kalender.ics",
        "redegoerelse-2020.html", "redegoerelse-2021.html"]
    assert ("udgives ikke: demo 2021: referatet udgives ikke, fordi det ikke er godkendt. Skriv datoen under "
            "'godkendt: referat:' i agreements/demo/2021.yaml, når begge parter har godkendt det.") in output
    assert "udgives ikke: demo 2021: aftaledokumentet udgives ikke" in output
    assert output.splitlines()[-1].startswith("Udgav 17 filer i site, 0 var opdaterede i forvejen; 2 dokumenter "
                                              "afventer godkendelse eller underskrift")
    page = (tmp_path / "site/dialog-demo.html").read_text(encoding="utf-8")
    assert 'href="dokumenter/demo-2020-referat.pdf"' in page and "27. oktober 2020" in page.replace("\u00a0", " ")
    assert "Referatet offentliggøres, når det er godkendt." in page
    assert "Lukket punkt" in pdf_text(tmp_path / "site/dokumenter/demo-2020-referat.pdf")
    manifest = (tmp_path / "site/.aftale-manifest.json").read_text(encoding="utf-8")
    assert str(tmp_path) not in manifest  # a published folder names no path of the machine


def test_the_redegoerelse_reads_as_the_kommunes_own(repo: WriteTree, tmp_path: Path) -> None:
    root = repo({"agreements/demo/2020.yaml": ROUND_2020, "agreements/demo/2021.yaml": ROUND_2021,
                 "aftale.yaml": "redegørelse:\n  indledning: [Testby Kommune redegør her for dialogen.]\n"})
    checked = check(root)
    document = report(checked.repository.dialogs, checked.ledgers, 2021, checked.repository.settings)
    assert [line.text for line in document.intro] == ["Testby Kommune redegør her for dialogen."]
    # 2021 is neither approved nor signed: the row says so, and nothing the round agreed is told yet
    # (a date in the table may break before its year only: the table has nine columns)
    assert document.overview == (("Boligselskabet Test", "2.\u00a0november 2021", "afventer godkendelse",
                                  "afventer underskrift", "–", "–", "–", "–", "–"),)
    [section] = document.sections
    assert section.groups == ()
    assert "Rundens aftaler nævnes her, når aftaledokumentet er underskrevet af begge parter." in section.intro[0].text
    (root / "agreements/demo/2021.yaml").write_text(ROUND_2021 + APPROVED.replace("2020-11", "2021-11"),
                                                    encoding="utf-8")
    checked = check(root)
    document = report(checked.repository.dialogs, checked.ledgers, 2021, checked.repository.settings)
    assert document.overview == (("Boligselskabet Test", "2.\u00a0november 2021", "10.\u00a0november 2021",
                                  "24.\u00a0november 2021", "0", "1", "0", "1", "1"),)
    [section] = document.sections
    assert [g.title for g in section.groups] == ["Videreførte aftaler", "Afsluttet i 2021"]
    assert section.groups[1].entries[0].title == "Fleksibel udlejning"
    assert report(checked.repository.dialogs, checked.ledgers, 2020, checked.repository.settings
                  ).sections[0].groups[0].title == "Nye aftaler: Udlejning"
    code, output = run("redegoerelse", "2020", "--ud", "ud")
    assert (code, output) == (0, "skrev ud/redegoerelse-2020.docx\nskrev ud/redegoerelse-2020.pdf\n")
    for text in (docx_text(tmp_path / "ud/redegoerelse-2020.docx"), pdf_text(tmp_path / "ud/redegoerelse-2020.pdf")):
        assert "Styringsdialogen 2020 i Testby Kommune" in text and "Social vicevært" in text
        assert SECRET not in text and "Personalesag" not in text


def test_a_year_without_a_held_round_is_a_clear_error(repo: WriteTree, tmp_path: Path) -> None:
    repo()
    assert run("redegørelse", "2019") == (2, "fejl: ingen dialog har holdt sit møde for 2019, så der er ingen "
                                             "redegørelse for 2019. År med holdte møder: 2020.\n")
    assert not (tmp_path / "build").exists()


def test_udgiv_is_deterministic_incremental_and_removes_only_its_own_stale_files(repo: WriteTree,
                                                                                 tmp_path: Path) -> None:
    repo({"agreements/demo/2020.yaml": ROUND_2020, "agreements/demo/2021.yaml": ROUND_2021})
    assert run("udgiv")[0] == 0
    first = _site(tmp_path)
    (tmp_path / "site/mine-noter.txt").write_text("kommunens egen fil", encoding="utf-8")
    code, output = run("udgiv")
    assert output.splitlines()[-1].startswith("Udgav 0 filer i site, 17 var opdaterede i forvejen")
    (tmp_path / "agreements/demo/2021.yaml").unlink()
    code, output = run("udgiv")
    assert code == 0, output
    assert "fjernede site/redegoerelse-2021.html (den laves ikke længere)" in output
    assert "fjernede site/dokumenter/redegoerelse-2021.pdf (den laves ikke længere)" in output
    assert (tmp_path / "site/mine-noter.txt").read_text(encoding="utf-8") == "kommunens egen fil"
    (tmp_path / "agreements/demo/2021.yaml").write_text(ROUND_2021, encoding="utf-8")
    assert run("udgiv")[0] == 0
    assert _site(tmp_path) == {**first, "mine-noter.txt": b"kommunens egen fil"}


def test_udgiv_never_overwrites_a_file_it_did_not_write(repo: WriteTree, tmp_path: Path) -> None:
    """A file of the kommune's own in the way is moved out of the site, beside it, and named: never lost, never
    published, and the site is not stuck."""
    repo({"site/index.html": "<p>kommunens egen forside</p>"})
    code, output = run("udgiv")
    assert code == 0, output
    moved = tmp_path / f"site (flyttet af aftale)/index (lå i vejen {date.today().isoformat()}).html"
    assert (f"bemærk: site/index.html var ikke skrevet af aftale; den er flyttet til '{moved.relative_to(tmp_path)}', "
            "og en ny er skrevet.") in output
    assert moved.read_text(encoding="utf-8") == "<p>kommunens egen forside</p>"
    assert "kommunens egen forside" not in (tmp_path / "site/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "agreements/demo/site"], "fejl: 'agreements/demo/site' ligger i mappen agreements/, og dér må "
                                     "hjemmesiden ikke skrives. Vælg en mappe uden for agreements/ med -o, fx '-o site'.\n"),
    (["-o", "."], "fejl: '.' er repositoriets egen mappe eller en mappe over den. Vælg en mappe for sig med -o, fx "
                  "'-o site'.\n"),
])
def test_an_output_folder_inside_the_repositorys_own_folders_is_refused(repo: WriteTree, tmp_path: Path,
                                                                        args: list[str], message: str) -> None:
    repo()
    code, output = run("udgiv", *args)
    assert (code, output.replace(f"'{tmp_path}'", "'.'")) == (2, message)
    assert not (tmp_path / "agreements/demo/site").exists() and not (tmp_path / "index.html").exists()


def test_a_missing_or_broken_repository_or_an_unwritable_folder_writes_nothing(repo: WriteTree, tmp_path: Path) -> None:
    code, output = run("udgiv", str(tmp_path / "findes-ikke"))
    assert code == 2 and output.startswith("fejl: stien ")
    repo({"agreements/demo/2021.yaml": "opfølgning:\n  ukendt-punkt: {status: opfyldt}\n"})
    code, output = run("udgiv")
    assert code == 2 and "agreements/demo/2021.yaml:2:3: fejl:" in output and "Intet er skrevet" in output
    assert not (tmp_path / "site").exists()
    (tmp_path / "agreements/demo/2021.yaml").unlink()
    (tmp_path / "en-fil").write_text("ikke en mappe", encoding="utf-8")
    code, output = run("udgiv", "-o", "en-fil/site")
    assert (code, output) == (2, "fejl: kan ikke skrive i 'en-fil/site': der ligger en fil, hvor der skal være en "
                                 "mappe. Flyt filen, eller vælg en anden mappe med -o.\n")


@_settings(2)
@given(repositories(closed_items=True, rounds=2))
def test_a_published_site_never_shows_a_word_of_a_closed_item(tmp_path_factory,
                                                              generated: tuple[dict[str, str], list[str]]) -> None:
    """Generated repositories whose every round is approved and signed: every file of the site (HTML, each PDF's
    text, metadata and bytes, every DOCX part, the file names) is searched for words only closed items hold."""
    require("pdftotext")
    files, secrets = generated
    assert secrets
    for name in list(files):
        year = Path(name).stem
        if year.isdigit():
            files[name] += (f"godkendt:\n  referat: {year}-12-01\n  aftaledokument: {{kommune: {year}-12-02, "
                            f"boligorganisation: {year}-12-03}}\n")
    from tests.conftest import write_tree

    root = write_tree(tmp_path_factory.mktemp("repo"), files)
    from aftale.commands.udgiv import publish

    outcome = publish(root, root / "site", ("docx", "pdf"))
    assert outcome.unpublished == []
    names = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*.pdf")}
    assert any(name.endswith("-referat.pdf") for name in names)
    seen = _everything(root / "site") + "\n".join(p.read_text(encoding="utf-8")
                                                  for p in (root / "site").glob("*.html"))
    for secret in secrets:
        assert secret not in seen


def test_the_redegoerelse_shows_each_indicator_and_its_progress(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The example's 2021 round agreed a point with an indicator: once signed, the redegørelse shows its progress and
    chart."""
    shutil.copytree(ROOT / "agreements", tmp_path / "repo/agreements")
    shutil.copy(ROOT / "aftale.yaml", tmp_path / "repo/aftale.yaml")
    signed = tmp_path / "repo/agreements/naestved-lejerbo/2021.yaml"
    signed.write_text(signed.read_text(encoding="utf-8") + SIGNED_2021, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    code, output = run("redegørelse", "2021", "--ud", str(tmp_path))
    assert code == 0, output
    for text in (docx_text(tmp_path / "redegoerelse-2021.docx"), pdf_text(tmp_path / "redegoerelse-2021.pdf")):
        assert "Indikator: Fraflytningsprocent i Skovparken Fremskridt: bagud" in text
    code, output = run("udgiv", "--ud", str(tmp_path / "site"))
    assert code == 0, output
    page = (tmp_path / "site/redegoerelse-2021.html").read_text(encoding="utf-8")
    assert "Fraflytningsprocent i Skovparken" in page and '<img class="chart" src="data:image/svg+xml' in page


def test_the_redegoerelse_gives_a_point_the_status_its_aftaledokument_gives_it(repo: WriteTree,
                                                                                tmp_path: Path) -> None:
    """A point the round did not follow up is "ikke behandlet – videreføres" in both documents, not "aftalt"."""
    repo({"agreements/demo/2020.yaml": ROUND_2020, "agreements/demo/2021.yaml": ROUND_2021 + APPROVED_2021})
    assert run("redegoerelse", "2021", "--ud", "ud")[0] == 0
    assert run("aftaledokument", "demo", "2021", "--ud", "ud")[0] == 0
    for path in ("ud/redegoerelse-2021.docx", "ud/demo/2021/aftaledokument.docx"):
        text = docx_text(tmp_path / path)
        assert "Social vicevært" in text
        assert "Status: ikke behandlet – videreføres" in text and "Status: aftalt" not in text, path


def test_every_page_of_the_site_shows_the_repositorys_logo(repo: WriteTree, tmp_path: Path) -> None:
    """The logo of aftale.yaml on every page, with its alternative text, and its bytes in the site's folder."""
    logo = (ROOT / "tests" / "fixtures" / "logo.png").read_bytes()
    repo({"aftale.yaml": "afsender: Testby Kommune, Tilsynet\nlogo: logo.png\n", "logo.png": logo,
          "agreements/demo/2020.yaml": ROUND_2020})
    assert run("udgiv", "-o", "site")[0] == 0
    pages = sorted((tmp_path / "site").glob("*.html"))
    assert len(pages) == 3  # the front page, the dialogue's page, the redegørelse 2020
    for page in pages:
        assert '<img class="site-logo" src="filer/logo.png" alt="Logo: Testby Kommune, Tilsynet">' in \
            page.read_text(encoding="utf-8"), page.name
    assert (tmp_path / "site/filer/logo.png").read_bytes() == logo
