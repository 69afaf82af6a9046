"""The ``aftale`` command line: parse arguments, call the library, print. Nothing else.

Every message a user reads is Danish, including Click's own usage errors and
help headings; no traceback ever reaches the user.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from aftale import __version__, clicktext
from aftale.choices import PDF_VARIANTS
from aftale.errors import AftaleError, shown

EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
clicktext.install()


class _Danish:
    """Danish placeholders in a command's usage line (Click's own words come from :mod:`aftale.clicktext`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TILVALG]")
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]


class _Command(_Danish, click.Command):
    """A command whose help speaks Danish."""


class _Group(_Danish, click.Group):
    """The top-level group: Danish help and errors, and one line instead of a traceback."""

    command_class = _Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            from aftale.suggest import did_you_mean

            ctx.fail(f"ukendt kommando '{name}'.{did_you_mean(name, self.list_commands(ctx))}")
        return super().resolve_command(ctx, args)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            result = super().main(args, prog_name or "aftale", complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except click.UsageError as error:
            code = _usage_error(error, args)
        except AftaleError as error:
            code = _error(error)
        except click.ClickException as error:
            click.echo(f"fejl: {error.format_message()}", err=True)
            code = error.exit_code
        except (click.Abort, KeyboardInterrupt):
            click.echo("Afbrudt.", err=True)
            code = EXIT_INTERRUPTED
        except OSError as error:  # a fault of the machine, not of aftale: say which path and what happened
            from aftale.errors import MachineFault

            click.echo(f"fejl: {MachineFault(error.filename or '?', error, verb='bruge')}", err=True)
            code = AftaleError.exit_code
        except Exception as error:  # noqa: BLE001 - the one place that turns a bug into one line
            click.echo(f"aftale: intern fejl ({type(error).__name__}: {error}). Det er en fejl i aftale, ikke i "
                       "dine filer; meld den venligst til udviklerne med kommandoen, du kørte, og denne linje.",
                       err=True)
            code = EXIT_INTERNAL
        sys.exit(code)


def _usage_error(error: click.UsageError, args: Any) -> int:
    """Say a usage error in one Danish line, with where to find help; a bare ``aftale`` shows the help."""
    if type(error).__name__ == "NoArgsIsHelpError":
        click.echo(error.format_message())
        return 0
    if isinstance(error, click.NoSuchOption):
        from aftale.suggest import did_you_mean

        message = f"ukendt tilvalg '{error.option_name}'." + did_you_mean(error.option_name,
                                                                           error.possibilities or [])
    else:
        message = error.format_message()
    if error.ctx is not None:
        command = error.ctx.command_path
    else:  # Click's parser raises some errors before the command's context exists
        words = [str(word) for word in (args if args is not None else sys.argv[1:]) if not str(word).startswith("-")]
        command = f"aftale {words[0]}" if words and words[0] in cli.commands else "aftale"
    click.echo(f"fejl: {message} Se '{command} --help'.", err=True)
    return error.exit_code


def _error(error: AftaleError) -> int:
    """Print a library error, and first the problems it carries, each as ``tjek`` prints it; its exit code."""
    from aftale.errors import ProblemsFound

    if isinstance(error, ProblemsFound):
        for line in error.lines():
            click.echo(line)
    click.echo(f"fejl: {error}", err=True)
    return error.exit_code


@click.group("aftale", cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="aftale", message="%(prog)s %(version)s",
                      help="Vis versionsnummeret og afslut.")
def cli() -> None:
    """Dagsorden, referat og aftaledokument til styringsdialogen.

    aftale læser de aftalte punkter fra YAML-filer i mappen agreements/ og fører
    hvert punkt, der ikke er lukket, videre til næste års dagsorden og
    aftaledokument, så ingen aftale bliver glemt.
    """


@cli.command("tjek")
@click.argument("sti", required=False, type=click.Path(path_type=Path))
@click.option("--streng", is_flag=True, help="Afslut med kode 1, hvis der er advarsler (til CI).")
@click.pass_context
def tjek(ctx: click.Context, sti: Path | None, streng: bool) -> None:
    """Tjek alle aftaler i repositoriet for fejl.

    STI er mappen med agreements/ (standard: den aktuelle mappe eller den
    nærmeste mappe over den). Hver fejl og advarsel vises som
    fil:linje:kolonne med en forklaring og et forslag til rettelse.

    Afslutningskoder: 0 ingen fejl, 1 advarsler (med --streng), 2 fejl.
    """
    from aftale.check import check

    report = check(sti if sti is not None else Path.cwd())
    for line in report.lines():
        click.echo(line)
    click.echo(report.summary())
    ctx.exit(report.exit_code(strict=streng))


class _Year(click.ParamType):
    """A round's year, such as 2021."""

    name = "år"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        if not (str(value).isascii() and str(value).isdigit()):
            self.fail(f"'{value}' er ikke et årstal; skriv fx 2021.", param, ctx)
        return int(value)


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
    @click.argument("aar", metavar="[ÅR]", required=False, type=_Year())
    @click.option("--format", "formats", default="docx,pdf", metavar="FORMATER",
                  help="Formaterne, adskilt af komma (standard: docx,pdf).")
    @click.option("-o", "--ud", type=click.Path(path_type=Path), metavar="MAPPE",
                  help="Mappen, filerne skrives i (standard: build/ i repositoriet).")
    @click.option("--offentlig", is_flag=True,
                  help="Offentlig udgave: lukkede punkter vises kun med nummer og 'Lukket punkt'.")
    @click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS),
                  help="PDF-variant: PDF/A til arkivering, PDF/UA til skærmlæsere, eller 'ingen' (standard: "
                       f"'pdf-variant' i aftale.yaml, ellers {PDF_VARIANTS[0]}: PDF/A med tags).")
    def command(dialog: str, aar: int | None, formats: str, ud: Path | None, offentlig: bool,
                pdf_variant: str | None) -> None:
        from aftale import document

        request = document.Request(dialog, kind, aar, document.parse_formats(formats), ud, offentlig,
                                   document.Options(pdf_variant))
        for path in document.render(Path.cwd(), request, notice=_notice):
            click.echo(f"skrev {shown(path)}")


