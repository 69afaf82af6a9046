"""Text as YAML that reads back as the same text: a plain value when that is safe, else double-quoted.

Plain only when nothing in the text could mean something else to a YAML reader or an editor: it begins
with a letter, holds no colon, no ``#``, no quote or bracket that begins a value, is no word that YAML
reads as yes, no or null (also the Danish "ja" and "nej"), and no number or date. Everything else is
written as a JSON string, which is a valid YAML double-quoted string, with the characters YAML may not
hold as they are written as escapes.
"""

from __future__ import annotations

import json
import re

_PLAIN = re.compile(r"[^\W\d_][\w .,;()/–—'’»«%&+?!-]*(?<![ ])", re.UNICODE)
_SPECIAL = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n", "ja", "nej", "~"})
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")
_BREAKS = re.compile(r"[\r\n\x85\u2028\u2029]+")


def scalar(text: str) -> str:
    """``text`` as a YAML value on one line."""
    text = " ".join(text.replace("\t", " ").split())
    if _PLAIN.fullmatch(text) and text.casefold() not in _SPECIAL and " -" not in text[:2]:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _NON_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def comment(text: str) -> str:
    """``text`` fit for a YAML comment: one line, only characters a YAML file may hold."""
    return " ".join(_NON_PRINTABLE.sub(" ", _BREAKS.sub(" ", text)).split())
