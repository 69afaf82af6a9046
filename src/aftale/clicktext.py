"""Click's own words in Danish: a message catalog keyed by Click's English message ids.

Click looks up every message it shows through :func:`gettext.gettext` (bound as ``_`` in each of
its modules) before it fills in the values, so the catalog maps Click's message ids, placeholders
and all, to Danish. :func:`install` points Click's lookups at the catalog for this process; a
message that is not in it stays as Click wrote it. ``tests/test_tjek.py`` checks that every id
here is still one Click uses.
"""

from __future__ import annotations

import gettext
import importlib

#: Click's message id → the Danish text (the same ``{placeholders}``).
MESSAGES = {
    "Usage:": "Brug:",
    "Options": "Tilvalg",
    "Commands": "Kommandoer",
    "Positional arguments": "Argumenter",
    "Show this message and exit.": "Vis denne hjælp og afslut.",
    "Show the version and exit.": "Vis versionsnummeret og afslut.",
    "Aborted!": "Afbrudt.",
    "Missing command.": "mangler en kommando.",
    "Missing argument": "mangler et argument",
    "Missing option": "mangler et tilvalg",
    "Missing parameter": "mangler en værdi",
    "Missing parameter: {param_name}": "mangler {param_name}.",
    "Missing {param_type}": "mangler {param_type}",
    "Invalid value: {message}": "ugyldig værdi: {message}",
    "Invalid value for {param_hint}: {message}": "ugyldig værdi for {param_hint}: {message}",
    "No such option {name!r}.": "ukendt tilvalg {name!r}.",
    "No such command {name!r}.": "ukendt kommando {name!r}.",
    "Option {name!r} does not take a value.": "tilvalget {name!r} tager ingen værdi.",
    "Argument {name!r} takes {nargs} values.": "argumentet {name!r} skal have {nargs} værdier.",
    "Invalid start character for option ({option})": "ugyldigt første tegn i tilvalget ({option})",
    "{value!r} is not a valid {number_type}.": "{value!r} er ikke et tal.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} er ikke ja eller nej. Gyldige værdier: {states}",
    "{value} is not in the range {range}.": "{value} ligger ikke i intervallet {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} findes ikke.",
    "{name} {filename!r} is a file.": "{name} {filename!r} er en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} er en mappe.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan ikke læses.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan ikke skrives.",
    "file": "filen",
    "directory": "mappen",
    "path": "stien",
    "Choose from:\n\t{choices}": "Vælg blandt:\n\t{choices}",
    "default: {default}": "standard: {default}",
}
#: Messages with a singular and a plural: id of the singular → (Danish singular, Danish plural).
PLURALS = {
    "Got unexpected extra argument ({args})": ("uventet ekstra argument: {args}.", "uventede ekstra argumenter: {args}."),
    "Option {name!r} requires an argument.": ("tilvalget {name!r} skal have en værdi.",
                                              "tilvalget {name!r} skal have {nargs} værdier."),
    "{value!r} is not {choice}.": ("{value!r} er ikke {choice}.", "{value!r} er ikke en af {choices}."),
    "Did you mean {possibility}?": ("Mente du {possibility}?", "(Mente du en af: {possibilities}?)"),
    "Takes {nargs} values but 1 was given.": ("skal have {nargs} værdier, men fik 1.",
                                              "skal have {nargs} værdier, men fik {len}."),
}
#: Click's modules that look words up; each bound ``gettext`` and ``ngettext`` when it was imported.
_MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting", "click.parser",
            "click.termui", "click.types", "click.utils")


class Catalog(gettext.NullTranslations):
    """The Danish catalog as a translation object, for Click's lookups."""

    def gettext(self, message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if singular in PLURALS:
            return PLURALS[singular][0 if n == 1 else 1]
        return singular if n == 1 else plural


def install() -> None:
    """Make Click show its own words from the Danish catalog in this process."""
    catalog = Catalog()
    for name in _MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = catalog.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = catalog.ngettext  # type: ignore[attr-defined]
