"""The ``aftale`` group: Danish help and errors, exit codes, and the console script's entry point.

Every message a user reads is Danish, including Click's own usage errors and
help headings; no traceback ever reaches the user. The commands register on
:data:`cli` from their own modules (:mod:`~aftale.cli.documents`,
:mod:`~aftale.cli.repository`).
"""

from __future__ import annotations

import signal
import sys
import threading
from typing import Any

import click

from aftale import __version__, clicktext

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
        _stop_on_terminate()
        try:
            result = super().main(args, prog_name or "aftale", complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except click.UsageError as error:
            code = _usage_error(error, args)
        except click.ClickException as error:
            click.echo(f"fejl: {error.format_message()}", err=True)
            code = error.exit_code
        except (click.Abort, KeyboardInterrupt):
            click.echo("Afbrudt.", err=True)
            code = EXIT_INTERRUPTED
        except Exception as error:  # noqa: BLE001 - the user's mistake, a fault of the machine or a bug: one line
            code = _error(error)
        sys.exit(code)


def _terminated(signum: int, frame: object) -> None:
    """A request to stop (``kill``, a CI job's time-out, ``docker stop``) ends the command as Ctrl+C does: what is
    written so far is recorded, nothing is left half-written."""
    raise KeyboardInterrupt


def _stop_on_terminate() -> None:
    """Handle SIGTERM as SIGINT, where this process may (only the main thread can set a handler)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)


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


def _error(error: Exception) -> int:
    """Print what went wrong in one Danish line (first the problems an error carries, each as ``tjek`` prints it);
    the exit code: 2 for the user's mistake or a fault of the machine, 3 for a bug in aftale."""
    from aftale.errors import AftaleError, ProblemsFound, explain, is_internal  # not needed by 'aftale --help'

    if isinstance(error, ProblemsFound):
        for line in error.lines():
            click.echo(line)
    click.echo(f"fejl: {explain(error)}", err=True)
    return EXIT_INTERNAL if is_internal(error) else AftaleError.exit_code


@click.group("aftale", cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="aftale", message="%(prog)s %(version)s",
                      help="Vis versionsnummeret og afslut.")
def cli() -> None:
    """Dagsorden, referat og aftaledokument til styringsdialogen.

    aftale læser de aftalte punkter fra YAML-filer i mappen agreements/ og fører
    hvert punkt, der ikke er lukket, videre til næste års dagsorden og
    aftaledokument, så ingen aftale bliver glemt.
    """


def main() -> None:
    """The console script's entry point."""
    cli.main(prog_name="aftale")
