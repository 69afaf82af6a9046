"""The JSON Schema of the format, for editors: completion of keys and statuses, a description on hover,
mistakes marked while typing.

Built from the declarations in :mod:`aftale.keys` that :mod:`aftale.load` reads with, so the two
agree. Editors read YAML 1.2, where ``2020-10-27`` and ``12:30`` are text; the schema describes
what such an editor sees.
"""

from __future__ import annotations

from typing import Any

from aftale.keys import FILES

KINDS = tuple(FILES)


def schema(kind: str = "runde") -> dict[str, Any]:
    """The JSON Schema of a round file (``runde``), of ``dialog.yaml`` (``dialog``) or of ``aftale.yaml``."""
    definitions: dict[str, Any] = {}
    for section in FILES.values():
        definitions.update(section.definitions())
    section = FILES[kind]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": f"aftale: {kind}",
            **section.reference(), "$defs": definitions}
