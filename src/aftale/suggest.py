"""Finding the nearest valid name for a mistyped one ("mente du 'videreføres'?")."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "ü": "u", "ö": "o", "ä": "a"})


def fold(text: str) -> str:
    """Reduce a name to lower-case ASCII-like letters, so "Viderefores" matches "videreføres"."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_FOLD)
    text = text.replace("oe", "o").replace("aa", "a")
    return " ".join(text.replace("_", " ").replace("-", " ").split())


def nearest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``name``, or None when nothing is close enough."""
    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(fold(candidate), candidate)
    folded = fold(name)
    if folded in by_fold:
        return by_fold[folded]
    match = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.6)
    return by_fold[match[0]] if match else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A Danish hint " Mente du 'x'?" for the nearest candidate, or an empty string."""
    match = nearest(name, candidates)
    return f" Mente du '{match}'?" if match is not None else ""
