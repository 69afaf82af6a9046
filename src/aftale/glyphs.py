"""Text the shipped fonts cannot draw: a warning naming the character, at the text's place in its file.

The fonts' coverage comes from :mod:`aftale.fontcoverage`, a table written from
the fonts by scripts/make_fonts.py, so checking needs no font library.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aftale.errors import Problem, Severity
from aftale.fontcoverage import RANGES
from aftale.model import Pos

_STARTS = [first for first, _ in RANGES]
#: Characters no document can hold (XML cannot): the documents leave them out, and ``tjek`` says so.
DROPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
#: Characters that are never drawn, so no font needs them: controls, format characters (zero-width,
#: direction marks), variation selectors. Line breaks and tabs are controls.
_INVISIBLE = ("Cc", "Cf")
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
#: Anything outside the drawn ranges of the basic plane, or beyond it: a quick first sieve.
_CANDIDATES = re.compile("[^" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                                        for a, b in RANGES if b <= 0xFFFF) + "]")


def drawn(char: str) -> bool:
    """True when a shipped font draws ``char``, or when it is never drawn at all."""
    point = ord(char)
    index = bisect_right(_STARTS, point) - 1
    if index >= 0 and point <= RANGES[index][1]:
        return True
    return unicodedata.category(char) in _INVISIBLE or bool(_VARIATION.match(char))


def undrawn(text: str) -> list[str]:
    """The characters of ``text`` that no shipped font draws, each once, in order of appearance."""
    if text.isascii():
        return []
    return list(dict.fromkeys(m.group() for m in _CANDIDATES.finditer(text) if not drawn(m.group())))


def check_text(root: Node, file: str) -> list[Problem]:
    """A warning for each character in a text value of the YAML tree ``root`` that the documents leave out or that
    no shipped font draws."""
    found = []
    for node in _scalars(root):
        where = Pos(file, node.start_mark.line + 1, node.start_mark.column + 1)
        for char in dict.fromkeys(DROPPED.findall(node.value)):
            found.append(Problem(where, f"tegnet U+{ord(char):04X} kan ikke stå i et dokument og bliver udeladt i "
                                        "dokumenterne. Slet tegnet.", Severity.WARNING))
        found += [Problem(where, f"tegnet '{char}' (U+{ord(char):04X}) findes ikke i dokumenternes skrifttyper og "
                                 "vises som en tom firkant i PDF'en. Slet tegnet, eller erstat det med et ord.",
                          Severity.WARNING)
                  for char in undrawn(node.value) if not DROPPED.match(char)]
    return found


def _scalars(root: Node) -> Iterator[ScalarNode]:
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            yield node
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, MappingNode):
            stack.extend(value for _, value in reversed(node.value))
