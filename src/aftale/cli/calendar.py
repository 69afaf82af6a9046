"""The commands that put the dialogue in calendars: the meeting's invitation (``invitation``) and the frister
(``kalender``).

Each parses its arguments, calls one function in the library and prints what it did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from aftale.cli.group import cli
from aftale.cli.options import out_option
from aftale.cli.params import Folder, Year, here, notice, shown

if TYPE_CHECKING:
    from pathlib import Path


@cli.command("invitation", short_help="Lav invitationen til et møde (kalender og e-mail).")
@click.argument("dialog")
@click.argument("aar", metavar="[ÅR]", required=False, type=Year())
@out_option()
def invitation(dialog: str, aar: int | None, ud: Path | None) -> None:
    """Lav invitationen til mødet i en runde.

    DIALOG er dialogens mappenavn under agreements/, fx naestved-lejerbo. ÅR er
    runden (standard: den planlagte runde).

    Skriver UD/DIALOG/ÅR/invitation.ics, en kalenderinvitation, som Outlook
    viser med Accepter og Afvis, og invitation.eml, en e-mail, der åbner som
    en kladde med dagsordenen som PDF og invitationen vedhæftet: åbn den, og
    tryk Send. Deltagere med 'e-mail' i rundens fil inviteres; afsenderen er
    'afsender-e-mail' i aftale.yaml. Runden skal have mødets dato og tid.
    """
    from aftale.commands.invitation import write_invitation

    written = write_invitation(here(), dialog, aar, ud, notice=notice)
    for path in written.paths:
        click.echo(f"skrev {shown(path)}")
    message = written.notice()
    if message:
        notice(message)


@cli.command("kalender", short_help="Skriv de åbne punkters frister som kalender.")
@click.argument("sti", required=False, type=Folder())
@out_option(what="filen")
def kalender(sti: Path | None, ud: Path | None) -> None:
    """Skriv fristerne for alle åbne punkter som en kalender, frister.ics.

    Hvert åbent punkt med en frist bliver en heldagsaftale på fristens dag med
    punktets titel og boligorganisation, ansvarlig, status og dialog. Hvert
    punkt beholder sin aftale fra gang til gang, så en kalender, der abonnerer
    på filen, flytter aftalen, når fristen flyttes, og fjerner den, når punktet
    lukkes. STI er mappen med agreements/ (standard: den aktuelle mappe).
    """
    from aftale.commands.kalender import write_deadlines

    path, count = write_deadlines(sti if sti is not None else here(), ud, notice=notice)
    click.echo(f"skrev {shown(path)} med {count} {'frist' if count == 1 else 'frister'}.")
