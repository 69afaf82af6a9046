"""Finding templates: the repository's own ``templates/`` first, then the built-in ones, file by file.

Every template file is read through one reader (a command's snapshot). The Jinja2 environment the HTML and
Word templates are rendered in lives in :mod:`aftale.render.jinja`, imported only when one is rendered.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from aftale.errors import TemplateFailed
from aftale.inputs import Place, Reader, Refusal, read_input
from aftale.words import TEMPLATES_DIR, builtin_dir


@dataclass(frozen=True, eq=False)
class Templates:
    """A document's look: where templates are looked up (first match wins), how they are read, and the logo.

    :param dirs: the template folders, first match first.
    :param root: the repository, so that its own templates are named as the user reads them.
    :param read: how every template file is read (a command's snapshot reads each once).
    :param logo: the bytes of the repository's logo, when it has one.
    """

    dirs: tuple[Path, ...]
    root: Path | None = None
    read_file: Reader = field(default=read_input, repr=False)
    logo: bytes | None = field(default=None, repr=False)

    @classmethod
    def for_repository(cls, root: Path, read: Reader = read_input, logo: bytes | None = None) -> "Templates":
        """The search path of a repository: its ``templates/`` (if any), then the built-ins."""
        builtin = builtin_dir()
        own = (root / TEMPLATES_DIR).resolve()
        dirs = (own, builtin) if own.is_dir() and own != builtin.resolve() else (builtin,)
        return cls(dirs, root, read, logo)

    def files(self) -> list[tuple[str, Path]]:
        """Every regular file of the template folders by its name there, the first folder's winning, sorted."""
        found: dict[str, Path] = {}
        for folder in self.dirs:
            for path in sorted(folder.rglob("*")):
                name = path.relative_to(folder).as_posix()
                if name not in found and path.is_file():
                    found[name] = path
        return sorted(found.items())

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
        """A template that may not be read is a :class:`TemplateFailed`; one that may is read now, once (it is about
        to be used, and a second look would open it again)."""
        self._read(path, folder)

    def _read(self, path: Path, folder: Path) -> bytes:
        data = self.read_file(path, _place(folder))
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
        """True for the files a renderer may read: those inside the template folders."""
        path = path.resolve()
        return any(path.is_relative_to(d.resolve()) for d in self.dirs)

    def read_path(self, path: Path) -> bytes:
        """The bytes of a file a template refers to by its path (a font, a stylesheet), found as :meth:`resolve`
        finds it; a :class:`TemplateFailed` when it is not a regular file inside a template folder."""
        path = self.resolve(path)
        folder = next((d for d in self.dirs if path.resolve().is_relative_to(d.resolve())), None)
        if folder is None:
            raise TemplateFailed(f"{self.shown(path)}: filen ligger uden for skabelonmappen; en skabelon må kun "
                                 "bruge filer i skabelonmappen.")
        return self._read(path, folder)

    def preload(self) -> None:
        """Read every file of the template folders now (a worker process then has their bytes from the start)."""
        for _, path in self.files():
            self.read_path(path)

    def __getstate__(self) -> dict[str, object]:
        """What a worker process gets: everything but the compiled templates (compiled again there)."""
        return {key: value for key, value in self.__dict__.items() if key != "_compiled"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

def _place(folder: Path) -> Place:
    return Place((folder,), noun="skabelonen", name="skabelonmappen")
