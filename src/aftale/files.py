"""Writing files so that a reader never sees half of one, and a user's file is never overwritten."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from aftale.errors import AftaleError


class FileExists(AftaleError):
    """The file to be created is already there; it is left as it is."""


def _temporary(path: Path, data: bytes) -> Path:
    """Write ``data`` to a fresh temporary file beside ``path`` and return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(name, 0o644)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_atomic(path: Path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` in one step: a temporary file in the same folder, then a rename."""
    temporary = _temporary(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def create_new(path: Path, data: bytes, shown: str) -> Path:
    """Create ``path`` with ``data`` in one step, refusing if it already exists (also if it appears meanwhile).

    :param shown: the file's name as the user reads it, for the error.
    """
    if path.exists():
        raise FileExists(f"filen '{shown}' findes allerede og bliver ikke overskrevet. Ret den i stedet, eller "
                         "slet den først, hvis du vil have en ny.")
    temporary = _temporary(path, data)
    try:
        os.link(temporary, path)  # fails if the name was taken in the meantime: never clobbers
    except FileExistsError as error:
        raise FileExists(f"filen '{shown}' findes allerede og bliver ikke overskrevet.") from error
    finally:
        temporary.unlink(missing_ok=True)
    return path
