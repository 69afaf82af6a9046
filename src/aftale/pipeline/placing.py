"""Putting a document's files in place without ever destroying what a person wrote, and so that a stopped run
is finished by the next.

Before a file is replaced, :func:`place` looks at what is there (copier's *create*, *identical* and
*conflict*): nothing, or the bytes aftale recorded for it, is replaced; exactly the bytes aftale would
write is kept and taken as aftale's own; anything else — a DOCX edited in Word, a file aftale did not
write — is first moved aside under a name that says so (:class:`Aside`). Each file aftale is about to
put in place is noted in the output folder's :class:`Journal` first, so that a run stopped between
writing files and writing the manifest (``kill``, a full disk) leaves files the next run recognises as
its own.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from aftale import files
from aftale.errors import MachineFault
from aftale.pipeline.outputs import Output, file_hash
from aftale.snapshot import file_stamp

JOURNAL = ".aftale-journal"
#: Why a file was moved aside, in the words of its new name.
CHANGED, FOUND = "rettet i hånden", "lå i vejen"


@dataclass(frozen=True)
class Journal:
    """The files a run is about to put in place, one JSON line each, written before they are (see the module)."""

    path: Path

    def note(self, entries: Mapping[str, tuple[str, str]]) -> None:
        """Note that each file (name relative to the folder → key and hash of its new bytes) is about to be written."""
        lines = "".join(json.dumps({"navn": name, "nøgle": key, "sha256": digest}, ensure_ascii=False) + "\n"
                        for name, (key, digest) in entries.items())
        try:
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
            try:
                os.write(descriptor, lines.encode("utf-8"))  # one write: lines from several workers never mix
            finally:
                os.close(descriptor)
        except OSError as error:
            raise MachineFault(self.path, error) from error

    def entries(self) -> dict[str, dict[str, str]]:
        """What an earlier run noted, by file name (the last note of a name wins); malformed lines are skipped."""
        found: dict[str, dict[str, str]] = {}
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return found
        for line in text.splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("navn", "nøgle", "sha256")):
                found[entry["navn"]] = {"nøgle": entry["nøgle"], "sha256": entry["sha256"]}
        return found

    def clear(self) -> None:
        """Forget the notes: the manifest now records every file they name."""
        self.path.unlink(missing_ok=True)


@dataclass(frozen=True)
class Aside:
    """Where a file that may not be replaced goes: beside it (``referat (rettet i hånden 2026-12-04).docx``), or,
    for a folder that must hold only aftale's files (the website), into ``folder`` outside it, at the same place.

    :param out: the output folder.
    :param folder: the folder outside ``out`` that takes them, or None to keep them beside.
    :param day: the date in the new name.
    """

    out: Path
    folder: Path | None = None
    day: date = field(default_factory=date.today)

    def move(self, path: Path, reason: str) -> Path:
        """Move ``path`` aside under a free name that says ``reason`` and the day; the new path."""
        target_folder = path.parent if self.folder is None else self.folder / path.parent.relative_to(self.out)
        stem, suffix = (path.name.rsplit(".", 1)[0], "." + path.name.rsplit(".", 1)[1]) if "." in path.name \
            else (path.name, "")
        files.make_folder(target_folder)
        number = 1
        while True:
            extra = f" {number}" if number > 1 else ""
            target = target_folder / f"{stem} ({reason} {self.day.isoformat()}{extra}){suffix}"
            if not (target.exists() or target.is_symlink()):
                break
            number += 1
        try:
            os.replace(path, target)
        except OSError as error:
            raise MachineFault(path, error, verb="flytte") from error
        return target


@dataclass
class Placed:
    """What :func:`place` did: each format's hash and stamp, and the files moved aside (from, to)."""

    written: dict[str, tuple[str, list[int]]] = field(default_factory=dict)
    moved: list[tuple[Path, Path]] = field(default_factory=list)


def place(output: Output, out: Path, rendered: Mapping[str, bytes], recorded: Mapping[str, Any],
          journal: Journal, aside: Aside) -> Placed:
    """Put every format of ``output`` in place in ``out``, all or nothing, never over what a person wrote.

    :param rendered: each format's bytes.
    :param recorded: what the manifest records of each file name (its ``sha256``), when it records it.
    :param journal: where the files are noted before they are written.
    :param aside: where a file that may not be replaced goes.
    """
    placed = Placed()
    names = output.names()
    due: dict[Path, bytes] = {}
    notes: dict[str, tuple[str, str]] = {}
    for name, data in rendered.items():
        path = out / names[name]
        digest = hashlib.sha256(data).hexdigest()
        if path.exists() or path.is_symlink():
            there = file_hash(path)
            if there == digest:  # exactly what aftale would write: aftale's own
                placed.written[name] = (digest, file_stamp(path.stat()))
                continue
            entry = recorded.get(names[name])
            if there is None or not (isinstance(entry, dict) and entry.get("sha256") == there):
                reason = CHANGED if isinstance(entry, dict) else FOUND
                placed.moved.append((path, aside.move(path, reason)))
        due[path] = data
        notes[names[name]] = (output.key, digest)
    if due:
        try:
            journal.note(notes)
            files.write_together(due)
        except BaseException:
            for before, moved in placed.moved:  # nothing was written: what was moved aside goes back
                os.replace(moved, before)
            raise
    for name, data in rendered.items():
        if name not in placed.written:
            path = out / names[name]
            placed.written[name] = (hashlib.sha256(data).hexdigest(), file_stamp(path.stat()))
    return placed
