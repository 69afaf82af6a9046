"""The JSON Schema of the format, for editors: completion of keys and statuses, mistakes marked while typing.

Built from the same key lists that :mod:`aftale.load` checks, so the two agree.
Editors read YAML 1.2, where ``2020-10-27`` and ``12:30`` are text; the schema
describes what such an editor sees.
"""

from __future__ import annotations

from typing import Any

from aftale.fields import ID_PATTERN, PERSON_KEYS
from aftale.load import (
    DIALOG_KEYS, FOLLOW_UP_KEYS, ITEM_KEYS, MEETING_KEYS, POINT_KEYS, ROUND_KEYS, SETTABLE_STATUSES, SETTINGS_KEYS,
    SIGNATORY_KEYS,
)
from aftale.choices import PDF_VARIANTS
from aftale.model import Fra

_ID = {"type": "string", "pattern": "^" + ID_PATTERN.pattern.removesuffix("\\Z") + "$",
       "description": "Små bogstaver a-z, tal og bindestreg, fx social-vicevaert."}
_TEXT: dict[str, Any] = {"type": ["string", "number", "null"]}
_DATE = {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
         "description": "En dato som ÅÅÅÅ-MM-DD, fx 2020-10-27."}
_BOOL = {"anyOf": [{"type": "boolean"}, {"enum": ["ja", "nej", "Ja", "Nej", "JA", "NEJ"]}]}
_PARAGRAPHS = {"$ref": "#/$defs/afsnit"}


def _names(item: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [item, {"type": "array", "items": item}, {"type": "null"}]}


def _object(keys: tuple[str, ...], types: dict[str, Any], required: tuple[str, ...] = (),
            description: str | None = None) -> dict[str, Any]:
    assert set(types) == set(keys), sorted(set(keys) ^ set(types))
    schema: dict[str, Any] = {"type": "object", "additionalProperties": False,
                              "properties": {key: types[key] for key in keys}}
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


def _person() -> dict[str, Any]:
    mapping = _object(PERSON_KEYS, {"navn": _TEXT, "organisation": _TEXT, "rolle": _TEXT}, ("navn",))
    return _names({"anyOf": [{"type": ["string", "number"]}, mapping]})


def _definitions() -> dict[str, Any]:
    statuses = [s.value for s in SETTABLE_STATUSES]
    follow_up = _object(FOLLOW_UP_KEYS, {
        "status": {"enum": [*statuses, None], "description": "Hvordan mødet efterlod punktet: " + ", ".join(statuses)},
        "referat": _PARAGRAPHS, "ansvarlig": _TEXT, "frist": _DATE})
    meeting = _object(MEETING_KEYS, {
        "dato": _DATE, "tid": _TEXT, "sted": _TEXT, "sagsnr": _TEXT, "deltagere": _person(),
        "fraværende": _person(), "referent": _TEXT, "bemærkning": _TEXT}, description="Mødets data.")
    item = _object(ITEM_KEYS, {
        "titel": _TEXT, "fra": {"enum": [f.value for f in Fra]}, "lukket": _BOOL, "sagsnr": _TEXT,
        "resumé": _PARAGRAPHS, "sagsfremstilling": _PARAGRAPHS, "indstilling": _PARAGRAPHS,
        "referat": _PARAGRAPHS, "beslutning": _PARAGRAPHS, "bilag": _names(_TEXT)}, ("titel",))
    point = _object(POINT_KEYS, {
        "id": _ID, "titel": _TEXT, "beskrivelse": _PARAGRAPHS, "mål": _PARAGRAPHS, "ansvarlig": _TEXT,
        "frist": _DATE, "afdelinger": _names(_TEXT), "erstatter": _names(_ID), "tema": _TEXT}, ("id", "titel"))
    signatory = _object(SIGNATORY_KEYS, {"navn": _TEXT, "titel": _TEXT}, ("navn",))
    return {
        "afsnit": {"description": "En tekst, eller en liste af afsnit; en liste i listen bliver punkttegn.",
                   "anyOf": [{"type": ["string", "number", "null"]},
                             {"type": "array", "items": {"$ref": "#/$defs/afsnit"}}]},
        "møde": meeting,
        "opfølgning": {"type": ["object", "null"], "propertyNames": _ID,
                       "additionalProperties": {"anyOf": [{"type": "null"}, follow_up]},
                       "description": "Tidligere punkter efter deres id, som mødet efterlod dem."},
        "punkt": item,
        "aftale": point,
        "dialog": _object(DIALOG_KEYS, {
            "kommune": _TEXT, "boligorganisation": _TEXT, "afdelinger": _names(_TEXT),
            "underskrivere": _object(("kommune", "boligorganisation"),
                                     {"kommune": signatory, "boligorganisation": signatory})},
            ("kommune", "boligorganisation")),
        "indstillinger": _object(SETTINGS_KEYS, {"afsender": _TEXT, "logo": _TEXT,
                                                 "standardpunkter": _names(_TEXT),
                                                 "pdf-variant": {"enum": [*PDF_VARIANTS, None]}}),
    }


def schema(kind: str = "runde") -> dict[str, Any]:
    """The JSON Schema of a round file (``runde``), of ``dialog.yaml`` (``dialog``) or of ``aftale.yaml``."""
    definitions = _definitions()
    if kind == "runde":
        top = _object(ROUND_KEYS, {
            "møde": {"anyOf": [{"$ref": "#/$defs/møde"}, {"type": "null"}]},
            "opfølgning": {"$ref": "#/$defs/opfølgning"},
            "punkter": {"type": ["array", "null"], "items": {"$ref": "#/$defs/punkt"}},
            "aftaler": {"type": ["array", "null"], "items": {"$ref": "#/$defs/aftale"}},
            "eventuelt": _PARAGRAPHS}, description="Én runde af styringsdialogen: <ÅR>.yaml.")
    else:
        top = {"$ref": f"#/$defs/{kind}"}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": f"aftale: {kind}", **top,
            "$defs": definitions}


KINDS = ("runde", "dialog", "indstillinger")
