"""An output folder held by one command: locked, with the manifest of what aftale wrote there.

The manifest records, for every file written, the key of its inputs (:mod:`aftale.workspace`) and the
hash of its bytes, the fingerprints of the inputs last read, and values remembered by key (which
documents a dialogue makes while its files are unchanged). A file is up to date only when its key is the current one and its bytes are
still the ones aftale wrote: a file that is missing, changed by hand or written by another command or
edition is stale.
"""

from __future__ import annotations

import json
import os
import re
import stat
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from aftale import files
from aftale.errors import AftaleError, MachineFault, shown
from aftale.pipeline.outputs import Notice, Output, file_hash
from aftale.pipeline.placing import CHANGED, JOURNAL, Aside, Journal, Placed, place
from aftale.snapshot import Fingerprint, file_stamp

MANIFEST = ".aftale-manifest.json"
LOCK = ".aftale-laas"
#: How long a command waits for another one writing in the same folder before it stops.
LOCK_WAIT_SECONDS = 120.0
MANIFEST_VERSION = 1
#: The names of the files aftale writes into an output folder; nothing else is ever removed.
_OWN_NAME = re.compile(r"[a-z0-9-]+/[0-9]{4}/(dagsorden|referat|aftaledokument)(-offentlig)?\.(docx|pdf)"
                       r"|redegoerelse-[0-9]{4}\.(docx|pdf)"
                       r"|[a-z0-9-]+/[0-9]{4}/invitation\.(ics|eml)|frister\.ics", re.ASCII)
_LEGACY_MANIFEST = ".aftale-byg.json"


