"""Property-based tests: generated repositories give documents, the ledger and the dagsorden agree, and the
public edition never shows a word of a closed item.

The properties are checked on the view models and on what the writers make of them that is cheap to
make: the DOCX (its XML) and the PDF's HTML. One test per run lays out a generated repository's PDFs,
in both editions, and reads them back.
"""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from pypdf import PdfReader

from aftale.commands.byg import build_all
from aftale.workspace.documents import current_documents as targets
from aftale.checked import Checked as Report
from aftale.commands.tjek import check
from aftale.model import Status
from aftale.render import jinja
from aftale.render import writer
from aftale.render.templates import Templates
from aftale.ledger import PointState
from aftale.views import Document, view
from aftale.views.labels import by_theme
from tests.conftest import DIALOG, run, write_tree
from tests.documents import docx_paragraphs, pdf_text, require, visible

OPEN = [s.value for s in Status if s.is_open]
CLOSED = [s.value for s in Status if not s.is_open and s not in (Status.ERSTATTET, Status.OVERFOERT)]
TEXT = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "So")), min_size=1,
               max_size=24).map(str.strip).filter(bool)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@st.composite
def repositories(draw: st.DrawFn, closed_items: bool = False, rounds: int = 4) -> tuple[dict[str, str], list[str]]:
    """A valid repository of one dialogue of 1 to ``rounds`` rounds: random statuses, replacements, unmentioned
    points, Unicode text.

    Returns the files and the secret words written only into closed items.
    """
    files = {"agreements/d/dialog.yaml": DIALOG}
    open_ids: list[str] = []
    secrets: list[str] = []
    year = 2018
    for number in range(draw(st.integers(1, rounds))):
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


def _settings(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _views(report: Report, public: bool = False) -> Iterator[Document]:
    """The view of every document ``aftale byg --alle`` makes of the generated dialogue."""
    dialog, ledger = report.repository.dialog("d"), report.ledgers["d"]
    assert dialog is not None
    for kind, year in targets(dialog, every_round=True):
        yield view(kind, dialog, ledger, year, report.repository.settings, public=public)


class _Writers:
    """What the writers make of a view, cheaply: the DOCX, and the HTML the PDF is laid out from."""

    def __init__(self, root: Path) -> None:
        self.templates = Templates.for_repository(root)
        self.environment = jinja.environment(self.templates)

    def html(self, document: Document) -> str:
        return self.environment.get_template(f"{document.kind}.html").render(doc=document, logo_url=None)

    def docx(self, document: Document) -> bytes:
        return writer("docx")(document, self.templates)


def _docx_xml(data: bytes) -> str:
    """Every XML part of a DOCX, as text."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


@_settings(15)
@given(repositories())
def test_every_generated_repository_gives_documents_and_item_1_is_the_ledgers_open_points(
        tmp_path_factory, generated: tuple[dict[str, str], list[str]]) -> None:
    files, _ = generated
    root = write_tree(tmp_path_factory.mktemp("repo"), files)
    report = check(root)
    assert report.errors == 0, [str(p) for p in report.problems]
    writers = _Writers(root)
    documents = list(_views(report))
    for document in documents:
        html = writers.html(document)
        assert visible(document.heading) in visible(html) and html.rstrip().endswith("</html>")
    ledger = report.ledgers["d"]
    planned = report.repository.dialog("d").planned()  # type: ignore[union-attr]
    agenda = planned.year if planned is not None else ledger.rounds[-1].year + 1  # the next agenda to send
    latest = ledger.before(agenda)  # None for a first round: nothing to follow up
    settings = report.repository.settings

    def label(state: PointState) -> str:  # its number among its round's agreements by theme, and the round's year
        agreed = [s.id for s in by_theme(ledger.after(state.origin).new_points(), settings.themes)]  # type: ignore[union-attr]
        return f"{agreed.index(state.id) + 1}/{state.origin}"

    open_points = sorted(latest.open_points(), key=lambda s: (s.origin, label(s).split("/")[0].zfill(9))) if latest else []
    expected = [visible(f"{label(s)} {s.point.titel}") for s in open_points]
    [dagsorden] = [d for d in documents if (d.kind, d.year) == ("dagsorden", agenda)]
    first = dagsorden.items[0]
    if latest is not None and expected:
        assert (first.number, first.title) == (1, f"Opfølgning på aftaledokument fra {latest.year}")
        assert [visible(f"{e.label} {e.title}") for e in first.entries] == expected
    else:
        assert not first.entries
    path = tmp_path_factory.mktemp("docx") / "dagsorden.docx"
    path.write_bytes(writers.docx(dagsorden))
    headings = [(style, visible(text)) for style, text in docx_paragraphs(path) if style.startswith("Heading")]
    if latest is not None and expected:
        assert headings[0] == ("Heading 1", f"1. Opfølgning på aftaledokument fra {latest.year}")
        item_1 = []
        for style, text in headings[1:]:
            if style == "Heading 1":
                break
            if style == "Heading 2":
                item_1.append(text)
        assert item_1 == expected
    else:
        assert headings[0][1].endswith("Udarbejdelse af aftaledokument") or headings[0][1].startswith("1. Opf")


@_settings(6)
@given(repositories(closed_items=True))
def test_public_views_docx_and_html_never_show_a_word_of_a_closed_item(
        tmp_path_factory, generated: tuple[dict[str, str], list[str]]) -> None:
    """Every field of every public view (its repr), every part of its DOCX and its HTML; the internal views and
    HTML show every secret, so the search finds them."""
    files, secrets = generated
    assert secrets
    root = write_tree(tmp_path_factory.mktemp("repo"), files)
    report = check(root)
    assert report.errors == 0, [str(p) for p in report.problems]
    writers = _Writers(root)
    public = "\n".join(part for d in _views(report, public=True)
                       for part in (repr(d), writers.html(d), _docx_xml(writers.docx(d))))
    internal = "\n".join(part for d in _views(report) for part in (repr(d), writers.html(d)))
    for secret in secrets:
        assert secret not in public
        assert secret in internal


@_settings(2)
@given(repositories(closed_items=True, rounds=2))
def test_public_files_never_show_a_word_of_a_closed_item(tmp_path_factory,
                                                         generated: tuple[dict[str, str], list[str]]) -> None:
    """The one test that lays out PDFs of generated repositories: hypothesis's simplest and one drawn at random.

    Every file of the public build is read back (every DOCX part, each PDF's text, metadata and raw
    bytes, and the file names); the internal referats show every secret, so the reading finds them.
    """
    require("pdftotext")
    files, secrets = generated
    assert secrets
    root = write_tree(tmp_path_factory.mktemp("repo"), files)
    public = build_all(root, root / "offentlig", all_rounds=True, public=True)
    assert public.failed == [] and len(public.built) == len(list(_views(check(root))))
    with contextlib.chdir(root):
        for year in sorted(Path(name).stem for name in files if Path(name).stem.isdigit()):
            code, output = run("referat", "d", year, "--ud", "intern")
            assert code == 0, output
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
