"""Trust at the seams: ``ny`` writes only what ``tjek`` accepts, and ``byg`` keeps going past one broken dialogue."""

from __future__ import annotations

import json

import pytest

import aftale.workspace
from aftale.commands.tjek import check
from tests.conftest import DIALOG, ROUND_2020, WriteTree, run


def test_ny_writes_a_block_text_title_that_tjek_accepts(repo: WriteTree) -> None:
    root = repo({"agreements/demo/2020.yaml": ROUND_2020 + "  - id: flere-linjer\n    titel: |\n      Første linje\n"
                                                           "      anden linje\n"})
    code, output = run("ny", "demo")
    assert code == 0, output
    written = (root / "agreements/demo/2021.yaml").read_text(encoding="utf-8")
    assert "  # Første linje anden linje (aftalt 2020)\n  flere-linjer:\n" in written
    assert run("tjek") == (0, "Tjekket 1 dialog, 3 filer: ingen fejl.\n")


@pytest.mark.parametrize("title", ["Null", "~", "yes", "Off", "12", "1.5e3", "2021-10-26", "- punkt", "# note", "a\x7fb",
                                   "Mål: 25 %", "Slut ", "@hjem", "'citat'", 'Et "citat"', "Æblet: ja"])
def test_ny_writes_standard_items_that_read_back_as_written(repo: WriteTree, title: str) -> None:
    root = repo({"aftale.yaml": f"standardpunkter: [{_json(title)}]\n"})
    code, output = run("ny", "demo")
    assert code == 0, output
    assert run("tjek")[0] == 0
    items = check(root).repository.dialog("demo").rounds[-1].punkter
    assert [item.titel for item in items] == [title.strip()]


@pytest.mark.parametrize("year", ["20211", "1989", "2201", "0"])
def test_ny_refuses_a_year_that_is_not_a_round_year(repo: WriteTree, year: str) -> None:
    root = repo()
    code, output = run("ny", "demo", year)
    assert code == 2
    assert output == (f"fejl: ugyldig værdi for '[ÅR]': {year} er ikke et årstal mellem 1990 og 2200, som en runde kan "
                      "hedde; skriv rundens år med fire cifre, fx 2021. Se 'aftale ny --help'.\n")
    assert sorted(p.name for p in (root / "agreements/demo").iterdir()) == ["2020.yaml", "dialog.yaml"]


def test_byg_builds_the_other_dialogues_when_one_cannot_be_built(repo: WriteTree,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo({"agreements/anden/dialog.yaml": DIALOG, "agreements/anden/2020.yaml": ROUND_2020})
    real = aftale.workspace.document_view

    def broken(kind: str, dialog, *args, **kwargs):  # type: ignore[no-untyped-def]
        if dialog.slug == "demo":
            raise ValueError("year 0 is out of range")
        return real(kind, dialog, *args, **kwargs)

    monkeypatch.setattr(aftale.workspace, "document_view", broken)
    code, output = run("byg", "--ud", "ud", "--jobs", "1")
    assert code == 3  # a bug in aftale, not in the user's files
    assert ("fejl: agreements/demo: dokumenterne kunne ikke laves: intern fejl i aftale (ValueError: year 0 is out of "
            "range). Det er en fejl i aftale, ikke i dine filer; meld den venligst til udviklerne med kommandoen, du "
            "kørte, og denne linje.") in output.splitlines()
    assert sorted(p.name for p in (root / "ud/anden/2020").iterdir()) == [
        "aftaledokument.docx", "aftaledokument.pdf", "referat.docx", "referat.pdf"]
    assert not (root / "ud/demo").exists()


def _json(text: str) -> str:
    return json.dumps(text)
