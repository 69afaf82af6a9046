"""``aftale invitation`` through the command line: the .ics as a calendar reads it and as its raw lines are, the
.eml as a mail program reads it, the UID that stays and the SEQUENCE that rises, bytes that do not change, a round
that cannot be invited to as a Danish error with nothing written, and the format's tid and e-mail in tjek."""

from __future__ import annotations

import contextlib
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from tests.calendars import COPENHAGEN, DIALOG, calendar, event, mail, unfolded
from tests.conftest import EXAMPLE, ROOT, WriteTree, run
from tests.documents import pdf_text, squash

SETTINGS = """\
afsender: Næstved Kommune, Tilsyn
afsender-e-mail: tilsyn@example.dk
"""
#: A planned round: a place with the characters iCalendar escapes, people with and without e-mail.
PLANNED = """\
møde:
  dato: 2021-10-27
  tid: "12:30–14:00"
  sted: Rådhuset, lokale 2; indgang C\\bagved
  deltagere:
    - {navn: Jette Løkke, e-mail: jette@example.dk}
    - {navn: Ole Svendsen, organisation: Boligselskabet Østergård, e-mail: ole@example.dk}
    - Kim Nielsen
  fraværende:
    - {navn: Åse Holm, e-mail: aase@example.dk}
    - Per Berg
punkter:
  - titel: Dokumentationspakken
  - titel: Grønne tage
"""


@pytest.fixture
def planned(repo: WriteTree) -> Path:
    """A repository whose dialogue 'demo' has the planned round 2021 above after the round 2020."""
    return repo({"agreements/demo/dialog.yaml": DIALOG, "agreements/demo/2021.yaml": PLANNED, "aftale.yaml": SETTINGS})


def invite(*args: str) -> tuple[int, str]:
    return run("invitation", "demo", *args)


# --- the invitation: the calendar request ---------------------------------------------------------------------

def test_the_examples_invitation_starts_1230_copenhagen_time_and_asks_each_with_an_address(tmp_path: Path) -> None:
    out = tmp_path / "ud"
    with contextlib.chdir(ROOT):
        code, output = run("invitation", EXAMPLE, "2020", "-o", str(out))
    assert code == 0, output
    folder = out / EXAMPLE / "2020"
    assert output.splitlines() == [
        f"skrev {folder}/dagsorden.pdf", f"skrev {folder}/invitation.ics", f"skrev {folder}/invitation.eml",
        "bemærk: ikke inviteret pr. e-mail: Lene Stange, Janus Thygesen, Randi Hørlyk Buse, Ann Tennis, "
        "Annika Mathiasen, Christine Hald, Rebecca Dalhoff Helqvist. De har ingen 'e-mail' i rundens fil; skriv "
        "den, eller invitér dem på anden vis."]
    meeting = event(folder / "invitation.ics")
    assert meeting.decoded("DTSTART") == datetime(2020, 10, 27, 12, 30, tzinfo=COPENHAGEN)
    assert meeting.decoded("DTSTART").utcoffset().total_seconds() == 3600  # CET: summer time ended on 25 October
    assert meeting.decoded("DTEND") == datetime(2020, 10, 27, 14, 0, tzinfo=COPENHAGEN)
    assert str(meeting["SUMMARY"]) == "Styringsdialog Næstved Kommune – Lejerbo"
    assert str(meeting["LOCATION"]) == "Microsoft Teams"
    assert str(meeting["ORGANIZER"]) == "mailto:tilsyn@example.dk"
    attendees = meeting["ATTENDEE"]
    assert [(str(a), a.params["CN"], a.params["RSVP"]) for a in attendees] == [
        (f"mailto:{address}@example.dk", name, "TRUE") for name, address in [
            ("Michael Keis", "michael.keis"), ("Ole Svendsen", "ole.svendsen"), ("Thomas Carlsen", "thomas.carlsen"),
            ("Jette Loman", "jette.loman"), ("Signe Sundberg Jørgensen", "signe.sundberg.joergensen"),
            ("Kim Nielsen", "kim.nielsen")]]
    whole = calendar(folder / "invitation.ics")
    assert str(whole["METHOD"]) == "REQUEST"
    assert [str(tz["TZID"]) for tz in whole.walk("VTIMEZONE")] == ["Europe/Copenhagen"]


