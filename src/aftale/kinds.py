"""The kinds of value a key of the format can hold: each reads itself from YAML and describes itself in JSON Schema.

As mkdocs declares its options (one small class per kind of value), each :class:`Kind` here reads
its value through :class:`~aftale.fields.FileReader`, which records a Danish problem and returns
None when the value is wrong, and gives the JSON Schema fragment an editor checks the same value
with. Kinds that hold mappings of keys are in :mod:`aftale.sections`; the declarations of the
format's keys are in :mod:`aftale.keys`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import enum
from collections.abc import Sequence
from typing import Any

from yaml.nodes import MappingNode, Node

from aftale.fields import DECIMAL_IN_BRACES, ID_PATTERN, REF_PATTERN, FileReader, is_null, split_decimal
from aftale.model import STANDARD_THEMES, Measure
from aftale.suggest import did_you_mean
from aftale.timerange import EXAMPLE, StartOnly, TimeRangeError, parse_time_range

Schema = dict[str, Any]

_TEXT: Schema = {"type": ["string", "number", "null"]}
_ID: Schema = {"type": "string", "pattern": "^" + ID_PATTERN.pattern.removesuffix("\\Z") + "$",
               "description": "Små bogstaver a-z, tal og bindestreg, fx social-vicevaert."}
_REF: Schema = {"type": "string", "pattern": "^" + REF_PATTERN.pattern.removesuffix("\\Z") + "$",
                "description": "Et punkts id, fx social-vicevaert; et punkt fra en anden dialog som dialog/id, fx "
                               "naestved-lejerbo/social-vicevaert."}
_PARAGRAPHS: Schema = {"description": "En tekst, eller en liste af afsnit; en liste i listen bliver punkttegn.",
                       "anyOf": [{"type": ["string", "number", "null"]},
                                 {"type": "array", "items": {"$ref": "#/$defs/afsnit"}}]}


def one_or_many(item: Schema) -> Schema:
    """One value or a list of them, as :meth:`FileReader.names` reads them."""
    return {"anyOf": [item, {"type": "array", "items": item}, {"type": "null"}]}


class Kind:
    """How the value of a key is read from YAML and described in JSON Schema."""

    def read(self, reader: FileReader, node: Node, label: str) -> Any:
        """The value at ``node`` (never empty), or None after recording a problem.

        :param label: the key, as problems name it.
        """
        raise NotImplementedError

    def schema(self) -> Schema:
        """The JSON Schema fragment of the value, as an editor reading YAML 1.2 sees it."""
        raise NotImplementedError

    def definitions(self) -> dict[str, Schema]:
        """The named fragments (``$defs``) that :meth:`schema` refers to."""
        return {}


class Text(Kind):
    """A short text such as a title or a name."""

    def read(self, reader: FileReader, node: Node, label: str) -> str | None:
        return reader.text(node, label)

    def schema(self) -> Schema:
        return dict(_TEXT)


class Hours(Text):
    """When a meeting begins and ends, "12:30–14:00"; a text that is no such range is a warning, for the documents
    show it as written, but a calendar cannot hold it."""

    def read(self, reader: FileReader, node: Node, label: str) -> str | None:
        value = reader.text(node, label)
        if value is not None:
            try:
                parse_time_range(value)
            except StartOnly:
                pass  # as minutes often write it; the invitation asks for the end when it needs one
            except TimeRangeError as error:
                reader.warn(node, f"'{label}': '{value}' kan ikke læses som et tidsrum: {error}. Dokumenterne viser "
                                  "teksten, som den står, men 'aftale invitation' kan ikke lægge mødet i en kalender.")
        return value

    def schema(self) -> Schema:
        return {**_TEXT, "description": f"Fx {EXAMPLE}, 12.30-14 eller kl. 9-11."}


class Email(Kind):
    """An e-mail address, navn@example.dk."""

    def read(self, reader: FileReader, node: Node, label: str) -> str | None:
        value = reader.text(node, label)
        if value is None:
            return None
        mistake = _address_problem(value)
        if mistake is None:
            return value
        reader.error(node, f"'{label}': '{value}' er ikke en e-mailadresse: {mistake}. Skriv kun adressen, fx "
                           "navn@example.dk.")
        return None

    def schema(self) -> Schema:
        return {"type": ["string", "null"], "format": "email", "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                "description": "En e-mailadresse, fx navn@example.dk."}


class Url(Kind):
    """A web address that a page links to, https://… (or http://…)."""

    def read(self, reader: FileReader, node: Node, label: str) -> str | None:
        value = reader.text(node, label)
        if value is None:
            return None
        parts = urlsplit(value.strip())
        if parts.scheme in ("http", "https") and "." in parts.netloc and not any(c.isspace() for c in value.strip()):
            return value.strip()
        reader.error(node, f"'{label}': '{value}' er ikke en webadresse. Skriv hele adressen med https:// foran, fx "
                           "https://www.kommune.dk/tilgaengelighed.")
        return None

    def schema(self) -> Schema:
        return {"type": ["string", "null"], "format": "uri", "pattern": r"^https?://[^\s/]+\.[^\s]+$",
                "description": "En webadresse, fx https://www.kommune.dk/tilgaengelighed."}


