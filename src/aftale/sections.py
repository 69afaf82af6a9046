"""Mappings of keys: the :class:`Key` declaration, the :class:`Section` it belongs to, and the kinds that hold sections.

A :class:`Key` names a :class:`~aftale.kinds.Kind` under a YAML key, with its Danish description
(what an editor shows on hover) and what ``aftale ny`` writes for it. A :class:`Section` is a
mapping of keys; :meth:`Section.read` is the one way every mapping of the format is read, and
:meth:`Section.schema` its JSON Schema. The declarations themselves are in :mod:`aftale.keys`.
"""

from __future__ import annotations

import re

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aftale.fields import FileReader, is_null
from aftale.kinds import Kind, Schema, one_or_many, ref_schema
from aftale.model import Person, Pos

_FIELD_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "-": "_"})


@dataclass(frozen=True)
class Key:
    """One key of the format: its YAML name, how its value is read, and what it means.

    :param name: the key as a file writes it.
    :param kind: how its value is read and described.
    :param description: one Danish sentence a secretary understands; an editor shows it on hover.
    :param required: a mapping without this key is a problem.
    :param ny: what ``aftale ny`` writes after ``name:`` (a comment, or ``""`` for nothing); None when
        ``ny`` leaves the key out.
    :param field: the model field the value fills; by default ``name`` in ASCII (``fraværende`` fills
        ``fravaerende``).
    """

    name: str
    kind: Kind
    description: str
    required: bool = False
    ny: str | None = None
    field: str = ""

    def __post_init__(self) -> None:
        if not self.field:
            object.__setattr__(self, "field", self.name.casefold().translate(_FIELD_FOLD))

    def schema(self) -> Schema:
        """The kind's fragment with this key's description (and the kind's own hint after it)."""
        fragment = self.kind.schema()
        hint = fragment.get("description")
        return {**fragment, "description": f"{self.description} {hint}" if hint else self.description}


