"""What the commands share: the parameter types for a round's year, a date and a whole number in a range, and the
notice printer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from aftale.choices import FIRST_YEAR, LAST_YEAR


class Year(click.ParamType):
    """A round's year, such as 2021."""

    name = "år"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        text = str(value)
        if not (text.isascii() and text.isdigit()):
            self.fail(f"'{value}' er ikke et årstal; skriv fx 2021.", param, ctx)
        if len(text) != 4 or not FIRST_YEAR <= int(text) <= LAST_YEAR:
            shown = text if len(text) <= 12 else f"{text[:8]}… ({len(text)} cifre)"
            self.fail(f"{shown} er ikke et årstal mellem {FIRST_YEAR} og {LAST_YEAR}, som en runde kan hedde; skriv "
                      "rundens år med fire cifre, fx 2021.", param, ctx)
        return int(text)


if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path


class Folder(click.ParamType):
    """A folder or file given on the command line, as a :class:`pathlib.Path` (imported only when one is given, so
    that ``aftale --help`` stays quick)."""

    name = "sti"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> "Path":
        from pathlib import Path

        return value if isinstance(value, Path) else Path(value)


def shown(path: "Path | str") -> str:
    """A path as the user reads it (:func:`aftale.errors.shown`, imported when a command prints one)."""
    from aftale.errors import shown as named

    return named(path)


def here() -> "Path":
    """The current folder, where a command looks for the repository when it is given none."""
    from pathlib import Path

    return Path.cwd()


class IsoDate(click.ParamType):
    """A date written as YYYY-MM-DD."""

    name = "dato"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> "date":
        from datetime import date

        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"'{value}' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx 2022-10-27.", param, ctx)


class Whole(click.IntRange):
    """A whole number in a range, which the help and the errors describe in words ("mindst 1", "0–65535") where
    Click writes "x>=1" and "0<=x<=65535"."""

    def _describe_range(self) -> str:
        if self.max is None:
            return f"mindst {self.min}"
        if self.min is None:
            return f"højst {self.max}"
        return f"{self.min}–{self.max}"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        number: int = click.INT.convert(value, param, ctx)
        if (self.min is not None and number < self.min) or (self.max is not None and number > self.max):
            within = (f"mellem {self.min} og {self.max}" if self.min is not None and self.max is not None
                      else self._describe_range())
            self.fail(f"{number} kan ikke bruges; tallet skal være {within}.", param, ctx)
        return number


def notice(message: str) -> None:
    """Print a notice: something the user should know that is not an error."""
    click.echo(f"bemærk: {message}", err=True)
