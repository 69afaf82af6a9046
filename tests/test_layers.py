"""The package follows the design's layers: each module imports only those to its left."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "aftale"
#: Left to right in the direction of data flow; suggest and errors are leaves that any layer may use.
LAYERS = ["model", "choices", "suggest", "errors", "files", "yamlfile", "fields", "words", "load", "ledger", "check", "schema", "new",
          "status", "views", "render/templates", "render/__init__", "render/docx", "render/pdf", "pipeline", "build",
          "batch",
          "cli", "__main__"]


def dotted(module: str) -> str:
    return "aftale." + module.replace("/__init__", "").replace("/", ".")


def imports(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_every_module_has_a_layer() -> None:
    found = [p.relative_to(PACKAGE).with_suffix("").as_posix() for p in PACKAGE.rglob("*.py")]
    assert sorted(m for m in found if m != "__init__") == sorted(LAYERS)


@pytest.mark.parametrize("module", LAYERS)
def test_module_imports_only_layers_to_its_left(module: str) -> None:
    allowed = {"aftale"} | {dotted(m) for m in LAYERS[: LAYERS.index(module)]}
    project = {name for name in imports(module) if name == "aftale" or name.startswith("aftale.")}
    assert project <= allowed


def test_rendering_never_reads_yaml() -> None:
    for module in ("views", "render/templates", "render/__init__", "render/docx", "render/pdf"):
        assert not {name for name in imports(module) if name in ("yaml", "aftale.load", "aftale.yamlfile")}


def test_model_imports_nothing_from_the_project() -> None:
    assert not {name for name in imports("model") if name.startswith("aftale")}


def test_ledger_does_no_io() -> None:
    assert imports("ledger") <= {"__future__", "dataclasses", "datetime", "gc", "typing", "aftale.model",
                                 "aftale.suggest"}
    source = (PACKAGE / "ledger.py").read_text(encoding="utf-8")
    assert not re.search(r"\b(open|print|input)\(", source)


def test_cli_holds_no_logic() -> None:
    """The CLI reaches the library only through check and build; it reads no YAML itself."""
    project = {name for name in imports("cli") if name.startswith("aftale")}
    assert project <= {"aftale", "aftale.check", "aftale.build", "aftale.batch", "aftale.new", "aftale.status",
                       "aftale.schema", "aftale.errors", "aftale.suggest", "aftale.choices"}


def test_cli_imports_only_light_modules_at_start() -> None:
    """The library is imported inside each command, so `aftale --help` does not load YAML or renderers."""
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    top = {node.module for node in tree.body if isinstance(node, ast.ImportFrom)}
    top |= {alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names}
    assert {name for name in top if name.startswith("aftale")} <= {"aftale", "aftale.choices", "aftale.errors"}
    assert "yaml" not in imports("cli")
