"""The words the documents show, read from ``tekster.yaml`` on the template search path.

The built-in ``templates/tekster.yaml`` holds every word; a repository's own
``templates/tekster.yaml`` overrides single entries, as pandoc's translation
files do. Texts with a varying part name it in braces (``"Afsluttet i {år}"``);
:class:`Words` fills it in by name. An override may use only the names its
built-in text uses, so a broken entry is found when the file is read, at its line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal

from yaml.nodes import MappingNode

from aftale.errors import Problem, ProblemsFound, Severity, TemplateFailed
from aftale.fields import FileReader
from aftale.inputs import Place, Reader, read_input
from aftale.yamlfile import read_yaml

TEMPLATES_DIR = "templates"
WORDS_FILE = "tekster.yaml"
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
#: Texts that must name all of their built-in names, in the same order (the page numbers of the footer).
_EVERY_NAME = frozenset({"dokumenter.sidetal"})


def builtin_dir() -> Path:
    """The built-in templates: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / TEMPLATES_DIR
    return packaged if packaged.is_dir() else here.parent.parent / TEMPLATES_DIR


def danish_date(value: date, *, keep_together: bool = True) -> str:
    """A date as Danes write it in minutes: "27. oktober 2020".

    :param keep_together: join the parts with no-break spaces, so a document never breaks a date across lines.
    """
    text = format_date(value, "d. MMMM y", locale="da_DK")
    return text.replace(" ", "\u00a0") if keep_together else text


def danish_number(value: float, *, sign: bool = False) -> str:
    """A number as Danes write it: "12,5", "36", "748.000"; with ``sign``, "+2" or "−3,8" (a real minus)."""
    text = format_decimal(abs(value) if sign else value, "#,##0.##", locale="da_DK")
    if not sign:
        return text.replace("-", "\u2212")
    return ("\u2212" if value < 0 else "+" if value > 0 else "") + text


def placeholders(text: str) -> list[str]:
    """The names in braces in ``text``, in order."""
    return _PLACEHOLDER.findall(text)


@dataclass(frozen=True)
class Words:
    """Every word of the documents by its key, ``"group.name"``; call it to get one, filled in."""

    entries: Mapping[str, str]

    def __call__(self, key: str, **values: object) -> str:
        """The text of ``key`` with each ``{name}`` replaced by ``values[name]``.

        Names with letters outside ASCII are passed as a mapping: ``words(key, **{"år": 2020})``.
        """
        try:
            text = self.entries[key]
        except KeyError:
            raise TemplateFailed(f"teksten '{key}' findes ikke i {WORDS_FILE}. Geninstallér aftale.") from None
        missing = [name for name in placeholders(text) if name not in values]
        if missing:
            raise TemplateFailed(f"teksten '{key}' i {WORDS_FILE} bruger {{{missing[0]}}}, som ikke kan udfyldes her.")
        return _PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)

    def mapped(self, change: Callable[[str], str]) -> "Words":
        """These words, each passed through ``change`` (for example to remove characters XML cannot hold)."""
        return Words({key: change(text) for key, text in self.entries.items()})


@functools.cache
def builtin() -> Words:
    """The built-in words, read once per process."""
    return _merged([builtin_dir() / WORDS_FILE], None)


def for_folders(dirs: Sequence[Path], root: Path | None = None, read: Reader = read_input) -> Words:
    """The words of a template search path: the built-in file, then each folder's own, first folder winning.

    :param dirs: the template folders, first match first (as :class:`aftale.render.templates.Templates` has them).
    :param root: the repository, so that a file is named as the user reads it ("templates/tekster.yaml").
    :param read: how each file is read (a command's snapshot reads each once).
    :raises ProblemsFound: with every problem of a repository's file.
    """
    own = [d / WORDS_FILE for d in dirs if d.resolve() != builtin_dir().resolve() and (d / WORDS_FILE).is_file()]
    if not own:
        return builtin()
    return _merged([builtin_dir() / WORDS_FILE, *reversed(own)], root, read)


def _shown(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.name


def _merged(paths: Sequence[Path], root: Path | None, read: Reader = read_input) -> Words:
    """The first file defines every key; each later file overrides some of them."""
    problems: list[Problem] = []
    entries: dict[str, str] = {}
    for index, path in enumerate(paths):
        _read(path, _shown(path, root), entries, problems, read, defines=index == 0)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise ProblemsFound(f"ordene i {WORDS_FILE} kan ikke bruges. Intet er skrevet; ret fejlene og prøv igen.",
                            problems, root)
    return Words(entries)


def _read(path: Path, rel: str, entries: dict[str, str], problems: list[Problem], read: Reader, *,
          defines: bool) -> None:
    hint = ("Skriv de ord, I vil ændre, under deres overskrift, fx 'punkter:' og på næste linje "
            "'  eventuelt: Eventuelt og afslutning'.")
    root = read_yaml(path, rel, problems, hint, Place((path.parent,), noun="filen", name="skabelonmappen"), read)
    if root is None:
        return
    reader = FileReader(rel, problems)
    groups = list(dict.fromkeys(key.split(".")[0] for key in entries))
    found = _mapping(reader, root, groups, f"i {WORDS_FILE}", defines)
    for group, node in found.items():
        names = [key.split(".", 1)[1] for key in entries if key.startswith(group + ".")]
        for name, value in _mapping(reader, node, names, f"under '{group}'", defines).items():
            key = f"{group}.{name}"
            text = reader.text(value, name)
            if text is None:
                continue
            allowed = placeholders(entries[key]) if key in entries else None
            if _valid(reader, value, text, allowed, name, key in _EVERY_NAME):
                entries[key] = text


def _mapping(reader: FileReader, node: object, keys: list[str], what: str, defines: bool) -> dict:
    """The entries of a mapping; the built-in file may define any key, an override only known ones."""
    if defines and isinstance(node, MappingNode):
        return {str(k.value): v for k, v in node.value}
    return reader.fields(node, keys, what) or {}  # type: ignore[arg-type]


def _valid(reader: FileReader, node: object, text: str, allowed: list[str] | None, name: str,
           every: bool = False) -> bool:
    """True when ``text`` has balanced braces and names only what its built-in text names."""
    bare = _PLACEHOLDER.sub("", text)
    if "{" in bare or "}" in bare:
        reader.error(node, f"teksten til '{name}' har en krøllet parentes uden sin partner. Skriv navne i "  # type: ignore[arg-type]
                           "krøllede parenteser som {år}, og brug ikke krøllede parenteser til andet.")
        return False
    if allowed is None:
        return True
    for used in placeholders(text):
        if used not in allowed:
            known = ", ".join("{" + n + "}" for n in allowed) or "ingen"
            reader.error(node, f"teksten til '{name}' bruger {{{used}}}, som ikke kan udfyldes her. "  # type: ignore[arg-type]
                               f"Her kan bruges: {known}.")
            return False
    if every and placeholders(text) != allowed:
        reader.error(node, f"teksten til '{name}' skal bruge {', '.join('{' + n + '}' for n in allowed or [])} "  # type: ignore[arg-type]
                           "én gang hver og i den rækkefølge.")
        return False
    return True
