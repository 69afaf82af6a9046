"""What a document is made from, as keys: equal keys mean the same bytes would be written.

:class:`Inputs` hashes input files (reusing the manifest's hashes while a file's stamp is unchanged);
:class:`Keys` combines them into the key of a dialogue and of a document.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from aftale import __version__
from aftale.load.layout import AGREEMENTS_DIR, DIALOG_FILE, SETTINGS_FILE, round_files
from aftale.render import Options
from aftale.render.templates import Templates

#: Inputs larger than this are not hashed (the loader refuses them as well).
MAX_INPUT_BYTES = 10 * 1024 * 1024


def digest(*chunks: bytes) -> str:
    """One hash of several byte strings, each with its length, so that no two lists give the same."""
    hashed = hashlib.sha256()
    for chunk in chunks:
        hashed.update(len(chunk).to_bytes(8, "big"))
        hashed.update(chunk)
    return hashed.hexdigest()


def file_stamp(status: os.stat_result) -> list[int]:
    """What changes whenever a file's contents can have changed: size, times and inode.

    The change time (ctime) cannot be set back by hand, so a file rewritten with its old size
    and modification time still gets a new stamp and is hashed again.
    """
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def file_hash(path: Path, limit: int | None = None) -> str | None:
    """The hash of a regular file's contents, or None when it is no regular file or is over ``limit``."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode) or (limit is not None and status.st_size > limit):
            return None
        hashed = hashlib.sha256()
        for chunk in iter(lambda: file.read(1 << 20), b""):
            hashed.update(chunk)
        return hashed.hexdigest()


class Inputs:
    """Content hashes of input files, reused from the manifest while a file's stamp is unchanged."""

    def __init__(self, known: Mapping[str, list[Any]]) -> None:
        self.known = known
        self.now: dict[str, list[Any]] = {}

    def __call__(self, path: Path) -> str:
        """The hash of ``path``'s contents; empty when it is missing, no regular file or too large to read."""
        key = str(path)
        try:
            status = path.stat()
        except OSError:
            return ""
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_INPUT_BYTES:
            return ""
        stamp = file_stamp(status)
        entry = self.known.get(key)
        if not isinstance(entry, list) or entry[:4] != stamp:
            entry = [*stamp, file_hash(path, MAX_INPUT_BYTES) or ""]
        self.now[key] = entry
        return str(entry[4])


class Keys:
    """The key of everything a document is made from; equal keys mean the same bytes would be written."""

    def __init__(self, root: Path, templates: Templates, inputs: Inputs, public: bool, options: Options) -> None:
        self.root = root
        self.inputs = inputs
        self.public = public
        template_files = sorted(_template_files(templates))
        self.common = digest(__version__.encode(), inputs(root / SETTINGS_FILE).encode(),
                              *(f"{name}\0{inputs(path)}".encode() for name, path in template_files),
                              *(inputs(path).encode() for path in sorted(templates.extra_files)),
                              repr((public, options)).encode())
        self._dialogs: dict[str, tuple[str, dict[int, Path]]] = {}

    def _dialog(self, slug: str) -> tuple[str, dict[int, Path]]:
        if slug not in self._dialogs:
            folder = self.root / AGREEMENTS_DIR / slug
            listing = "\0".join(sorted(p.name for p in folder.iterdir()))  # a new, odd file makes it stale
            key = digest(self.common.encode(), self.inputs(folder / DIALOG_FILE).encode(), listing.encode())
            self._dialogs[slug] = (key, round_files(folder))
        return self._dialogs[slug]

    def dialogue(self, slug: str) -> str:
        """The key of everything in dialogue ``slug``: which documents a build makes depends on all of it."""
        key, rounds = self._dialog(slug)
        return digest(key.encode(), *(f"{year}\0{self.inputs(path)}".encode() for year, path in rounds.items()))

    def document(self, slug: str, kind: str, year: int) -> str:
        """The key of document ``kind`` of round ``year``: it depends on that round and every round before."""
        key, rounds = self._dialog(slug)
        inputs = [self.inputs(path).encode() for y, path in rounds.items() if y <= year]
        return digest(key.encode(), kind.encode(), str(year).encode(), *inputs)


def _template_files(templates: Templates) -> Iterable[tuple[str, Path]]:
    """Every regular file of the template folders, by its name in the folder (the first folder wins)."""
    seen: set[str] = set()
    for folder in templates.dirs:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if name not in seen and path.is_file():
                seen.add(name)
                yield name, path
