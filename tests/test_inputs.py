"""Only regular files inside the repository and the template folders are read (links out, pipes, devices and
files over 10 MB are refused with a Danish reason, never read), and broken templates are the user's error.

These cases cannot be kept in tests/corpus/ (git cannot hold a pipe, and a link's target outside the
repository depends on the machine), so each one builds its repository here.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import WriteTree, run

OUTSIDE_LINK = ("filen er et link til en fil uden for repositoriet; aftale læser kun filer i repositoriet. "
                "Erstat linket med selve filen.")
PIPE = ("filen er en navngivet kanal (pipe), ikke en almindelig fil. aftale læser kun almindelige filer. "
        "Erstat den med en almindelig fil.")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)


@contextmanager
def deadline(seconds: int = 30) -> Iterator[None]:
    """Fail instead of hanging when the code under test blocks on a pipe or an endless file."""
    def expired(signum: int, frame: object) -> None:
        raise TimeoutError("aftale hung reading an input file")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*"))


# --- round files ---------------------------------------------------------------------------------

def test_round_file_linked_out_of_the_repository_is_not_read(repo: WriteTree, tmp_path_factory) -> None:
    secret = tmp_path_factory.mktemp("elsewhere") / "credentials"
    secret.write_text("adgangskode: hemmelig-4711\n", encoding="utf-8")
    root = repo()
    (root / "agreements/demo/2021.yaml").symlink_to(secret)
    code, output = run("tjek")
    assert code == 2
    assert output.splitlines() == [f"agreements/demo/2021.yaml:1:1: fejl: {OUTSIDE_LINK}",
                                   "Tjekket 1 dialog, 3 filer: 1 fejl."]
    assert "hemmelig" not in output and "adgangskode" not in output and str(secret.parent) not in output


def test_round_file_linked_to_an_endless_device_is_refused_at_once(repo: WriteTree) -> None:
    root = repo()
    (root / "agreements/demo/2021.yaml").symlink_to("/dev/zero")
    with deadline():
        code, output = run("tjek")
    assert code == 2
    assert output.splitlines()[0] == f"agreements/demo/2021.yaml:1:1: fejl: {OUTSIDE_LINK}"
    assert "/dev" not in output


@pytest.mark.parametrize("command", [["tjek"], ["referat", "demo", "--ud", "ud"], ["byg", "--ud", "ud"]])
def test_round_file_that_is_a_pipe_is_refused_without_hanging(repo: WriteTree, command: list[str]) -> None:
    root = repo()
    os.mkfifo(root / "agreements/demo/2021.yaml")
    before = _files(root)
    with deadline():
        code, output = run(*command)
    assert code == 2
    line = "agreements/demo/2021.yaml:1:1: "
    assert f"{line}fejl: {PIPE}" in output.splitlines() or f"fejl: {line}{PIPE}" in output.splitlines()
    assert "Traceback" not in output
    assert [p for p in _files(root) if p.parts[0] != "ud"] == before
    assert not (root / "ud/demo").exists()


def test_dialog_yaml_that_is_a_pipe_does_not_hang_byg(repo: WriteTree) -> None:
    root = repo()
    (root / "agreements/demo/dialog.yaml").unlink()
    os.mkfifo(root / "agreements/demo/dialog.yaml")
    with deadline():
        code, output = run("byg", "--ud", "ud")
    assert code == 2
    assert f"agreements/demo/dialog.yaml:1:1: fejl: {PIPE}" in output.splitlines()


def test_round_file_over_10_mb_is_not_read(repo: WriteTree) -> None:
    root = repo({"agreements/demo/2021.yaml": b"# " + b"x" * (10 * 1024 * 1024) + b"\n"})
    code, output = run("tjek")
    assert code == 2
    assert output.splitlines()[0] == ("agreements/demo/2021.yaml:1:1: fejl: filen er større end 10 MB og bliver ikke "
                                      "læst. Del den op, eller fjern det, der ikke hører til.")


def test_a_link_inside_the_repository_is_followed(repo: WriteTree) -> None:
    root = repo({"arkiv/2021.yaml": "møde: {dato: 2021-10-26}\n"})
    (root / "agreements/demo/2021.yaml").symlink_to("../../arkiv/2021.yaml")
    assert run("tjek") == (0, "Tjekket 1 dialog, 3 filer: ingen fejl.\n")


def test_dialogue_folder_linked_out_of_the_repository_is_not_read(repo: WriteTree, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "dialog.yaml").write_text("hemmelig: ja\n", encoding="utf-8")
    root = repo()
    (root / "agreements/andet").symlink_to(elsewhere, target_is_directory=True)
    code, output = run("tjek")
    assert code == 2
    assert output.splitlines()[0] == ("agreements/andet:1:1: fejl: mappen 'andet' er et link til en mappe uden for "
                                      "repositoriet; aftale læser kun filer i repositoriet. Erstat linket med selve "
                                      "mappen.")
    assert "hemmelig" not in output


# --- the logo ------------------------------------------------------------------------------------

def test_logo_linked_out_of_the_repository_is_refused(repo: WriteTree, tmp_path_factory) -> None:
    picture = tmp_path_factory.mktemp("elsewhere") / "logo.png"
    picture.write_bytes(PNG)
    root = repo({"aftale.yaml": "logo: templates/logo.png\n"})
    (root / "templates").mkdir()
    (root / "templates/logo.png").symlink_to(picture)
    code, output = run("tjek")
    assert code == 2
    assert output.splitlines()[0] == f"aftale.yaml:1:7: fejl: logoet 'templates/logo.png' kan ikke bruges: {OUTSIDE_LINK}"


def test_logo_that_is_a_pipe_is_refused(repo: WriteTree) -> None:
    root = repo({"aftale.yaml": "logo: logo.png\n"})
    os.mkfifo(root / "logo.png")
    with deadline():
        code, output = run("byg", "--ud", "ud")
    assert code == 2
    assert f"aftale.yaml:1:7: fejl: logoet 'logo.png' kan ikke bruges: {PIPE}" in output.splitlines()


# --- templates -----------------------------------------------------------------------------------

def test_template_linked_to_the_environment_is_refused(repo: WriteTree) -> None:
    root = repo({"templates/dagsorden.html": '{% extends "base.html" %}{% block content %}'
                                             '{% include "env.txt" %}{% endblock %}'})
    (root / "templates/env.txt").symlink_to("/proc/self/environ")
    code, output = run("dagsorden", "demo", "--format", "pdf", "--ud", "ud", "--pdf-motor", "weasyprint")
    assert code == 2
    assert output == ("fejl: templates/env.txt: skabelonen er et link til en fil uden for skabelonmappen; aftale læser "
                      "kun filer i skabelonmappen. Erstat linket med selve filen.\n")
    assert not (root / "ud").exists()


def test_typst_template_linked_to_the_environment_is_refused(repo: WriteTree) -> None:
    root = repo()
    (root / "templates").mkdir()
    (root / "templates/hjaelp.typ").symlink_to("/proc/self/environ")
    code, output = run("dagsorden", "demo", "--format", "pdf", "--ud", "ud")
    assert code == 2
    assert output == ("fejl: templates/hjaelp.typ: skabelonen er et link til en fil uden for skabelonmappen; aftale "
                      "læser kun filer i skabelonmappen. Erstat linket med selve filen.\n")
    assert not (root / "ud").exists()


@pytest.mark.parametrize(("engine", "template"), [("weasyprint", "referat.html"), ("typst", "referat.typ")])
def test_template_that_is_a_pipe_is_refused(repo: WriteTree, engine: str, template: str) -> None:
    root = repo()
    (root / "templates").mkdir()
    os.mkfifo(root / "templates" / template)
    with deadline():
        code, output = run("referat", "demo", "--format", "pdf", "--ud", "ud", "--pdf-motor", engine)
    assert code == 2
    assert output == (f"fejl: templates/{template}: skabelonen er en navngivet kanal (pipe), ikke en almindelig fil. "
                      "aftale læser kun almindelige filer. Erstat den med en almindelig fil.\n")
    assert not (root / "ud").exists()


def test_word_template_linked_out_is_refused(repo: WriteTree, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "referat.docx"
    elsewhere.write_bytes(b"PK")
    root = repo()
    (root / "templates").mkdir()
    (root / "templates/referat.docx").symlink_to(elsewhere)
    code, output = run("referat", "demo", "--format", "docx", "--ud", "ud")
    assert code == 2
    assert output == ("fejl: templates/referat.docx: skabelonen er et link til en fil uden for skabelonmappen; aftale "
                      "læser kun filer i skabelonmappen. Erstat linket med selve filen.\n")


def test_byg_does_not_read_a_pipe_or_a_device_among_the_templates(repo: WriteTree) -> None:
    root = repo()
    (root / "templates").mkdir()
    os.mkfifo(root / "templates/noter.txt")
    (root / "templates/nul.txt").symlink_to("/dev/zero")
    with deadline(120):
        code, output = run("byg", "--ud", "ud")
    assert code == 0, output
    assert (root / "ud/demo/2020/referat.pdf").is_file()


def test_word_template_that_is_not_a_word_document_is_the_users_error(repo: WriteTree) -> None:
    root = repo({"templates/referat.docx": "Dette er ikke et Word-dokument.\n"})
    code, output = run("referat", "demo", "--format", "docx", "--ud", "ud")
    assert code == 2
    assert output == ("fejl: templates/referat.docx: skabelonen er ikke et Word-dokument, som aftale kan læse. Åbn den "
                      "i Word, og gem den igen som Word-dokument (.docx).\n")
    assert not (root / "ud").exists()


@pytest.mark.parametrize(("engine", "template", "text"), [
    ("weasyprint", "referat.html", '{% extends "base.html" %}\n{% block content %}Bemærk{% endblock %}\n'),
    ("typst", "referat.typ", '#import "base.typ": document-frame\n#show: document-frame\nBemærk\n')])
def test_template_saved_in_an_old_character_set_is_the_users_error(repo: WriteTree, engine: str, template: str,
                                                                    text: str) -> None:
    root = repo({f"templates/{template}": text.encode("cp1252")})
    code, output = run("referat", "demo", "--format", "pdf", "--ud", "ud", "--pdf-motor", engine)
    assert code == 2
    line = text.count("\n", 0, text.index("æ")) + 1
    assert output == (f"fejl: templates/{template}:{line}: skabelonen er ikke gemt som UTF-8: byten 0xE6 kan ikke "
                      "læses (typisk et æ, ø eller å gemt i et ældre tegnsæt). Gem den igen med tegnsættet UTF-8.\n")
    assert not (root / "ud").exists()
