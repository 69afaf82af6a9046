"""Finding templates: the repository's own ``templates/`` first, then the built-in ones, file by file.

Jinja2 runs sandboxed, with autoescape and ``StrictUndefined``, so that a
template cannot reach into Python and a field that does not exist fails the
build instead of printing a blank.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

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

    def environment(self) -> SandboxedEnvironment:
        """A new sandboxed Jinja2 environment that loads from the search path.

        Each caller gets its own environment (its globals are its own, also when several threads render at
        once); they share one cache of compiled templates, so each template is read and compiled once.
        """
        compiled = self.__dict__.setdefault("_compiled", _Compiled())
        return _Bounded(loader=_Loader(self), autoescape=True, undefined=jinja2.StrictUndefined,
                        trim_blocks=False, lstrip_blocks=False, bytecode_cache=compiled)

    def __getstate__(self) -> dict[str, object]:
        """What a worker process gets: everything but the compiled templates (compiled again there)."""
        return {key: value for key, value in self.__dict__.items() if key != "_compiled"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def _running(self, error: BaseException) -> str | None:
        """The template whose code was running when ``error`` was raised (the innermost on the search path), as the
        user reads its name; None when no template's code is in its traceback."""
        found = None
        trace = error.__traceback__
        while trace is not None:
            path = Path(trace.tb_frame.f_code.co_filename)
            if path.is_absolute() and any(path.is_relative_to(folder) for folder in self.dirs):
                found = path
            trace = trace.tb_next
        return self.shown(found) if found is not None else None

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
        if isinstance(error, TooLong):
            shown = self._running(error) or shown
            steps = f"{BOUND_STEPS:,}".replace(",", ".")
            return TemplateFailed(f"{shown}: skabelonen blev stoppet, fordi den ikke blev færdig (den nåede grænsen på "
                                  f"{BOUND_SECONDS:g} sekunder eller {steps} gentagelser; den gentager sig formentlig i "
                                  "det uendelige, fx i en løkke i en løkke over range). Ret skabelonen.")
        if isinstance(error, jinja2.exceptions.SecurityError):
            return TemplateFailed(f"{shown}: skabelonen prøver at bruge noget, som skabeloner ikke må "
                                  f"({error}). Ret skabelonen.")
        return TemplateFailed(f"{shown}: skabelonen kunne ikke bruges ({error}). Ret skabelonen.")


def _exists(templates: Templates, name: str) -> bool:
    return any((d / name).is_file() for d in templates.dirs)


def _place(folder: Path) -> Place:
    return Place((folder,), noun="skabelonen", name="skabelonmappen")


#: How long one render of a template may take before it is stopped (a repository's own template that loops forever
#: must not hang ``byg``, ``udgiv`` or a page of ``vis``); no document of aftale's own comes near it.
BOUND_SECONDS = 60.0
#: How many steps of ``range`` one render may take (long before memory runs out; a document needs thousands).
BOUND_STEPS = 1_000_000
#: The longest text or the largest number a template may make by multiplying or raising to a power.
_LARGEST = 10_000_000


class TooLong(jinja2.TemplateError):
    """A render that went on past :data:`BOUND_SECONDS` or :data:`BOUND_STEPS`, or made a value too large to hold."""


class _Bounded(SandboxedEnvironment):
    """A sandboxed environment whose renders stop after :data:`BOUND_SECONDS` (counted from its creation: one
    environment per render, see :meth:`Templates.environment`).

    A template works only through calls, attribute and item lookups, operators and ``range``: each is checked
    against the deadline, ``range`` checks it as it goes, and ``*`` and ``**`` may not make a text, list or number
    beyond :data:`_LARGEST`.
    """

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.deadline = time.monotonic() + BOUND_SECONDS
        self.steps = 0
        self.globals["range"] = self._range

    def _in_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TooLong()

    def _range(self, *args: int) -> Iterator[int]:
        for number in range(*args):
            self.steps += 1
            if self.steps % 1000 == 0:
                self._in_time()
                if self.steps > BOUND_STEPS:
                    raise TooLong()
            yield number

    def call(__self, __context: jinja2.runtime.Context, __obj: object, *args: object,  # noqa: N805
             **kwargs: object) -> object:
        __self._in_time()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: object, attribute: str) -> object:
        self._in_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj: object, argument: object) -> object:
        self._in_time()
        return super().getitem(obj, argument)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: object, right: object) -> object:
        self._in_time()
        if operator == "*" and isinstance(right, int) and hasattr(left, "__len__"):
            if len(left) * right > _LARGEST:  # type: ignore[arg-type]
                raise TooLong()
        if operator == "*" and isinstance(left, int) and hasattr(right, "__len__"):
            if len(right) * left > _LARGEST:  # type: ignore[arg-type]
                raise TooLong()
        if operator == "**" and isinstance(right, (int, float)) and isinstance(left, (int, float)):
            if abs(right) > 64 and abs(left) > 1:
                raise TooLong()
        return super().call_binop(context, operator, left, right)


class _Compiled(jinja2.BytecodeCache):
    """Compiled templates kept in memory, by template and source, for every environment of one :class:`Templates`."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


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
            return text, str(path), lambda: True  # one snapshot: a template does not change while it is used
        raise jinja2.TemplateNotFound(template)
