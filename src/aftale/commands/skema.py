"""``aftale skema``: the JSON Schema of the format, for editors."""

from __future__ import annotations

import json

from aftale.schema import schema


def schema_text(which: str) -> str:
    """The JSON Schema of the files ``which`` names (``runde``, ``dialog``, ``indstillinger``), as text."""
    return json.dumps(schema(which), ensure_ascii=False, indent=2)
