"""Reading one input file safely: a regular file inside the folders it may come from, and not too large.

Every file aftale reads on the user's behalf (YAML files, the logo, templates)
goes through :func:`read_input`. A link is followed only when its target lies
inside an allowed folder too; a device, a pipe or a folder is never read, and a
file is never read past :data:`MAX_BYTES` (an endless file cannot fill memory).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

#: The largest input file aftale reads: no agreement, template or logo comes near it.
MAX_BYTES = 10 * 1024 * 1024

_OS_REASONS = {
    errno.EACCES: "ingen adgang",
    errno.EPERM: "ingen adgang",
    errno.ENOENT: "filen findes ikke; måske er den et link, der peger på en fil, som er væk",
    errno.ELOOP: "linket peger på sig selv",
    errno.EIO: "læsefejl på disken",
}
_KINDS = ((stat.S_ISDIR, "en mappe"), (stat.S_ISFIFO, "en navngivet kanal (pipe)"),
          (stat.S_ISCHR, "en enhed"), (stat.S_ISBLK, "en enhed"), (stat.S_ISSOCK, "en sokkel (socket)"))


@dataclass(frozen=True)
class Refusal:
    """Why an input file was not read, in Danish: the reason and what to do about it."""

    reason: str
    fix: str

    def __str__(self) -> str:
        return f"{self.reason}. {self.fix}"


@dataclass(frozen=True)
class Place:
    """Where an input may come from, and how the user names it and the file ("filen", "repositoriet")."""

    folders: tuple[Path, ...]
    noun: str = "filen"
    name: str = "repositoriet"

    def __post_init__(self) -> None:
        object.__setattr__(self, "folders", tuple(folder.resolve() for folder in self.folders))

    def holds(self, path: Path) -> bool:
        """True when ``path`` (resolved) lies inside one of the folders."""
        return any(path.is_relative_to(folder) for folder in self.folders)


#: How an input is read: :func:`read_input`, or a :class:`aftale.snapshot.Snapshot`'s ``read`` (the same, once per file).
Reader = Callable[[Path, Place], "bytes | Refusal"]


def repository(root: Path) -> Place:
    """The place of the files of the repository at ``root``."""
    return Place((root,))


@dataclass(frozen=True)
class Read:
    """An input's bytes and the state of the file when it was opened (see :func:`read_stamped`)."""

    data: bytes
    status: os.stat_result


def read_input(path: Path, place: Place) -> bytes | Refusal:
    """The bytes of ``path``, or a :class:`Refusal` saying why it may not or cannot be read.

    :param path: the file as named (possibly a link); it is resolved before anything is opened.
    :param place: the folders it must lie in, once resolved, and the words for the message.
    """
    read = read_stamped(path, place)
    return read if isinstance(read, Refusal) else read.data


def read_stamped(path: Path, place: Place) -> Read | Refusal:
    """:func:`read_input`, with the file's status as it was when it was opened.

    The status comes from the open file itself, before its first byte is read: a file changed while it
    is read has a newer status than the one returned, so whoever keeps the status sees the change.
    """
    handle = _open(path, place)
    if isinstance(handle, Refusal):
        return handle
    try:
        status = os.fstat(handle)
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(handle, MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return _too_large(place) if size > MAX_BYTES else Read(b"".join(chunks), status)
    except OSError as error:
        return _os_refusal(error, place)
    finally:
        os.close(handle)


def check_input(path: Path, place: Place) -> Refusal | None:
    """What :func:`read_input` would refuse about ``path``, without reading it; None when it may be read."""
    handle = _open(path, place)
    if isinstance(handle, Refusal):
        return handle
    os.close(handle)
    return None


def _open(path: Path, place: Place) -> int | Refusal:
    """An open descriptor of the regular file ``path`` resolves to inside ``place``, or why there is none."""
    try:
        resolved = path.resolve(strict=True)
    except OSError as error:
        return _os_refusal(error, place)
    except RuntimeError:  # a loop of links, on Pythons that raise it so
        return _os_refusal(OSError(errno.ELOOP, "loop"), place)
    if not place.holds(resolved):
        return _outside(path, place)
    # O_NONBLOCK, O_NOCTTY, O_NOFOLLOW and O_CLOEXEC are POSIX's; O_BINARY is Windows' (without it, os.read there
    # would turn CRLF into LF and stop at Ctrl+Z).
    flags = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        handle = os.open(resolved, flags)
    except OSError as error:
        return _os_refusal(error, place)
    try:
        status = os.fstat(handle)
    except OSError as error:
        os.close(handle)
        return _os_refusal(error, place)
    refusal = None
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in _KINDS if test(status.st_mode)), "noget andet end en fil")
        refusal = Refusal(f"{place.noun} er {kind}, ikke en almindelig fil",
                          "aftale læser kun almindelige filer. Erstat den med en almindelig fil.")
    elif status.st_size > MAX_BYTES:
        refusal = _too_large(place)
    if refusal is not None:
        os.close(handle)
        return refusal
    return handle


def regular_files(folders: Iterable[Path], place: Place) -> list[Path]:
    """Every file below ``folders`` that :func:`read_input` would read, sorted (links out and pipes left out)."""
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                resolved = path.resolve(strict=True)
                if place.holds(resolved) and stat.S_ISREG(os.stat(resolved).st_mode):
                    found.append(path)
            except (OSError, RuntimeError):
                continue
    return sorted(found)


def _outside(path: Path, place: Place) -> Refusal:
    if path.is_symlink():
        return Refusal(f"{place.noun} er et link til en fil uden for {place.name}; aftale læser kun filer i "
                       f"{place.name}", "Erstat linket med selve filen.")
    return Refusal(f"{place.noun} ligger uden for {place.name}; aftale læser kun filer i {place.name}",
                   f"Flyt filen ind i {place.name}.")


def _too_large(place: Place) -> Refusal:
    return Refusal(f"{place.noun} er større end {MAX_BYTES // (1024 * 1024)} MB og bliver ikke læst",
                   "Del den op, eller fjern det, der ikke hører til.")


def _os_refusal(error: OSError, place: Place) -> Refusal:
    reason = _OS_REASONS.get(error.errno or 0, error.strerror or str(error))
    if error.errno == errno.EISDIR:
        return Refusal(f"{place.noun} er en mappe, ikke en almindelig fil", "Flyt mappens indhold og opret filen.")
    return Refusal(f"{place.noun} kan ikke læses ({reason})",
                   "Tjek at filen findes, og at du har adgang til at læse den.")
