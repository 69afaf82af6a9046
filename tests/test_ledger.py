"""The carry-forward rules: which points are open or closed after each round, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from aftale.ledger import Ledger, replay
from aftale.load import load
from aftale.errors import Severity
from aftale.model import Status
from tests.conftest import WriteTree, write_tree

DIALOG = "kommune: K\nboligorganisation: B\n"


def ledger_of(tmp_path: Path, rounds: dict[int, str]) -> Ledger:
    files = {"agreements/d/dialog.yaml": DIALOG}
    files.update({f"agreements/d/{year}.yaml": text for year, text in rounds.items()})
    loaded = load(write_tree(tmp_path, files))
    assert loaded.problems == ()
    return replay(loaded.repository.dialogs[0])


def ids(states) -> list[str]:
    return [s.id for s in states]


def test_point_carried_across_three_rounds(tmp_path: Path) -> None:
    ledger = ledger_of(tmp_path, {
        2019: "aftaler:\n  - {id: vicevaert, titel: Social vicevært, ansvarlig: Ann, frist: 2020-06-30}\n",
        2020: "opfølgning:\n  vicevaert:\n    status: videreføres\n    referat: Projektet er parkeret.\n",
        2021: "opfølgning:\n  vicevaert: {status: i gang, ansvarlig: Jette Loman, frist: 2022-06-30}\n",
        2022: "opfølgning:\n  vicevaert: {status: parkeret}\n",
    })
    seen = []
    for year in (2020, 2021, 2022):
        state = ledger.after(year).get("vicevaert")
        assert state.is_open and state.origin == 2019 and state.since == year
        seen.append(state.status)
    assert seen == [Status.VIDEREFOERES, Status.I_GANG, Status.PARKERET]
    final = ledger.after(2022).get("vicevaert")
    assert (final.ansvarlig, str(final.frist)) == ("Jette Loman", "2022-06-30")
    assert final.note[0].text == "Projektet er parkeret." and final.note_year == 2020
    assert [(s.year, s.status) for s in final.history] == [
        (2020, Status.VIDEREFOERES), (2021, Status.I_GANG), (2022, Status.PARKERET)]
    assert ids(ledger.after(2022).carried_points()) == ["vicevaert"]


@pytest.mark.parametrize("status", [Status.OPFYLDT, Status.AFSLUTTET, Status.UDGAAR])
def test_point_closed_by_each_closed_status(tmp_path: Path, status: Status) -> None:
    ledger = ledger_of(tmp_path, {
        2020: "aftaler:\n  - {id: a, titel: A}\n  - {id: b, titel: B}\n",
        2021: f"opfølgning:\n  a: {{status: {status.value}, referat: Målet er nået.}}\n  b: {{status: videreføres}}\n",
        2022: "opfølgning:\n  b: {status: videreføres}\n",
    })
    after = ledger.after(2021)
    closed = after.get("a")
    assert (closed.is_open, closed.status, closed.closed_in) == (False, status, 2021)
    assert ids(after.closed_points()) == ["a"]
    assert ids(after.open_points()) == ["b"]
    assert ids(ledger.after(2022).open_points()) == ["b"]
    assert ledger.after(2022).closed_points() == ()


def test_erstatter_one_point(tmp_path: Path) -> None:
    ledger = ledger_of(tmp_path, {
        2020: "aftaler:\n  - {id: dokument, titel: Dokument om fleksibel udlejning}\n",
        2021: "aftaler:\n  - {id: udlejning, titel: Fleksible udlejningsaftaler, erstatter: [dokument]}\n",
    })
    after = ledger.after(2021)
    old = after.get("dokument")
    assert (old.is_open, old.status, old.closed_in, old.replaced_by) == (False, Status.ERSTATTET, 2021,
                                                                         ("udlejning",))
    assert ids(after.open_points()) == ["udlejning"]
    assert ids(after.closed_points()) == ["dokument"]
    assert [name.value for name in after.get("udlejning").point.erstatter] == ["dokument"]
    assert after.not_followed_up == ()


def test_erstatter_several_points_and_keeps_the_meetings_words(tmp_path: Path) -> None:
    ledger = ledger_of(tmp_path, {
        2020: "aftaler:\n  - {id: a, titel: A}\n  - {id: b, titel: B}\n  - {id: c, titel: C}\n",
        2021: """\
            opfølgning:
              a: {status: videreføres, referat: Samles i et nyt punkt.}
            aftaler:
              - {id: ab, titel: A og B, erstatter: [a, b]}
            """,
    })
    after = ledger.after(2021)
    assert [(s.id, s.status, s.replaced_by) for s in after.closed_points()] == [
        ("a", Status.ERSTATTET, ("ab",)), ("b", Status.ERSTATTET, ("ab",))]
    assert ids(after.open_points()) == ["c", "ab"]
    step = after.get("a").history[-1]
    assert (step.year, step.status, step.replaced_by, step.referat[0].text) == (
        2021, Status.VIDEREFOERES, ("ab",), "Samles i et nyt punkt.")
    assert after.not_followed_up == ("c",)


def test_point_taken_over_by_two_new_points(tmp_path: Path) -> None:
    ledger = ledger_of(tmp_path, {
        2020: "aftaler:\n  - {id: samarbejde, titel: Samarbejde}\n",
        2021: "aftaler:\n  - {id: unge, titel: Unge, erstatter: samarbejde}\n"
              "  - {id: aeldre, titel: Ældre, erstatter: [samarbejde]}\n",
    })
    assert ledger.after(2021).get("samarbejde").replaced_by == ("unge", "aeldre")


def test_point_no_round_followed_up_stays_open(tmp_path: Path) -> None:
    ledger = ledger_of(tmp_path, {
        2019: "aftaler:\n  - {id: glemt, titel: Glemt punkt}\n  - {id: husket, titel: Husket punkt}\n",
        2020: "opfølgning:\n  husket: {status: videreføres}\n  glemt:\n",
        2021: "opfølgning:\n  husket: {status: videreføres}\n",
        2022: "opfølgning:\n  husket: {status: videreføres}\n",
    })
    for year in (2020, 2021, 2022):
        state = ledger.after(year)
        assert state.not_followed_up == ("glemt",)
        assert state.get("glemt").is_open and state.get("glemt").status is None
    assert ledger.after(2022).get("glemt").unfollowed == (2020, 2021, 2022)
    [warning] = ledger.problems
    assert warning.severity is Severity.WARNING
    assert (warning.pos.file, warning.pos.line) == ("agreements/d/2022.yaml", 2)
    assert "punktet 'glemt' (aftalt 2019) er ikke fulgt op i 3 runder i træk (2020, 2021, 2022)" in warning.message


def test_a_follow_up_resets_the_count(tmp_path: Path) -> None:
    ledger = ledger_of(tmp_path, {
        2019: "aftaler:\n  - {id: a, titel: A}\n",
        2020: "møde: {sted: Rådhuset}\neventuelt: [Intet.]\n",
        2021: "opfølgning:\n  a:\n    referat: Drøftet uden ny status.\n",
        2022: "møde: {sted: Rådhuset}\neventuelt: [Intet.]\n",
        2023: "møde: {sted: Rådhuset}\neventuelt: [Intet.]\n",
    })
    assert ledger.problems == ()
    assert ledger.after(2023).get("a").unfollowed == (2022, 2023)
    assert ledger.after(2021).get("a").status is None


def test_a_planned_round_does_not_count_as_not_followed_up(tmp_path: Path) -> None:
    """A round whose meeting has not been held yet has followed up nothing, and forgotten nothing either."""
    ledger = ledger_of(tmp_path, {
        2019: "aftaler:\n  - {id: a, titel: A}\n",
        2020: "møde: {sted: Rådhuset}\neventuelt: [Intet.]\n",
        2021: "møde: {sted: Rådhuset}\nopfølgning:\n  a:\n",
    })
    assert ledger.after(2021).get("a").unfollowed == (2020,)
    assert ledger.after(2021).not_followed_up == ()


def test_round_held_in_the_next_calendar_year(tmp_path: Path) -> None:
    ledger = ledger_of(tmp_path, {
        2020: "møde: {dato: 2020-10-27}\naftaler:\n  - {id: a, titel: A}\n",
        2021: "møde: {dato: 2022-03-01}\nopfølgning:\n  a: {status: opfyldt}\naftaler:\n  - {id: b, titel: B}\n",
        2022: "møde: {dato: 2022-11-15}\nopfølgning:\n  b: {status: videreføres}\n",
    })
    assert [r.year for r in ledger.rounds] == [2020, 2021, 2022]
    assert ledger.after(2021).get("a").closed_in == 2021
    assert ids(ledger.before(2022).open_points()) == ["b"]
    assert ledger.after(2022).get("b").since == 2022


def test_open_points_keep_the_order_they_were_agreed_in(tmp_path: Path) -> None:
    ledger = ledger_of(tmp_path, {
        2019: "aftaler:\n  - {id: zulu, titel: Z}\n  - {id: alfa, titel: A}\n",
        2020: "opfølgning:\n  alfa: {status: parkeret}\n  zulu: {status: i gang}\n"
              "aftaler:\n  - {id: mike, titel: M}\n  - {id: bravo, titel: B}\n",
        2021: "opfølgning:\n  mike: {status: opfyldt}\naftaler:\n  - {id: charlie, titel: C}\n",
    })
    assert ids(ledger.after(2020).open_points()) == ["zulu", "alfa", "mike", "bravo"]
    assert ids(ledger.after(2021).open_points()) == ["zulu", "alfa", "bravo", "charlie"]
    assert ids(ledger.after(2021).new_points()) == ["charlie"]
    assert ids(ledger.after(2021).carried_points()) == ["zulu", "alfa", "bravo"]


def test_dialogue_with_a_single_round(tmp_path: Path) -> None:
    ledger = ledger_of(tmp_path, {2020: "aftaler:\n  - {id: a, titel: A}\n  - {id: b, titel: B}\n"})
    assert ledger.before(2020) is None
    only = ledger.after(2020)
    assert ids(only.open_points()) == ids(only.new_points()) == ["a", "b"]
    assert only.carried_points() == only.closed_points() == only.not_followed_up == ()
    assert ledger.before(2021) is only
    assert ledger.after(2021) is None


def test_rounds_replay_in_year_order_whatever_the_file_order(tmp_path: Path) -> None:
    ledger = ledger_of(tmp_path, {
        2021: "opfølgning:\n  a: {status: opfyldt}\n",
        2020: "aftaler:\n  - {id: a, titel: A}\n",
    })
    assert ledger.problems == ()
    assert ledger.after(2021).get("a").closed_in == 2021


def test_example_dialogue(repo: WriteTree) -> None:
    """The seeds' rounds: 2020 follows up 2019's four points, 2021 exactly the two agreed in 2020."""
    root = Path(__file__).resolve().parent.parent
    ledger = replay(load(root).repository.dialog("naestved-lejerbo"))
    assert ids(ledger.before(2020).open_points()) == [
        "social-vicevaert", "kontaktoplysninger", "fleksibel-udlejning-dokument", "orientering-nybyggeri"]
    after_2020 = ledger.after(2020)
    assert [(s.id, s.status) for s in after_2020.closed_points()] == [
        ("social-vicevaert", Status.ERSTATTET), ("kontaktoplysninger", Status.OPFYLDT),
        ("fleksibel-udlejning-dokument", Status.ERSTATTET), ("orientering-nybyggeri", Status.OPFYLDT)]
    assert ids(ledger.before(2021).open_points()) == ["samarbejde-socialt", "fleksibel-udlejning",
                                                      "kontakt-psykisk-saarbare"]
    moved = ledger.after(2021).get("kontakt-psykisk-saarbare")
    assert (moved.status, moved.closed_in, moved.moved_to) == (Status.OVERFOERT, 2021, "naestved-faelles")
    assert ids(ledger.after(2021).open_points()) == [
        "kommunalanvisning", "social-vicevaert-2021", "biodiversitet", "effektivisering"]
    assert ledger.problems == ()
