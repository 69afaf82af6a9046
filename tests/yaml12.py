"""YAML as an editor sees it (YAML 1.2 core schema), to validate files against the JSON Schema."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

_NULL = re.compile(r"(~|null|Null|NULL|)\Z")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")


def _value(node: Node) -> Any:
    if isinstance(node, ScalarNode):
        if node.style is not None:
            return node.value
        text = node.value
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.match(text):
            return int(text)
        if _FLOAT.match(text):
            return float(text)
        return text
    if isinstance(node, MappingNode):
        return {key.value: _value(value) for key, value in node.value}
    return [_value(item) for item in node.value]


def load12(path: Path) -> Any:
    """The file's content with YAML 1.2 core types: dates and times stay text."""
    text = path.read_bytes().decode("utf-8-sig")
    return _value(yaml.compose(text, Loader=yaml.SafeLoader))