class OutputFolder:
    """An output folder held by one command: locked, with its manifest; use it as a context manager.

    :param out: the folder.
    :param notice: called with each Danish notice (a manifest that could not be read, a wait).
    :param own: the names of the files this command writes there; a manifest entry of any other name is
        forgotten, so a changed manifest can never make aftale remove another file.
    :param remember_inputs: keep the hashes of the input files in the manifest (they name the inputs' paths
        on this machine, so a folder that is published keeps none).
    :param aside: where a file that may not be replaced or removed goes (one changed by hand, one aftale did not
        write): None to keep it beside, renamed; a folder outside ``out`` for a folder that must hold only
        aftale's files (the website).
    """

    def __init__(self, out: Path, notice: Notice | None = None, own: re.Pattern[str] = _OWN_NAME,
                 remember_inputs: bool = True, aside: Path | None = None) -> None:
        self.out = out
        self.aside = Aside(out, aside)
        self.journal = Journal(out / JOURNAL)
        #: The files moved aside by this command: (where it was, where it is now).
        self.moved: list[tuple[Path, Path]] = []
        self.own = own
        self.remember_inputs = remember_inputs
        self.notice = notice or (lambda message: None)
        self.documents: dict[str, dict[str, Any]] = {}
        self.memory: dict[str, dict[str, Any]] = {}
        #: The fingerprints of the inputs of the last run (see :class:`aftale.snapshot.Snapshot`), and of this one.
        self.fingerprints: dict[str, Fingerprint] = {}
        self._inputs_now: dict[str, Fingerprint] = {}
        self._descriptor: int | None = None
        self._cleaned: set[Path] = set()
        self._changed = False
        self._created = False

    def __enter__(self) -> "OutputFolder":
        self._created = not self.out.exists()
        files.make_folder(self.out)
        self._lock()
        try:
            self._read_manifest()
            self._adopt_journal()
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        try:
            if self._created and not self.documents and not self.journal.path.exists():
                self._unlock()  # nothing was written: leave no folder behind
                for name in (LOCK, MANIFEST):
                    (self.out / name).unlink(missing_ok=True)
                if not any(self.out.iterdir()):
                    self.out.rmdir()
                return
            if self._changed:
                data = {"aftale": MANIFEST_VERSION, "dokumenter": self.documents, "husket": self.memory,
                        "filer": self._inputs_now if self.remember_inputs else {}}
                files.write_atomic(self.out / MANIFEST, json.dumps(data, indent=0, sort_keys=True).encode("utf-8"))
            if kind is None:  # stopped midway, a file may be written but not recorded: the next run reads the journal
                self.journal.clear()
        finally:
            self._unlock()

    # --- the lock -----------------------------------------------------------------------------------

    def _lock(self) -> None:
        path = self.out / LOCK
        try:
            self._descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise MachineFault(self.out, error, folder=True) from error
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        told = False
        while not _try_lock(self._descriptor):
            if time.monotonic() >= deadline:
                self._unlock()
                raise AftaleError(f"en anden kørsel af aftale skriver i '{shown(self.out)}' lige nu. Vent, til den "
                                  "er færdig, og prøv igen.")
            if not told:
                self.notice(f"venter på en anden kørsel af aftale, der skriver i '{shown(self.out)}' …")
                told = True
            time.sleep(0.1)

    def _unlock(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing the file releases the lock
            self._descriptor = None

    # --- the manifest -------------------------------------------------------------------------------

    def _read_manifest(self) -> None:
        path = self.out / MANIFEST
        (self.out / _LEGACY_MANIFEST).unlink(missing_ok=True)
        if not path.exists():
            return
        try:
            data = json.loads(path.read_bytes())
            if not _valid(data):
                raise ValueError("not a manifest of aftale")
        except (OSError, ValueError):
            self.notice(f"{shown(path)} er ikke aftales eget eller kan ikke læses; alle dokumenter bygges forfra.")
            self._changed = True
            return
        self.documents = {name: entry for name, entry in data["dokumenter"].items() if self.own.fullmatch(name)}
        self.fingerprints = self._inputs_now = data["filer"]
        memory = data.get("husket")
        self.memory = memory if isinstance(memory, dict) else {}

    def _adopt_journal(self) -> None:
        """Take as aftale's own every file an interrupted run noted and wrote: its bytes are the ones noted."""
        for name, entry in self.journal.entries().items():
            if not self.own.fullmatch(name) or self.documents.get(name, {}).get("sha256") == entry["sha256"]:
                continue
            path = self.out / name
            if path.is_file() and not path.is_symlink() and file_hash(path) == entry["sha256"]:
                self.documents[name] = {**entry, "stempel": file_stamp(path.stat())}
                self._changed = True

    def recall(self, name: str, key: str) -> Any | None:
        """The value remembered for ``name`` when it was remembered under ``key``; None otherwise."""
        entry = self.memory.get(name)
        if not isinstance(entry, dict) or entry.get("nøgle") != key:
            return None
        return entry.get("værdi")

    def remember(self, name: str, key: str, value: Any) -> None:
        """Remember ``value`` (plain JSON) for ``name`` while the inputs have key ``key``."""
        if self.memory.get(name) != {"nøgle": key, "værdi": value}:
            self.memory[name] = {"nøgle": key, "værdi": value}
            self._changed = True

    def record_inputs(self, fingerprints: dict[str, Fingerprint]) -> None:
        """Keep the fingerprints of this run's inputs for the next run (not in a folder that keeps no paths)."""
        if fingerprints != self._inputs_now:
            self._inputs_now = dict(fingerprints)
            self._changed = True

    def is_current(self, output: Output) -> bool:
        """True when every file of ``output`` is there, made from the same inputs, and unchanged since."""
        return all(self._unchanged(name, output.key) for name in output.names().values())

    def _unchanged(self, name: str, key: str | None) -> bool:
        entry = self.documents.get(name)
        if entry is None or (key is not None and entry.get("nøgle") != key):
            return False
        path = self.out / name
        try:
            status = path.lstat()
        except OSError:
            return False
        if not stat.S_ISREG(status.st_mode):
            return False
        if entry.get("stempel") == file_stamp(status):
            return True
        if file_hash(path) != entry.get("sha256"):
            return False
        entry["stempel"] = file_stamp(status)
        self._changed = True
        return True

    # --- writing ------------------------------------------------------------------------------------

    def prepare(self, output: Output) -> dict[str, Path]:
        """The paths of ``output``'s files, after removing aftale's own leftovers from their folder."""
        paths = {name: self.out / relative for name, relative in output.names().items()}
        for folder in {path.parent for path in paths.values()} - self._cleaned:
            self._cleaned.add(folder)
            if folder.is_dir():
                for leftover in folder.glob(f"{files.TEMP_PREFIX}*{files.TEMP_SUFFIX}"):
                    leftover.unlink(missing_ok=True)
        return paths

    def write(self, output: Output, rendered: Mapping[str, bytes]) -> list[Path]:
        """Put every format of ``output`` in place together (:func:`~aftale.pipeline.placing.place`) and record
        them; return the paths written."""
        paths = self.prepare(output)
        placed = place(output, self.out, rendered, self.documents, self.journal, self.aside)
        self.record(output, placed)
        return list(paths.values())

    def record(self, output: Output, placed: Placed) -> None:
        """Remember the files of ``output`` that were put in place, and name those moved aside to make room."""
        for name, (digest, stamp) in placed.written.items():
            self.documents[output.names()[name]] = {"nøgle": output.key, "sha256": digest, "stempel": stamp}
        self._changed = True
        for before, now in placed.moved:
            self.moved.append((before, now))
            what = "var rettet, efter aftale skrev den" if CHANGED in now.name else "var ikke skrevet af aftale"
            self.notice(f"{shown(before)} {what}; den er flyttet til '{shown(now)}', og en ny er skrevet.")

    def remove_stale(self, current: set[str]) -> list[Path]:
        """Remove the files aftale wrote whose documents are no longer made (their names not in ``current``); one
        changed after aftale wrote it is moved aside (see :class:`~aftale.pipeline.placing.Aside`) and named.

        :returns: the files removed.
        """
        removed = []
        for name in sorted(set(self.documents) - current):
            entry = self.documents.pop(name)
            self._changed = True
            path = self.out / name
            if not (path.exists() or path.is_symlink()):
                continue
            if path.is_symlink() or not path.is_file() or file_hash(path) != entry.get("sha256"):
                now = self.aside.move(path, CHANGED)
                self.moved.append((path, now))
                self.notice(f"{shown(path)} laves ikke længere, men var ændret, efter aftale skrev den; den er flyttet "
                            f"til '{shown(now)}'.")
            else:
                path.unlink()
                removed.append(path)
            for folder in (path.parent, path.parent.parent):
                if folder != self.out and self.out in folder.parents and not any(folder.iterdir()):
                    folder.rmdir()
        return removed


def _valid(data: Any) -> bool:
    """True for a manifest that aftale wrote, in the shape this version reads."""
    if not isinstance(data, dict) or data.get("aftale") != MANIFEST_VERSION:
        return False
    documents, inputs = data.get("dokumenter"), data.get("filer")
    return (isinstance(documents, dict) and isinstance(inputs, dict)
            and all(isinstance(entry, dict) and isinstance(entry.get("sha256"), str) for entry in documents.values()))


try:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
