"""Plain text (and text with the light Markdown that converters leave): lines with their indentation.

Headings written ``## …`` and paragraphs wrapped whole in ``**…**`` keep that structure; a
Markdown table becomes one line per row, its cells parted by tabs.
"""

from __future__ import annotations

import re

from aftale.importer.lines import Line, tidy

_HEADING = re.compile(r"#{1,6}(?=\s)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TABLE_RULE = re.compile(r"\|?[\s:|-]*-[\s:|-]*\|?")


def decode(data: bytes) -> str | None:
    """The text of ``data``: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows' cp1252; None if binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    return None if controls > max(2, len(text) // 200) else text


def read_text(text: str) -> list[Line]:
    """The lines of a plain text; blank lines are kept as :attr:`Line.gap` of the next line."""
    lines: list[Line] = []
    gap = False
    for raw in text.splitlines():
        body = raw.lstrip(" \t")
        stripped = body.strip()
        if not stripped or not tidy(stripped):
            gap = True
            continue
        line = _line(stripped, len(raw[:len(raw) - len(body)].expandtabs(4)), gap)
        if line is not None:
            lines.append(line)
        gap = False
    return lines


def _line(stripped: str, indent: int, gap: bool) -> Line | None:
    heading = 0
    found = _HEADING.match(stripped)
    if found:
        heading = len(found.group())
        stripped = stripped[found.end():].strip()
    if stripped.startswith("|"):
        if _TABLE_RULE.fullmatch(stripped):
            return None
        cells = [tidy(_plain(cell)) for cell in stripped.strip("|").split("|")]
        text = "\t".join(cell for cell in cells if cell)
        return Line(text, gap=gap) if text else None
    bold = bool(_BOLD.fullmatch(stripped))
    text = tidy(_plain(stripped))
    if not text:
        return None
    return Line(text, heading=heading, bold=bold, indent=indent, gap=gap,
                wrapped=not heading)


def _plain(text: str) -> str:
    """``text`` without Markdown's bold marks and link targets."""
    return _LINK.sub(r"\1", _BOLD.sub(r"\1", text))
