"""Shared fixtures: small repositories of agreements written into ``tmp_path``, and the example built once."""

from __future__ import annotations

import contextlib
import os
import sys
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner

from aftale.cli import cli

# The tests start many Python processes (aftale as a user runs it, spawned workers, typst's bounded child): let them
# keep compiled bytecode as a user's machine does, even where the shell says not to (each would compile aftale anew).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

ROOT = Path(__file__).resolve().parent.parent
#: The example repository's one dialogue (``agreements/`` at the repository root).
EXAMPLE = "naestved-lejerbo"
#: Every document of the example, as ``<year>/<kind>``: three rounds and the next round's dagsorden.
EXAMPLE_DOCUMENTS = tuple(f"{year}/{kind}" for year in (2019, 2020, 2021)
                          for kind in ("dagsorden", "referat", "aftaledokument")) + ("2022/dagsorden",)
#: The example's joint dialogue (a fælles dialogmøde of Lejerbo and the second organisation) and that organisation's
#: dialogue.
EXAMPLE_JOINT, EXAMPLE_SECOND = "naestved-faelles", "naestved-boligselskab"
#: Every document of every dialogue of the example, by dialogue.
EXAMPLE_ALL = {EXAMPLE: EXAMPLE_DOCUMENTS,
               EXAMPLE_SECOND: tuple(f"{year}/{kind}" for year in (2021, 2022)
                                     for kind in ("dagsorden", "referat", "aftaledokument")) + ("2023/dagsorden",),
               EXAMPLE_JOINT: ("2022/dagsorden", "2022/referat", "2022/aftaledokument", "2023/dagsorden")}

DIALOG = """\
kommune: Testby Kommune
boligorganisation: Boligselskabet Test
afdelinger: [Nordparken, Sydparken]
"""

ROUND_2020 = """\
møde:
  dato: 2020-10-27
aftaler:
  - id: social-vicevaert
    titel: Social vicevært
  - id: udlejning
    titel: Fleksibel udlejning
"""

WriteTree = Callable[[Mapping[str, str | bytes]], Path]


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (path → text or bytes) under ``root``; text is dedented first."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WriteTree:
    """A valid one-dialogue repository (2020 agreed two points) plus the given files; cwd is its root."""
    monkeypatch.chdir(tmp_path)

    def make(files: Mapping[str, str | bytes] = {}) -> Path:
        base = {"agreements/demo/dialog.yaml": DIALOG, "agreements/demo/2020.yaml": ROUND_2020}
        return write_tree(tmp_path, {**base, **files})

    return make


def run(*args: str) -> tuple[int, str]:
    """Run the CLI in-process; return the exit code and everything it printed."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


#: The engines that write PDFs, the default first (aftale.choices.PDF_ENGINES).
ENGINES = ("typst", "weasyprint")


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's dialogue folder with every document of every round, built once per test session.

    ``aftale byg --alle`` writes it in process, with the default PDF engine (typst). Tests that only read
    documents share it and never write into it; a test of a command's own behaviour runs the command itself.
    """
    return _build_example(tmp_path_factory)


@pytest.fixture(scope="session")
def example_weasyprint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's dialogue folder as :func:`example` has it, with its PDFs laid out by WeasyPrint."""
    return _build_example(tmp_path_factory, "--pdf-motor", "weasyprint")


@pytest.fixture(scope="session", params=ENGINES)
def pdf_engine(request: pytest.FixtureRequest) -> str:
    """Each PDF engine in turn: a test that takes it runs once per engine."""
    return str(request.param)


@pytest.fixture(scope="session")
def example_pdfs(pdf_engine: str, request: pytest.FixtureRequest) -> Path:
    """The example's dialogue folder with the PDFs of :func:`pdf_engine`."""
    return Path(request.getfixturevalue("example" if pdf_engine == ENGINES[0] else "example_weasyprint"))


def _build_example(tmp_path_factory: pytest.TempPathFactory, *options: str) -> Path:
    out = tmp_path_factory.mktemp("example")
    with contextlib.chdir(ROOT):
        code, output = run("byg", "--alle", "--ud", str(out), *options)
    assert code == 0, output
    *written, summary = output.splitlines()
    assert sorted(written) == sorted(f"skrev {out}/{slug}/{name}.{suffix}" for slug, names in EXAMPLE_ALL.items()
                                     for name in names for suffix in ("docx", "pdf"))
    assert summary.startswith("Bygget 21 dokumenter (42 filer), 0 var opdaterede i forvejen, 0 fejlede"), output
    return out / EXAMPLE
