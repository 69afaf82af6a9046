"""Joint dialogues: one meeting with several boligorganisationer, and points that travel between dialogues.

Through the ledgers directly (a point ``overført`` is closed in its dialogue and open in the target from then on;
which joint points bind which organisation in a year) and through the command line (``tjek``, ``status --json``,
``historik``, ``ny``, ``ny-dialog --fælles``, ``skema``). The errors of the format are cases in ``tests/corpus/``.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from aftale.ledgers import binding, order, replay_all
from aftale.load import load
from aftale.model import Status
from aftale.schema import schema
from tests.conftest import run, write_tree
from tests.yaml12 import load12

NORD = "kommune: Testby Kommune\nboligorganisation: Boligselskabet Nord\n"
SYD = "kommune: Testby Kommune\nboligorganisation: Boligselskabet Syd\n"
FAELLES = "kommune: Testby Kommune\nfælles: [nord, syd]\ntitel: Fælles styringsdialog i Testby\n"
NORD_2020 = """\
møde: {dato: 2020-10-27}
aftaler:
  - {id: kontakt, titel: Kontakt om psykisk sårbare beboere, ansvarlig: Thomas Carlsen}
  - {id: udlejning, titel: Fleksibel udlejning}
"""
NORD_2021 = """\
møde: {dato: 2021-10-26}
opfølgning:
  kontakt:
    status: overført
    til: faelles
    referat: Punktet tages op i den fælles styringsdialog.
  udlejning: {status: videreføres}
"""
FAELLES_2021 = """\
møde: {dato: 2021-06-15}
aftaler:
  - {id: beboer, titel: Fælles beboersammensætning}
  - {id: kun-syd, titel: Kun for Syd, gælder: [syd]}
"""
FAELLES_2022 = """\
møde: {dato: 2022-06-14}
opfølgning:
  nord/kontakt: {status: videreføres, referat: Kommunen samler en enhed., ansvarlig: Jette Loman}
  beboer: {status: opfyldt}
  kun-syd: {status: videreføres}
aftaler:
  - {id: ny-faelles, titel: Fælles oversigt over afdelingerne}
"""
SYD_2021 = "møde: {dato: 2021-11-01}\naftaler:\n  - {id: syd-egen, titel: Sydens egen aftale}\n"


def joint_files(**changes: str | None) -> dict[str, str]:
    """The joint repository's files by path under agreements/, with ``changes`` (None leaves a file out)."""
    files: dict[str, str | None] = {
        "nord/dialog.yaml": NORD, "nord/2020.yaml": NORD_2020, "nord/2021.yaml": NORD_2021,
        "syd/dialog.yaml": SYD, "syd/2021.yaml": SYD_2021,
        "faelles/dialog.yaml": FAELLES, "faelles/2021.yaml": FAELLES_2021, "faelles/2022.yaml": FAELLES_2022}
    files.update({name.replace("_", "/", 1) + ".yaml": text for name, text in changes.items()})
    return {f"agreements/{name}": text for name, text in files.items() if text is not None}


