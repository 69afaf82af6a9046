"""``aftale importer``: earlier referater and aftaledokumenter read into draft round files."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from aftale.cli.group import cli
from aftale.cli.params import Folder, Year, here

if TYPE_CHECKING:
    from pathlib import Path


@cli.command("importer", short_help="Læs tidligere referater og aftaledokumenter ind som runder.")
@click.argument("dialog")
@click.argument("filer", metavar="FIL...", nargs=-1, required=True, type=Folder())
@click.option("--år", "aar", type=Year(), metavar="ÅR",
              help="Rundens år, hvis dokumentet ikke selv siger det (kun med én fil).")
@click.option("--ud", "ud", type=click.Choice(["-"]), metavar="-",
              help="Skriv filerne på skærmen (standard output) i stedet for i agreements/.")
def importer(dialog: str, filer: tuple[Path, ...], aar: int | None, ud: str | None) -> None:
    """Læs tidligere referater og aftaledokumenter ind som udkast til runder.

    FIL er et referat, en dagsorden eller et aftaledokument som Word (.docx),
    PDF med tekst eller almindelig tekst (.txt). For hver fil skrives
    agreements/DIALOG/ÅR.yaml med mødets data, punkterne, opfølgningen på
    de åbne punkter og de nye aftaler; flere filer læses ældste først. Hvert
    gæt er markeret med en kommentar '# tjek:'. En fil, der findes i
    forvejen, overskrives aldrig. Kør bagefter 'aftale tjek'.
    """
    from aftale.commands.importer import import_files, report_lines

    imported = import_files(here(), dialog, filer, aar, write=ud is None)
    if ud is not None:
        click.echo(imported.text, nl=False)
    for line in report_lines(imported, dialog, written=ud is None):
        click.echo(line, err=ud is not None)
