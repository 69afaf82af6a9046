"""Writing files so that a reader never sees half of one, and a user's file is never overwritten.

Temporary files are named ``.aftale-<name>.<random>.tmp`` beside the file they become, so that
aftale recognises its own leftovers (:data:`TEMP_PREFIX`) and never anybody else's. Every fault of
the machine (no permission, a full disk, a file where a folder should be) is raised as a
:class:`~aftale.errors.MachineFault` that names the path.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from aftale.errors import FileExists, MachineFault

TEMP_PREFIX = ".aftale-"
TEMP_SUFFIX = ".tmp"


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its parents; a fault names the folder."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MachineFault(folder, error, folder=True) from error


def temporary(path: Path, data: bytes) -> Path:
    """Write ``data`` to a fresh temporary file beside ``path`` and return its name."""
    make_folder(path.parent)
    try:
        handle, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as error:
        raise MachineFault(path, error) from error
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(name, 0o644)
    except BaseException as error:
        Path(name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise MachineFault(path, error) from error
        raise
    return Path(name)


def write_atomic(path: Path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` in one step: a temporary file in the same folder, then a rename."""
    write_together({path: data})
    return path


def write_together(files: Mapping[Path, bytes]) -> None:
    """Replace every file in ``files`` with its data, all or none.

    Every temporary file is written in full before the first rename; if anything fails, the files
    already replaced get their old contents back (kept meanwhile as hard links), and no temporary
    file is left behind.
    """
    temporaries: dict[Path, Path] = {}
    backups: dict[Path, Path | None] = {}
    replaced: list[Path] = []
    try:
        for path, data in files.items():
            try:
                temporaries[path] = temporary(path, data)
            except MachineFault:
                raise
            except OSError as error:
                raise MachineFault(path, error) from error
        for path in files:
            backups[path] = _backup(path)
        for path, temp in temporaries.items():
            try:
                os.replace(temp, path)
            except OSError as error:
                raise MachineFault(path, error) from error
            replaced.append(path)
    except BaseException:
        for path in replaced:
            backup = backups.pop(path, None)
            if backup is not None:
                os.replace(backup, path)
            else:
                path.unlink(missing_ok=True)
        raise
    finally:
        for leftover in (*temporaries.values(), *(b for b in backups.values() if b is not None)):
            leftover.unlink(missing_ok=True)


def _backup(path: Path) -> Path | None:
    """A hard link to ``path``'s current contents under a temporary name, or None when there is none."""
    if not path.is_file():
        return None
    name = Path(tempfile.mktemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent))
    try:
        os.link(path, name)
    except OSError:
        return None  # a file system without hard links: the rename is still atomic, file by file
    return name


def create_new(path: Path, data: bytes, shown: str) -> Path:
    """Create ``path`` with ``data`` in one step, refusing if it already exists (also if it appears meanwhile).

    :param shown: the file's name as the user reads it, for the error.
    """
    if path.exists():
        raise FileExists(f"filen '{shown}' findes allerede og bliver ikke overskrevet. Ret den i stedet, eller "
                         "slet den først, hvis du vil have en ny.")
    temp = temporary(path, data)
    try:
        os.link(temp, path)  # fails if the name was taken in the meantime: never clobbers
    except FileExistsError as error:
        raise FileExists(f"filen '{shown}' findes allerede og bliver ikke overskrevet.") from error
    except OSError as error:
        _create_exclusively(path, data, shown, error)  # a drive without hard links (FAT, some network shares)
    finally:
        temp.unlink(missing_ok=True)
    return path


def _create_exclusively(path: Path, data: bytes, shown: str, why: OSError) -> None:
    """Create ``path`` with ``data`` where hard links cannot be made: opened only if it does not exist yet, so it
    still never clobbers; a half-written file is removed."""
    try:
        with open(path, "xb") as file:
            try:
                file.write(data)
            except BaseException:
                file.close()
                path.unlink(missing_ok=True)
                raise
    except FileExistsError as error:
        raise FileExists(f"filen '{shown}' findes allerede og bliver ikke overskrevet.") from error
    except OSError as error:
        raise MachineFault(path, error) from why