def test_the_invitation_lists_the_agenda_as_the_attached_dagsorden_does(planned: Path) -> None:
    assert invite()[0] == 0
    folder = planned / "build/demo/2021"
    description = str(event(folder / "invitation.ics")["DESCRIPTION"]).splitlines()
    items = description[description.index("Dagsorden:") + 1:]
    assert items == ["1. Opfølgning på aftaledokument fra 2020", "   1/2020 Social vicevært", "   2/2020 Fleksibel udlejning",
                     "2. Dokumentationspakken", "3. Grønne tage", "4. Udarbejdelse af aftaledokument", "5. Eventuelt"]
    agenda = squash(pdf_text(folder / "dagsorden.pdf"))
    positions = [agenda.find(line.split(" ", 1)[1].strip()) for line in items]
    assert -1 not in positions and positions == sorted(positions)


def test_the_ics_lines_are_crlf_folded_at_75_octets_and_escape_text(planned: Path) -> None:
    assert invite()[0] == 0
    data = (planned / "build/demo/2021/invitation.ics").read_bytes()
    lines = unfolded(data)
    assert "LOCATION:Rådhuset\\, lokale 2\\; indgang C\\\\bagved" in lines
    assert "METHOD:REQUEST" in lines
    assert "DTSTART;TZID=Europe/Copenhagen:20211027T123000" in lines
    assert "DTEND;TZID=Europe/Copenhagen:20211027T140000" in lines
    assert "DTSTAMP:20211027T000000Z" in lines  # from the meeting's date, never the clock
    assert 'ORGANIZER;CN="Næstved Kommune, Tilsyn":mailto:tilsyn@example.dk' in lines
    attendees = [line for line in lines if line.startswith("ATTENDEE")]
    assert attendees == [f'ATTENDEE;CN="{name}";CUTYPE=INDIVIDUAL;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:'
                         f"mailto:{address}@example.dk"
                         for name, address in [("Jette Løkke", "jette"), ("Ole Svendsen", "ole"), ("Åse Holm", "aase")]]
    assert max(map(len, lines)) > 75  # the long lines were folded, and unfold whole
    assert str(event(planned / "build/demo/2021/invitation.ics")["LOCATION"]) == "Rådhuset, lokale 2; indgang C\\bagved"


def test_the_uid_stays_and_the_sequence_rises_when_time_or_place_changes(planned: Path) -> None:
    path = planned / "build/demo/2021/invitation.ics"
    round_file = planned / "agreements/demo/2021.yaml"

    def sent() -> tuple[str, int, datetime]:
        assert invite()[0] == 0
        meeting = event(path)
        return str(meeting["UID"]), int(meeting["SEQUENCE"]), meeting.decoded("DTSTART")

    first = sent()
    assert first[1:] == (0, datetime(2021, 10, 27, 12, 30, tzinfo=COPENHAGEN))
    assert sent() == first  # nothing changed: the same invitation
    round_file.write_text(PLANNED.replace('"12:30–14:00"', '"13.00-15"'), encoding="utf-8")
    assert sent() == (first[0], 1, datetime(2021, 10, 27, 13, 0, tzinfo=COPENHAGEN))
    assert run("byg")[0] == 0  # another command rewrites the folder's manifest; the invitation and its memory stay
    assert path.is_file()
    assert sent()[1] == 1
    round_file.write_text(PLANNED.replace('"12:30–14:00"', '"13.00-15"').replace("lokale 2", "lokale 3"),
                          encoding="utf-8")
    assert sent()[:2] == (first[0], 2)


def test_byg_keeps_the_invitation_and_removes_it_with_its_round(planned: Path) -> None:
    assert invite()[0] == 0
    assert run("byg")[0] == 0
    assert (planned / "build/demo/2021/invitation.eml").is_file()
    (planned / "agreements/demo/2021.yaml").unlink()
    code, output = run("byg")
    assert code == 0
    assert "fjernede build/demo/2021/invitation.eml" in output and "fjernede build/demo/2021/invitation.ics" in output
    assert not (planned / "build/demo/2021/invitation.ics").exists()