@dataclass(frozen=True)
class Entry:
    """A mapping as read: where it starts, its values by model field, and where each key's value is.

    A value that was empty or wrong is left out of ``values``, so the model's default stands.
    ``where`` holds every key that had a value, by its YAML name.
    """

    pos: Pos
    values: dict[str, Any]
    where: dict[str, Pos] = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    """A mapping of keys: a file, or a mapping inside one.

    :param name: what the mapping is called (``møde``).
    :param description: one Danish sentence about it, for editors.
    :param keys: its keys, in the order the format documents them.
    :param definition: the name it has in the schema's ``$defs``; None to write it out where it is used.
    :param model: the model type its values fill, when they fill one by field name.
    :param one_of: keys of which exactly one must be given (``boligorganisation`` or ``fælles``).
    :param one_of_hint: one Danish sentence saying when to write which of ``one_of``.
    """

    name: str
    description: str
    keys: tuple[Key, ...]
    definition: str | None = None
    model: type | None = None
    one_of: tuple[str, ...] = ()
    one_of_hint: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The YAML names of its keys."""
        return tuple(key.name for key in self.keys)

    def __getitem__(self, name: str) -> Key:
        return next(key for key in self.keys if key.name == name)

    def read(self, reader: FileReader, node: Node, what: str, *, partial: bool = False) -> Entry | None:
        """Read the mapping at ``node``; None when it is no mapping or lacks a required value.

        Unknown keys (with the nearest valid key), missing required keys and wrong values are
        recorded as problems. When a required key is missing or wrong, the other keys are not read,
        unless ``partial`` is set: then every key is read and the entry is returned as far as it goes.

        :param what: where the mapping is, in Danish ("i 'møde'").
        """
        required = [key for key in self.keys if key.required]
        found = reader.fields(node, self.names, what, [key.name for key in required])
        if found is None:
            return None
        if self.one_of:
            self._one_of(reader, node, found, what)
        if not partial and any(key.name not in found for key in required):
            return None
        values: dict[str, Any] = {}
        if partial:
            _read_keys(reader, found, self.keys, values)
        else:
            _read_keys(reader, found, required, values)
            if any(key.field not in values for key in required):
                return None
            _read_keys(reader, found, [key for key in self.keys if not key.required], values)
        return Entry(reader.at(node), values, {name: reader.at(value) for name, value in found.items()})

    def _one_of(self, reader: FileReader, node: Node, found: dict[str, Node], what: str) -> None:
        """Record a problem unless exactly one of :attr:`one_of` is given."""
        given = [name for name in self.one_of if name in found]
        first = self.one_of[0]
        if not given:
            reader.error(node, f"{what} mangler '{first}'. {self.one_of_hint}")
        elif len(given) > 1:
            shown = " og ".join(f"'{name}'" for name in given)
            reader.error(found[given[1]], f"{what} står både {shown}, men kun én af dem kan stå der. "
                                          f"{self.one_of_hint}")

    def schema(self) -> Schema:
        """The JSON Schema of the mapping, every key with its description."""
        schema: Schema = {"type": "object", "additionalProperties": False, "description": self.description,
                          "properties": {key.name: key.schema() for key in self.keys}}
        required = [key.name for key in self.keys if key.required]
        if required:
            schema["required"] = required
        if self.one_of:
            schema["oneOf"] = [{"required": [name]} for name in self.one_of]
        return schema

    def reference(self) -> Schema:
        """Where the schema uses this mapping: a ``$ref`` to its definition, or the mapping itself."""
        return {"$ref": f"#/$defs/{self.definition}"} if self.definition else self.schema()

    def definitions(self) -> dict[str, Schema]:
        """Every named fragment its keys need, and its own definition."""
        found: dict[str, Schema] = {}
        for key in self.keys:
            found.update(key.kind.definitions())
        if self.definition:
            found[self.definition] = self.schema()
        return found


def _read_keys(reader: FileReader, found: dict[str, Node], keys: Sequence[Key], values: dict[str, Any]) -> None:
    """Read each of ``keys`` that ``found`` has into ``values``, by model field."""
    for key in keys:
        if key.name in found:
            value = key.kind.read(reader, found[key.name], key.name)
            if value is not None:
                values[key.field] = value


class Nested(Kind):
    """A mapping of its own keys inside a mapping; read as an :class:`Entry`.

    :param what: where it is, in Danish, with ``{label}`` for its key ("i '{label}'").
    """

    def __init__(self, section: Section, what: str = "i '{label}'") -> None:
        self.section = section
        self.what = what

    def read(self, reader: FileReader, node: Node, label: str) -> Entry | None:
        return self.section.read(reader, node, self.what.format(label=label))

    def schema(self) -> Schema:
        return {"anyOf": [self.section.reference(), {"type": "null"}]}

    def definitions(self) -> dict[str, Schema]:
        return self.section.definitions()


class Sections(Kind):
    """A list of mappings, each starting with '- '; read as a tuple of :class:`Entry`.

    :param what: where each mapping is, in Danish ("i et punkt under 'punkter'").
    """

    def __init__(self, section: Section, what: str) -> None:
        self.section = section
        self.what = what

    def read(self, reader: FileReader, node: Node, label: str) -> tuple[Entry, ...]:
        if not isinstance(node, SequenceNode):
            reader.error(node, f"'{label}' skal være en liste, hvor hvert element starter med '- ' på en ny linje.")
            return ()
        entries = (self.section.read(reader, item, self.what) for item in node.value if not is_null(item))
        return tuple(entry for entry in entries if entry is not None)

    def schema(self) -> Schema:
        return {"type": ["array", "null"], "items": self.section.reference()}

    def definitions(self) -> dict[str, Schema]:
        return self.section.definitions()


class ByPointId(Kind):
    """A mapping from an earlier point's id to a mapping about it; read as (id, :class:`Entry`) pairs.

    An id with an empty value is an entry without values, positioned at the id.

    :param definition: the name of the whole mapping in the schema's ``$defs``.
    :param description: one Danish sentence about the whole mapping, for that definition.
    """

    def __init__(self, section: Section, definition: str, description: str) -> None:
        self.section = section
        self.definition = definition
        self.description = description

    def read(self, reader: FileReader, node: Node, label: str) -> tuple[tuple[str, Entry], ...]:
        if not isinstance(node, MappingNode):
            reader.error(node, f"'{label}' skal have et punkts id som nøgle for hvert punkt, der følges op, "
                               "fx 'social-vicevaert:' med 'status: videreføres' indrykket under.")
            return ()
        entries = []
        for key, value in node.value:
            point_id = reader.ref(key, "id")
            if point_id is None:
                continue
            if is_null(value):
                entries.append((point_id, Entry(reader.at(key), {})))
                continue
            if not isinstance(value, MappingNode):
                example = value.value if isinstance(value.value, str) else "videreføres"
                reader.error(value, f"opfølgningen af '{point_id}' skal have nøgler, ikke {_value_kind(value)}. "
                                    f"Skriv fx 'status: {example}' på en ny, indrykket linje.")
                continue
            entry = self.section.read(reader, value, f"i opfølgningen af '{point_id}'")
            if entry is not None:
                entries.append((point_id, replace(entry, pos=reader.at(key))))
        return tuple(entries)

    def schema(self) -> Schema:
        return {"$ref": f"#/$defs/{self.definition}"}

    def definitions(self) -> dict[str, Schema]:
        whole = {"type": ["object", "null"], "propertyNames": ref_schema(),
                 "additionalProperties": {"anyOf": [{"type": "null"}, self.section.reference()]},
                 "description": self.description}
        return {**self.section.definitions(), self.definition: whole}


def _value_kind(node: Node) -> str:
    return "en liste" if isinstance(node.value, list) else f"teksten '{node.value}'"


#: A value that is no person's name: digits, possibly with signs, separators, a date's or a time's punctuation.
_NOT_A_NAME = re.compile(r"[-+]?[0-9][0-9 .,:/-]*")
#: The same, as the JSON Schema's pattern for a name: something that is not only such characters.
_NAME_PATTERN = r"[^-+0-9 .,:/]"


class Persons(Kind):
    """Participants: each a name, or a mapping of ``section`` (navn, organisation, rolle, e-mail)."""

    def __init__(self, section: Section) -> None:
        self.section = section

    def read(self, reader: FileReader, node: Node, label: str) -> tuple[Person, ...]:
        if isinstance(node, ScalarNode) and "," in str(node.value):
            shown = str(node.value) if len(str(node.value)) <= 40 else str(node.value)[:37] + "…"
            reader.warn(node, f"'{label}' står som én tekst med kommaer ('{shown}') og bliver vist som ét navn. "
                              "Skriv ét navn pr. linje med '- ' foran.")
        reader.first_dash_missing(node, label)
        items = node.value if isinstance(node, SequenceNode) else [node]
        people = []
        for item in items:
            if isinstance(item, MappingNode):
                entry = self.section.read(reader, item, f"i en person under '{label}'")
                if entry is not None:
                    people.append(Person(pos=entry.pos, **entry.values))
            else:
                navn = reader.text(item, label)
                if navn is not None and _NOT_A_NAME.fullmatch(navn):
                    reader.error(item, f"'{label}' skal være navne på personer, men '{navn}' er et tal eller en dato. "
                                       "Skriv personens navn, fx 'Jette Loman', ét pr. linje med '- ' foran.")
                elif navn is not None:
                    people.append(Person(navn, reader.at(item)))
        return tuple(people)

    def schema(self) -> Schema:
        return one_or_many({"anyOf": [{"type": "string", "pattern": _NAME_PATTERN}, self.section.reference()]})

    def definitions(self) -> dict[str, Schema]:
        return self.section.definitions()
