"""The README's two commands are the ones a fresh machine runs, and CI runs the second."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text, flags=re.S)[:2]


def test_readme_starts_with_two_commands() -> None:
    first, second = readme_commands()
    assert "python3 -m venv .venv" in first and ".venv/bin/aftale tjek" in first
    for kind in ("dagsorden", "referat", "aftaledokument"):
        assert f".venv/bin/aftale {kind} naestved-lejerbo" in first
    assert ".[test]" in second and "pytest" in second


def test_ci_runs_the_readmes_second_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()
