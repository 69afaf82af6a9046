"""The commands that make documents: one document each, or all of them (``byg``), the site
(``udgiv``) and the live preview (``vis``).

Each parses its arguments, calls one function in the library and prints what it did.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import click

from aftale.cli.group import EXIT_INTERNAL, cli
from aftale.cli.options import formats_option, out_option, pdf_engine_option, pdf_variant_option, public_option
from aftale.cli.params import Folder, Whole, Year, here, notice, shown

if TYPE_CHECKING:
    from pathlib import Path


def _render_command(kind: str, summary: str, default_round: str) -> None:
    """Register the command that renders documents of ``kind``."""

    @cli.command(kind, help=f"""{summary}

    DIALOG er dialogens mappenavn under agreements/, fx naestved-lejerbo. ÅR er
    runden ({default_round}).

    Filerne skrives som UD/DIALOG/ÅR/{kind}.docx og .pdf ({kind}-offentlig.docx
    og .pdf med --offentlig). Intet skrives, hvis dialogens filer eller
    aftale.yaml har fejl; kør 'aftale tjek' for at se dem.
    """)
    @click.argument("dialog")
    @click.argument("aar", metavar="[ÅR]", required=False, type=Year())
    @formats_option()
    @out_option()
    @public_option
    @pdf_variant_option
    @pdf_engine_option
    def command(dialog: str, aar: int | None, formats: str, ud: Path | None, offentlig: bool,
                pdf_variant: str | None, pdf_motor: str | None) -> None:
        from aftale.commands import dokument

        request = dokument.Request(dialog, kind, aar, dokument.parse_formats(formats), ud, offentlig,
                                   dokument.Options(pdf_variant, pdf_motor))
        for path in dokument.render(here(), request, notice=notice):
            click.echo(f"skrev {shown(path)}")


_render_command("dagsorden", "Lav dagsordenen til en runde.", "standard: næste runde, også før dens fil findes")
_render_command("referat", "Lav referatet af en runde.", "standard: den seneste")
_render_command("aftaledokument", "Lav aftaledokumentet fra en runde.", "standard: den seneste")


def _report_command(name: str, hidden: bool) -> None:
    """Register the command that renders the redegørelse, under ``name``."""

    @cli.command(name, hidden=hidden, short_help="Lav kommunens redegørelse for et styringsår.")
    @click.argument("aar", metavar="[ÅR]", required=False, type=Year())
    @formats_option()
    @out_option()
    @pdf_variant_option
    @pdf_engine_option
    def command(aar: int | None, formats: str, ud: Path | None, pdf_variant: str | None,
                pdf_motor: str | None) -> None:
        """Lav kommunens redegørelse for et styringsår på tværs af alle dialoger.

        ÅR er styringsåret (standard: det seneste år, hvor et møde er holdt).
        Redegørelsen har en tabel over årets dialogmøder og et afsnit for hver
        boligorganisation: nye aftaler efter tema, videreførte og afsluttede
        aftaler. Den viser kun det, de offentlige udgaver viser. Filerne skrives
        som UD/redegoerelse-ÅR.docx og .pdf. Kommunens egen indledning skrives i
        aftale.yaml under redegørelse: indledning:.
        """
        from aftale.commands import dokument, redegoerelse

        for path in redegoerelse.render_report(here(), aar, dokument.parse_formats(formats), ud,
                                               dokument.Options(pdf_variant, pdf_motor), notice=notice):
            click.echo(f"skrev {shown(path)}")


_report_command("redegørelse", hidden=False)
_report_command("redegoerelse", hidden=True)


@cli.command("udgiv")
@click.argument("sti", required=False, type=Folder())
@out_option("site/", "hjemmesiden")
@formats_option("pdf", "Dokumenternes formater")
@pdf_variant_option
@pdf_engine_option
def udgiv(sti: Path | None, ud: Path | None, formats: str, pdf_variant: str | None, pdf_motor: str | None) -> None:
    """Skriv mappen til kommunens hjemmeside (site/).

    Mappen får en forside med hver boligorganisation og hvert års
    redegørelse, en side for hver dialog, de offentlige udgaver af alle
    godkendte referater og underskrevne aftaledokumenter, og redegørelsen for
    hvert år som webside og PDF. Alt er almindelig HTML og CSS med relative
    links, så mappen kan lægges på hjemmesiden, som den er. Dokumenter, der
    ikke er godkendt eller underskrevet, udgives ikke; kommandoen siger hvilke.
    Filer, som aftale skrev før, og som ikke længere laves, fjernes.
    """
    from aftale.commands import dokument, udgiv as publish

    outcome = publish.publish(sti or here(), ud, dokument.parse_formats(formats),
                              dokument.Options(pdf_variant, pdf_motor), notice=notice)
    for path in outcome.written:
        click.echo(f"skrev {shown(path)}")
    for path in outcome.removed:
        click.echo(f"fjernede {shown(path)} (den laves ikke længere)")
    for line in outcome.unpublished:
        click.echo(f"udgives ikke: {line}")
    click.echo(outcome.summary())


@cli.command("byg")
@click.argument("sti", required=False, type=Folder())
@out_option()
@click.option("--alle", is_flag=True, help="Alle runders dokumenter, ikke kun den seneste rundes.")
@public_option
@click.option("-j", "--jobs", type=Whole(min=1), metavar="N",
              help="Antal dokumenter, der laves samtidig (standard: antal processorkerner).")
@pdf_variant_option
@pdf_engine_option
@click.pass_context
def byg(ctx: click.Context, sti: Path | None, ud: Path | None, alle: bool, offentlig: bool, jobs: int | None,
        pdf_variant: str | None, pdf_motor: str | None) -> None:
    """Lav alle dokumenter for alle dialoger (til CI).

    For hver dialog: den seneste rundes dagsorden, referat og aftaledokument og
    næste rundes dagsorden, som DOCX og PDF. Dokumenter, hvis filer ikke er
    ændret siden sidst, springes over. Fejler en dialog, bygges de andre
    alligevel, og kommandoen afslutter med kode 2.
    """
    from aftale.commands import byg as build_all

    cwd = here()
    interactive = sys.stdout.isatty() and not os.environ.get("CI")
    bar: Any = None

    def progress(job: build_all.Job, built: bool, done: int, total: int) -> None:
        nonlocal bar
        if interactive:
            if bar is None:
                bar = click.progressbar(length=total, label="Bygger", show_eta=False)
                bar.__enter__()
            bar.update(1)
        elif built:
            for _, path in job.paths:
                click.echo(f"skrev {shown(path)}")

    try:
        outcome = build_all.build_all(sti or cwd, ud, alle, offentlig, jobs, build_all.Options(pdf_variant, pdf_motor),
                                      progress, notice)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for path in outcome.removed:
        click.echo(f"fjernede {shown(path)} (dokumentet laves ikke længere)")
    for line in outcome.problem_lines():
        click.echo(line)
    for failure in outcome.failed:
        click.echo(f"fejl: {failure}")
    click.echo(outcome.summary())
    ctx.exit(EXIT_INTERNAL if outcome.internal else 2 if outcome.failed or outcome.unbuilt else 0)


@cli.command("vis")
@click.argument("dialog", required=False)
@click.option("--port", type=Whole(0, 65535), default=8000, show_default=True, metavar="N",
              help="Porten på 127.0.0.1, som forhåndsvisningen svarer på (0: en ledig port).")
@click.option("--åbn", "open_browser", is_flag=True, help="Åbn forhåndsvisningen i browseren.")
@pdf_engine_option
def vis(dialog: str | None, port: int, open_browser: bool, pdf_motor: str | None) -> None:
    """Vis dokumenterne i browseren, mens du skriver.

    Starter en lokal forhåndsvisning på http://127.0.0.1:N/ (kun på denne
    maskine). Hvert dokument vises som en webside fra samme skabeloner som
    PDF'en, og siden opdaterer sig selv, når du gemmer en fil. Har filerne
    fejl, viser siden dem i stedet for dokumentet. DIALOG viser kun den
    dialog. Stop med Ctrl+C.
    """
    from aftale.commands import vis_server as serve

    def ready(address: str) -> None:
        click.echo(f"Forhåndsvisningen kører på {address} (stop med Ctrl+C).")
        if open_browser:
            import webbrowser

            webbrowser.open(address)

    serve.serve(here(), dialog, port, ready, pdf_motor)
