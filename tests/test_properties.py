"""Property-based tests: generated repositories render, the ledger and the dagsorden agree, and the public
edition never shows a word of a closed item."""

from __future__ import annotations

import contextlib
import json
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from pypdf import PdfReader

from aftale.build_all import build_all
from aftale.check import check
from aftale.model import Status
from aftale.views import letter
from tests.conftest import DIALOG, run, write_tree
from tests.documents import docx_paragraphs, pdf_text, require, visible

OPEN = [s.value for s in Status if s.is_open]
CLOSED = [s.value for s in Status if not s.is_open and s is not Status.ERSTATTET]
TEXT = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "So")), min_size=1,
               max_size=24).map(str.strip).filter(bool)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@st.composite
def repositories(draw: st.DrawFn, closed_items: bool = False) -> tuple[dict[str, str], list[str]]:
    """A valid repository of one dialogue: random statuses, replacements, unmentioned points, Unicode text.

    Returns the files and the secret words written only into closed items.
    """
    files = {"agreements/d/dialog.yaml": DIALOG}
    open_ids: list[str] = []
    secrets: list[str] = []
    year = 2018
    for number in range(draw(st.integers(1, 4))):
        year += draw(st.sampled_from([1, 1, 2]))
        lines = [f"møde: {{dato: {year}-10-{draw(st.integers(10, 28))}}}"]
        follow, closed_now = [], set()
        for point_id in open_ids:
            choice = draw(st.sampled_from(["ingen", "tom", "åben", "lukket"]))
            if choice == "tom":
                follow.append(f"  {point_id}:")
            elif choice == "åben":
                follow.append(f"  {point_id}: {{status: {draw(st.sampled_from(OPEN))}, referat: {_q(draw(TEXT))}}}")
            elif choice == "lukket":
                follow.append(f"  {point_id}: {{status: {draw(st.sampled_from(CLOSED))}}}")
                closed_now.add(point_id)
        if follow:
            lines += ["opfølgning:", *follow]
        lines.append("punkter:")
        for item in range(draw(st.integers(1 if closed_items else 0, 2))):
            lukket = closed_items and (draw(st.booleans()) or not secrets)
            secret = f"hemmelig{number}x{item}q{draw(st.integers(1000, 9999))}"
            if lukket:
                secrets.append(secret)
            title = f"{draw(TEXT)} {secret}" if lukket else draw(TEXT)
            lines += [f"  - titel: {_q(title)}", f"    lukket: {'ja' if lukket else 'nej'}",
                      f"    referat: [{_q(secret if lukket else draw(TEXT))}]"]
        new_ids = []
        replaceable = [i for i in open_ids if i not in closed_now]
        lines.append("aftaler:")
        for index in range(draw(st.integers(0, 3))):
            point_id = f"p{number}-{index}"
            replaces = draw(st.lists(st.sampled_from(replaceable), max_size=2, unique=True)) if replaceable else []
            lines += [f"  - id: {point_id}", f"    titel: {_q(draw(TEXT))}"]
            if replaces:
                lines.append(f"    erstatter: [{', '.join(replaces)}]")
                closed_now.update(replaces)
            new_ids.append(point_id)
        open_ids = [i for i in open_ids if i not in closed_now] + new_ids
        files[f"agreements/d/{year}.yaml"] = "\n".join(lines) + "\n"
    return files, secrets


SETTINGS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])


@SETTINGS
@given(repositories())
def test_every_generated_repository_renders_and_item_1_is_the_ledgers_open_points(
        tmp_path_factory, generated: tuple[dict[str, str], list[str]]) -> None:
    files, _ = generated
    root = write_tree(tmp_path_factory.mktemp("repo"), files)
    report = check(root)
    assert report.errors == 0, [str(p) for p in report.problems]
    outcome = build_all(root, root / "ud", all_rounds=True, jobs=1)
    assert outcome.failed == []
    ledger = report.ledgers["d"]
    planned = report.repository.dialog("d").planned()  # type: ignore[union-attr]
    agenda = planned.year if planned is not None else ledger.rounds[-1].year + 1
    followed = ledger.before(agenda)  # None for a first round: nothing to follow up
    expected = [visible(f"{letter(i)} {s.point.titel}") for i, s in enumerate(followed.open_points())] \
        if followed is not None else []
    paragraphs = docx_paragraphs(root / "ud/d" / str(agenda) / "dagsorden.docx")
    headings = [(style, visible(text)) for style, text in paragraphs if style.startswith("Heading")]
    item_1 = []
    if followed is not None:
        assert headings[0] == ("Heading 1", f"1. Opfølgning på aftaledokument fra {followed.year}")
        for style, text in headings[1:]:
            if style == "Heading 1":
                break
            if style == "Heading 2":
                item_1.append(text)
    assert item_1 == expected


