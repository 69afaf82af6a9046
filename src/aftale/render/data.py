"""The view model as plain data: what a template fed with JSON (typst's) reads.

Generic over the frozen dataclasses of :mod:`aftale.views.model` (and any subclass, such as the
redegørelse's ``Report``): every field and every property becomes a key of the same name, so a field
added to the view model reaches the templates without a change here. Text stays text: a template
reads it as a value, never as markup.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import date
from functools import cache

Plain = None | bool | int | float | str | list["Plain"] | dict[str, "Plain"]


def plain(value: object, text: Callable[[str], str] = str) -> Plain:
    """``value`` as JSON data: a dataclass as an object of its fields and properties, a tuple as a list, a date
    as ``YYYY-MM-DD``; every string passed through ``text``."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [plain(item, text) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item, text) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name), text) for name in _names(type(value))}
    raise TypeError(f"the view model holds a {type(value).__name__}, which has no plain form")


def dumps(value: object) -> bytes:
    """``value`` as compact UTF-8 JSON, the same bytes for the same value."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


@cache
def _names(kind: type) -> tuple[str, ...]:
    """The fields of dataclass ``kind``, then its public properties, in the order the class declares them."""
    fields = [field.name for field in dataclasses.fields(kind)]
    properties = [name for klass in reversed(kind.__mro__) for name, member in vars(klass).items()
                  if isinstance(member, property) and not name.startswith("_")]
    return tuple(dict.fromkeys([*fields, *properties]))
