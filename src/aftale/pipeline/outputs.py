"""The documents of an output folder: their names, their bytes in each format, and writing them.

Every command that writes documents names them with :class:`Output`, renders them with :func:`render`
and puts each document's formats in place with :func:`aftale.pipeline.placing.place`.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from aftale.render import Options, writer
from aftale.render.templates import Templates
from aftale.views.model import Document

PUBLIC_SUFFIX = "-offentlig"
#: The meeting's invitation beside a round's documents (``invitation.ics`` and ``.eml``), and the frister of every
#: open point (``aftale kalender``).
INVITATION, DEADLINES_FILE = "invitation", "frister.ics"
#: The redegørelse of a styringsår, named for the year: it spans every dialogue.
REPORT_STEM = "redegoerelse-{year}"

Notice = Callable[[str], None]


@dataclass(frozen=True)
class Output:
    """One document in an output folder: which it is, its formats, and the key of its inputs."""

    dialog: str
    year: int
    kind: str
    public: bool
    formats: tuple[str, ...]
    key: str = ""
    #: The files' name relative to the folder, without the format's suffix, when it is not the label.
    stem: str | None = None

    @property
    def label(self) -> str:
        """The document as a build names it: ``naestved-lejerbo/2021/referat-offentlig``."""
        if self.stem is not None:
            return self.stem
        return f"{self.dialog}/{self.year}/{self.kind}{PUBLIC_SUFFIX if self.public else ''}"

    def names(self) -> dict[str, str]:
        """Each format's file name, relative to the output folder."""
        return {name: f"{self.label}.{name}" for name in self.formats}


def output_names(dialog: str, year: int, kind: str) -> list[str]:
    """Every file name a document may have in an output folder: both editions, both formats."""
    return [name for public in (False, True)
            for name in Output(dialog, year, kind, public, ("docx", "pdf")).names().values()]


def render(view: Document, templates: Templates, options: Options, formats: Iterable[str]) -> dict[str, bytes]:
    """The bytes of ``view`` in each of ``formats``."""
    return {name: writer(name)(view, templates, options) for name in formats}


def file_hash(path: Path) -> str | None:
    """The hash of an output file's contents, or None when it is no regular file (or cannot be read)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None
        hashed = hashlib.sha256()
        for chunk in iter(lambda: file.read(1 << 20), b""):
            hashed.update(chunk)
        return hashed.hexdigest()
