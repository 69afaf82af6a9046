"""Every key of the format is declared once, in :mod:`aftale.keys`; load, ``ny`` and the model follow the declarations."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

import aftale.commands.ny
from aftale.keys import FILES, MEETING
from aftale.kinds import Text
from aftale.sections import Key, Section
from tests.conftest import WriteTree, run

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Model fields that load fills from elsewhere than a key: the position, the file's year, the id that is a key.
BY_LOAD = {"pos", "where", "year", "id"}


def sections() -> list[Section]:
    """Every section of the format, the files first, then the mappings inside them."""
    found: list[Section] = []
    todo = list(FILES.values())
    while todo:
        section = todo.pop(0)
        if section not in found:
            found.append(section)
            todo += [key.kind.section for key in section.keys if hasattr(key.kind, "section")]
    return found


def mismatched(section: Section) -> set[str]:
    """The fields of the section's model type that no key fills, and the keys' fields the model lacks."""
    assert section.model is not None
    fields = {f.name for f in dataclasses.fields(section.model)}
    filled = {key.field for key in section.keys}
    return (fields - filled - BY_LOAD) | (filled - fields)


@pytest.mark.parametrize("section", [s for s in sections() if s.model is not None], ids=lambda s: s.name)
def test_each_section_fills_its_model_type_field_by_field(section: Section) -> None:
    assert mismatched(section) == set()


def test_the_model_test_finds_a_key_the_model_lacks() -> None:
    """The guard fed its mistake: a key declared in møde without a field in Meeting."""
    extra = dataclasses.replace(MEETING, keys=(*MEETING.keys, Key("ukendt", Text(), "En nøgle uden felt.")))
    assert mismatched(extra) == {"ukendt"}
    assert mismatched(dataclasses.replace(MEETING, keys=MEETING.keys[1:])) == {"dato"}


def test_every_section_is_reached_from_the_files() -> None:
    names = [section.name for section in sections()]
    assert names == ["runde", "dialog.yaml", "aftale.yaml", "møde", "opfølgning", "punkt", "aftale", "godkendt",
                     "underskrivere", "redegørelse", "person", "måling", "indikator", "underskrevet", "underskriver"]


@pytest.mark.parametrize("case", ["mange-fejl-1", "mange-fejl-2"])
def test_every_section_reports_its_mistakes_in_the_words_of_before(case: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Two files with a mistake in every section, printed exactly as before the keys were declared."""
    root = shutil.copytree(FIXTURES / case, tmp_path / "repo", ignore=shutil.ignore_patterns("forventet.txt"))
    monkeypatch.chdir(root)
    assert run("tjek") == (2, (FIXTURES / case / "forventet.txt").read_text(encoding="utf-8"))


def _meeting_block(root: Path) -> list[str]:
    text = (root / "agreements/demo/2021.yaml").read_text(encoding="utf-8")
    return text.split("møde:\n", 1)[1].split("\n\n", 1)[0].splitlines()


def test_ny_writes_the_meeting_keys_declared_for_it(repo: WriteTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo()
    assert run("ny", "demo")[0] == 0
    block = _meeting_block(root)
    assert [line.split(":")[0].strip() for line in block] == [key.name for key in MEETING.keys if key.ny is not None]
    assert block[:2] == ["  dato:             # ÅÅÅÅ-MM-DD, fx 2022-10-27", '  tid:              # fx "10:00–12:00"']
    (root / "agreements/demo/2021.yaml").unlink()
    quiet = dataclasses.replace(MEETING, keys=tuple(dataclasses.replace(key, ny=None) if key.name == "sted" else key
                                                    for key in MEETING.keys))
    monkeypatch.setattr(aftale.commands.ny, "MEETING", quiet)
    assert run("ny", "demo")[0] == 0
    assert "  sted:" not in _meeting_block(root)
