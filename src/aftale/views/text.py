"""Text as the documents print it: cleaned for XML, amounts kept whole, quotes and paragraphs."""

from __future__ import annotations

import re

from aftale.glyphs import DROPPED
from aftale.model import Blocks, BulletList, Dialog
from aftale.views.model import Line
from aftale.words import Words

NO_BREAK = "\u00a0"
#: A number followed by white space and a unit it must stay on the line with.
_AMOUNT = re.compile(r"(\d)[ \t]+(?=(?:kr\.|kroner|mio\.|mia\.|%|m²|m2)(?!\w))")
#: Lines of a pasted block text that are bullets: "- ", "• " or "– " first (as Word pastes a list).
_BULLET = re.compile(r"^\s*[-•–]\s+")


def clean(text: str) -> str:
    """Remove characters that XML (and so DOCX and the PDF's text) cannot hold, and keep amounts whole.

    A number and its unit ("3.500 kr.", "25 %") get a no-break space between them, so a line never
    ends between the two.
    """
    return _AMOUNT.sub(lambda match: match.group(1) + NO_BREAK, DROPPED.sub("", text))


def lines(blocks: Blocks, level: int = 0) -> tuple[Line, ...]:
    """Paragraphs as lines; a nested list becomes bullets one level deeper; line breaks part paragraphs.

    A line that begins with "- ", "• " or "– " (a list pasted from Word into a block text) is a bullet.
    """
    result: list[Line] = []
    for block in blocks:
        if isinstance(block, BulletList):
            result.extend(lines(block.items, level + 1))
            continue
        for part in block.text.split("\n"):
            bullet = _BULLET.match(part)
            text = clean(part[bullet.end():] if bullet else part).strip()
            if text:
                result.append(Line(text, level + 1 if bullet else level))
    return tuple(result)


def quote(text: str) -> str:
    """``text`` in Danish quotation marks: »…«."""
    return f"»{clean(text)}«"


def name_of(w: Words, dialog: Dialog) -> str:
    """What a document calls a dialogue: its boligorganisation, or a joint dialogue's ``titel`` (else the words'
    name for a joint dialogue)."""
    if dialog.is_joint:
        return clean(dialog.titel or w("dokumenter.fælles-titel"))
    return clean(dialog.boligorganisation)


def listed(w: Words, names: list[str]) -> str:
    """Names as a sentence lists them: "A", "A og B", "A, B og C"."""
    if len(names) < 2:
        return "".join(names)
    return w("dokumenter.opremsning", **{"første": ", ".join(names[:-1]), "sidste": names[-1]})