def test_the_same_input_gives_the_same_bytes_wherever_it_is(planned: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    assert invite()[0] == 0
    other = shutil.copytree(planned / "agreements", tmp_path / "et andet sted æøå/agreements")
    shutil.copy(planned / "aftale.yaml", other.parent)
    monkeypatch.chdir(other.parent)
    assert invite()[0] == 0
    for name in ("invitation.ics", "invitation.eml", "dagsorden.pdf"):
        here, there = planned / "build/demo/2021" / name, other.parent / "build/demo/2021" / name
        assert here.read_bytes() == there.read_bytes()


# --- the invitation: the e-mail ------------------------------------------------------------------------------

def test_the_eml_is_an_unsent_mail_to_the_invited_with_the_agenda_and_the_invitation(planned: Path) -> None:
    assert invite()[0] == 0
    folder = planned / "build/demo/2021"
    raw = (folder / "invitation.eml").read_bytes()
    assert raw.isascii()  # the Danish letters are encoded, so every mail program reads them alike
    message = mail(folder / "invitation.eml")
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == ("Invitation: Styringsdialog Næstved Kommune – Boligselskabet Østergård, 27. oktober "
                                  "2021")
    assert [(a.display_name, a.addr_spec) for a in message["To"].addresses] == [
        ("Jette Løkke", "jette@example.dk"), ("Ole Svendsen", "ole@example.dk"), ("Åse Holm", "aase@example.dk")]
    assert [(a.display_name, a.addr_spec) for a in message["From"].addresses] == [
        ("Næstved Kommune, Tilsyn", "tilsyn@example.dk")]
    assert message["Date"] is None  # the mail program dates it when it is sent
    text = message.get_body(("plain",)).get_content()
    assert "onsdag den 27. oktober 2021 kl. 12.30–14.00" in text
    assert "Dagsordenen er vedhæftet som PDF." in text
    attachments = [(part.get_filename(), part.get_content_type(), part.get_payload(decode=True)) for part in
                   message.iter_attachments()]
    assert [(name, kind) for name, kind, _ in attachments] == [("dagsorden.pdf", "application/pdf"),
                                                                ("invitation.ics", "text/calendar")]
    assert attachments[0][2] == (folder / "dagsorden.pdf").read_bytes()
    assert attachments[1][2] == (folder / "invitation.ics").read_bytes()
    assert list(message.iter_attachments())[1].get_param("method") == "REQUEST"


# --- what cannot be invited to -------------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "expected"), [
    (("  dato: 2021-10-27\n", ""),
     "agreements/demo/2021.yaml:2:3: fejl: runden 2021 har ingen mødedato, og en invitation skal have en. Skriv datoen "
     "under 'møde:' som 'dato: ÅÅÅÅ-MM-DD'."),
    (('"12:30–14:00"', "efter frokosten"),
     "agreements/demo/2021.yaml:3:8: fejl: 'tid': 'efter frokosten' kan ikke læses som et tidsrum, så mødet kan ikke "
     "sættes i en kalender: skriv, hvornår mødet begynder og slutter, fx 12:30–14:00, 12.30-14 eller kl. 9-11."),
    (('"12:30–14:00"', "kl. 13"),
     "agreements/demo/2021.yaml:3:8: fejl: 'tid': 'kl. 13' kan ikke læses som et tidsrum, så mødet kan ikke sættes "
     "i en kalender: der står kun, hvornår mødet begynder. Skriv også, hvornår det slutter, fx 12:30–14:00."),
])
def test_a_round_without_a_date_or_a_readable_time_is_an_error_at_its_line(
        planned: Path, change: tuple[str, str], expected: str) -> None:
    (planned / "agreements/demo/2021.yaml").write_text(PLANNED.replace(*change), encoding="utf-8")
    code, output = invite()
    assert code == 2
    assert output.splitlines() == [expected, "fejl: invitationen til runden 2021 kan ikke laves. Intet er skrevet; ret "
                                             "fejlene og prøv igen."]
    assert not (planned / "build").exists()


def test_a_repository_without_a_senders_address_is_told_where_to_write_it(planned: Path) -> None:
    (planned / "aftale.yaml").write_text("afsender: Næstved Kommune, Tilsyn\n", encoding="utf-8")
    code, output = invite("2021")
    assert code == 2
    assert output.splitlines()[0] == (
        "aftale.yaml:1:11: fejl: aftale.yaml har ingen 'afsender-e-mail': den adresse, der inviterer til mødet, og som "
        "deltagerne svarer til. Skriv fx 'afsender-e-mail: tilsyn@kommune.dk' i aftale.yaml.")
    assert not (planned / "build").exists()


def test_without_a_planned_round_the_invitation_says_which_to_name(repo: WriteTree) -> None:
    repo({"aftale.yaml": SETTINGS})
    assert invite() == (2, "fejl: dialogen 'demo' har ingen planlagt runde at invitere til. Opret næste runde med "
                           "'aftale ny demo', og skriv mødets dato og tid i den. Eller angiv en runde, der har en "
                           "mødedato, fx 'aftale invitation demo 2020'.\n")
    assert invite("2019") == (2, "fejl: dialogen 'demo' har ingen runde 2019 (runderne er 2020). Opret den med "
                                 "'aftale ny demo 2019', og skriv mødets dato og tid i den.\n")


