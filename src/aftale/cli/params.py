"""What the commands share: the parameter types for a round's year and a date, and the notice printer."""

from __future__ import annotations

from datetime import date
from typing import Any

import click


class Year(click.ParamType):
    """A round's year, such as 2021."""

    name = "år"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        if not (str(value).isascii() and str(value).isdigit()):
            self.fail(f"'{value}' er ikke et årstal; skriv fx 2021.", param, ctx)
        return int(value)


class IsoDate(click.ParamType):
    """A date written as YYYY-MM-DD."""

    name = "dato"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"'{value}' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx 2022-10-27.", param, ctx)


def notice(message: str) -> None:
    """Print a notice: something the user should know that is not an error."""
    click.echo(f"bemærk: {message}", err=True)
