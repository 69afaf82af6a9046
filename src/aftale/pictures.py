"""The kinds of picture a logo may be: the two Word shows, known by their first bytes, never by a file's name."""

from __future__ import annotations

#: Media type → the first bytes of such a file, and the suffix a file of that kind gets when aftale writes it.
_KINDS = {"image/png": (b"\x89PNG\r\n\x1a\n", "png"), "image/jpeg": (b"\xff\xd8\xff", "jpg")}


def picture_type(data: bytes) -> str | None:
    """The media type of a picture's bytes, or None when it is neither PNG nor JPEG."""
    return next((kind for kind, (magic, _) in _KINDS.items() if data.startswith(magic)), None)


def picture_suffix(data: bytes) -> str | None:
    """The suffix (without the dot) a file holding these bytes gets: ``png`` or ``jpg``; None for other bytes."""
    kind = picture_type(data)
    return _KINDS[kind][1] if kind else None
