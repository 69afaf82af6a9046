"""Finding templates: the repository's own ``templates/`` first, then the built-in ones, file by file.

Jinja2 runs sandboxed, with autoescape and ``StrictUndefined``, so that a
template cannot reach into Python and a field that does not exist fails the
build instead of printing a blank.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from aftale.errors import TemplateFailed
from aftale.inputs import Place, Refusal, check_input, read_input
from aftale.words import TEMPLATES_DIR, builtin_dir


@dataclass(frozen=True)
class Templates:
    """Where templates are looked up, first match wins, and the files a renderer may read besides them."""

    dirs: tuple[Path, ...]
    root: Path | None = None
    extra_files: frozenset[Path] = field(default_factory=frozenset)

    @classmethod
    def for_repository(cls, root: Path, logo: Path | None = None) -> "Templates":
        """The search path of a repository: its ``templates/`` (if any), then the built-ins."""
        builtin = builtin_dir()
        own = (root / TEMPLATES_DIR).resolve()
        dirs = (own, builtin) if own.is_dir() and own != builtin.resolve() else (builtin,)
        return cls(dirs, root, frozenset({logo.resolve()}) if logo else frozenset())

    def find(self, name: str) -> Path:
        """The first template file called ``name`` on the search path.

        Raises :class:`TemplateFailed` when that file is not a regular file inside its template folder
        (a link out of it, a pipe, a device), or when there is none.
        """
        for folder in self.dirs:
            path = folder / name
            if path.exists() or path.is_symlink():
                self._check(path, folder)
                return path
        raise TemplateFailed(f"skabelonen '{name}' findes hverken i {TEMPLATES_DIR}/ eller blandt de indbyggede "
                             "skabeloner. Geninstallér aftale, eller læg filen i templates/.")

    def read(self, name: str) -> bytes:
        """The bytes of the template file called ``name``, read safely (see :func:`aftale.inputs.read_input`)."""
        path = self.find(name)
        return self._read(path, self._folder(path))

    def text(self, name: str) -> str:
        """The text of the template file called ``name``; a file not saved as UTF-8 is a :class:`TemplateFailed`."""
        return self.decode(self.read(name), self.find(name))

    def decode(self, data: bytes, path: Path) -> str:
        """``data`` of template ``path`` as UTF-8 text, or a Danish :class:`TemplateFailed` naming the file."""
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise TemplateFailed(
                f"{self.shown(path)}:{line}: skabelonen er ikke gemt som UTF-8: byten 0x{data[error.start]:02X} kan "
                "ikke læses (typisk et æ, ø eller å gemt i et ældre tegnsæt). Gem den igen med tegnsættet UTF-8."
            ) from None

    def _folder(self, path: Path) -> Path:
        return next(folder for folder in self.dirs if path.parent == folder or folder in path.parents)

    def _check(self, path: Path, folder: Path) -> None:
        refusal = check_input(path, _place(folder))
        if refusal is not None:
            raise TemplateFailed(f"{self.shown(path)}: {refusal}")

    def _read(self, path: Path, folder: Path) -> bytes:
        data = read_input(path, _place(folder))
        if isinstance(data, Refusal):
            raise TemplateFailed(f"{self.shown(path)}: {data}")
        return data

    def shown(self, path: Path) -> str:
        """A template's name as the user reads it: relative to the repository when it is the user's own."""
        if self.root is not None:
            for candidate in (Path(os.path.abspath(path)), path.resolve()):
                try:
                    return candidate.relative_to(self.root.resolve()).as_posix()
                except ValueError:
                    pass
        return f"den indbyggede skabelon {path.name}"

    def resolve(self, path: Path) -> Path:
        """A file a template refers to, looked up file by file: where it is, else at the same place in the
        next template folder (so an overridden print.css still finds the built-in fonts)."""
        if path.exists():
            return path
        resolved = path.resolve()
        for folder in self.dirs:
            if resolved.is_relative_to(folder.resolve()):
                relative = resolved.relative_to(folder.resolve())
                return next((d / relative for d in self.dirs if (d / relative).exists()), path)
        return path

    def allows(self, path: Path) -> bool:
        """True for the files a renderer may read: templates, fonts and the configured logo."""
        path = path.resolve()
        return path in self.extra_files or any(path.is_relative_to(d.resolve()) for d in self.dirs)

    def environment(self) -> SandboxedEnvironment:
        """A sandboxed Jinja2 environment that loads from the search path."""
        return SandboxedEnvironment(loader=_Loader(self),
                                    autoescape=True, undefined=jinja2.StrictUndefined,
                                    trim_blocks=False, lstrip_blocks=False)

    def failure(self, error: jinja2.TemplateError, name: str) -> TemplateFailed:
        """A Danish error for Jinja2's ``error`` in the template called ``name``."""
        shown = self.shown(self.find(name)) if _exists(self, name) else name
        if isinstance(error, jinja2.TemplateSyntaxError):
            where = self.shown(Path(error.filename)) if error.filename else shown
            return TemplateFailed(f"{where}:{error.lineno}: skabelonen har en syntaksfejl ({error.message}). "
                                  "Ret skabelonen.")
        if isinstance(error, jinja2.UndefinedError):
            match = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", error.message or "")
            name_of_field = next((g for g in match.groups() if g), "?") if match else "?"
            return TemplateFailed(f"{shown}: skabelonen bruger feltet '{name_of_field}', som ikke findes i "
                                  "dokumentet. Ret eller slet feltet i skabelonen.")
        if isinstance(error, jinja2.exceptions.SecurityError):
            return TemplateFailed(f"{shown}: skabelonen prøver at bruge noget, som skabeloner ikke må "
                                  f"({error}). Ret skabelonen.")
        return TemplateFailed(f"{shown}: skabelonen kunne ikke bruges ({error}). Ret skabelonen.")


def _exists(templates: Templates, name: str) -> bool:
    return any((d / name).is_file() for d in templates.dirs)


def _place(folder: Path) -> Place:
    return Place((folder,), noun="skabelonen", name="skabelonmappen")


class _Loader(jinja2.BaseLoader):
    """Loads templates from the search path, first match wins, reading only regular files inside their folder.

    A template that is a link out of its folder, a pipe or a device is a :class:`TemplateFailed`
    naming it, never read; so is one not saved as UTF-8.
    """

    def __init__(self, templates: Templates) -> None:
        self.templates = templates

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.templates.dirs:
            path = folder.joinpath(*pieces)
            if not (path.exists() or path.is_symlink()):
                continue
            text = self.templates.decode(self.templates._read(path, folder), path)
            mtime = os.stat(path).st_mtime_ns
            return text, str(path), lambda: os.path.exists(path) and os.stat(path).st_mtime_ns == mtime
        raise jinja2.TemplateNotFound(template)
