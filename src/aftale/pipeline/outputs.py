"""The documents of an output folder: their names, their bytes in each format, and writing them.

Every command that writes documents names them with :class:`Output`, renders them with :func:`render`
and writes each document's formats all or nothing with :func:`write_files`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from aftale import files
from aftale.load.layout import AGREEMENTS_DIR, round_files
from aftale.pipeline.keys import file_stamp
from aftale.render import Options, writer
from aftale.render.templates import Templates
from aftale.views.model import DAGSORDEN, KINDS, Document

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


def write_files(paths: Mapping[str, Path], rendered: Mapping[str, bytes]) -> dict[str, tuple[str, list[int]]]:
    """Write every format's bytes to its path, all or nothing; return each format's hash and stamp."""
    files.write_together({paths[name]: data for name, data in rendered.items()})
    return {name: (hashlib.sha256(data).hexdigest(), file_stamp(paths[name].stat()))
            for name, data in rendered.items()}


def current_names(root: Path) -> set[str]:
    """The names of every file a build can make for the repository as it is now, in either edition.

    These are the documents (and the invitation) of every round that has a file, the dagsorden of the round
    after a dialogue's latest, and the frister; the files of a deleted round or dialogue are not among them.
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
        names.update(f"{folder.name}/{year}/{INVITATION}.{suffix}" for year in years for suffix in ("ics", "eml"))
    names.add(DEADLINES_FILE)
    return names
