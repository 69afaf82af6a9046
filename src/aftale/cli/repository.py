"""The commands about the repository's files: check them (``tjek``), start a round or a dialog
(``ny``, ``ny-dialog``), describe the format (``skema``) and report on the points (``status``,
``historik``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from aftale.cli.group import cli
from aftale.cli.params import Folder, IsoDate, Whole, Year, here, shown

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path


@cli.command("tjek")
@click.argument("sti", required=False, type=Folder())
@click.option("--streng", is_flag=True, help="Afslut med kode 1, hvis der er advarsler (til CI).")
@click.pass_context
def tjek(ctx: click.Context, sti: Path | None, streng: bool) -> None:
    """Tjek alle aftaler i repositoriet for fejl.

    STI er mappen med agreements/ (standard: den aktuelle mappe eller den
    nærmeste mappe over den). Hver fejl og advarsel vises som
    fil:linje:kolonne med en forklaring og et forslag til rettelse.

    Afslutningskoder: 0 ingen fejl, 1 advarsler (med --streng), 2 fejl.
    """
    from aftale.commands.tjek import check

    report = check(sti if sti is not None else here())
    for line in report.lines():
        click.echo(line)
    click.echo(report.summary())
    ctx.exit(report.exit_code(strict=streng))


@cli.command("ny")
@click.argument("dialog")
@click.argument("aar", metavar="[ÅR]", required=False, type=Year())
@click.option("--dato", type=IsoDate(), metavar="ÅÅÅÅ-MM-DD", help="Mødets dato, hvis den er kendt.")
def ny(dialog: str, aar: int | None, dato: date | None) -> None:
    """Opret filen til næste runde, klar til at blive udfyldt.

    Filen får mødets felter, standardpunkterne fra aftale.yaml og en
    opfølgning for hvert punkt, der stadig er åbent. ÅR er standard året efter
    den seneste runde. En fil, der allerede findes, bliver aldrig overskrevet.
    """
    from datetime import date

    from aftale.commands import ny as new

    written = new.new_round(here(), dialog, aar, dato, date.today())
    click.echo(f"skrev {shown(written.path)} med {written.open_points} "
               f"{'åbent punkt' if written.open_points == 1 else 'åbne punkter'} til opfølgning.")


@cli.command("ny-dialog", short_help="Start en ny dialog, eller en fælles dialog.")
@click.argument("dialog")
@click.option("--kommune", required=True, metavar="NAVN", help="Kommunens navn, fx \"Næstved Kommune\".")
@click.option("--boligorganisation", metavar="NAVN", help="Boligorganisationens navn, fx Lejerbo.")
@click.option("--fælles", "--faelles", "faelles", metavar="DIALOG,…",
              help="En fælles dialog: dialogerne ved bordet, adskilt af komma, fx "
                   "naestved-lejerbo,naestved-boligselskab.")
@click.option("--titel", metavar="TEKST", help="En fælles dialogs navn i dokumenterne (standard: Fælles "
                                               "styringsdialog).")
def ny_dialog(dialog: str, kommune: str, boligorganisation: str | None, faelles: str | None,
              titel: str | None) -> None:
    """Start en ny dialog mellem en kommune og en boligorganisation.

    Skriver agreements/DIALOG/dialog.yaml med parterne og kommentarer om
    det, der kan udfyldes senere (afdelinger, underskrivere). DIALOG er
    dialogens navn med små bogstaver, tal og bindestreg, fx
    naestved-lejerbo. Med --fælles i stedet for --boligorganisation
    startes en fælles dialog (et fælles dialogmøde) med de dialoger, der
    sidder ved bordet. En dialog, der findes i forvejen, overskrives aldrig.
    """
    from aftale.commands import ny as new

    table = [name.strip() for name in (faelles or "").split(",") if name.strip()]
    written = new.new_dialog(here(), dialog, kommune, boligorganisation, table, titel)
    click.echo(f"skrev {shown(written)}. Opret den første runde med 'aftale ny {dialog}'.")


@cli.command("skema")
@click.argument("fil", metavar="[FIL]", required=False, default="runde",
                type=click.Choice(("runde", "dialog", "indstillinger")))
def skema(fil: str) -> None:
    """Skriv formatets JSON-skema, til editorer som VS Code.

    FIL er 'runde' (standard, filerne ÅR.yaml), 'dialog' (dialog.yaml) eller
    'indstillinger' (aftale.yaml). Gem det fx med:
    aftale skema > aftale.schema.json
    """
    from aftale.commands.skema import schema_text

    click.echo(schema_text(fil))


@cli.command("status")
@click.argument("sti", required=False, type=Folder())
@click.option("--json", "as_json", is_flag=True, help="Skriv listen som JSON til andre programmer.")
@click.option("--dato", type=IsoDate(), metavar="ÅÅÅÅ-MM-DD", help="Dagen, fristerne måles mod (standard: i dag).")
@click.option("--inden", type=Whole(min=0), metavar="DAGE",
              help="Vis kun punkter med frist inden for DAGE dage og dem, hvis frist er overskredet.")
@click.option("--streng", is_flag=True, help="Afslut med kode 1, hvis en frist er overskredet (til påmindelser i CI).")
@click.pass_context
def status(ctx: click.Context, sti: Path | None, as_json: bool, dato: date | None, inden: int | None,
           streng: bool) -> None:
    """Vis de åbne punkter i alle dialoger.

    For hvert punkt: dialog, id, titel, ansvarlig, frist (OVERSKREDET, hvis
    den er passeret), året det blev aftalt, og seneste status. Med --inden 30
    kun de punkter, hvis frist falder inden for 30 dage, og dem, hvis frist er
    overskredet; med --streng afslutter kommandoen med kode 1, når en frist er
    overskredet, så et planlagt CI-job fejler og minder om den.
    """
    import json

    from datetime import date

    from aftale.commands.status import status as open_points

    found = open_points(sti or here(), dato or date.today(), inden)
    if as_json:
        click.echo(json.dumps(found.json(), ensure_ascii=False, indent=2))
    else:
        for line in found.lines():
            click.echo(line)
    ctx.exit(found.exit_code(streng))


@cli.command("historik")
@click.argument("dialog")
@click.argument("punkt_id", metavar="ID")
def historik(dialog: str, punkt_id: str) -> None:
    """Vis et punkts historik runde for runde.

    Hvornår det blev aftalt, hver status med referat, og hvad det erstattede
    eller blev erstattet af.
    """
    from aftale.commands.status import history

    for line in history(here(), dialog, punkt_id):
        click.echo(line)
