"""Reading typed values out of YAML nodes, each with its position and a Danish problem when wrong.

One :class:`FileReader` serves one file. Its methods never raise for bad input:
they append a :class:`~aftale.model.Problem` and return None (or an empty value),
so that a file's every problem is found in one pass.
"""

from __future__ import annotations

import enum
import functools
import math
import re
from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aftale.errors import Problem, Severity
from aftale.model import Blocks, BulletList, Name, Paragraph, Pos
from aftale.suggest import did_you_mean
from aftale.yamlfile import describe, pos

E = TypeVar("E", bound=enum.Enum)

ID_PATTERN = re.compile(r"[a-z0-9-]+\Z")
#: A reference to an earlier point: its id, or ``<dialog>/<id>`` for a point agreed in another dialogue.
REF_PATTERN = re.compile(r"(?:[a-z0-9-]+/)?[a-z0-9-]+\Z")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
#: A number as Danes and YAML write it: 36, -2, 12,5 (Danish decimal comma) or 12.5.
_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?\Z")
#: The largest number a value may be (either way): what a document prints whole, to the last digit.
LARGEST_NUMBER = 10.0 ** 15
_YEAR = re.compile(r"[0-9]{4}\Z")
_NULL_TAG = "tag:yaml.org,2002:null"
_TRUE = frozenset({"true", "ja", "yes"})
_FALSE = frozenset({"false", "nej", "no"})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SLUG_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"})


@functools.cache
def _members(kind: type[E]) -> dict[str, E]:
    """An enum's members by value, looked up once per enum."""
    return {member.value: member for member in kind}


#: A text that begins with a dash right before a letter: "-Der er sået …".
_DASH_WORD = re.compile(r"-[^\W\d_]")


def is_null(node: Node) -> bool:
    """True for a value left empty (``frist:``) or written as ``null`` / ``~``."""
    return isinstance(node, ScalarNode) and node.tag == _NULL_TAG


def _bad_id(value: str, label: str) -> str:
    return (f"'{value}' kan ikke bruges som {label}: et id må kun indeholde små bogstaver a-z, tal og "
            f"bindestreg. Skriv fx '{slugify(value)}'.")


def _bad_ref(value: str, label: str) -> str:
    if value.count("/") == 1 and all(value.split("/")):
        dialog, point = value.split("/")
        return (f"'{value}' kan ikke bruges som {label}: et punkt fra en anden dialog skrives som dialogens navn, "
                f"'/' og punktets id, med små bogstaver a-z, tal og bindestreg. Skriv fx "
                f"'{slugify(dialog)}/{slugify(point)}'.")
    return _bad_id(value, label)


#: The fix when a decimal comma inside {…} has split a number in two (``{år: 2017, værdi: 26,2}``).
DECIMAL_IN_BRACES = (" Inden for krøllede parenteser skiller et komma værdierne ad, så et decimaltal som 26,2 "
                     "bliver læst som 26 og 2. Sæt tallet i anførselstegn (\"26,2\"), eller skriv værdierne på "
                     "hver sin linje uden krøllede parenteser.")


def split_decimal(mapping: Node, key: Node) -> bool:
    """True when ``key`` in the flow mapping ``mapping`` is digits with no value: the tail of a split decimal."""
    return (isinstance(mapping, MappingNode) and bool(mapping.flow_style) and isinstance(key, ScalarNode)
            and str(key.value).isdigit() and len(str(key.value)) < 4)


def slugify(text: str) -> str:
    """A valid id made from ``text``: "Social vicevært" becomes "social-vicevaert"."""
    text = text.casefold().translate(_SLUG_FOLD)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "punkt"