#: Characters no address has outside quotes (which nobody writes in an address book).
_NOT_IN_ADDRESS = frozenset(' \t"(),:;<>[\\]')


def _address_problem(value: str) -> str | None:
    """What makes ``value`` no e-mail address (a Danish clause), or None for an address.

    The rule a mail program applies to what a person types: one @, a name before it without spaces or
    punctuation of a display name, and a domain of at least two parts after it, its last part letters
    (Danish letters are valid in both, as international addresses allow).
    """
    if value.casefold().startswith("mailto:"):
        return "'mailto:' hører ikke til adressen"
    if "<" in value or ">" in value or " " in value:
        return "der må hverken være mellemrum, navn eller <> i adressen"
    if value.count("@") != 1:
        return "der skal være præcis ét @ i en adresse" if "@" in value else "der mangler et @"
    local, domain = value.split("@")
    if not local:
        return "der mangler et navn før @"
    if _NOT_IN_ADDRESS & set(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        return "navnet før @ har et tegn, som en adresse ikke kan have"
    labels = domain.split(".")
    if len(labels) < 2 or not all(labels):
        return f"domænet efter @ ('{domain}') skal have en endelse, fx .dk"
    if not all(all(c.isalnum() or c == "-" for c in part) and part[0] != "-" and part[-1] != "-" for part in labels):
        return f"domænet efter @ ('{domain}') kan kun have bogstaver, tal, bindestreger og punktummer"
    if len(labels[-1]) < 2 or not labels[-1].isalpha() and not labels[-1].startswith("xn--"):
        return f"domænets endelse '.{labels[-1]}' er ikke en endelse som .dk eller .com"
    if len(local) > 64 or len(value) > 254:
        return "adressen er for lang"
    return None


class Paragraphs(Kind):
    """Paragraphs: a text, or a list where a nested list is bullets."""

    def read(self, reader: FileReader, node: Node, label: str) -> Any:
        return reader.blocks(node, label)

    def schema(self) -> Schema:
        return {"$ref": "#/$defs/afsnit"}

    def definitions(self) -> dict[str, Schema]:
        return {"afsnit": _PARAGRAPHS}


class Date(Kind):
    """A date written as ÅÅÅÅ-MM-DD."""

    def read(self, reader: FileReader, node: Node, label: str) -> Any:
        return reader.date(node, label)

    def schema(self) -> Schema:
        return {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "description": "En dato som ÅÅÅÅ-MM-DD, fx 2020-10-27."}


class YesNo(Kind):
    """ja or nej (true or false)."""

    def read(self, reader: FileReader, node: Node, label: str) -> bool | None:
        return reader.boolean(node, label)

    def schema(self) -> Schema:
        return {"anyOf": [{"type": "boolean"}, {"enum": ["ja", "nej", "Ja", "Nej", "JA", "NEJ"]}]}


class Choice(Kind):
    """One of an enum's values; ``allowed`` narrows the ones a file may write."""

    def __init__(self, kind: type[enum.Enum], allowed: Sequence[enum.Enum] | None = None) -> None:
        self.kind = kind
        self.allowed = tuple(allowed if allowed is not None else kind)

    def read(self, reader: FileReader, node: Node, label: str) -> Any:
        return reader.choice(node, self.kind, label, self.allowed)

    def schema(self) -> Schema:
        return {"enum": [*(member.value for member in self.allowed), None]}


class Word(Kind):
    """One of a few fixed words, compared without regard to case and kept in small letters."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = tuple(words)

    def read(self, reader: FileReader, node: Node, label: str) -> str | None:
        value = reader.text(node, label)
        if value is None or value.casefold() in self.words:
            return value.casefold() if value else None
        reader.error(node, f"ukendt værdi '{value}' for '{label}'.{did_you_mean(value, self.words)} Gyldige "
                           f"værdier: {', '.join(self.words)}.")
        return None

    def schema(self) -> Schema:
        return {"enum": [*self.words, None]}


class Ident(Kind):
    """An id: small letters a-z, digits and hyphens."""

    def read(self, reader: FileReader, node: Node, label: str) -> str | None:
        return reader.ident(node, label)

    def schema(self) -> Schema:
        return dict(_ID)


class Idents(Kind):
    """A list of ids (a single id counts as a list of one)."""

    def read(self, reader: FileReader, node: Node, label: str) -> Any:
        return reader.idents(node, label)

    def schema(self) -> Schema:
        return one_or_many(_ID)


class Refs(Idents):
    """A list of earlier points: ids, or ``<dialog>/<id>`` for points agreed in another dialogue."""

    def read(self, reader: FileReader, node: Node, label: str) -> Any:
        return reader.idents(node, label, refs=True)

    def schema(self) -> Schema:
        return one_or_many(_REF)


def ref_schema() -> Schema:
    """The JSON Schema of one reference to an earlier point (an id, or ``<dialog>/<id>``)."""
    return dict(_REF)


class Names(Kind):
    """A list of short texts, each with its position (a single text counts as a list of one)."""

    def read(self, reader: FileReader, node: Node, label: str) -> Any:
        return reader.names(node, label)

    def schema(self) -> Schema:
        return one_or_many(_TEXT)


class Texts(Names):
    """A list of short texts, kept as plain text."""

    def read(self, reader: FileReader, node: Node, label: str) -> tuple[str, ...]:
        return tuple(name.value for name in reader.names(node, label))


class Theme(Text):
    """The theme of a point: a short text; editors offer the standard themes, and a local theme is valid too."""

    def schema(self) -> Schema:
        return {"anyOf": [{"enum": list(STANDARD_THEMES)}, dict(_TEXT)],
                "description": "Standardtemaerne er " + ", ".join(STANDARD_THEMES) + "; egne temaer står under "
                               "'temaer' i aftale.yaml."}


class Number(Kind):
    """A number: 36, 12,5 (Danish decimal comma) or 12.5."""

    def read(self, reader: FileReader, node: Node, label: str) -> float | None:
        return reader.number(node, label)

    def schema(self) -> Schema:
        return dict(_NUMBER)


class Year(Kind):
    """A year with four digits."""

    def read(self, reader: FileReader, node: Node, label: str) -> int | None:
        return reader.year(node, label)

    def schema(self) -> Schema:
        return {"type": "integer", "minimum": 1000, "maximum": 9999}


_NUMBER: Schema = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": "^-?[0-9]+([.,][0-9]+)?$"}],
                   "description": "Et tal, fx 36 eller 12,5."}


class Measurements(Kind):
    """Values by year (``2017: 34``), read as :class:`~aftale.model.Measure` values in the order written."""

    def read(self, reader: FileReader, node: Node, label: str) -> tuple[Measure, ...]:
        if not isinstance(node, MappingNode):
            reader.error(node, f"'{label}' skal have et årstal som nøgle for hver værdi, fx '{{2017: 34, 2018: 31}}'.")
            return ()
        found = []
        for key, value in node.value:
            if split_decimal(node, key):
                reader.error(key, f"'{key.value}' i '{label}' er ikke et årstal.{DECIMAL_IN_BRACES}")
                continue
            year = reader.year(key, "år")
            number = None if is_null(value) else reader.number(value, label)
            if year is not None and number is not None:
                found.append(Measure(year, number, reader.at(key), {"år": reader.at(key), "værdi": reader.at(value)}))
        return tuple(found)

    def schema(self) -> Schema:
        return {"type": ["object", "null"], "propertyNames": {"pattern": "^[0-9]{4}$"},
                "additionalProperties": dict(_NUMBER)}
