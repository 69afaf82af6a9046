"""Never trusted, never destroyed, never stuck: outputs a person touched, interrupted runs, and inputs that explode.

Each finding of the trial is a test through the command line, asserting the exit code, the Danish message and
what is on disk afterwards. A run is stopped by a signal at a point the test chooses (a patched write in a
process of its own), never by a sleep.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest

import aftale.files
import aftale.render.jinja
from tests.conftest import ROOT, ROUND_2020, WriteTree, run
from tests.documents import docx_text, pdf_text

TODAY = date.today().isoformat()
APPROVED = """\
godkendt:
  referat: 2020-11-10
  aftaledokument: {kommune: 2020-11-20, boligorganisation: 2020-11-24}
"""
PUBLISHED = {"agreements/demo/2020.yaml": ROUND_2020 + APPROVED,
             "agreements/demo/2021.yaml": "møde:\n  dato: 2021-11-02\neventuelt: [Intet.]\n" + APPROVED.replace(
                 "2020-11", "2021-11")}


def _site(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".aftale-")}


def _edit_in_word(path: Path, words: str) -> None:
    """What a secretary does: open the DOCX, add a paragraph, save it."""
    document = docx.Document(str(path))
    document.add_paragraph(words)
    document.save(str(path))


# --- what a person wrote is never destroyed ----------------------------------------------------------------

def test_a_redegoerelse_edited_in_word_is_moved_aside_not_overwritten(repo: WriteTree, tmp_path: Path) -> None:
    repo(PUBLISHED)
    assert run("redegørelse", "2021")[0] == 0
    _edit_in_word(tmp_path / "build/redegoerelse-2021.docx", "Tilføjet af sekretæren i Word.")
    code, output = run("redegørelse", "2021")
    assert code == 0, output
    moved = f"build/redegoerelse-2021 (rettet i hånden {TODAY}).docx"
    assert (f"bemærk: build/redegoerelse-2021.docx var rettet, efter aftale skrev den; den er flyttet til '{moved}', "
            "og en ny er skrevet.") in output
    assert "Tilføjet af sekretæren i Word." in docx_text(tmp_path / moved)
    assert "Tilføjet af sekretæren" not in docx_text(tmp_path / "build/redegoerelse-2021.docx")


def test_a_referat_edited_in_word_survives_byg(repo: WriteTree, tmp_path: Path) -> None:
    repo(PUBLISHED)
    assert run("byg")[0] == 0
    _edit_in_word(tmp_path / "build/demo/2021/referat.docx", "Min rettelse.")
    code, output = run("byg")
    assert code == 0, output
    moved = f"build/demo/2021/referat (rettet i hånden {TODAY}).docx"
    assert f"den er flyttet til '{moved}', og en ny er skrevet." in output
    assert "Min rettelse." in docx_text(tmp_path / moved) and "Min rettelse." not in docx_text(
        tmp_path / "build/demo/2021/referat.docx")
    _edit_in_word(tmp_path / "build/demo/2021/referat.docx", "Anden rettelse.")  # the same day, again
    assert run("byg")[0] == 0
    assert "Anden rettelse." in docx_text(tmp_path / f"build/demo/2021/referat (rettet i hånden {TODAY} 2).docx")
    assert run("byg")[1].splitlines()[-1].startswith("Bygget 0 dokumenter")  # what was moved aside is left alone


def test_a_withdrawn_document_leaves_the_site_even_when_it_was_touched(repo: WriteTree, tmp_path: Path) -> None:
    root = repo(PUBLISHED)
    assert run("udgiv")[0] == 0
    published = tmp_path / "site/dokumenter/demo-2021-referat.pdf"
    with published.open("ab") as file:  # a deploy step or an optimiser appends a byte
        file.write(b"\n")
    round_file = root / "agreements/demo/2021.yaml"
    round_file.write_text(round_file.read_text(encoding="utf-8").replace("  referat: 2021-11-10\n", ""), "utf-8")
    code, output = run("udgiv")
    assert code == 0, output
    moved = f"site (flyttet af aftale)/dokumenter/demo-2021-referat (rettet i hånden {TODAY}).pdf"
    assert (f"bemærk: site/dokumenter/demo-2021-referat.pdf laves ikke længere, men var ændret, efter aftale skrev den; "
            f"den er flyttet til '{moved}'.") in output
    assert not published.exists() and (tmp_path / moved).is_file()
    code, output = run("udgiv")
    assert code == 0 and not published.exists() and "demo-2021-referat" not in "".join(
        p.read_text(encoding="utf-8") for p in (tmp_path / "site").glob("*.html"))


# --- a run that was stopped is finished by the next one ---------------------------------------------------

STOPPING = """\
import os, signal, sys
import aftale.files
from aftale.cli import main

