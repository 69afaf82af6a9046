"""``aftale kalender`` and the site's ``kalender.ics`` through the command line: one all-day entry per open point
with a frist, the same entry when its frist moves, and nothing on the site of an unsigned round or a closed item."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.calendars import DIALOG, calendar, unfolded
from tests.conftest import WriteTree, run

FRISTER_2020 = """\
møde:
  dato: 2020-10-27
aftaler:
  - id: social-vicevaert
    titel: Social vicevært, fase 1; del \\a
    ansvarlig: Jette Loman
    frist: 2021-06-30
  - id: udlejning
    titel: Fleksibel udlejning
    frist: 2021-03-31
  - id: uden-frist
    titel: Uden frist
godkendt:
  referat: 2020-11-10
  aftaledokument: {kommune: 2020-11-20, boligorganisation: 2020-11-24}
"""
FRISTER_2021 = """\
møde:
  dato: 2021-11-02
  tid: "kl. 9-11"
punkter:
  - titel: Personalesag Zulu-4711
    lukket: ja
opfølgning:
  udlejning:
    status: opfyldt
  social-vicevaert:
    status: videreføres
    frist: 2022-06-30
aftaler:
  - id: groen
    titel: Grøn omstilling Yankee-0815
    frist: 2022-12-31
"""


def _summaries(path: Path) -> dict[str, tuple[str, date]]:
    return {str(e["UID"]): (str(e["SUMMARY"]), e.decoded("DTSTART")) for e in calendar(path).walk("VEVENT")}


def test_frister_has_one_all_day_entry_per_open_point_with_a_frist(repo: WriteTree) -> None:
    root = repo({"agreements/demo/2020.yaml": FRISTER_2020, "agreements/demo/dialog.yaml": DIALOG})
    code, output = run("kalender")
    assert (code, output) == (0, "skrev build/frister.ics med 2 frister.\n")
    path = root / "build/frister.ics"
    entries = calendar(path).walk("VEVENT")
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in entries] == [
        ("Frist: Social vicevært, fase 1; del \\a – Boligselskabet Østergård", date(2021, 6, 30), date(2021, 7, 1)),
        ("Frist: Fleksibel udlejning – Boligselskabet Østergård", date(2021, 3, 31), date(2021, 4, 1))]
    assert str(entries[0]["DESCRIPTION"]).splitlines() == [
        "Ansvarlig: Jette Loman", "Status: aftalt", "Aftalt: 2020",
        "Dialog: Styringsdialog Næstved Kommune – Boligselskabet Østergård (demo)"]
    lines = unfolded(path.read_bytes())
    assert "DTSTART;VALUE=DATE:20210630" in lines
    assert "SUMMARY:Frist: Social vicevært\\, fase 1\\; del \\\\a – Boligselskabet Østergård" in lines
    assert "METHOD:PUBLISH" in lines and "DTSTAMP:20201124T000000Z" in lines
    before = _summaries(path)
    first = path.read_bytes()
    assert run("kalender")[0] == 0
    assert path.read_bytes() == first  # DTSTAMP from the rounds' dates, not the clock
    (root / "agreements/demo/2021.yaml").write_text(FRISTER_2021, encoding="utf-8")
    assert run("kalender") == (0, "skrev build/frister.ics med 2 frister.\n")
    after = _summaries(path)
    moved = next(uid for uid, (summary, _) in before.items() if "Social" in summary)
    assert after[moved][1] == date(2022, 6, 30)  # the same entry, moved to its new frist
    assert not any("Fleksibel" in summary for summary, _ in after.values())  # closed: gone
    assert any("Grøn omstilling" in summary for summary, _ in after.values())


def test_the_sites_calendar_holds_nothing_of_an_unsigned_round_or_a_closed_item(repo: WriteTree) -> None:
    root = repo({"agreements/demo/2020.yaml": FRISTER_2020.replace("aftaler:", "punkter:\n  - titel: Lukket Zulu-4711\n"
                                                                    "    lukket: ja\naftaler:"),
                 "agreements/demo/2021.yaml": FRISTER_2021, "agreements/demo/dialog.yaml": DIALOG})
    assert run("udgiv")[0] == 0
    text = "\n".join(unfolded((root / "site/kalender.ics").read_bytes()))
    entries = calendar(root / "site/kalender.ics").walk("VEVENT")
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in entries] == [
        ("Styringsdialog Næstved Kommune – Boligselskabet Østergård", date(2020, 10, 27)),
        ("Frist: Social vicevært, fase 1; del \\a – Boligselskabet Østergård", date(2021, 6, 30)),
        ("Frist: Fleksibel udlejning – Boligselskabet Østergård", date(2021, 3, 31))]
    assert "Lukket punkt" in text
    for secret in ("Zulu-4711", "Yankee-0815", "20211102", "20220630"):
        assert secret not in text
    # the guard fed its mistake: once 2021 is approved and signed, its meeting and frister are public
    approved = ("godkendt:\n  referat: 2021-11-10\n"
                "  aftaledokument: {kommune: 2021-11-20, boligorganisation: 2021-11-24}\n")
    (root / "agreements/demo/2021.yaml").write_text(FRISTER_2021 + approved, encoding="utf-8")
    assert run("udgiv")[0] == 0
    text = "\n".join(unfolded((root / "site/kalender.ics").read_bytes()))
    assert "Yankee-0815" in text and "DTSTART;TZID=Europe/Copenhagen:20211102T090000" in text
    assert "Zulu-4711" not in text
