"""Reading a document to import: what kind of file it is, by its bytes, and its lines.

One reader per kind (:mod:`~aftale.importer.readers.docx`, :mod:`~aftale.importer.readers.pdf`,
:mod:`~aftale.importer.readers.text`), each giving the same :class:`~aftale.importer.lines.Line`
structure. A file that cannot be read (not the document its name says, protected by a password,
a scan without text, an unknown kind) is an :class:`Unreadable` error that names it and says what
to do.
"""

from __future__ import annotations

import stat
import zipfile
import io
from dataclasses import dataclass
from pathlib import Path

from aftale.errors import AftaleError, MachineFault, shown
from aftale.importer.lines import Line
from aftale.importer.readers.docx import read_docx
from aftale.importer.readers.pdf import Encrypted, read_pdf
from aftale.importer.readers.text import decode, read_text

#: The largest document the importer reads: minutes with pictures stay far below it.
MAX_BYTES = 50 * 1024 * 1024
#: The least text a PDF must hold to be read as one; a scan holds none.
_MIN_LETTERS = 20
_TEXT_SUFFIXES = frozenset({"", ".txt", ".text", ".md", ".markdown"})
_SUPPORTED = "Word (.docx), PDF med tekst og almindelig tekst (.txt)"


class Unreadable(AftaleError):
    """A document the importer cannot read, named, with what to do about it."""


@dataclass(frozen=True)
class Source:
    """A document read: its name as the user gave it, its kind ("docx", "pdf", "tekst") and its lines."""

    path: Path
    kind: str
    lines: tuple[Line, ...]

    @property
    def name(self) -> str:
        """The file's name without its folder."""
        return self.path.name


def read_document(path: Path) -> Source:
    """Read ``path`` as DOCX, PDF or plain text, whatever its name says; raises :class:`Unreadable`."""
    name = shown(path)
    data = _bytes(path, name)
    suffix = path.suffix.casefold()
    if data.startswith(b"%PDF-"):
        return Source(path, "pdf", _pdf(data, name))
    if data.startswith(b"PK\x03\x04"):
        return Source(path, "docx", _docx(data, name))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise Unreadable(f"'{name}' er en Word-fil i det gamle format (.doc) eller beskyttet med adgangskode, og "
                         "den kan ikke læses. Åbn den i Word, og gem den som Word-dokument (.docx) uden "
                         "adgangskode.")
    if data.startswith(b"{\\rtf"):
        raise Unreadable(f"'{name}' er en RTF-fil, som ikke kan læses. Åbn den i Word, og gem den som "
                         "Word-dokument (.docx).")
    if suffix in (".docx", ".pdf", ".doc", ".odt"):
        kind = {".pdf": "en PDF"}.get(suffix, "et Word-dokument")
        raise Unreadable(f"'{name}' hedder {suffix}, men er ikke {kind}: filen kan ikke læses. Måske er den "
                         "beskadiget eller omdøbt; åbn den i det program, der lavede den, og gem den igen.")
    text = decode(data) if suffix in _TEXT_SUFFIXES else None
    if text is None:
        raise Unreadable(f"'{name}' er ikke et dokument, der kan læses. aftale importer læser {_SUPPORTED}.")
    lines = read_text(text)
    if not lines:
        raise Unreadable(f"'{name}' er tom. Vælg filen med referatet eller aftaledokumentet.")
    return Source(path, "tekst", tuple(lines))


def _bytes(path: Path, name: str) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise Unreadable(f"filen '{name}' findes ikke. Tjek navnet og mappen.") from None
    except OSError as error:
        raise MachineFault(path, error, verb="læse") from error
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable(f"'{name}' er ikke en almindelig fil. Angiv filen med referatet eller aftaledokumentet.")
    if info.st_size > MAX_BYTES:
        raise Unreadable(f"'{name}' er større end {MAX_BYTES // (1024 * 1024)} MB og bliver ikke læst. Gem "
                         "dokumentet uden billeder, og prøv igen.")
    try:
        return path.read_bytes()
    except OSError as error:
        raise MachineFault(path, error, verb="læse") from error


def _pdf(data: bytes, name: str) -> tuple[Line, ...]:
    try:
        lines = read_pdf(data)
    except Encrypted:
        raise Unreadable(f"'{name}' er beskyttet med adgangskode, så teksten kan ikke læses. Gem en udgave uden "
                         "adgangskode, og prøv igen.") from None
    except Exception as error:  # noqa: BLE001 - a broken PDF fails in many ways inside pypdf
        raise Unreadable(f"'{name}' er en beskadiget PDF, som ikke kan læses. Gem den igen fra det program, der "
                         "lavede den, og prøv igen.") from error
    if sum(ch.isalpha() for line in lines for ch in line.text) < _MIN_LETTERS:
        raise Unreadable(f"'{name}' har ingen tekst, der kan læses; den er måske scannet som billeder. Brug en "
                         "udgave med tekst (fx Word-filen), eller kør tekstgenkendelse (OCR) på PDF'en først.")
    return tuple(lines)


def _docx(data: bytes, name: str) -> tuple[Line, ...]:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        names = []
    if "word/document.xml" not in names:
        raise Unreadable(f"'{name}' er ikke et Word-dokument (.docx), men en anden slags fil i zip-format. "
                         f"aftale importer læser {_SUPPORTED}.")
    try:
        lines = read_docx(data)
    except Exception as error:  # noqa: BLE001 - a broken DOCX fails in many ways inside python-docx
        raise Unreadable(f"'{name}' er et beskadiget Word-dokument, som ikke kan læses. Åbn det i Word, gem det "
                         "igen, og prøv igen.") from error
    if not lines:
        raise Unreadable(f"'{name}' er et tomt Word-dokument. Vælg filen med referatet eller aftaledokumentet.")
    return tuple(lines)
