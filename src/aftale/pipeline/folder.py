"""An output folder held by one command: locked, with the manifest of what aftale wrote there.

The manifest records, for every file written, the key of its inputs (:class:`~aftale.pipeline.keys.Keys`)
and the hash of its bytes. A file is up to date only when its key is the current one and its bytes are
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
from aftale.pipeline.keys import Inputs, file_hash, file_stamp
from aftale.pipeline.outputs import Notice, Output, write_files

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
    """

    def __init__(self, out: Path, notice: Notice | None = None, own: re.Pattern[str] = _OWN_NAME,
                 remember_inputs: bool = True) -> None:
        self.out = out
        self.own = own
        self.remember_inputs = remember_inputs
        self.notice = notice or (lambda message: None)
        self.documents: dict[str, dict[str, Any]] = {}
        self.dialogs: dict[str, dict[str, Any]] = {}
        self.inputs = Inputs({})
        self._remembered: dict[str, Any] = {}
        self._descriptor: int | None = None
        self._cleaned: set[Path] = set()
        self._changed = False

    def __enter__(self) -> "OutputFolder":
        files.make_folder(self.out)
        self._lock()
        try:
            self._read_manifest()
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        try:
            if self._changed:
                data = {"aftale": MANIFEST_VERSION, "dokumenter": self.documents, "dialoger": self.dialogs,
                        "filer": self.inputs.now if self.remember_inputs else {}}
                if self._remembered:
                    data["husket"] = self._remembered
                files.write_atomic(self.out / MANIFEST, json.dumps(data, indent=0, sort_keys=True).encode("utf-8"))
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
        self.inputs = Inputs(data["filer"])
        dialogs = data.get("dialoger")
        self.dialogs = dialogs if isinstance(dialogs, dict) else {}
        remembered = data.get("husket")
        self._remembered = remembered if isinstance(remembered, dict) else {}

    def recall(self, name: str) -> Any:
        """The value a command remembered under ``name`` in this folder (:meth:`remember`), or None."""
        return self._remembered.get(name)

    def remember(self, name: str, value: Any) -> None:
        """Remember ``value`` (plain JSON) under ``name`` in the manifest, for the next run in this folder."""
        if self._remembered.get(name) != value:
            self._remembered[name] = value
            self._changed = True

    def known_targets(self, slug: str, key: str) -> list[tuple[str, int]] | None:
        """The documents a build made of dialogue ``slug`` when everything in it had key ``key``, or None."""
        entry = self.dialogs.get(slug)
        if not isinstance(entry, dict) or entry.get("nøgle") != key or not isinstance(entry.get("dokumenter"), list):
            return None
        try:
            return [(str(kind), int(year)) for kind, year in entry["dokumenter"]]
        except (TypeError, ValueError):
            return None

    def remember_targets(self, slug: str, key: str, targets: list[tuple[str, int]]) -> None:
        """Remember which documents dialogue ``slug`` makes while everything in it has key ``key``."""
        self.dialogs[slug] = {"nøgle": key, "dokumenter": [list(target) for target in targets]}
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
        """Write every format of ``output`` together and record them; return the paths written."""
        paths = self.prepare(output)
        written = write_files(paths, rendered)
        self.record(output, written)
        return list(paths.values())

    def record(self, output: Output, written: Mapping[str, tuple[str, list[int]]]) -> None:
        """Remember the files of ``output`` that were written (format → hash and stamp)."""
        for name, (digest, stamp) in written.items():
            self.documents[output.names()[name]] = {"nøgle": output.key, "sha256": digest, "stempel": stamp}
        self._changed = True

    def remove_stale(self, current: set[str]) -> tuple[list[Path], list[Path]]:
        """Remove the files aftale wrote whose documents are no longer made (their names not in ``current``).

        :returns: the files removed, and those kept because they were changed after aftale wrote them.
        """
        removed, kept = [], []
        for name in sorted(set(self.documents) - current):
            entry = self.documents.pop(name)
            self._changed = True
            path = self.out / name
            if path.is_symlink() or not path.is_file():
                continue
            if file_hash(path) != entry.get("sha256"):
                kept.append(path)
                continue
            path.unlink()
            removed.append(path)
            for folder in (path.parent, path.parent.parent):
                if folder != self.out and self.out in folder.parents and not any(folder.iterdir()):
                    folder.rmdir()
        return removed, kept


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