@SETTINGS
@given(repositories(closed_items=True))
def test_public_edition_never_shows_a_word_of_a_closed_item(
        tmp_path_factory, generated: tuple[dict[str, str], list[str]]) -> None:
    require("pdftotext")
    files, secrets = generated
    assert secrets
    root = write_tree(tmp_path_factory.mktemp("repo"), files)
    public = build_all(root, root / "offentlig", all_rounds=True, public=True, jobs=1)
    internal = build_all(root, root / "intern", all_rounds=True, jobs=1)
    assert public.failed == internal.failed == []
    shown_public, shown_internal = _everything(root / "offentlig"), _everything(root / "intern")
    for secret in secrets:
        assert secret not in shown_public
        assert secret in shown_internal


def _everything(folder: Path) -> str:
    """Every XML part of every DOCX, every PDF's text, metadata and raw bytes, and every file name."""
    seen = []
    for path in sorted(folder.rglob("*")):
        seen.append(path.name)
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                seen += [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
        elif path.suffix == ".pdf":
            seen.append(pdf_text(path))
            reader = PdfReader(str(path))
            seen += [str(value) for value in (reader.metadata or {}).values()]
            seen.append(path.read_bytes().decode("latin-1"))
    return "\n".join(seen)


#: Texts YAML could read as something else, or that break a line: the cases ``ny`` must quote or flatten.
AWKWARD = st.one_of(
    TEXT,
    st.sampled_from(["null", "Null", "NULL", "~", "yes", "No", "ON", "off", "y", "true", "12", "-3", "1.5e3",
                     "0x1F", "2021-10-26", "12:30", "- punkt", "# note", "Mål: 25 %", "a #b", "Slut:", "@hjem",
                     "`kode`", "'citat'", 'Et "citat"', "{x}", "[1, 2]", "*alias", "&anker", "!tag", "%", "|", ">",
                     "? spørgsmål", "Æble – pære", "ﬁne ℌ 😀", "tab\tinde", "\\backslash"]),
    st.lists(TEXT, min_size=2, max_size=3).map("\n".join),
)


@st.composite
def awkward_repositories(draw: st.DrawFn) -> tuple[dict[str, str], list[str]]:
    """One dialogue with a held round 2020 whose points have awkward titles (some as block text), and
    awkward standardpunkter; returns the files and the ids of the points left open."""
    lines = ["møde: {dato: 2020-10-27}", "aftaler:"]
    open_ids = []
    for index in range(draw(st.integers(1, 4))):
        title = draw(AWKWARD)
        if "\n" in title and draw(st.booleans()):
            written = "|\n" + "".join(f"      {line}\n" for line in title.split("\n")).rstrip("\n")
        else:
            written = _q(title)
        lines += [f"  - id: p{index}", f"    titel: {written}"]
        open_ids.append(f"p{index}")
    standard = draw(st.lists(AWKWARD.filter(lambda t: "\n" not in t and t.strip()), max_size=3))
    files = {"agreements/d/dialog.yaml": DIALOG, "agreements/d/2020.yaml": "\n".join(lines) + "\n",
             "aftale.yaml": f"standardpunkter: [{', '.join(_q(t) for t in standard)}]\n"}
    return files, open_ids


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(awkward_repositories())
def test_ny_writes_a_file_that_loads_without_problems(tmp_path_factory,
                                                     generated: tuple[dict[str, str], list[str]]) -> None:
    files, open_ids = generated
    root = write_tree(tmp_path_factory.mktemp("repo"), files)
    before = check(root)
    assert not before.errors, [str(p) for p in before.problems]
    with contextlib.chdir(root):
        code, output = run("ny", "d")
    assert code == 0, output
    after = check(root)
    assert not after.errors, [str(p) for p in after.problems] + [(root / "agreements/d/2021.yaml").read_text()]
    new_file = "agreements/d/2021.yaml"
    assert all("findes ikke i dokumenternes skrifttyper" in p.message  # a copied title's own characters
               for p in after.problems if p.pos.file == new_file)
    dialog = after.repository.dialog("d")
    new = dialog.rounds[-1]
    assert new.year == 2021
    assert [f.id for f in new.opfoelgning] == open_ids
    standard = after.repository.settings.standardpunkter or ("Dokumentationspakken",)
    assert [item.titel for item in new.punkter] == list(standard)
