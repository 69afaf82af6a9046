"""The package follows the design's layers: each module imports only those to its left."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "aftale"
#: Left to right in the direction of data flow; suggest and errors are leaves that any layer may use.
LAYERS = ["model", "choices", "suggest", "errors", "files", "inputs", "snapshot", "pictures", "fontcoverage", "glyphs",
          "yamlhints", "yamlfile", "timerange", "fields", "kinds", "sections", "keys",
          "words", "load/layout", "load/settings", "load/rounds", "load/dialog", "load/tables", "load/repository", "load/__init__",
          "ledger/states", "ledger/book", "ledger/__init__", "ledgers", "progress", "checked", "schema", "status", "reminders",
          "importer/lines", "importer/vocabulary", "importer/readers/text", "importer/readers/docx",
          "importer/readers/pdf", "importer/readers/__init__", "importer/paragraphs", "importer/draft",
          "importer/meeting", "importer/items", "importer/entries", "importer/agreement", "importer/recognise",
          "importer/titles", "importer/match",
          "importer/yamltext", "importer/write", "importer/run", "importer/report", "importer/__init__",
          "views/model", "views/text", "views/labels", "views/public", "views/indicators", "views/entries", "views/joint", "views/meeting",
          "views/agreement", "views/build", "views/calendar", "views/invitation", "views/__init__", "views/redegoerelse", "views/website", "views/preview",
          "render/templates", "render/jinja", "render/__init__", "render/chart", "render/data", "render/bounded", "render/html",
          "render/contents", "render/typst", "render/docx", "render/weasyprint",
          "render/ics", "render/eml",
          "pipeline/outputs", "pipeline/placing", "pipeline/folder", "pipeline/__init__",
          "workspace/fingerprint", "workspace/documents", "workspace/__init__",
          "commands/__init__", "commands/tjek", "commands/ny", "commands/skema", "commands/status", "commands/dokument",
          "commands/redegoerelse", "commands/byg", "commands/kalender", "commands/invitation", "commands/importer", "commands/udgiv", "commands/vis", "commands/vis_server",
          "clicktext", "cli/params", "cli/options", "cli/group", "cli/repository", "cli/documents", "cli/calendar", "cli/importer", "cli/__init__",
          "__main__"]


def dotted(module: str) -> str:
    return "aftale." + module.replace("/__init__", "").replace("/", ".")


def imports_in(source: str) -> set[str]:
    """Every module a source imports; ``from aftale import cli`` counts as ``aftale.cli``, not ``aftale``."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            if node.module == "aftale" or node.module.startswith("aftale."):
                found.update(f"{node.module}.{alias.name}" for alias in node.names
                             if _is_module(f"{node.module}.{alias.name}"))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _is_module(dotted_name: str) -> bool:
    relative = dotted_name.removeprefix("aftale.").replace(".", "/")
    return (PACKAGE / f"{relative}.py").is_file() or (PACKAGE / relative / "__init__.py").is_file()


def imports(module: str) -> set[str]:
    return imports_in((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))


def violations(module: str, found: set[str]) -> set[str]:
    """The project modules in ``found`` that ``module`` may not import (those at or right of its layer)."""
    allowed = {"aftale"} | {dotted(m) for m in LAYERS[: LAYERS.index(module)]}
    return {name for name in found if name == "aftale" or name.startswith("aftale.")} - allowed


def test_every_module_has_a_layer() -> None:
    found = [p.relative_to(PACKAGE).with_suffix("").as_posix() for p in PACKAGE.rglob("*.py")]
    assert sorted(m for m in found if m != "__init__") == sorted(LAYERS)


@pytest.mark.parametrize("module", LAYERS)
def test_module_imports_only_layers_to_its_left(module: str) -> None:
    assert not violations(module, imports(module))


@pytest.mark.parametrize("source", ["from aftale import cli", "import aftale.cli", "from aftale.cli import main",
                                    "from aftale import model, cli"])
def test_the_layer_test_catches_an_import_from_the_right(source: str) -> None:
    """The guard itself: views importing the command line, in each way Python allows, is a violation."""
    assert violations("views/build", imports_in(source)) == {"aftale.cli"}
    assert not violations("views/build", imports_in("from aftale import model, ledger"))


def reads_yaml(found: set[str]) -> set[str]:
    """The modules in ``found`` that read YAML: the parser, aftale.yamlfile, and aftale.load and its modules."""
    return {name for name in found
            if name in ("yaml", "aftale.load", "aftale.yamlfile") or name.startswith("aftale.load.")}


def test_rendering_never_reads_yaml() -> None:
    views = [m for m in LAYERS if m.startswith("views/")]
    renderers = [m for m in LAYERS if m.startswith("render/")]
    for module in (*views, *renderers):
        assert not reads_yaml(imports(module))


@pytest.mark.parametrize("source", ["from aftale.load import load", "from aftale.load.layout import AGREEMENTS_DIR",
                                    "from aftale import load", "import aftale.load.repository", "import yaml"])
def test_the_yaml_test_catches_each_way_of_reading_yaml(source: str) -> None:
    """The guard itself: the package or any module of it, however imported, counts as reading YAML."""
    assert reads_yaml(imports_in(source))
    assert not reads_yaml(imports_in("from aftale.ledger import replay"))


def test_model_imports_nothing_from_the_project() -> None:
    assert not {name for name in imports("model") if name.startswith("aftale")}


@pytest.mark.parametrize("module", ["ledger/states", "ledger/book", "ledger/__init__", "ledgers"])
def test_ledger_does_no_io(module: str) -> None:
    assert imports(module) <= {"__future__", "collections.abc", "dataclasses", "datetime", "functools", "gc", "typing",
                               "aftale.model", "aftale.errors", "aftale.suggest", "aftale.ledger",
                               "aftale.ledger.states", "aftale.ledger.book"}
    source = (PACKAGE / f"{module}.py").read_text(encoding="utf-8")
    assert not re.search(r"\b(open|print|input)\(", source)


CLI = [m for m in LAYERS if m.startswith("cli/")]


def test_cli_holds_no_logic() -> None:
    """The CLI reaches the library only through the commands' modules; it reads no YAML itself."""
    for module in CLI:
        project = {name for name in imports(module) if name.startswith("aftale")}
        commands = {dotted(m) for m in LAYERS if m.startswith("commands/")}
        assert project <= {"aftale", "aftale.commands", "aftale.errors", "aftale.suggest", "aftale.choices",
                           "aftale.clicktext", *commands, *(dotted(m) for m in CLI)}, module


def test_cli_imports_only_light_modules_at_start() -> None:
    """The library is imported inside each command, so `aftale --help` does not load YAML or renderers."""
    for module in CLI:
        tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
        top = {node.module for node in tree.body if isinstance(node, ast.ImportFrom)}
        top |= {alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names}
        assert {name for name in top if name.startswith("aftale")} <= {"aftale", "aftale.choices", "aftale.errors",
                                                                       "aftale.clicktext",
                                                                       *(dotted(m) for m in CLI)}, module
        assert "yaml" not in imports(module)
