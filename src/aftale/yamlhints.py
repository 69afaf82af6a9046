"""What a secretary most likely did when a file is not valid YAML, said at the line of the mistake.

The YAML parser reports where it gave up, which is often the line after the mistake and says
nothing a Word user recognises. :func:`diagnose` looks at the lines around that place for the
usual causes (Word's curly quotes, a missing space after a colon or after a list's dash, a bullet
under ``referat: []``, a key indented a space too far or too little) and, when it finds one, names it
and the fix.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: Quotation marks Word puts in place of the straight ones YAML knows.
_CURLY = "“”„‟‘’‚‛«»"
_CLOSING = {"“": "”", "„": "“", "‘": "’", "‚": "‘", "«": "»", "»": "«"}
_CURLY_VALUE = re.compile(rf"(?:^\s*-\s+|:\s+)([{_CURLY}])")
#: ``status:videreføres``: a key, a colon and no space. Times (12:30) and addresses (https://) start otherwise.
_NO_SPACE = re.compile(r"^(\s*(?:-\s+)?)([a-zæøåé][a-zæøåé -]*):(?=[^\s:/])")
_EMPTY_LIST = re.compile(r"^(\s*(?:-\s+)?)([^\s:#][^:#]*):\s*(\[\]|\{\})\s*(?:#.*)?$")
_KEY_LINE = re.compile(r"^(\s*)([^\s:#\-\"'][^:#]*):(?:\s|$)")
#: ``-Der er sået …`` under other list items: a bullet whose dash lost its space (``---`` starts a document).
_DASH_NO_SPACE = re.compile(r"^(\s*)-(?=[^\s\-\d])")


class Hint(NamedTuple):
    """Where the mistake is (1-based line and column) and what to say about it."""

    line: int
    column: int
    message: str


def diagnose(text: str, line: int) -> Hint | None:
    """The likely cause of a parse error the parser reports at 1-based ``line`` of ``text``, or None."""
    lines = text.split("\n")
    here = line - 1
    earlier = [i for i in range(here - 1, max(here - 4, -1), -1) if _content(lines, i)]
    previous = earlier[0] if earlier else None
    for index in (here, *earlier[:2]):
        if 0 <= index < len(lines):
            for mistake in (_curly_quote, _no_space, _dash_no_space):
                found = mistake(lines[index])
                if found is not None:
                    return Hint(index + 1, *found)
    if previous is not None:
        return _bullet_under_empty_list(lines, previous, here) or _indentation(lines, previous, here)
    return None


def _content(lines: list[str], index: int) -> bool:
    return 0 <= index < len(lines) and bool(lines[index].strip()) and not lines[index].lstrip().startswith("#")


#: What a mistake found in one line gives: the 1-based column where it is, and what to say.
Found = tuple[int, str]


def _curly_quote(line: str) -> Found | None:
    match = _CURLY_VALUE.search(line)
    if match is None:
        return None
    opening = match.group(1)
    closing = _CLOSING.get(opening, opening)
    return (match.start(1) + 1,
            f"teksten står i Words typografiske anførselstegn {opening}…{closing}, som YAML ikke kender. Skriv lige "
            "anførselstegn i stedet: \"…\".")


def _no_space(line: str) -> Found | None:
    match = _NO_SPACE.match(line)
    if match is None:
        return None
    key = match.group(2)
    rest = line[match.end():].split(" #")[0].strip()
    return match.end(), f"der mangler et mellemrum efter kolon i '{key}:{rest}'. Skriv '{key}: {rest}'."


def _dash_no_space(line: str) -> Found | None:
    match = _DASH_NO_SPACE.match(line)
    if match is None:
        return None
    return (match.end(1) + 1,
            f"der mangler et mellemrum efter '-': skriv '- {line[match.end(1) + 1:].strip()[:30]}', med bindestreg og "
            "mellemrum foran, som de andre punkter i listen.")


def _bullet_under_empty_list(lines: list[str], previous: int, here: int) -> Hint | None:
    match = _EMPTY_LIST.match(lines[previous])
    if match is None or not lines[here].lstrip().startswith("- "):
        return None
    key, empty = match.group(2).strip(), match.group(3)
    return Hint(previous + 1, lines[previous].index(empty, match.end(2)) + 1,
                f"'{key}: {empty}' er en tom liste, så linjerne med '- ' under den kan ikke læses. Slet '{empty}', "
                f"så linjerne under '{key}:' bliver listens punkter.")


def _indentation(lines: list[str], previous: int, here: int) -> Hint | None:
    """Two neighbouring keys a few spaces apart: say which one is out of line with its section."""
    above, below = _KEY_LINE.match(lines[previous]), _KEY_LINE.match(lines[here])
    if above is None or below is None:
        return None
    up, down = len(above.group(1)), len(below.group(1))
    if not 0 < abs(up - down) <= 3:
        return None
    parent = next((i for i in range(previous - 1, -1, -1) if _content(lines, i) and _indent(lines[i]) < min(up, down)),
                  None)
    top = _indent(lines[parent]) if parent is not None else -1
    children = []
    for i in range((parent if parent is not None else -1) + 1, len(lines)):
        if not _content(lines, i) or i in (previous, here):
            continue
        if _indent(lines[i]) <= top:
            break
        if _KEY_LINE.match(lines[i]):
            children.append(_indent(lines[i]))
    expected = max(set(children), key=children.count) if children else top + 2
    wrong = previous if up != expected and down == expected else here
    match, other = (above, below) if wrong == previous else (below, above)
    other_index = here if wrong == previous else previous
    spaces = len(match.group(1)) - len(other.group(1))
    how = f"{abs(spaces)} mellemrum for {'langt' if spaces > 0 else 'lidt'} ind"
    return Hint(wrong + 1, len(match.group(1)) + 1,
                f"'{match.group(2).strip()}' er rykket {how} i forhold til '{other.group(2).strip()}' på linje "
                f"{other_index + 1}. Nøgler i samme afsnit skal starte i samme kolonne; ret indrykningen.")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