_render_command("dagsorden", "Lav dagsordenen til en runde.", "standard: næste runde, også før dens fil findes")
_render_command("referat", "Lav referatet af en runde.", "standard: den seneste")
_render_command("aftaledokument", "Lav aftaledokumentet fra en runde.", "standard: den seneste")


def _report_command(name: str, hidden: bool) -> None:
    """Register the command that renders the redegørelse, under ``name``."""

    @cli.command(name, hidden=hidden)
    @click.argument("aar", metavar="[ÅR]", required=False, type=_Year())
    @click.option("--format", "formats", default="docx,pdf", metavar="FORMATER",
                  help="Formaterne, adskilt af komma (standard: docx,pdf).")
    @click.option("-o", "--ud", type=click.Path(path_type=Path), metavar="MAPPE",
                  help="Mappen, filerne skrives i (standard: build/ i repositoriet).")
    @click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS),
                  help=f"PDF-variant (standard: 'pdf-variant' i aftale.yaml, ellers {PDF_VARIANTS[0]}).")
    def command(aar: int | None, formats: str, ud: Path | None, pdf_variant: str | None) -> None:
        """Lav kommunens redegørelse for et styringsår på tværs af alle dialoger.

        ÅR er styringsåret (standard: det seneste år, hvor et møde er holdt).
        Redegørelsen har en tabel over årets dialogmøder og et afsnit for hver
        boligorganisation: nye aftaler efter tema, videreførte og afsluttede
        aftaler. Den viser kun det, de offentlige udgaver viser. Filerne skrives
        som UD/redegoerelse-ÅR.docx og .pdf. Kommunens egen indledning skrives i
        aftale.yaml under redegørelse: indledning:.
        """
        from aftale import document

        for path in document.render_report(Path.cwd(), aar, document.parse_formats(formats), ud,
                                           document.Options(pdf_variant), notice=_notice):
            click.echo(f"skrev {shown(path)}")


_report_command("redegørelse", hidden=False)
_report_command("redegoerelse", hidden=True)