real = aftale.files.write_together
stop = getattr(signal, sys.argv[1])
calls = []

def write_then_stop(files):
    real(files)
    calls.append(files)
    if len(calls) == 1:  # after the first file of the site, before the manifest
        os.kill(os.getpid(), stop)

aftale.files.write_together = write_then_stop
sys.argv = ["aftale", "udgiv"]
main()
"""


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGKILL"])
def test_a_stopped_udgiv_is_finished_by_the_next(repo: WriteTree, tmp_path: Path, stop: str) -> None:
    root = repo(PUBLISHED)
    shutil.copytree(root / "agreements", tmp_path / "clean/agreements")
    with pytest.MonkeyPatch.context() as patched:
        patched.chdir(tmp_path / "clean")
        assert run("udgiv")[0] == 0
    whole = _site(tmp_path / "clean/site")
    (tmp_path / "stop.py").write_text(STOPPING, encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    stopped = subprocess.run([sys.executable, str(tmp_path / "stop.py"), stop], cwd=root, env=environment,
                             capture_output=True, text=True, timeout=120)
    if stop == "SIGTERM":
        assert (stopped.returncode, stopped.stderr.strip()) == (130, "Afbrudt.")
    else:
        assert stopped.returncode == -signal.SIGKILL
    assert 0 < len(_site(root / "site")) < len(whole)
    for attempt in range(2):
        code, output = run("udgiv")
        assert code == 0, output
        assert "lå i vejen" not in output and "rettet i hånden" not in output
    assert _site(root / "site") == whole
    assert not (root / "site (flyttet af aftale)").exists()


def test_a_full_disk_at_the_manifest_is_mended_by_the_next_run(repo: WriteTree, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo(PUBLISHED)
    real = aftale.files.write_atomic

    def full(path: Path, data: bytes) -> Path:
        if path.name == ".aftale-manifest.json":
            raise aftale.errors.MachineFault(path, OSError(errno.ENOSPC, "No space left on device"))
        return real(path, data)

    with monkeypatch.context() as patched:
        patched.setattr(aftale.files, "write_atomic", full)
        code, output = run("udgiv")
    assert code == 2
    assert output.endswith("fejl: kan ikke skrive 'site/.aftale-manifest.json': disken er fuld. Gør plads på disken, "
                           "og prøv igen.\n")
    code, output = run("udgiv")
    assert code == 0, output
    assert "lå i vejen" not in output and (root / "site/index.html").is_file()
    assert output.splitlines()[-1].startswith("Udgav 0 filer")  # everything written before was taken as aftale's


@pytest.mark.parametrize("name", ["logo.jfif", "logo.gif", "logo", "Logo Næstved.PNG"])
def test_a_logo_of_any_name_gives_a_site_that_is_made_again_and_again(repo: WriteTree, tmp_path: Path,
                                                                      name: str) -> None:
    repo({**PUBLISHED, f"templates/{name}": (ROOT / "tests/fixtures/logo.png").read_bytes(),
          "aftale.yaml": f"logo: templates/{name}\n"})
    assert run("tjek")[0] == 0
    for attempt in range(3):
        code, output = run("udgiv")
        assert code == 0, output
    assert (tmp_path / "site/filer/logo.png").read_bytes() == (ROOT / "tests/fixtures/logo.png").read_bytes()
    assert 'src="filer/logo.png"' in (tmp_path / "site/index.html").read_text(encoding="utf-8")


# --- input that explodes or crashes -----------------------------------------------------------------------

def test_aliases_are_an_error_before_they_can_explode(repo: WriteTree, tmp_path: Path) -> None:
    paragraph = "Langt afsnit. " * 8_000
    bomb = f"møde:\n  bemærkning: &a \"{paragraph}\"\neventuelt:\n" + "  - *a\n" * 3_000
    repo({"agreements/demo/2021.yaml": bomb})
    assert 130_000 < len(bomb.encode()) < 140_000
    code, output = run("referat", "demo", "2021", "--format", "docx")
    assert code == 2
    assert output.splitlines()[0].startswith("agreements/demo/2021.yaml:4:5: fejl: aliaset '*a' gentager en værdi")
    assert not (tmp_path / "build").exists()


INDICATOR = """\
møde:
  dato: 2021-11-02