# --- tid and e-mail in tjek ----------------------------------------------------------------------------------

def test_tjek_warns_about_a_tid_that_is_no_range_and_keeps_the_documents_working(planned: Path) -> None:
    (planned / "agreements/demo/2021.yaml").write_text(PLANNED.replace('"12:30–14:00"', "Efter aftale"),
                                                       encoding="utf-8")
    code, output = run("tjek")
    assert code == 0
    assert output.splitlines()[0] == (
        "agreements/demo/2021.yaml:3:8: advarsel: 'tid': 'Efter aftale' kan ikke læses som et tidsrum: skriv, hvornår "
        "mødet begynder og slutter, fx 12:30–14:00, 12.30-14 eller kl. 9-11. Dokumenterne viser teksten, som den står, "
        "men 'aftale invitation' kan ikke lægge mødet i en kalender.")
    assert run("tjek", "--streng")[0] == 1
    assert run("dagsorden", "demo", "--format", "docx")[0] == 0


@pytest.mark.parametrize("tid", ["12:30–14:00", "12.30-14", "kl. 9-11", "9–11", "9 til 11", "Kl. 12.30 - 14.00",
                                 "fra kl. 9 til kl. 11", "09:00—10:15"])
def test_tjek_reads_each_way_of_writing_a_time_range(planned: Path, tid: str) -> None:
    (planned / "agreements/demo/2021.yaml").write_text(PLANNED.replace('"12:30–14:00"', f'"{tid}"'), encoding="utf-8")
    assert run("tjek", "--streng")[0] == 0


@pytest.mark.parametrize(("address", "reason"), [
    ("jette", "der mangler et @"),
    ("jette@lejerbo", "domænet efter @ ('lejerbo') skal have en endelse, fx .dk"),
    ("Jette <jette@lejerbo.dk>", "der må hverken være mellemrum, navn eller <> i adressen"),
    ("mailto:jette@lejerbo.dk", "'mailto:' hører ikke til adressen"),
    ("jette@@lejerbo.dk", "der skal være præcis ét @ i en adresse"),
    ("jette@lejerbo.d", "domænets endelse '.d' er ikke en endelse som .dk eller .com"),
])
def test_an_address_that_is_no_address_is_an_error_at_its_line(planned: Path, address: str, reason: str) -> None:
    (planned / "agreements/demo/2021.yaml").write_text(PLANNED.replace("jette@example.dk", address), encoding="utf-8")
    code, output = run("tjek")
    assert code == 2
    assert output.splitlines()[0] == (f"agreements/demo/2021.yaml:6:35: fejl: 'e-mail': '{address}' er ikke en "
                                      f"e-mailadresse: {reason}. Skriv kun adressen, fx navn@example.dk.")


@pytest.mark.parametrize("address", ["jette.loman@lejerbo.dk", "søren@kommune.dk", "j+styring@xn--rr-yia.dk"])
def test_an_address_is_valid(planned: Path, address: str) -> None:
    (planned / "agreements/demo/2021.yaml").write_text(PLANNED.replace("jette@example.dk", address), encoding="utf-8")
    assert run("tjek", "--streng")[0] == 0


def test_a_joint_meetings_invitation_names_every_organisation_at_the_table(tmp_path: Path) -> None:
    """The example's joint meeting of 2022: the mail says who meets, as its dagsorden does."""
    with contextlib.chdir(ROOT):
        code, output = run("invitation", "naestved-faelles", "2022", "-o", str(tmp_path / "ud"))
    assert code == 0, output
    text = mail(tmp_path / "ud/naestved-faelles/2022/invitation.eml").get_body(("plain",)).get_content()
    assert ("Hermed inviteres I til fælles dialogmøde tirsdag den 14. juni 2022 kl. 13.00–15.00: Fælles "
            "styringsdialog 2022 mellem Næstved Kommune, Lejerbo og Boligselskabet Suså.") in " ".join(text.split())


def test_a_long_danish_name_reaches_the_mail_whole(tmp_path: Path) -> None:
    """The example's 2020 invitation: the sixth invited, Signe Sundberg Jørgensen, is not cut into two words."""
    with contextlib.chdir(ROOT):
        assert run("invitation", EXAMPLE, "2020", "-o", str(tmp_path / "ud"))[0] == 0
    message = mail(tmp_path / "ud" / EXAMPLE / "2020/invitation.eml")
    assert "Signe Sundberg Jørgensen" in [a.display_name for a in message["To"].addresses]
