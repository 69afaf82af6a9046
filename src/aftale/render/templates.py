"""Finding templates: the repository's own ``templates/`` first, then the built-in ones, file by file.

Jinja2 runs sandboxed, with autoescape and ``StrictUndefined``, so that a
template cannot reach into Python and a field that does not exist fails the
build instead of printing a blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from aftale.errors import AftaleError
from aftale.words import TEMPLATES_DIR, builtin_dir


class TemplateFailed(AftaleError):
    """A template could not be used: missing, broken, or asking for a field that does not exist."""


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
        """The first template file called ``name`` on the search path."""
        for folder in self.dirs:
            if (folder / name).is_file():
                return folder / name
        raise TemplateFailed(f"skabelonen '{name}' findes hverken i {TEMPLATES_DIR}/ eller blandt de indbyggede "
                             "skabeloner. Geninstallér aftale, eller læg filen i templates/.")

    def shown(self, path: Path) -> str:
        """A template's name as the user reads it: relative to the repository when it is the user's own."""
        if self.root is not None:
            try:
                return path.resolve().relative_to(self.root.resolve()).as_posix()
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
        return SandboxedEnvironment(loader=jinja2.FileSystemLoader([str(d) for d in self.dirs]),
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
