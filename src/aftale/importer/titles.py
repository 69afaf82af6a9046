"""Titles compared, and ids made from them: what the matcher knows of the words of a point's title.

Two titles are alike by difflib's ratio of their texts, or by the share of the words that say what a
point is about (the small words, the parties' names and the words for them left out) that they share;
a word matches the same word inflected and a compound it begins. An id is made of the first of those words.
"""

from __future__ import annotations

import os
import re
from difflib import SequenceMatcher

from aftale.fields import slugify
from aftale.importer.vocabulary import STOP_WORDS
from aftale.model import Dialog

_ID_WORDS = 3
#: Words that YAML reads as null, true or false, in one version or another.
_YAML_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})
#: Words for the parties, which many titles share without being about the same thing.
_GENERIC = frozenset({"kommune", "kommunen", "kommunes", "boligselskab", "boligselskabet", "boligselskaber",
                      "boligorganisation", "boligorganisationen", "afdeling", "afdelingen", "afdelinger",
                      "afdelingerne"})
_ID_LENGTH = 40


def party_words(dialog: Dialog) -> frozenset[str]:
    """Words that say little of what a point is about: the parties' names and the words for them."""
    return frozenset({*_words(dialog.kommune), *_words(dialog.boligorganisation), *_GENERIC})


def similarity(a: str, b: str, ignore: frozenset[str] = frozenset()) -> float:
    """How alike two titles are, 0 to 1: difflib's ratio of the texts, or the share of words they share."""
    ratio = SequenceMatcher(None, _folded(a), _folded(b), autojunk=False).ratio()
    words = shared_words(a, b, ignore) if min(len(_words(a, ignore)), len(_words(b, ignore))) >= 2 else 0.0
    return max(ratio, words * 0.9)


def shared_words(a: str, b: str, ignore: frozenset[str] = frozenset()) -> float:
    """The share of the shorter title's words that the other has too, leaving out the words in ``ignore``.

    A word matches the same word inflected ("sociale", "social") and a compound it begins ("udlejning",
    "udlejningsaftaler").
    """
    words_a, words_b = _words(a, ignore), _words(b, ignore)
    if not words_a or not words_b:
        return 0.0
    shorter, longer = sorted((words_a, words_b), key=len)
    shared = sum(1 for word in shorter if any(_alike(word, other) for other in longer))
    return shared / len(shorter)


def _alike(a: str, b: str) -> bool:
    common = len(os.path.commonprefix([a, b]))
    short = min(len(a), len(b))
    return a == b or (common >= 5 and abs(len(a) - len(b)) <= 3 and common >= short - 2) or \
        (common == short and short >= 8)


def _folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _words(text: str, ignore: frozenset[str] = frozenset()) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", text.casefold())
            if w not in STOP_WORDS and w not in ignore and len(w) > 1]


def make_id(title: str, year: int, taken: set[str], dialog: Dialog | None = None) -> str:
    """A new id from ``title``: its first words that say something, unique in ``taken`` (which gets it)."""
    parties = party_words(dialog) if dialog is not None else frozenset()
    words = _words(title, parties) or _words(title) or ["punkt"]
    base = slugify(" ".join(words[:_ID_WORDS]))
    while len(base) > _ID_LENGTH and "-" in base:
        base = base.rsplit("-", 1)[0]
    if base in _YAML_WORDS:  # an id YAML would read as no text at all, or as yes or no
        base = f"punkt-{base}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{year}" if n == 2 else f"{base}-{year}-{n - 1}"
    taken.add(candidate)
    return candidate
