"""The options many commands share, declared once as decorators (as sqlite-utils declares ``output_options``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from aftale.choices import PDF_ENGINES, PDF_VARIANTS
from aftale.cli.params import Folder

F = TypeVar("F", bound=Callable[..., Any])


def formats_option(default: str = "docx,pdf", what: str = "Formaterne") -> Callable[[F], F]:
    """``--format FORMATER``: the formats, separated by commas."""
    more = "; docx,pdf giver også Word-filer" if default == "pdf" else ""
    return click.option("--format", "formats", default=default, metavar="FORMATER",
                        help=f"{what}, adskilt af komma (standard: {default}{more}).")


def out_option(default: str = "build/", what: str = "filerne") -> Callable[[F], F]:
    """``-o/--ud MAPPE``: the output folder."""
    return click.option("-o", "--ud", type=Folder(), metavar="MAPPE",
                        help=f"Mappen, {what} skrives i (standard: {default} i repositoriet).")


def public_option(function: F) -> F:
    """``--offentlig``: the public edition."""
    return click.option("--offentlig", is_flag=True,
                        help="Offentlig udgave: lukkede punkter vises kun med nummer og 'Lukket punkt'.")(function)


def pdf_variant_option(function: F) -> F:
    """``--pdf-variant``: PDF/A and PDF/UA, or neither."""
    return click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS),
                        help="PDF-variant: PDF/A til arkivering, PDF/UA til skærmlæsere, eller 'ingen' (standard: "
                             f"'pdf-variant' i aftale.yaml, ellers {PDF_VARIANTS[0]}: PDF/A med tags).")(function)


def pdf_engine_option(function: F) -> F:
    """``--pdf-motor``: the engine that writes the PDFs."""
    return click.option("--pdf-motor", "pdf_motor", type=click.Choice(PDF_ENGINES), metavar="MOTOR",
                        help=f"Programmet, der laver PDF'erne: {' eller '.join(PDF_ENGINES)} (standard: 'pdf-motor' i "
                             f"aftale.yaml, ellers {PDF_ENGINES[0]}; weasyprint kræver Pango).")(function)
