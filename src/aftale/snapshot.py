"""One snapshot of a command's inputs: each file's bytes, read once, and the hash of exactly those bytes.

A command reads every input (the YAML files, the logo, the templates) through one :class:`Snapshot`.
The first read of a file goes through :func:`aftale.inputs.read_stamped`; later reads get the same
bytes. The hash the snapshot gives for a file is the hash of the bytes it read, so a document's key
is made of what the document was rendered from, even when the file is saved again meanwhile. A file
that has not been read is hashed from the fingerprints an output folder remembers, as long as its
stamp (size, times, inode) is unchanged: a build with nothing to do reads nothing.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from aftale.inputs import Place, Refusal, read_stamped

#: A file's fingerprint, as an output folder's manifest keeps it: size, modification time, change time,
#: inode, and the SHA-256 of its bytes.
Fingerprint = list[Any]


def file_stamp(status: os.stat_result) -> list[int]:
    """What changes whenever a file's contents can have changed: size, times and inode.

    The change time (ctime) cannot be set back by hand, so a file rewritten with its old size
    and modification time still gets a new stamp and is hashed again.
    """
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


class Snapshot:
    """The inputs of one command, each read at most once; safe to share between threads.

    :param known: fingerprints remembered from an earlier run, by path (see :meth:`learn`).
    """

    def __init__(self, known: Mapping[str, Fingerprint] | None = None) -> None:
        self._data: dict[str, bytes | Refusal] = {}
        self._prints: dict[str, Fingerprint] = {}
        self._known: dict[str, Fingerprint] = {}
        self._lock = threading.RLock()
        if known:
            self.learn(known)

    def read(self, path: Path, place: Place) -> bytes | Refusal:
        """The bytes of ``path`` as this snapshot first read them, or why they cannot be read."""
        key = _key(path)
        with self._lock:
            if key in self._data:
                return self._data[key]
            read = read_stamped(path, place)
            if isinstance(read, Refusal):
                self._data[key] = read
                return read
            self._data[key] = read.data
            self._prints[key] = [*file_stamp(read.status), hashlib.sha256(read.data).hexdigest()]
            return read.data

    def digest(self, path: Path, place: Place) -> str:
        """The hash of ``path``'s bytes as this snapshot knows them; empty when the file cannot be read.

        A file already read is hashed from the bytes read. Otherwise a fingerprint learnt from an earlier
        run is used while the file's stamp is unchanged, and the file is read (once) when it changed.
        """
        key = _key(path)
        with self._lock:
            if key in self._prints:
                return str(self._prints[key][4])
            if key in self._data:  # refused
                return ""
            known = self._known.get(key)
            if known is not None:
                try:
                    status = os.stat(path)
                except OSError:
                    return ""
                if stat.S_ISREG(status.st_mode) and known[:4] == file_stamp(status):
                    self._prints[key] = known
                    return str(known[4])
            self.read(path, place)
            return str(self._prints[key][4]) if key in self._prints else ""

    def learn(self, known: Mapping[str, Fingerprint]) -> None:
        """Remember fingerprints from an earlier run (an output folder's manifest); malformed ones are skipped."""
        with self._lock:
            for key, value in known.items():
                if isinstance(value, list) and len(value) == 5 and isinstance(value[4], str):
                    self._known.setdefault(key, value)

    def fingerprints(self) -> dict[str, Fingerprint]:
        """The fingerprint of every file this snapshot read or recognised, for the next run."""
        with self._lock:
            return dict(self._prints)

    def __getstate__(self) -> dict[str, Any]:
        """What a worker process gets: the bytes and fingerprints, not the lock."""
        with self._lock:
            return {"_data": self._data, "_prints": self._prints, "_known": self._known}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()

    def files(self) -> list[str]:
        """The paths of the files this snapshot has read (or tried to), in the order first read."""
        with self._lock:
            return list(self._data)


def _key(path: Path) -> str:
    return os.path.abspath(path)
