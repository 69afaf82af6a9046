"""``aftale invitation``: the meeting's invitation beside the round's documents, through the one output folder.

Writes ``<dialog>/<år>/invitation.ics`` (an iCalendar request) and ``invitation.eml`` (an unsent e-mail
with the dagsorden PDF and the invitation attached) together. The dagsorden PDF is the one in the
folder when it is current, else it is rendered by the normal writer and written beside them. The
invitation's SEQUENCE is remembered in the folder's manifest and rises when the meeting's time or
place changes, while its UID stays, so the calendars that have the meeting move it.

:func:`write_invitation` is a consumer of one workspace; the rest works on its values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aftale import pipeline
from aftale.commands.dokument import out_folder
from aftale.errors import AftaleError, Problem, ProblemsFound
from aftale.load.layout import SETTINGS_FILE
from aftale.model import Dialog, Pos, Round, Settings
from aftale.pipeline.outputs import INVITATION
from aftale.render import eml, ics
from aftale.timerange import EXAMPLE, TimeRangeError, parse_time_range
from aftale.views.invitation import fingerprint, invitation_view, sequence
from aftale.views.model import DAGSORDEN
from aftale.views.text import clean
from aftale.workspace import Workspace

#: The invitation's SEQUENCE is remembered by the round, whatever its inputs (its own rule says when it rises).
SEQUENCE_KEY = "sekvens"
#: The attachments' names in the e-mail.
AGENDA_ATTACHMENT, INVITATION_ATTACHMENT = "dagsorden.pdf", "invitation.ics"


@dataclass(frozen=True)
class Written:
    """What ``aftale invitation`` wrote: the files, the invited people without an e-mail, the SEQUENCE."""

    paths: tuple[Path, ...]
    not_invited: tuple[str, ...]
    sequence: int

    def notice(self) -> str | None:
        """The Danish notice naming the invited people the e-mail does not reach, or None."""
        if not self.not_invited:
            return None
        return (f"ikke inviteret pr. e-mail: {', '.join(self.not_invited)}. De har ingen 'e-mail' i rundens fil; "
                "skriv den, eller invitér dem på anden vis.")


def write_invitation(start: Path, slug: str, year: int | None = None, out: Path | None = None,
                     notice: pipeline.Notice | None = None) -> Written:
    """Write the invitation to the meeting of round ``year`` (default: the planned round) of dialogue ``slug``.

    :raises ProblemsFound: when the dialogue or aftale.yaml has errors, or the round has no date, no
        readable time or no sender's address; nothing is written.
    :raises AftaleError: when there is no such round (or, without ``year``, no planned round).
    """
    workspace = Workspace.open(start)
    dialog = workspace.dialog(slug)
    chosen = _year(dialog, year)
    round_ = dialog.round(chosen)
    assert round_ is not None
    settings = workspace.settings
    problems = invitation_problems(round_, settings)
    if problems:
        raise ProblemsFound(f"invitationen til runden {chosen} kan ikke laves. Intet er skrevet; ret fejlene og prøv "
                            "igen.", problems, workspace.root)
    agenda_view = workspace.view(DAGSORDEN, slug, chosen)
    words = workspace.words.mapped(clean)
    with pipeline.OutputFolder(out_folder(workspace, out), notice) as folder:
        workspace.attach(folder.fingerprints, folder)
        agenda = pipeline.Output(slug, chosen, DAGSORDEN, False, ("pdf",),
                                 workspace.document_key(slug, DAGSORDEN, chosen, False))
        written: list[Path] = []
        if folder.is_current(agenda):
            pdf = (folder.out / agenda.names()["pdf"]).read_bytes()
        else:
            pdf = pipeline.render(agenda_view, workspace.templates, workspace.options, ("pdf",))["pdf"]
            written += folder.write(agenda, {"pdf": pdf})
        memory = f"{INVITATION}:{slug}/{chosen}"
        number, remembered = sequence(folder.recall(memory, SEQUENCE_KEY), fingerprint(round_))
        view = invitation_view(words, dialog, round_, agenda_view, settings, number)
        calendar = ics.write(view.calendar)
        mail = eml.write(view, [(AGENDA_ATTACHMENT, "application/pdf", pdf),
                                (INVITATION_ATTACHMENT, "text/calendar", calendar)])
        output = pipeline.Output(slug, chosen, INVITATION, False, ("ics", "eml"),
                                 workspace.document_key(slug, INVITATION, chosen, False))
        written += folder.write(output, {"ics": calendar, "eml": mail})
        folder.remember(memory, SEQUENCE_KEY, remembered)
        folder.record_inputs(workspace.snapshot.fingerprints())
    return Written(tuple(written), view.not_invited, number)


def invitation_problems(round_: Round, settings: Settings) -> list[Problem]:
    """Why ``round_`` cannot be put in a calendar yet: no date, no readable time, no sender's address."""
    meeting = round_.moede
    where = meeting.pos if meeting is not None else round_.pos
    problems = []
    if meeting is None or meeting.dato is None:
        problems.append(Problem(where, f"runden {round_.year} har ingen mødedato, og en invitation skal have en. Skriv "
                                       "datoen under 'møde:' som 'dato: ÅÅÅÅ-MM-DD'."))
    if meeting is None or not meeting.tid:
        problems.append(Problem(where, f"runden {round_.year} har intet tidspunkt for mødet, og en invitation skal "
                                       f"have et. Skriv det under 'møde:' som 'tid: \"{EXAMPLE}\"'."))
    else:
        try:
            parse_time_range(meeting.tid)
        except TimeRangeError as error:
            problems.append(Problem(meeting.where.get("tid", where), f"'tid': '{meeting.tid}' kan ikke læses som et "
                                                                      f"tidsrum, så mødet kan ikke sættes i en "
                                                                      f"kalender: {error}."))
    if not settings.afsender_e_mail:
        problems.append(Problem(settings.where.get("afsender", Pos(SETTINGS_FILE)), (
            f"{SETTINGS_FILE} har ingen 'afsender-e-mail': den adresse, der inviterer til mødet, og som deltagerne "
            "svarer til. Skriv fx 'afsender-e-mail: tilsyn@kommune.dk' i aftale.yaml.")))
    return problems


def _year(dialog: Dialog, year: int | None) -> int:
    """The round asked for; without one, the planned round."""
    years = [r.year for r in dialog.rounds]
    if year is not None:
        if year not in years:
            listed = ", ".join(str(y) for y in years) or "ingen"
            raise AftaleError(f"dialogen '{dialog.slug}' har ingen runde {year} (runderne er {listed}). Opret den med "
                              f"'aftale ny {dialog.slug} {year}', og skriv mødets dato og tid i den.")
        return year
    planned = dialog.planned()
    if planned is None:
        dated = [r.year for r in dialog.rounds if r.moede is not None and r.moede.dato is not None]
        held = (f" Eller angiv en runde, der har en mødedato, fx 'aftale invitation {dialog.slug} {dated[-1]}'."
                if dated else "")
        raise AftaleError(f"dialogen '{dialog.slug}' har ingen planlagt runde at invitere til. Opret næste runde med "
                          f"'aftale ny {dialog.slug}', og skriv mødets dato og tid i den.{held}")
    return planned.year
