"""Keys: one hash of everything a document is made from, so that equal keys mean the same bytes would be written."""

from __future__ import annotations

import hashlib


def digest(*parts: bytes | str) -> str:
    """One hash of several parts, each with its length, so that no two lists of parts give the same."""
    hashed = hashlib.sha256()
    for part in parts:
        chunk = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(chunk).to_bytes(8, "big"))
        hashed.update(chunk)
    return hashed.hexdigest()
