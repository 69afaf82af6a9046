"""What an import found and guessed, in Danish, for the user to read after the files are written."""

from __future__ import annotations

from aftale.errors import shown
from aftale.importer.draft import DraftMeeting
from aftale.importer.run import Imported, RoundFile
from aftale.importer.vocabulary import MONTHS

_MONTH_NAMES = {number: name for name, number in MONTHS.items() if len(name) > 3 or name == "maj"}
_KINDS = {"referat": "et referat", "dagsorden": "en dagsorden", "aftaledokument": "et aftaledokument"}


def report_lines(imported: Imported, slug: str, written: bool = True) -> list[str]:
    """The lines of the report: per document what was found and guessed, then what to do next."""
    lines = []
    verb = "skrev" if written else "ville skrive"
    for round_file in imported.files:
        matched = round_file.matched
        if matched is None:
            lines.append(f"{verb} {shown(round_file.path)}: {_count(round_file.earlier_points, 'punkt', 'punkter')} "
                         f"fra {round_file.year}, som en senere runde følger op på ({_guesses(round_file)}).")
            continue
        draft = matched.draft
        lines.append(f"{verb} {shown(round_file.path)} ud fra {draft.source} ({_KINDS.get(draft.kind, draft.kind)}, "
                     f"runden {round_file.year}): {_guesses(round_file)}.")
        lines.append(f"  møde: {_meeting(draft.meeting)}")
        read_status = sum(1 for f in matched.follow_ups if f.draft.evidence is not None)
        closed = sum(1 for f in matched.follow_ups if f.draft.status is None and f.status is not None)
        uncertain = sum(1 for f in matched.follow_ups if "id" in f.notes)
        follow = f"  opfølgning: {_count(len(matched.follow_ups), 'punkt', 'punkter')}"
        details = []
        if uncertain:
            details.append(f"{uncertain} matchet usikkert på titlen")
        if read_status:
            details.append(f"{read_status} med status læst af teksten")
        if closed:
            details.append(f"{closed} sat til afsluttet, fordi {'det' if closed == 1 else 'de'} ikke kom med i "
                           "det nye aftaledokument")
        if matched.unmatched:
            details.append(f"{len(matched.unmatched)} uden match, skrevet som kommentar")
        lines.append(follow + (f" ({', '.join(details)})" if details else "") + ".")
        lines.append(f"  punkter: {len(draft.items)}; nye aftaler: {len(matched.points)}"
                     f"{'; eventuelt' if draft.eventuelt else ''}.")
    lines.append(f"Gennemgå linjerne med '# tjek:', og kør 'aftale tjek'. Den næste dagsorden med de åbne punkter "
                 f"laves med 'aftale dagsorden {slug}'.")
    return lines


def _meeting(meeting: DraftMeeting) -> str:
    if meeting.empty:
        return "dokumentet nævner ingen af mødets data."
    facts = []
    if meeting.dato is not None:
        facts.append(f"{meeting.dato.day}. {_MONTH_NAMES[meeting.dato.month]} {meeting.dato.year}")
    facts += [value for value in (meeting.tid, meeting.sted) if value]
    people = [_count(len(meeting.deltagere), "deltager", "deltagere")]
    if meeting.fravaerende:
        people.append(f"{len(meeting.fravaerende)} fraværende")
    if meeting.referent:
        people.append(f"referent {meeting.referent}")
    return ", ".join([*facts, *people]) + "."


def _guesses(round_file: RoundFile) -> str:
    return _count(round_file.guesses, "gæt markeret med '# tjek:'", "gæt markeret med '# tjek:'")


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