@cli.command("udgiv")
@click.argument("sti", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--ud", type=click.Path(path_type=Path), metavar="MAPPE",
              help="Mappen, hjemmesiden skrives i (standard: site/ i repositoriet).")
@click.option("--format", "formats", default="pdf", metavar="FORMATER",
              help="Dokumenternes formater, adskilt af komma (standard: pdf; docx,pdf giver også Word-filer).")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS),
              help=f"PDF-variant (standard: 'pdf-variant' i aftale.yaml, ellers {PDF_VARIANTS[0]}).")
def udgiv(sti: Path | None, ud: Path | None, formats: str, pdf_variant: str | None) -> None:
    """Skriv mappen til kommunens hjemmeside (site/).

    Mappen får en forside med hver boligorganisation og hvert års
    redegørelse, en side for hver dialog, de offentlige udgaver af alle
    godkendte referater og underskrevne aftaledokumenter, og redegørelsen for
    hvert år som webside og PDF. Alt er almindelig HTML og CSS med relative
    links, så mappen kan lægges på hjemmesiden, som den er. Dokumenter, der
    ikke er godkendt eller underskrevet, udgives ikke; kommandoen siger hvilke.
    Filer, som aftale skrev før, og som ikke længere laves, fjernes.
    """
    from aftale import document, publish

    outcome = publish.publish(sti or Path.cwd(), ud, document.parse_formats(formats), document.Options(pdf_variant),
                              notice=_notice)
    for path in outcome.written:
        click.echo(f"skrev {shown(path)}")
    for path in outcome.removed:
        click.echo(f"fjernede {shown(path)} (den laves ikke længere)")
    for line in outcome.unpublished:
        click.echo(f"udgives ikke: {line}")
    click.echo(outcome.summary())


def _notice(message: str) -> None:
    """Print a notice: something the user should know that is not an error."""
    click.echo(f"bemærk: {message}", err=True)


class _IsoDate(click.ParamType):
    """A date written as YYYY-MM-DD."""

    name = "dato"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"'{value}' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx 2022-10-27.", param, ctx)


@cli.command("ny")
@click.argument("dialog")
@click.argument("aar", metavar="[ÅR]", required=False, type=_Year())
@click.option("--dato", type=_IsoDate(), metavar="ÅÅÅÅ-MM-DD", help="Mødets dato, hvis den er kendt.")
def ny(dialog: str, aar: int | None, dato: date | None) -> None:
    """Opret filen til næste runde, klar til at blive udfyldt.

    Filen får mødets felter, standardpunkterne fra aftale.yaml og en
    opfølgning for hvert punkt, der stadig er åbent. ÅR er standard året efter
    den seneste runde. En fil, der allerede findes, bliver aldrig overskrevet.
    """
    from aftale import new

    written = new.new_round(Path.cwd(), dialog, aar, dato, date.today())
    click.echo(f"skrev {shown(written.path)} med {written.open_points} "
               f"{'åbent punkt' if written.open_points == 1 else 'åbne punkter'} til opfølgning.")


@cli.command("ny-dialog")
@click.argument("dialog")
@click.option("--kommune", required=True, metavar="NAVN", help="Kommunens navn, fx \"Næstved Kommune\".")
@click.option("--boligorganisation", required=True, metavar="NAVN", help="Boligorganisationens navn, fx Lejerbo.")
def ny_dialog(dialog: str, kommune: str, boligorganisation: str) -> None:
    """Start en ny dialog mellem en kommune og en boligorganisation.

    Skriver agreements/DIALOG/dialog.yaml med parterne og kommentarer om
    det, der kan udfyldes senere (afdelinger, underskrivere). DIALOG er
    dialogens navn med små bogstaver, tal og bindestreg, fx
    naestved-lejerbo. En dialog, der findes i forvejen, overskrives aldrig.
    """
    from aftale import new

    written = new.new_dialog(Path.cwd(), dialog, kommune, boligorganisation)
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
    import json

    from aftale.schema import schema

    click.echo(json.dumps(schema(fil), ensure_ascii=False, indent=2))


@cli.command("byg")
@click.argument("sti", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--ud", type=click.Path(path_type=Path), metavar="MAPPE",
              help="Mappen, filerne skrives i (standard: build/ i repositoriet).")
