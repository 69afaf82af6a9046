"""Shared fixtures: small repositories of agreements written into ``tmp_path``."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner

from aftale.cli import cli

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
