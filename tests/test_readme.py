"""The README's two commands are the ones a fresh machine runs, and CI runs the second."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text, flags=re.S)[:2]


def test_readme_starts_with_two_commands() -> None:
    first, second = readme_commands()
    assert "python3 -m venv .venv" in first and first.endswith(".venv/bin/aftale tjek && .venv/bin/aftale byg")
    assert ".[test]" in second and "pytest" in second


def test_ci_runs_the_readmes_second_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_committed_schema_is_current() -> None:
    from aftale.schema import schema

    committed = json.loads((ROOT / "aftale.schema.json").read_text(encoding="utf-8"))
    assert committed == schema("runde"), "run: aftale skema > aftale.schema.json"


def test_readme_json_example_matches_the_example_repository() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.+?)\n```", text, flags=re.S).group(1))
    from datetime import date

    from aftale.commands.tjek import check
    from aftale.status import as_json, awaiting, open_points

    report = check(ROOT)
    actual = as_json(open_points(report, date(2026, 11, 21)), date(2026, 11, 21), awaiting(report))
    assert example["punkter"] and all(shown in actual["punkter"] for shown in example["punkter"])
    assert {k: v for k, v in example.items() if k != "punkter"} == {k: v for k, v in actual.items() if k != "punkter"}