aftaler:
  - id: fraflytning
    titel: Færre fraflytninger
    indikator:
      navn: Fraflytninger
      udgangspunkt: {{år: {first}, værdi: {value}}}
      mål: {{år: {last}, værdi: 20}}
"""


@pytest.mark.parametrize("value", ["1" + "0" * 26, "9" * 320, "-" + "1" * 17])
def test_a_number_beyond_what_a_document_prints_is_an_error_at_its_line(repo: WriteTree, value: str) -> None:
    repo({"agreements/demo/2021.yaml": INDICATOR.format(first=2016, last=2022, value=value)})
    code, output = run("tjek")
    assert code == 2
    line = output.splitlines()[0]
    assert line.startswith("agreements/demo/2021.yaml:8:") and "så store tal kan dokumenterne ikke vise" in line
    code, output = run("status", "--json")
    assert code == 2 and "Infinity" not in output and "intern fejl" not in output


def test_numbers_up_to_the_bound_print_whole(repo: WriteTree, tmp_path: Path) -> None:
    repo({"agreements/demo/2021.yaml": INDICATOR.format(first=2016, last=2022, value="1000000000000000")})
    code, output = run("status", "--json")
    assert code == 0, output
    assert json.loads(output)["punkter"][-1]["indikator"]["udgangspunkt"]["værdi"] == 1e15
    assert run("aftaledokument", "demo", "2021", "--format", "docx")[0] == 0
    assert "1.000.000.000.000.000" in docx_text(tmp_path / "build/demo/2021/aftaledokument.docx")


@pytest.mark.parametrize(("first", "last"), [(1000, 9999), (1990, 2200), (2021, 2021)])
def test_a_chart_has_its_years_for_any_span_tjek_accepts(repo: WriteTree, tmp_path: Path, first: int,
                                                         last: int) -> None:
    repo({"agreements/demo/2021.yaml": INDICATOR.format(first=min(first, 2021), last=last, value=36)})
    assert run("tjek")[0] == 0
    code, output = run("aftaledokument", "demo", "2021")
    assert code == 0, output
    assert str(min(first, 2021)) in pdf_text(tmp_path / "build/demo/2021/aftaledokument.pdf")


@pytest.mark.parametrize("year", ["10000", "1" * 30, "1989"])
def test_a_year_on_the_command_line_obeys_the_round_file_rule(repo: WriteTree, tmp_path: Path, year: str) -> None:
    repo()
    code, output = run("dagsorden", "demo", year)
    shown = year if len(year) <= 12 else f"{year[:8]}… ({len(year)} cifre)"
    assert (code, output) == (2, f"fejl: ugyldig værdi for '[ÅR]': {shown} er ikke et årstal mellem 1990 og 2200, som "
                                 "en runde kan hedde; skriv rundens år med fire cifre, fx 2021. Se 'aftale dagsorden "
                                 "--help'.\n")
    assert not (tmp_path / "build").exists()


ENDLESS = "{% extends 'base.html' %}{% block content %}{% for i in range(100000) %}{% for j in range(100000) %}" \
          "{{ j }}{% endfor %}{% endfor %}{% endblock %}"


@pytest.mark.parametrize("command", [["referat", "demo", "2021", "--format", "pdf"], ["byg", "-j", "1"], ["udgiv"]])
def test_a_template_that_never_finishes_is_stopped_with_its_name(repo: WriteTree, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 command: list[str]) -> None:
    monkeypatch.setattr(aftale.render.jinja, "BOUND_STEPS", 20_000)
    repo({**PUBLISHED, "templates/referat.html": ENDLESS,
          "aftale.yaml": "pdf-variant: ingen\npdf-motor: weasyprint\n"})
    code, output = run(*command)
    assert code == 2, output
    assert ("templates/referat.html: skabelonen blev stoppet, fordi den ikke blev færdig (den nåede grænsen på 60 "
            "sekunder eller 20.000 gentagelser") in output
    assert "intern fejl" not in output


def test_a_preview_page_of_a_template_that_never_finishes_says_so(repo: WriteTree, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from aftale.commands.vis import Preview

    monkeypatch.setattr(aftale.render.jinja, "BOUND_STEPS", 20_000)
    root = repo({**PUBLISHED, "templates/referat.html": ENDLESS})
    response = Preview(root).answer("/demo/2021/referat")
    assert response.status == 200 and "templates/referat.html: skabelonen blev stoppet" in response.body.decode()


@pytest.mark.parametrize("folder", ["agreements", "agreements/demo/ud", "templates"])
def test_byg_will_not_write_among_the_users_files(repo: WriteTree, tmp_path: Path, folder: str) -> None:
    repo({"templates/tekster.yaml": "punkter:\n  eventuelt: Evt.\n"})
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    code, output = run("byg", "-o", folder)
    top = folder.split("/")[0]
    assert (code, output) == (2, f"fejl: '{folder}' ligger i mappen {top}/, og dér må filerne ikke skrives. Vælg en "
                                 f"mappe uden for {top}/ med -o, fx '-o build'.\n")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_the_characters_a_document_leaves_out_are_the_ones_tjek_names(repo: WriteTree, tmp_path: Path) -> None:
    repo({"agreements/demo/2021.yaml": 'møde:\n  dato: 2021-11-02\neventuelt:\n  - "Før\\uFFFEefter og\\x01slut."\n'})
    code, output = run("tjek")
    assert code == 0
    assert output.splitlines()[:2] == [
        "agreements/demo/2021.yaml:4:5: advarsel: tegnet U+0001 kan ikke stå i et dokument og bliver udeladt i "
        "dokumenterne. Slet tegnet.",
        "agreements/demo/2021.yaml:4:5: advarsel: tegnet U+FFFE kan ikke stå i et dokument og bliver udeladt i "
        "dokumenterne. Slet tegnet."]
    assert run("referat", "demo", "2021", "--format", "docx")[0] == 0
    assert "Føreftet og" not in docx_text(tmp_path / "build/demo/2021/referat.docx")
    assert "Førefter ogslut." in docx_text(tmp_path / "build/demo/2021/referat.docx")


@pytest.mark.parametrize("written", ["42", "[Jette Loman, 2021-11-02]", "12,5"])
def test_participants_must_be_names(repo: WriteTree, written: str) -> None:
    repo({"agreements/demo/2021.yaml": f"møde:\n  dato: 2021-11-02\n  deltagere: {written}\n"})
    code, output = run("tjek")
    assert code == 2
    assert "fejl: 'deltagere' skal være navne på personer, men" in output.splitlines()[0]
    assert "er et tal eller en dato. Skriv personens navn, fx 'Jette Loman'" in output.splitlines()[0]