@pytest.fixture
def joint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The joint repository on disk; cwd is its root."""
    monkeypatch.chdir(tmp_path)
    return write_tree(tmp_path, joint_files())


def ledgers_of(tmp_path: Path, **changes: str | None):  # type: ignore[no-untyped-def]
    loaded = load(write_tree(tmp_path, joint_files(**changes)))
    assert loaded.problems == ()
    return loaded.repository.dialogs, replay_all(loaded.repository.dialogs)


# --- the ledgers ---------------------------------------------------------------------------------

def test_a_transferred_point_is_closed_in_its_dialogue_and_open_in_the_target_from_then_on(tmp_path: Path) -> None:
    _, ledgers = ledgers_of(tmp_path)
    left = ledgers["nord"].after(2021).get("kontakt")
    assert (left.is_open, left.status, left.closed_in, left.moved_to) == (False, Status.OVERFOERT, 2021, "faelles")
    assert [s.id for s in ledgers["nord"].after(2021).closed_points()] == ["kontakt"]
    assert ledgers["faelles"].after(2021).get("nord/kontakt") is None  # the joint meeting of June came first
    arrived = ledgers["faelles"].before(2022).get("nord/kontakt")
    assert arrived.is_open and (arrived.home, arrived.origin, arrived.point.titel) == (
        "nord", 2020, "Kontakt om psykisk sårbare beboere")
    assert [s.id for s in ledgers["faelles"].before(2022).open_points()] == ["beboer", "kun-syd", "nord/kontakt"]
    after = ledgers["faelles"].after(2022)
    assert [s.id for s in after.new_points()] == ["ny-faelles"]
    assert [s.id for s in after.carried_points()] == ["kun-syd", "nord/kontakt"]
    assert after.get("nord/kontakt").ansvarlig == "Jette Loman"
    assert [(step.year, step.dialog, step.status) for step in after.get("nord/kontakt").history] == [
        (2021, "nord", Status.OVERFOERT), (2022, "faelles", Status.VIDEREFOERES)]
    assert all(ledger.problems == () for ledger in ledgers.values())


def test_a_point_transferred_after_the_targets_latest_round_waits_for_its_next(tmp_path: Path) -> None:
    _, ledgers = ledgers_of(tmp_path, faelles_2022=None)
    joint = ledgers["faelles"]
    assert [s.id for s in joint.now.open_points()] == ["beboer", "kun-syd", "nord/kontakt"]
    assert [s.id for s in joint.before(2022).open_points()] == ["beboer", "kun-syd", "nord/kontakt"]
    assert [s.id for s in joint.after(2021).open_points()] == ["beboer", "kun-syd"]  # the signed document stands
    assert ledgers["nord"].now.get("kontakt").is_open is False


def test_rounds_of_one_year_follow_their_meetings_dates_individual_first_on_the_same_day(tmp_path: Path) -> None:
    dialogs, ledgers = ledgers_of(tmp_path, faelles_2021=FAELLES_2021.replace("2021-06-15", "2021-10-26"),
                                  faelles_2022=None)
    assert [(d.slug, r.year) for d, r in order(dialogs)] == [
        ("nord", 2020), ("nord", 2021), ("faelles", 2021), ("syd", 2021)]
    assert ledgers["faelles"].before(2021).get("nord/kontakt").is_open  # sent the same day, before the joint meeting
    undated = FAELLES_2021.replace("møde: {dato: 2021-06-15}\n", "")
    dialogs, _ = ledgers_of(tmp_path, faelles_2021=undated, faelles_2022=None)
    assert [(d.slug, r.year) for d, r in order(dialogs)][-1] == ("faelles", 2021)  # no date yet: last in its year


def test_joint_points_bind_the_organisations_in_gaelder_as_the_latest_joint_round_left_them(tmp_path: Path) -> None:
    dialogs, ledgers = ledgers_of(tmp_path)

    def bound(slug: str, year: int) -> list[tuple[int, list[str]]]:
        return [(found.round.year, [s.id for s in found.points]) for found in binding(dialogs, ledgers, slug, year)]

    assert bound("nord", 2020) == []  # no joint round held by then
    assert bound("nord", 2021) == [(2021, ["beboer"])]  # kun-syd binds only Syd
    assert bound("syd", 2021) == [(2021, ["beboer", "kun-syd"])]
    assert bound("nord", 2022) == [(2022, ["nord/kontakt", "ny-faelles"])]  # beboer was closed in 2022
    assert bound("syd", 2023) == [(2022, ["kun-syd", "nord/kontakt", "ny-faelles"])]
    assert binding(dialogs, ledgers, "faelles", 2022) == ()


# --- the command line ---------------------------------------------------------------------------

def test_tjek_accepts_a_joint_repository(joint: Path) -> None:
    assert run("tjek") == (0, "Tjekket 3 dialoger, 8 filer: ingen fejl.\n")


def test_historik_of_a_transferred_point_shows_both_dialogues_in_order(joint: Path) -> None:
    expected = [
        "Kontakt om psykisk sårbare beboere (nord/kontakt)",
        "2020, nord: aftalt (agreements/nord/2020.yaml:3:5). Ansvarlig: Thomas Carlsen",
        "2021, nord: overført til faelles",
        "      - Punktet tages op i den fælles styringsdialog.",
        "2022, faelles: videreføres",
        "      - Kommunen samler en enhed.",
        "      ansvarlig: Thomas Carlsen → Jette Loman",
        "Nu: åbent i faelles (videreføres), ansvarlig: Jette Loman, frist: –.",
    ]
    assert run("historik", "faelles", "nord/kontakt") == (0, "\n".join(expected) + "\n")
    assert run("historik", "nord", "kontakt") == (0, "\n".join(expected) + "\n")


def test_status_lists_a_transferred_point_once_under_the_dialogue_that_follows_it_up(joint: Path) -> None:
    code, output = run("status", "--json", "--dato", "2022-12-01")
    assert code == 0
    points = json.loads(output)["punkter"]
    assert [(p["dialog"], p["id"], p["gælder"]) for p in points] == [
        ("faelles", "kun-syd", ["syd"]), ("faelles", "nord/kontakt", ["nord", "syd"]),
        ("faelles", "ny-faelles", ["nord", "syd"]), ("nord", "udlejning", None), ("syd", "syd-egen", None)]
    kontakt = points[1]
    assert (kontakt["aftalt"], kontakt["status"], kontakt["status_siden"], kontakt["fil"]) == (
        2020, "videreføres", 2022, "agreements/nord/2020.yaml")


def test_ny_for_a_joint_round_follows_up_every_open_point_transferred_ones_by_reference(joint: Path) -> None:
    (joint / "agreements/faelles/2022.yaml").unlink()
    assert run("ny", "faelles", "--dato", "2022-06-14") == (
        0, "skrev agreements/faelles/2022.yaml med 3 åbne punkter til opfølgning.\n")
    text = (joint / "agreements/faelles/2022.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[1] == ("# Fælles styringsdialog i Testby 2022 mellem Testby Kommune og Boligselskabet "
                                    "Nord, Boligselskabet Syd.")
    assert ("  # Kontakt om psykisk sårbare beboere (aftalt 2020 i nord)\n  nord/kontakt:\n" in text
            and "\n  beboer:\n" in text and "\n  kun-syd:\n" in text)
    assert "  #   gælder: [nord, syd]" in text
    assert run("tjek")[0] == 0


def test_ny_in_an_individual_dialogue_at_a_table_says_how_to_transfer(joint: Path) -> None:
    assert run("ny", "nord")[0] == 0
    text = (joint / "agreements/nord/2022.yaml").read_text(encoding="utf-8")
    assert "# Et punkt, der skal følges op i den fælles dialog, får 'status: overført' og 'til: faelles'." in text
    assert "\n  udlejning:\n" in text and "kontakt" not in text


def test_ny_dialog_starts_a_joint_dialogue_of_dialogues_in_the_repository(joint: Path) -> None:
    code, output = run("ny-dialog", "testby-faelles", "--kommune", "Testby Kommune", "--fælles", "nord, syd",
                       "--titel", "Fælles dialogmøde")
    assert (code, output) == (0, "skrev agreements/testby-faelles/dialog.yaml. Opret den første runde med 'aftale "
                                 "ny testby-faelles'.\n")
    text = (joint / "agreements/testby-faelles/dialog.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# Fælles dialogmøde mellem Testby Kommune og Boligselskabet Nord, Boligselskabet Syd."
    assert "\nfælles: [nord, syd]\n" in text and "\ntitel: Fælles dialogmøde\n" in text
    assert "boligorganisation:" not in text
    assert run("tjek")[0] == 0
    assert jsonschema.validate(load12(joint / "agreements/testby-faelles/dialog.yaml"), schema("dialog")) is None


@pytest.mark.parametrize("args, message", [
    (["--fælles", "nord,sdy"], "fejl: der findes ingen dialog 'sdy' at sætte ved bordet. Mente du 'syd'? Dialogerne "
                               "er: faelles, nord, syd. Opret den først med 'aftale ny-dialog sdy'.\n"),
    (["--fælles", "nord,faelles"], "fejl: 'faelles' er selv en fælles dialog og kan ikke sidde ved bordet i 'ny'. "
                                   "Skriv de dialoger, den har ved bordet (nord, syd), i stedet.\n"),
    ([], "fejl: angiv enten --boligorganisation (en dialog med én boligorganisation) eller --fælles med de dialoger, "
         "der sidder ved bordet i en fælles dialog, fx --fælles naestved-lejerbo,naestved-boligselskab.\n"),
    (["--fælles", "nord", "--boligorganisation", "X"], None),
])
def test_ny_dialog_refuses_a_table_it_cannot_hold(joint: Path, args: list[str], message: str | None) -> None:
    code, output = run("ny-dialog", "ny", "--kommune", "Testby Kommune", *args)
    assert code == 2 and not (joint / "agreements/ny").exists()
    assert output == (message or output) and output.startswith("fejl: angiv enten" if message is None else "fejl:")


def test_the_schema_knows_joint_dialogues_transfers_and_references(tmp_path: Path) -> None:
    files = write_tree(tmp_path, joint_files())
    jsonschema.validate(load12(files / "agreements/faelles/dialog.yaml"), schema("dialog"))
    for name in ("nord/2021.yaml", "faelles/2021.yaml", "faelles/2022.yaml"):
        jsonschema.validate(load12(files / "agreements" / name), schema("runde"))
    both = write_tree(tmp_path, {"both.yaml": NORD + "fælles: [syd]\n", "neither.yaml": "kommune: K\n"})
    for name in ("both.yaml", "neither.yaml"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(load12(both / name), schema("dialog"))
