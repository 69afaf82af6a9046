"""One workspace per command: every input read once, keys of the very bytes rendered, one rule for what is public.

Through the command line, as a user runs it: the opens of every input file are counted while a command
runs, an input is changed between reading and writing, and the redegørelse is read as the public reads it.
"""

from __future__ import annotations

import builtins
import io
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import aftale.pipeline
from aftale.words import builtin_dir
from tests.conftest import ROOT, ROUND_2020, WriteTree, run
from tests.documents import docx_text, pdf_text

SECRET = "Zulu-referat-7731"
UNSIGNED_2021 = f"""\
møde:
  dato: 2021-11-02
opfølgning:
  udlejning:
    status: videreføres
    referat: [{SECRET} blev drøftet på mødet.]
aftaler:
  - id: ny-aftale
    titel: Ny aftale Quebec-9921
"""
APPROVED_2020 = """\
godkendt:
  referat: 2020-11-10
  aftaledokument: {kommune: 2020-11-20, boligorganisation: 2020-11-24}
"""


class Opens:
    """Counts the opens of the files below ``folders`` through every way Python opens a file."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = [folder.resolve() for folder in folders]
        #: Opens by file, named by the folder it is in and its path there ("templates/logo.png"; the built-in
        #: templates' folder is "indbygget").
        self.counts: Counter[str] = Counter()

    def note(self, file: object) -> None:
        if isinstance(file, int):
            return
        try:
            path = Path(os.fsdecode(file)).resolve()  # type: ignore[arg-type]
        except (TypeError, ValueError, OSError):
            return
        for folder in self.folders:
            if path.is_relative_to(folder) and path.is_file():
                label = "indbygget" if folder == builtin_dir().resolve() else folder.name
                self.counts[f"{label}/{path.relative_to(folder).as_posix()}"] += 1
                return

    def twice(self) -> dict[str, int]:
        """The files opened more than once."""
        return {name: count for name, count in self.counts.items() if count > 1}


@contextmanager
def counting(monkeypatch: pytest.MonkeyPatch, *folders: Path) -> Iterator[Opens]:
    """Count, per file below ``folders``, the calls of ``os.open``, ``io.open`` and ``open`` (pathlib's too)."""
    opens = Opens(list(folders))
    real_os_open, real_io_open = os.open, io.open

    def os_open(path: object, *args: object, **kwargs: object) -> int:
        opens.note(path)
        return real_os_open(path, *args, **kwargs)  # type: ignore[arg-type]

    def io_open(file: object, *args: object, **kwargs: object) -> object:
        opens.note(file)
        return real_io_open(file, *args, **kwargs)  # type: ignore[call-overload]

    with monkeypatch.context() as patched:
        patched.setattr(os, "open", os_open)
        patched.setattr(io, "open", io_open)
        patched.setattr(builtins, "open", io_open)
        yield opens


@pytest.fixture
def example_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example with a logo and a template of its own; cwd is its root."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "agreements", root / "agreements")
    (root / "templates").mkdir()
    shutil.copy(ROOT / "tests/fixtures/logo.png", root / "templates/logo.png")
    (root / "templates/tekster.yaml").write_text("punkter:\n  eventuelt: Eventuelt og afslutning\n", encoding="utf-8")
    settings = (ROOT / "aftale.yaml").read_text(encoding="utf-8")
    (root / "aftale.yaml").write_text(settings + "logo: templates/logo.png\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("command", [["byg", "--alle", "-j", "1"], ["udgiv"], ["redegørelse", "2020"],
                                     ["referat", "naestved-lejerbo", "2020"]])
def test_each_input_is_opened_once_per_command(example_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                               command: list[str]) -> None:
    with counting(monkeypatch, example_copy / "agreements", example_copy / "templates", example_copy / "aftale.yaml",
                  builtin_dir()) as opens:
        code, output = run(*command)
    assert code == 0, output
    assert opens.counts["agreements/naestved-lejerbo/2020.yaml"] == 1 and opens.counts["templates/logo.png"] == 1  # counted at all
    assert opens.twice() == {}


