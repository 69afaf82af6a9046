"""The one way documents become files, for every command that writes them.

An :class:`OutputFolder` is held while a command writes: it locks the folder (one writer at a
time), reads the manifest of what aftale wrote there before, writes each document's formats all
or nothing (:func:`aftale.files.write_together`), records every file's hash, removes only its own
leftover temporary files, and removes the files of documents that are no longer made.

The manifest records, for every file written, the key of its inputs (:class:`Keys`: the round
files, dialog.yaml, aftale.yaml, the templates, the tool's version, the edition and options) and
the hash of its bytes. A file is up to date only when its key is the current one and its bytes are
still the ones aftale wrote: a file that is missing, changed by hand or written by another
command or edition is stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from aftale import __version__, files
from aftale.errors import AftaleError, MachineFault, shown
from aftale.load import AGREEMENTS_DIR, DIALOG_FILE, SETTINGS_FILE, round_files
from aftale.render import Options, writer
from aftale.render.templates import Templates
from aftale.views.model import DAGSORDEN, KINDS, Document

MANIFEST = ".aftale-manifest.json"
LOCK = ".aftale-laas"
#: How long a command waits for another one writing in the same folder before it stops.
LOCK_WAIT_SECONDS = 120.0
MANIFEST_VERSION = 1
PUBLIC_SUFFIX = "-offentlig"
#: Inputs larger than this are not hashed (the loader refuses them as well).
MAX_INPUT_BYTES = 10 * 1024 * 1024
#: The names of the files aftale writes into an output folder; nothing else is ever removed.
_OWN_NAME = re.compile(r"[a-z0-9-]+/[0-9]{4}/(dagsorden|referat|aftaledokument)(-offentlig)?\.(docx|pdf)"
                       r"|redegoerelse-[0-9]{4}\.(docx|pdf)", re.ASCII)
#: The redegørelse of a styringsår, named for the year: it spans every dialogue.
REPORT_STEM = "redegoerelse-{year}"
_LEGACY_MANIFEST = ".aftale-byg.json"

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


def _digest(*chunks: bytes) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(len(chunk).to_bytes(8, "big"))
        digest.update(chunk)
    return digest.hexdigest()


def _stamp(status: os.stat_result) -> list[int]:
    """What changes whenever a file's contents can have changed: size, times and inode.

    The change time (ctime) cannot be set back by hand, so a file rewritten with its old size
    and modification time still gets a new stamp and is hashed again.
    """
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def _sha256(path: Path, limit: int | None = None) -> str | None:
    """The hash of a regular file's contents, or None when it is no regular file or is over ``limit``."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode) or (limit is not None and status.st_size > limit):
            return None
        digest = hashlib.sha256()
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
        return digest.hexdigest()


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
        stamp = _stamp(status)
        entry = self.known.get(key)
        if not isinstance(entry, list) or entry[:4] != stamp:
            entry = [*stamp, _sha256(path, MAX_INPUT_BYTES) or ""]
        self.now[key] = entry
        return str(entry[4])


class Keys:
    """The key of everything a document is made from; equal keys mean the same bytes would be written."""

    def __init__(self, root: Path, templates: Templates, inputs: Inputs, public: bool, options: Options) -> None:
        self.root = root
        self.inputs = inputs
        self.public = public
        template_files = sorted(_template_files(templates))
        self.common = _digest(__version__.encode(), inputs(root / SETTINGS_FILE).encode(),
                              *(f"{name}\0{inputs(path)}".encode() for name, path in template_files),
                              *(inputs(path).encode() for path in sorted(templates.extra_files)),
                              repr((public, options)).encode())
        self._dialogs: dict[str, tuple[str, dict[int, Path]]] = {}

    def _dialog(self, slug: str) -> tuple[str, dict[int, Path]]:
        if slug not in self._dialogs:
            folder = self.root / AGREEMENTS_DIR / slug
            listing = "\0".join(sorted(p.name for p in folder.iterdir()))  # a new, odd file makes it stale
            digest = _digest(self.common.encode(), self.inputs(folder / DIALOG_FILE).encode(), listing.encode())
            self._dialogs[slug] = (digest, round_files(folder))
        return self._dialogs[slug]

    def dialogue(self, slug: str) -> str:
        """The key of everything in dialogue ``slug``: which documents a build makes depends on all of it."""
        digest, rounds = self._dialog(slug)
        return _digest(digest.encode(), *(f"{year}\0{self.inputs(path)}".encode() for year, path in rounds.items()))

    def document(self, slug: str, kind: str, year: int) -> str:
        """The key of document ``kind`` of round ``year``: it depends on that round and every round before."""
        digest, rounds = self._dialog(slug)
        inputs = [self.inputs(path).encode() for y, path in rounds.items() if y <= year]
        return _digest(digest.encode(), kind.encode(), str(year).encode(), *inputs)


def _template_files(templates: Templates) -> Iterable[tuple[str, Path]]:
    """Every regular file of the template folders, by its name in the folder (the first folder wins)."""
    seen: set[str] = set()
    for folder in templates.dirs:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if name not in seen and path.is_file():
                seen.add(name)
                yield name, path


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
        if entry.get("stempel") == _stamp(status):
            return True
        if _sha256(path) != entry.get("sha256"):
            return False
        entry["stempel"] = _stamp(status)
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
            if _sha256(path) != entry.get("sha256"):
                kept.append(path)
                continue
            path.unlink()
            removed.append(path)
            for folder in (path.parent, path.parent.parent):
                if folder != self.out and self.out in folder.parents and not any(folder.iterdir()):
                    folder.rmdir()
        return removed, kept


def write_files(paths: Mapping[str, Path], rendered: Mapping[str, bytes]) -> dict[str, tuple[str, list[int]]]:
    """Write every format's bytes to its path, all or nothing; return each format's hash and stamp."""
    files.write_together({paths[name]: data for name, data in rendered.items()})
    return {name: (hashlib.sha256(data).hexdigest(), _stamp(paths[name].stat())) for name, data in rendered.items()}


def current_names(root: Path) -> set[str]:
    """The names of every file a build can make for the repository as it is now, in either edition.

    These are the documents of every round that has a file, and the dagsorden of the round after a
    dialogue's latest; the files of a deleted round or dialogue are not among them.
    """
    names: set[str] = set()
    for folder in (root / AGREEMENTS_DIR).iterdir():
        years = list(round_files(folder)) if folder.is_dir() else []
        for year in years:
            for kind in KINDS:
                names.update(output_names(folder.name, year, kind))
        if years:
            names.update(output_names(folder.name, max(years) + 1, DAGSORDEN))
        names.update(f"{REPORT_STEM.format(year=year)}.{suffix}" for year in years for suffix in ("docx", "pdf"))
    return names


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
