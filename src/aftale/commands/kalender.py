"""``aftale kalender``: the calendars of a repository: ``frister.ics``, and the site's ``kalender.ics``.

``frister.ics`` holds every open point's frist as an all-day entry, for the kommune's own use. The
site's calendar holds only what is public (:func:`aftale.views.public.published`): the meetings of
rounds with a published document, and the frister of the points a signed aftaledokument lists, as it
lists them. Every entry keeps its UID from run to run, so a calendar that subscribes to the file
stays current. Both are consumers of one workspace.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from aftale import pipeline
from aftale.commands.dokument import out_folder
from aftale.ledger import Ledger
from aftale.model import Dialog, Round
from aftale.pipeline.outputs import DEADLINES_FILE
from aftale.render import ics
from aftale.views.calendar import PUBLISH, CalendarView, Event, deadline_event, meeting_event, stamp
from aftale.views.model import AFTALEDOKUMENT, REFERAT
from aftale.views.public import published
from aftale.views.text import clean
from aftale.words import Words
from aftale.workspace import Workspace

#: The site's calendar, beside its index.html.
SITE_CALENDAR = "kalender.ics"


def deadlines(w: Words, dialogs: Iterable[Dialog], ledgers: dict[str, Ledger]) -> CalendarView:
    """Every open point's frist after its dialogue's latest round, as all-day entries."""
    dialogs = list(dialogs)
    events = []
    for dialog in dialogs:
        now = ledgers[dialog.slug].now
        if now is not None:
            events += [deadline_event(w, dialog, state) for state in now.open_points() if state.frist]
    return CalendarView(w("kalender.frister"), PUBLISH, _stamp(r for d in dialogs for r in d.rounds), tuple(events))


def site_calendar(workspace: Workspace) -> bytes:
    """The site's ``kalender.ics``: the meetings and frister of published documents only."""
    checked = workspace.clean()
    w = workspace.words.mapped(clean)
    dialogs = checked.repository.dialogs
    events: list[Event] = []
    shown: list[Round] = []
    for dialog in dialogs:
        ledger = checked.ledgers[dialog.slug]
        signed = None
        for round_ in dialog.rounds:
            if not (published(round_, REFERAT) or published(round_, AFTALEDOKUMENT)):
                continue
            shown.append(round_)
            minutes = workspace.view(REFERAT, dialog.slug, round_.year, public=True) \
                if published(round_, REFERAT) else None
            meeting = meeting_event(w, dialog, round_, minutes)
            if meeting is not None:
                events.append(meeting)
            if published(round_, AFTALEDOKUMENT):
                signed = round_.year
        state = ledger.after(signed) if signed is not None else None
        if state is not None:  # the points the latest signed aftaledokument lists, with the frist it gives them
            events += [deadline_event(w, dialog, point) for point in state.open_points() if point.frist]
    kommune = dialogs[0].kommune if dialogs else (checked.repository.settings.afsender or "")
    calendar = CalendarView(w("kalender.hjemmeside", kommune=clean(kommune)), PUBLISH, _stamp(shown), tuple(events))
    return ics.write(calendar)


def write_deadlines(start: Path, out: Path | None = None, notice: pipeline.Notice | None = None) -> tuple[Path, int]:
    """Write ``frister.ics`` of the repository at or above ``start`` into ``out`` (default ``build/``).

    :returns: the file written and how many frister it holds.
    :raises ProblemsFound: when the repository has errors; nothing is written.
    """
    workspace = Workspace.open(start)
    checked = workspace.clean()
    calendar = deadlines(workspace.words.mapped(clean), checked.repository.dialogs, dict(checked.ledgers))
    data = ics.write(calendar)
    with pipeline.OutputFolder(out_folder(workspace, out), notice) as folder:
        output = pipeline.Output("", 0, "frister", False, ("ics",), "", DEADLINES_FILE.removesuffix(".ics"))
        path, = folder.write(output, {"ics": data})
        folder.record_inputs(workspace.snapshot.fingerprints())
    return path, len(calendar.events)


def _stamp(rounds: Iterable[Round]) -> datetime:
    """The DTSTAMP of a calendar: the latest date ``rounds`` record (a meeting, an approval, a signature)."""
    days: list[date | None] = []
    years = [1990]
    for round_ in rounds:
        years.append(round_.year)
        if round_.moede is not None:
            days.append(round_.moede.dato)
        approval = round_.godkendt
        if approval is not None:
            days.append(approval.referat)
            if approval.aftaledokument is not None:
                days += [approval.aftaledokument.kommune, approval.aftaledokument.boligorganisation]
    return stamp(days, date(max(years), 1, 1))
