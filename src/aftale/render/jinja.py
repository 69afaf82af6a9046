"""The Jinja2 environment of the HTML and Word templates: sandboxed, escaping, strict, bounded in time.

Jinja2 runs sandboxed, with autoescape and ``StrictUndefined``, so that a template cannot reach into
Python and a field that does not exist fails the build instead of printing a blank; a render that a
repository's own template keeps running stops after :data:`BOUND_SECONDS` or :data:`BOUND_STEPS`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from aftale.errors import TemplateFailed
from aftale.render.templates import Templates


def environment(templates: Templates) -> SandboxedEnvironment:
    """A new sandboxed Jinja2 environment that loads from ``templates``' search path.

    Each caller gets its own environment (its globals are its own, also when several threads render at
    once); they share one cache of compiled templates per :class:`Templates`, so each template is read and
    compiled once.
    """
    compiled = templates.__dict__.setdefault("_compiled", _Compiled())
    return _Bounded(loader=_Loader(templates), autoescape=True, undefined=jinja2.StrictUndefined,
                    trim_blocks=False, lstrip_blocks=False, bytecode_cache=compiled)


def _running(templates: Templates, error: BaseException) -> str | None:
    """The template whose code was running when ``error`` was raised (the innermost on the search path), as the
    user reads its name; None when no template's code is in its traceback."""
    found = None
    trace = error.__traceback__
    while trace is not None:
        path = Path(trace.tb_frame.f_code.co_filename)
        if path.is_absolute() and any(path.is_relative_to(folder) for folder in templates.dirs):
            found = path
        trace = trace.tb_next
    return templates.shown(found) if found is not None else None


def failure(templates: Templates, error: jinja2.TemplateError, name: str) -> TemplateFailed:
    """A Danish error for Jinja2's ``error`` in the template called ``name``."""
    shown = templates.shown(templates.find(name)) if _exists(templates, name) else name
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = templates.shown(Path(error.filename)) if error.filename else shown
        return TemplateFailed(f"{where}:{error.lineno}: skabelonen har en syntaksfejl ({error.message}). "
                              "Ret skabelonen.")
    if isinstance(error, jinja2.UndefinedError):
        match = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", error.message or "")
        name_of_field = next((g for g in match.groups() if g), "?") if match else "?"
        return TemplateFailed(f"{shown}: skabelonen bruger feltet '{name_of_field}', som ikke findes i "
                              "dokumentet. Ret eller slet feltet i skabelonen.")
    if isinstance(error, TooLong):
        shown = _running(templates, error) or shown
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