class FileReader:
    """Reads the values of one file and collects the problems found in it."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems

    def at(self, node: Node) -> Pos:
        """The position of ``node`` in this file."""
        return pos(node, self.file)

    def error(self, node: Node, message: str) -> None:
        """Record an error at ``node``."""
        self.problems.append(Problem(self.at(node), message))

    def warn(self, node: Node, message: str) -> None:
        """Record a warning at ``node``."""
        self.problems.append(Problem(self.at(node), message, Severity.WARNING))

    def fields(self, node: Node, keys: Sequence[str], what: str,
               required: Sequence[str] = ()) -> dict[str, Node] | None:
        """The values of a mapping by key, leaving out empty ones; None if ``node`` is no mapping.

        Unknown keys are reported with the nearest valid key; missing required keys
        are reported at the mapping.

        :param keys: the valid keys, in the order the format documents them.
        :param what: where this mapping is, in Danish ("i 'møde'").
        """
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} skal stå nøgler med værdier ({', '.join(keys)}), "
                             f"men her er {describe(node)}. Skriv fx '{keys[0]}: …' på en ny, indrykket linje.")
            return None
        found: dict[str, Node] = {}
        for key, value in node.value:
            name = str(key.value)
            if name not in keys:
                hint = did_you_mean(name, keys) or f" Gyldige nøgler her: {', '.join(keys)}."
                if split_decimal(node, key):
                    hint = DECIMAL_IN_BRACES
                self.error(key, f"ukendt nøgle '{name}' {what}.{hint}")
            elif not is_null(value):
                found[name] = value
        for name in required:
            if name not in found:
                self.error(node, f"{what} mangler '{name}'. Tilføj '{name}: …' med en værdi.")
        return found

    def text(self, node: Node, label: str) -> str | None:
        """A short text such as a title or a name."""
        if is_null(node):
            return None
        if not isinstance(node, ScalarNode):
            self.error(node, f"'{label}' skal være en tekst, men er {describe(node)}. "
                             "Skriv teksten direkte efter kolon, evt. i anførselstegn.")
            return None
        value = str(node.value).strip()
        self._dash_without_space(node, value, label)
        return value or None

    def first_dash_missing(self, node: Node, label: str) -> None:
        """Warn when a list of names is one text over several lines with " - " inside: the lines "Jette Loman" and
        "- Michael Keis" under it, whose first lost its '- ', read as the one name "Jette Loman - Michael Keis"."""
        if (isinstance(node, ScalarNode) and not node.style and node.end_mark.line > node.start_mark.line
                and " - " in str(node.value)):
            self.warn(node, f"'{label}' er én tekst over flere linjer, og en af linjerne begynder med '- '. Mangler "
                            "der '- ' foran den første? I en liste skal hvert navn stå på sin egen linje med '- ' "
                            "foran.")

    def _one(self, node: Node, label: str, expected: str) -> str | None:
        """The text of a single value; None when it is empty, or after an error that it should be ``expected``."""
        if not isinstance(node, ScalarNode):
            self.error(node, f"'{label}' skal være {expected}, men er {describe(node)}.")
            return None
        return self.text(node, label)

    def _dash_without_space(self, node: ScalarNode, value: str, label: str) -> None:
        """Warn about a text that begins "-Der er …": most likely a list item whose '- ' lost its space."""
        if not node.style and _DASH_WORD.match(value):  # a plain text (quoted ones say what they mean)
            self.warn(node, f"'{label}' begynder med '-' uden mellemrum efter ('{value[:25]}'). Er det et punkt i en "
                            "liste, så skriv '- ' (bindestreg og mellemrum) foran; ellers sæt teksten i "
                            "anførselstegn.")

    def blocks(self, node: Node, label: str) -> Blocks:
        """Paragraphs: a text (blank lines part paragraphs) or a list, where a nested list is bullets."""
        if is_null(node):
            return ()
        if isinstance(node, ScalarNode):
            self._dash_without_space(node, str(node.value).strip(), label)
            parts = (p.strip() for p in _PARAGRAPH_BREAK.split(str(node.value)))
            return tuple(Paragraph(p, self.at(node)) for p in parts if p)
        if isinstance(node, SequenceNode):
            return self._items(node, label)
        self.error(node, f"'{label}' skal være en tekst eller en liste af afsnit, men er {describe(node)}. "
                         "Står der ': ' i teksten, så sæt den i anførselstegn.")
        return ()

    def _items(self, node: SequenceNode, label: str) -> Blocks:
        blocks: list[Paragraph | BulletList] = []
        for item in node.value:
            if is_null(item):
                continue
            if isinstance(item, SequenceNode):
                blocks.append(BulletList(self._items(item, label), self.at(item)))
            elif isinstance(item, ScalarNode):
                text = str(item.value).strip()
                self._dash_without_space(item, text, label)
                if text:
                    blocks.append(Paragraph(text, self.at(item)))
            else:
                self.error(item, f"et afsnit i '{label}' skal være en tekst, men er {describe(item)}. "
                                 "Står der ': ' i teksten (fx 'Pension: 5588 1320'), så sæt hele teksten i "
                                 "anførselstegn.")
        return tuple(blocks)

    def date(self, node: Node, label: str) -> date | None:
        """A date written as YYYY-MM-DD."""
        value = self._one(node, label, "én dato som ÅÅÅÅ-MM-DD, fx 2020-10-27")
        if value is None:
            return None
        match = _DATE.match(value)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                self.error(node, f"'{label}': datoen '{value}' findes ikke i kalenderen. Ret dag eller måned.")
                return None
        self.error(node, f"'{label}': '{value}' er ikke en dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2020-10-27.")
        return None

    def number(self, node: Node, label: str) -> float | None:
        """A number; a Danish decimal comma is read as a point ("12,5" is 12.5)."""
        value = self._one(node, label, "ét tal, fx 12,5")
        if value is None:
            return None
        if _NUMBER.match(value):
            number = float(value.replace(",", "."))
            if math.isfinite(number) and abs(number) <= LARGEST_NUMBER:
                return number
            self.error(node, f"'{label}' er {_too_long(value)}, og så store tal kan dokumenterne ikke vise. Et tal må "
                             "højst være 1.000.000.000.000.000 (10^15); skriv det i en større enhed, fx mio. kr.")
            return None
        self.error(node, f"'{label}' skal være et tal, fx 36 eller 12,5, men er '{value}'. Skriv kun tallet; "
                         "enheden står under 'enhed'.")
        return None

    def year(self, node: Node, label: str) -> int | None:
        """A year written with four digits."""
        value = self.text(node, label) if isinstance(node, ScalarNode) else None
        if value is not None and _YEAR.match(value):
            return int(value)
        shown = f"'{value}'" if value is not None else describe(node)
        self.error(node, f"'{label}' skal være et årstal med fire cifre, fx 2016, men er {shown}.")
        return None

    def boolean(self, node: Node, label: str) -> bool | None:
        """A yes/no value: ja, nej, true or false."""
        value = self.text(node, label)
        if value is None:
            return None
        if value.casefold() in _TRUE:
            return True
        if value.casefold() in _FALSE:
            return False
        self.error(node, f"'{label}' skal være ja eller nej (true eller false), men er '{value}'.")
        return None

    def choice(self, node: Node, kind: type[E], label: str, allowed: Sequence[E] | None = None) -> E | None:
        """One of an enum's values, compared without regard to case."""
        options = list(allowed if allowed is not None else kind)
        value = self._one(node, label, f"én af {', '.join(o.value for o in options)}")
        if value is None:
            return None
        found = _members(kind).get(value.casefold())
        if found is not None:
            return found
        words = [o.value for o in options]
        hint = did_you_mean(value, words)
        self.error(node, f"ukendt værdi '{value}' for '{label}'.{hint} Gyldige værdier: {', '.join(words)}.")
        return None

    def ident(self, node: Node, label: str) -> str | None:
        """An id: small letters a-z, digits and hyphens."""
        value = self.text(node, label)
        if value is None:
            return None
        if not ID_PATTERN.match(value):
            self.error(node, _bad_id(value, label))
            return None
        return value

    def ref(self, node: Node, label: str) -> str | None:
        """An earlier point's id, or ``<dialog>/<id>`` for a point agreed in another dialogue."""
        value = self.text(node, label)
        if value is None:
            return None
        if not REF_PATTERN.match(value):
            self.error(node, _bad_ref(value, label))
            return None
        return value

    def idents(self, node: Node, label: str, refs: bool = False) -> tuple[Name, ...]:
        """A list of ids (a single id counts as a list of one); with ``refs``, ``<dialog>/<id>`` too."""
        valid = []
        for name in self.names(node, label):
            if (REF_PATTERN if refs else ID_PATTERN).match(name.value):
                valid.append(name)
            else:
                self.problems.append(Problem(name.pos, (_bad_ref if refs else _bad_id)(name.value, "id")))
        return tuple(valid)

    def names(self, node: Node, label: str) -> tuple[Name, ...]:
        """A list of short texts (a single text counts as a list of one)."""
        if is_null(node):
            return ()
        items = node.value if isinstance(node, SequenceNode) else [node]
        self.first_dash_missing(node, label)
        names = []
        for item in items:
            if not isinstance(item, ScalarNode):
                self.error(item, f"'{label}' skal være en liste af navne, ét pr. linje med '- ' foran, men her er "
                                 f"{describe(item)}.")
                continue
            value = self.text(item, label)
            if value is not None:
                names.append(Name(value, self.at(item)))
        return tuple(names)


def _too_long(value: str) -> str:
    """A number as a message shows it: whole when short, else its first digits and how many there are."""
    digits = value.lstrip("-").split(",")[0].split(".")[0]
    return f"'{value}'" if len(value) <= 24 else f"'{value[:12]}…' ({len(digits)} cifre)"
