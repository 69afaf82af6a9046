"""The corpus of mistaken input: every error kind of the format and every YAML-safety case.

Each folder under ``tests/corpus/`` is a small repository with one mistake and a
``forventet.txt`` holding the exact lines ``aftale tjek`` must print for it
(``fil:linje:kolonne: fejl: …``). Each case is checked through the library
(``load`` and the ledgers, replayed together), through ``aftale tjek`` (exit 2), and through the
rendering commands, which must refuse without writing anything.
To add a case: copy a folder, make one mistake, and write the expected line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aftale.commands.tjek import check
from aftale.ledgers import replay_all
from aftale.load import load
from tests.conftest import run

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def expected(case: str) -> list[str]:
    return (CORPUS / case / "forventet.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture
def case_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Path:
    """A copy of the case's repository (links kept as links), the current folder."""
    root = tmp_path / "repo"
    shutil.copytree(CORPUS / request.param, root, symlinks=True, ignore=shutil.ignore_patterns("forventet.txt"))
    monkeypatch.chdir(root)
    return root


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case_repo", CASES, indirect=True)
def test_load_and_ledger_report_exact_problem(case_repo: Path, request: pytest.FixtureRequest) -> None:
    case = request.node.callspec.params["case_repo"]
    loaded = load(case_repo)
    problems = list(loaded.problems)
    for ledger in replay_all(loaded.repository.dialogs).values():
        problems.extend(ledger.problems)
    assert sorted(str(p) for p in problems) == sorted(expected(case))
    assert [str(p) for p in check(case_repo).problems] == expected(case)


@pytest.mark.parametrize("case_repo", CASES, indirect=True)
def test_tjek_prints_exact_problem_and_exits_2(case_repo: Path, request: pytest.FixtureRequest) -> None:
    case = request.node.callspec.params["case_repo"]
    code, output = run("tjek")
    lines = output.splitlines()
    assert lines[:-1] == expected(case)
    assert lines[-1].endswith(": 1 fejl.")
    assert code == 2
    assert "Traceback" not in output


def _broken_dialogue(case: str) -> str | None:
    """The dialogue the case's mistake is in, or None when it is in no dialogue's own folder."""
    parts = expected(case)[0].split(":")[0].split("/")
    return parts[1] if parts[0] == "agreements" and len(parts) >= 2 else None


@pytest.mark.parametrize("case_repo", CASES, indirect=True)
def test_rendering_refuses_and_writes_nothing(case_repo: Path, request: pytest.FixtureRequest) -> None:
    case = request.node.callspec.params["case_repo"]
    broken = _broken_dialogue(case)
    for command in (["referat", "demo"], ["aftaledokument", "demo"], ["dagsorden", "demo"], ["ny", "demo"]):
        before = sorted(p.relative_to(case_repo) for p in case_repo.rglob("*"))
        code, output = run(*command, "--ud", "ud") if command[0] != "ny" else run(*command)
        assert "Traceback" not in output
        if broken not in ("demo", None):
            assert code == 0, output  # a mistake in another dialogue does not hold this one up
            continue
        assert code == 2, output
        assert output.splitlines()[:-1] == expected(case)
        assert output.splitlines()[-1].endswith("Intet er skrevet; ret fejlene og prøv igen.")
        assert sorted(p.relative_to(case_repo) for p in case_repo.rglob("*")) == before
    code, output = run("byg", "--ud", "byg")
    assert code == 2 and "Traceback" not in output
    built = sorted(p.name for p in (case_repo / "byg").iterdir()) if (case_repo / "byg").exists() else []
    assert broken not in built and (broken is not None or built == [])