def test_a_page_of_the_preview_opens_each_input_once(example_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aftale.commands.vis import Preview

    preview = Preview(example_copy)
    with counting(monkeypatch, example_copy / "agreements", example_copy / "templates", example_copy / "aftale.yaml",
                  builtin_dir()) as opens:
        for path in ("/naestved-lejerbo/2021/aftaledokument", "/naestved-lejerbo/2021/aftaledokument.pdf", "/",
                     "/_aftale/logo", "/_aftale/print.css"):
            assert preview.answer(path).status == 200, path
    assert opens.counts["agreements/naestved-lejerbo/2021.yaml"] == 1 and opens.counts["indbygget/aftaledokument.html"] == 1
    assert opens.twice() == {}
    preview.bump()  # a save: the next page reads the files as they are now, once more
    with counting(monkeypatch, example_copy / "agreements") as opens:
        assert preview.answer("/naestved-lejerbo/2021/referat").status == 200
    assert opens.counts["agreements/naestved-lejerbo/2021.yaml"] == 1


def test_the_count_sees_a_second_reader(example_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard itself: a command that reads the logo a second time by itself is caught."""
    import aftale.commands.udgiv as udgiv

    real = udgiv.publish

    def reading_twice(*args: object, **kwargs: object) -> object:
        (example_copy / "templates/logo.png").read_bytes()
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(udgiv, "publish", reading_twice)
    with counting(monkeypatch, example_copy / "templates") as opens:
        assert run("udgiv")[0] == 0
    assert opens.twice() == {"templates/logo.png": 2}


def test_a_build_with_nothing_to_do_reads_no_input(example_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("byg")[0] == 0
    with counting(monkeypatch, example_copy / "agreements", example_copy / "templates", example_copy / "aftale.yaml",
                  builtin_dir()) as opens:
        code, output = run("byg")
    assert code == 0 and "Bygget 0 dokumenter (0 filer), 9 var opdaterede i forvejen" in output
    assert opens.counts == Counter()


def test_a_save_during_a_render_is_not_taken_for_what_was_rendered(repo: WriteTree, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An item is closed while `aftale referat … --offentlig` renders: the next build renders it again, and its
    words are in no file of the public edition afterwards."""
    root = repo({"agreements/demo/2020.yaml": "møde:\n  dato: 2020-10-27\npunkter:\n  - titel: Personalesag\n"
                                              "    referat: [Drøftet Yankee-4417.]\n"})
    round_2020 = root / "agreements/demo/2020.yaml"
    real = aftale.pipeline.render

    def saving_meanwhile(*args: object, **kwargs: object) -> dict[str, bytes]:
        rendered = real(*args, **kwargs)  # type: ignore[arg-type]
        round_2020.write_text(round_2020.read_text(encoding="utf-8").replace(
            "  - titel: Personalesag\n", "  - titel: Personalesag\n    lukket: ja\n"), encoding="utf-8")
        return rendered

    with monkeypatch.context() as patched:
        patched.setattr(aftale.pipeline, "render", saving_meanwhile)
        code, output = run("referat", "demo", "2020", "--offentlig", "-o", "pub")
    assert code == 0, output
    assert "Yankee-4417" in pdf_text(tmp_path / "pub/demo/2020/referat-offentlig.pdf")  # rendered before the save
    code, output = run("byg", "--alle", "--offentlig", "-o", "pub", "-j", "1")
    assert code == 0, output
    assert "skrev pub/demo/2020/referat-offentlig.pdf" in output
    for name in ("referat-offentlig.pdf", "referat-offentlig.docx"):
        path = tmp_path / "pub/demo/2020" / name
        text = pdf_text(path) if name.endswith(".pdf") else docx_text(path)
        assert "Yankee-4417" not in text and "Lukket punkt" in text
        assert b"Yankee-4417" not in path.read_bytes()


@pytest.fixture
def unapproved(repo: WriteTree) -> Path:
    """2020 approved and signed; 2021 held (a follow-up's minutes, a new aftale) but neither approved nor signed."""
    return repo({"agreements/demo/2020.yaml": ROUND_2020 + APPROVED_2020, "agreements/demo/2021.yaml": UNSIGNED_2021})


def test_the_redegoerelse_publishes_nothing_udgiv_withholds(unapproved: Path) -> None:
    code, output = run("udgiv")
    assert code == 0, output
    assert "demo 2021: referatet udgives ikke" in output and "demo 2021: aftaledokumentet udgives ikke" in output
    code, output = run("redegørelse", "2021", "-o", "red")
    assert code == 0, output
    readings = {"site/redegoerelse-2021.html": (unapproved / "site/redegoerelse-2021.html").read_text("utf-8"),
                "site/dokumenter/redegoerelse-2021.pdf": pdf_text(unapproved / "site/dokumenter/redegoerelse-2021.pdf"),
                "red/redegoerelse-2021.pdf": pdf_text(unapproved / "red/redegoerelse-2021.pdf"),
                "red/redegoerelse-2021.docx": docx_text(unapproved / "red/redegoerelse-2021.docx")}
    for name, text in readings.items():
        text = " ".join(text.replace("\u00a0", " ").split())
        assert SECRET not in text and "Quebec-9921" not in text, name
        assert all(word in text for word in ("afventer", "godkendelse", "underskrift")), name  # cells may wrap
        assert "Rundens aftaler nævnes her, når aftaledokumentet er underskrevet af begge parter." in text, name
    assert "Social vicevært" in pdf_text(unapproved / "site/dokumenter/redegoerelse-2020.pdf")  # 2020 is signed


def test_a_signed_but_unapproved_round_lists_its_points_without_the_minutes(unapproved: Path) -> None:
    (unapproved / "agreements/demo/2021.yaml").write_text(
        UNSIGNED_2021 + "godkendt:\n  aftaledokument: {kommune: 2021-11-20, boligorganisation: 2021-11-24}\n",
        encoding="utf-8")
    code, output = run("redegørelse", "2021", "-o", "red", "--format", "docx")
    assert code == 0, output
    text = docx_text(unapproved / "red/redegoerelse-2021.docx")
    assert "Quebec-9921" in text and SECRET not in text and "afventer godkendelse" in text


def test_the_preview_works_with_a_base_template_of_its_own(example_copy: Path) -> None:
    """A repository's base.html that changes the <html> tag: the page still carries its version and reload script."""
    from aftale.commands.vis import Preview

    base = (builtin_dir() / "base.html").read_text(encoding="utf-8")
    (example_copy / "templates/base.html").write_text(
        base.replace('<html lang="da">', '<html lang="da" class="kommune" data-tema="lys">'), encoding="utf-8")
    preview = Preview(example_copy)
    page = preview.answer("/naestved-lejerbo/2021/referat").body.decode()
    assert '<html lang="da" class="kommune" data-tema="lys">' in page
    assert '<meta name="aftale-version" content="0">' in page and '<script src="/_aftale/genindlaes.js"' in page
    assert '<nav class="aftale-vis"><a href="/">Alle dialoger</a>' in page
    preview.bump()
    assert '<meta name="aftale-version" content="1">' in preview.answer("/naestved-lejerbo/2021/referat").body.decode()


def test_the_previews_own_pages_can_be_overridden(example_copy: Path) -> None:
    from aftale.commands.vis import Preview

    (example_copy / "templates/vis-ikke-fundet.html").write_text(
        '{% extends "vis-side.html" %}{% block content %}<p>Kommunens egen side: {{ page.title }}</p>{% endblock %}',
        encoding="utf-8")
    (example_copy / "templates/vis-fejl.html").write_text(
        '{% extends "vis-side.html" %}{% block content %}<p>Ret det: {{ page.problems | join(" / ") }}</p>'
        '{% endblock %}', encoding="utf-8")
    preview = Preview(example_copy)
    missing = preview.answer("/findes/ikke")
    assert missing.status == 404 and "<p>Kommunens egen side: Siden findes ikke</p>" in missing.body.decode()
    path = example_copy / "agreements/naestved-lejerbo/2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: i gang", "status: <igang>", 1), "utf-8")
    preview.bump()
    page = preview.answer("/naestved-lejerbo/2021/referat").body.decode()
    assert "<p>Ret det: " in page and "agreements/naestved-lejerbo/2021.yaml:" in page
    assert "&lt;igang&gt;" in page and "<igang>" not in page  # escaped by Jinja


def test_the_preview_names_a_mistyped_dialogue(example_copy: Path) -> None:
    code, output = run("vis", "naestved-lejerb", "--port", "0")
    assert code == 2
    assert output == ("fejl: der findes ingen dialog 'naestved-lejerb'. Mente du 'naestved-lejerbo'? Dialogerne er: "
                      "naestved-boligselskab, naestved-faelles, naestved-lejerbo.\n")


def test_a_bad_query_to_the_event_stream_is_answered_400(example_copy: Path) -> None:
    import http.client
    import threading

    from aftale.commands.vis import Preview
    from aftale.commands.vis_server import Server

    server = Server(Preview(example_copy), 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
        connection.request("GET", "/_aftale/haendelser?version=%C2%B2")
        response = connection.getresponse()
        assert response.status == 400 and "'version' skal være et tal" in response.read().decode()
    finally:
        server.shutdown()
        server.server_close()