@click.option("--alle", is_flag=True, help="Alle runders dokumenter, ikke kun den seneste rundes.")
@click.option("--offentlig", is_flag=True,
              help="Offentlig udgave: lukkede punkter vises kun med nummer og 'Lukket punkt'.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Antal dokumenter, der laves samtidig (standard: antal processorkerner).")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS),
              help=f"PDF-variant (standard: 'pdf-variant' i aftale.yaml, ellers {PDF_VARIANTS[0]}).")
@click.pass_context
def byg(ctx: click.Context, sti: Path | None, ud: Path | None, alle: bool, offentlig: bool, jobs: int | None,
        pdf_variant: str | None) -> None:
    """Lav alle dokumenter for alle dialoger (til CI).

    For hver dialog: den seneste rundes dagsorden, referat og aftaledokument og
    næste rundes dagsorden, som DOCX og PDF. Dokumenter, hvis filer ikke er
    ændret siden sidst, springes over. Fejler en dialog, bygges de andre
    alligevel, og kommandoen afslutter med kode 2.
    """
    from aftale import build_all

    cwd = Path.cwd()
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
        outcome = build_all.build_all(sti or cwd, ud, alle, offentlig, jobs, build_all.Options(pdf_variant),
                                      progress, _notice)
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
    ctx.exit(2 if outcome.failed or outcome.unbuilt else 0)


@cli.command("vis")
@click.argument("dialog", required=False)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, metavar="N",
              help="Porten på 127.0.0.1, som forhåndsvisningen svarer på (0: en ledig port).")
@click.option("--åbn", "open_browser", is_flag=True, help="Åbn forhåndsvisningen i browseren.")
def vis(dialog: str | None, port: int, open_browser: bool) -> None:
    """Vis dokumenterne i browseren, mens du skriver.

    Starter en lokal forhåndsvisning på http://127.0.0.1:N/ (kun på denne
    maskine). Hvert dokument vises som en webside fra samme skabeloner som
    PDF'en, og siden opdaterer sig selv, når du gemmer en fil. Har filerne
    fejl, viser siden dem i stedet for dokumentet. DIALOG viser kun den
    dialog. Stop med Ctrl+C.
    """
    from aftale import serve

    def ready(address: str) -> None:
        click.echo(f"Forhåndsvisningen kører på {address} (stop med Ctrl+C).")
        if open_browser:
            import webbrowser

            webbrowser.open(address)

    serve.serve(Path.cwd(), dialog, port, ready)


@cli.command("status")
@click.argument("sti", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv listen som JSON til andre programmer.")
@click.option("--dato", type=_IsoDate(), metavar="ÅÅÅÅ-MM-DD", help="Dagen, fristerne måles mod (standard: i dag).")
def status(sti: Path | None, as_json: bool, dato: date | None) -> None:
    """Vis de åbne punkter i alle dialoger.

    For hvert punkt: dialog, id, titel, ansvarlig, frist (OVERSKREDET, hvis
    den er passeret), året det blev aftalt, og seneste status.
    """
    import json

    from aftale import status as open_status
    from aftale.check import check_clean

    today = dato or date.today()
    report = check_clean(sti or Path.cwd())
    points = open_status.open_points(report, today)
    if as_json:
        click.echo(json.dumps(open_status.as_json(points, today, open_status.awaiting(report)), ensure_ascii=False,
                              indent=2))
        return
    if points:
        for line in open_status.table(points):
            click.echo(line)
    for waiting in open_status.awaiting(report):
        click.echo(str(waiting))
    click.echo(open_status.summary(points, today))


@cli.command("historik")
@click.argument("dialog")
@click.argument("punkt_id", metavar="ID")
def historik(dialog: str, punkt_id: str) -> None:
    """Vis et punkts historik runde for runde.

    Hvornår det blev aftalt, hver status med referat, og hvad det erstattede
    eller blev erstattet af.
    """
    from aftale import status as open_status
    from aftale.check import check_clean

    for line in open_status.history(check_clean(Path.cwd(), dialog), dialog, punkt_id):
        click.echo(line)


def main() -> None:
    """The console script's entry point."""
    cli.main(prog_name="aftale")
