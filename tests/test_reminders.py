"""``aftale status --inden DAGE``: exactly the points due within the days and the overdue, as text and JSON, and
``--streng`` that fails a scheduled job when a frist has passed."""

from __future__ import annotations

import json

import pytest

from tests.conftest import WriteTree, run

ROUND = """\
møde:
  dato: 2022-10-27
aftaler:
  - id: overskredet
    titel: Overskredet
    ansvarlig: Jette Loman
    frist: 2022-11-30
  - id: i-dag
    titel: Frist i dag
    frist: 2022-12-01
  - id: sidste-dag
    titel: Sidste dag i vinduet
    frist: 2022-12-31
  - id: efter
    titel: Dagen efter vinduet
    frist: 2023-01-01
  - id: uden-frist
    titel: Uden frist
  - id: lukket
    titel: Lukket med frist
    frist: 2022-11-01
"""
CLOSED = """\
møde:
  dato: 2023-01-15
opfølgning:
  lukket:
    status: opfyldt
"""


@pytest.fixture
def due(repo: WriteTree) -> None:
    repo({"agreements/demo/2022.yaml": ROUND, "agreements/demo/2023.yaml": CLOSED})


def test_inden_lists_exactly_the_points_due_in_the_window_and_the_overdue(due: None) -> None:
    code, output = run("status", "--inden", "30", "--dato", "2022-12-01")
    assert code == 0
    lines = output.splitlines()
    assert [line.split()[1] for line in lines[1:4]] == ["overskredet", "i-dag", "sidste-dag"]
    assert "30. november 2022 OVERSKREDET" in lines[1]
    assert lines[4:] == [
        "Afventer: demo 2020: referatet er ikke godkendt, og aftaledokumentet er ikke underskrevet af begge parter.",
        "Afventer: demo 2022: referatet er ikke godkendt, og aftaledokumentet er ikke underskrevet af begge parter.",
        "Afventer: demo 2023: referatet er ikke godkendt, og aftaledokumentet er ikke underskrevet af begge parter.",
        "2 åbne punkter med frist til og med 31. december 2022 (30 dage) og 1 med overskredet frist pr. 1. december "
        "2022."]


def test_streng_exits_1_when_a_frist_has_passed_and_0_otherwise(due: None) -> None:
    assert run("status", "--inden", "30", "--dato", "2022-12-01", "--streng")[0] == 1
    assert run("status", "--inden", "30", "--dato", "2022-11-30", "--streng")[0] == 0  # due today is not overdue
    assert run("status", "--inden", "30", "--dato", "2022-12-01")[0] == 0  # without --streng, a list only
    code, output = run("status", "--inden", "0", "--dato", "2022-10-01", "--streng")
    assert code == 0
    assert output.splitlines()[-1] == ("Ingen åbne punkter har frist til og med 1. oktober 2022 (0 dage), og ingen "
                                       "frist er overskredet.")


def test_inden_as_json_holds_the_due_points_and_the_days(due: None) -> None:
    code, output = run("status", "--json", "--inden", "30", "--dato", "2022-12-01", "--streng")
    assert code == 1
    data = json.loads(output)
    assert (data["version"], data["dato"], data["inden"], data["antal"], data["overskredne"]) == (
        1, "2022-12-01", 30, 3, 1)
    assert [(p["id"], p["frist"], p["overskredet"]) for p in data["punkter"]] == [
        ("overskredet", "2022-11-30", True), ("i-dag", "2022-12-01", False), ("sidste-dag", "2022-12-31", False)]
    assert "inden" not in json.loads(run("status", "--json", "--dato", "2022-12-01")[1])


def test_inden_refuses_a_negative_number_of_days(due: None) -> None:
    assert run("status", "--inden", "-1") == (
        2, "fejl: ugyldig værdi for '--inden': -1 kan ikke bruges; tallet skal være mindst 0. Se 'aftale status "
           "--help'.\n")
