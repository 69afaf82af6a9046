"""One render pipeline for every command that writes documents: names, manifest, lock, faults of the machine.

Each test reproduces what a user saw when the commands were run one after another, and checks the exit
code, the Danish message and what is on disk afterwards.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

import aftale.files
import aftale.render.typst
from aftale import pipeline
from tests.conftest import DIALOG, ROUND_2020, WriteTree, run, write_tree
from tests.documents import pdf_text

SECRET = "Zulu-hemmelighed-4711"
WITH_CLOSED_ITEM = f"""\
møde:
  dato: 2020-10-27
punkter:
  - titel: Personalesag {SECRET}
    lukket: ja
    referat: [Drøftet {SECRET} i lukket møde.]
  - titel: Dokumentationspakken
    referat: [Gennemgået.]
aftaler:
  - id: social-vicevaert
    titel: Social vicevært
"""


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def _leaks(path: Path) -> bool:
    """True when the closed item's words are anywhere a reader or a program could find them."""
    data = path.read_bytes()
    if SECRET.encode() in data:
        return True
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            return any(SECRET.encode() in archive.read(name) for name in archive.namelist())
    if path.suffix == ".pdf":
        return SECRET in pdf_text(path).replace(" ", "")
    return False


# --- public editions have their own names, and a public build never carries a closed item ----------

def test_public_and_internal_editions_have_their_own_names(repo: WriteTree, tmp_path: Path) -> None:
    repo({"agreements/demo/2020.yaml": WITH_CLOSED_ITEM})
    assert run("referat", "demo", "--offentlig") == (
        0, "skrev build/demo/2020/referat-offentlig.docx\nskrev build/demo/2020/referat-offentlig.pdf\n")
    assert run("referat", "demo")[1] == "skrev build/demo/2020/referat.docx\nskrev build/demo/2020/referat.pdf\n"
    folder = tmp_path / "build/demo/2020"
    assert not _leaks(folder / "referat-offentlig.pdf") and not _leaks(folder / "referat-offentlig.docx")
    assert _leaks(folder / "referat.pdf") and _leaks(folder / "referat.docx")


def test_a_public_build_never_carries_a_closed_item(repo: WriteTree, tmp_path: Path) -> None:
    """byg --offentlig, then the internal referat, then byg --offentlig again: still nothing closed."""
    repo({"agreements/demo/2020.yaml": WITH_CLOSED_ITEM})
    assert run("byg", "--offentlig")[0] == 0
    assert run("referat", "demo")[0] == 0
    code, output = run("byg", "--offentlig")
    assert code == 0, output
    public = [p for p in (tmp_path / "build").rglob("*-offentlig.*")]
    assert len(public) == 6  # the held round's referat and aftaledokument, the next round's dagsorden
    assert not [p for p in public if _leaks(p)]


def test_byg_rebuilds_an_output_that_was_changed_or_replaced(repo: WriteTree, tmp_path: Path) -> None:
    repo({"agreements/demo/2020.yaml": WITH_CLOSED_ITEM})
    assert run("byg", "--offentlig")[0] == 0
    assert run("referat", "demo")[0] == 0
    folder = tmp_path / "build/demo/2020"
    (folder / "referat-offentlig.pdf").write_bytes((folder / "referat.pdf").read_bytes())  # the wrong edition
    (folder / "aftaledokument-offentlig.docx").write_bytes("rettet i hånden".encode())
    agenda = tmp_path / "build/demo/2021/dagsorden-offentlig.pdf"
    agenda.unlink()
    code, output = run("byg", "--offentlig")
    assert code == 0
    assert "Bygget 3 dokumenter (6 filer), 0 var opdaterede i forvejen" in output
    assert not _leaks(folder / "referat-offentlig.pdf")
    assert zipfile.is_zipfile(folder / "aftaledokument-offentlig.docx")
    assert agenda.is_file()
    assert "Bygget 0 dokumenter (0 filer), 3 var opdaterede i forvejen" in run("byg", "--offentlig")[1]


def test_a_foreign_or_broken_manifest_is_a_notice_and_a_full_build(repo: WriteTree, tmp_path: Path) -> None:
    repo()
    assert run("byg")[0] == 0
    manifest = tmp_path / "build" / pipeline.MANIFEST
    for broken in ("[1, 2]", '{"aftale": 1, "dokumenter": 5}', "ikke json {", '{"andet": "værktøj"}'):
        manifest.write_text(broken, encoding="utf-8")
        code, output = run("byg")
        assert code == 0, output
        assert output.startswith(f"bemærk: build/{pipeline.MANIFEST} er ikke aftales eget eller kan ikke læses; "
                                 "alle dokumenter bygges forfra.\n")
        assert "Bygget 3 dokumenter (6 filer), 0 var opdaterede i forvejen" in output
    assert "Bygget 0 dokumenter" in run("byg")[1]


def test_an_input_with_the_same_size_and_a_restored_time_is_rebuilt(repo: WriteTree, tmp_path: Path) -> None:
    root = repo()
    assert run("byg")[0] == 0
    path = root / "agreements/demo/2020.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Social vicevært", "Social viceværk"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert "Bygget 3 dokumenter" in run("byg")[1]
    assert "Social viceværk" in pdf_text(tmp_path / "build/demo/2020/aftaledokument.pdf")


# --- clean up only your own; one writer at a time --------------------------------------------------

def test_byg_leaves_other_peoples_temporary_files(repo: WriteTree, tmp_path: Path) -> None:
    repo({"notes/.udkast.tmp": "mine noter", "build/demo/.noget.tmp": "også mit"})
    code, output = run("byg", "-o", ".")
    assert code == 0, output
    assert (tmp_path / "notes/.udkast.tmp").read_text(encoding="utf-8") == "mine noter"
    assert (tmp_path / "build/demo/.noget.tmp").read_text(encoding="utf-8") == "også mit"
    assert (tmp_path / "demo/2020/referat.pdf").is_file()


def test_byg_removes_its_own_leftover_temporary_files(repo: WriteTree, tmp_path: Path) -> None:
    repo()
    assert run("byg")[0] == 0
    leftover = tmp_path / "build/demo/2020" / f"{aftale.files.TEMP_PREFIX}referat.pdf.abc123.tmp"
    leftover.write_bytes(b"%PDF- halv")
    assert run("byg")[0] == 0
    assert not leftover.exists()


def test_a_second_writer_waits_for_the_first_and_then_stops(repo: WriteTree, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    repo()
    monkeypatch.setattr(pipeline.folder, "LOCK_WAIT_SECONDS", 0.3)
    with pipeline.OutputFolder(tmp_path / "build"):
        for command in (("byg",), ("referat", "demo")):
            code, output = run(*command)
            assert code == 2
            assert output.endswith("fejl: en anden kørsel af aftale skriver i 'build' lige nu. Vent, til den er "
                                   "færdig, og prøv igen.\n")
    assert not list((tmp_path / "build").rglob("*.pdf"))
    assert run("byg")[0] == 0


def test_two_builds_at_the_same_time_both_finish_whole(tmp_path: Path) -> None:
    files = {}
    for number in range(4):
        files[f"agreements/d{number}/dialog.yaml"] = DIALOG
        files[f"agreements/d{number}/2020.yaml"] = ROUND_2020
    write_tree(tmp_path, files)
    command = [sys.executable, "-m", "aftale", "byg", "-j", "1"]
    first = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    second = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    outputs = [first.communicate(timeout=120)[0], second.communicate(timeout=120)[0]]
    assert (first.returncode, second.returncode) == (0, 0), outputs
    assert sorted(o.splitlines()[-1].split(",")[0] for o in outputs) == ["Bygget 0 dokumenter (0 filer)",
                                                                       "Bygget 12 dokumenter (24 filer)"]
    assert not [p for p in (tmp_path / "build").rglob("*.tmp")]
    assert len(list((tmp_path / "build").rglob("*.pdf"))) == 12


def test_byg_removes_the_documents_of_deleted_rounds_and_dialogues(repo: WriteTree, tmp_path: Path) -> None:
    root = repo({"agreements/demo/2021.yaml": "møde: {dato: 2021-10-27}\neventuelt: [Intet.]\n",
                 "agreements/anden/dialog.yaml": DIALOG, "agreements/anden/2020.yaml": ROUND_2020})
    assert run("byg", "--alle")[0] == 0
    (tmp_path / "build/demo/2021/referat.docx").write_bytes("rettet i hånden".encode())
    (root / "agreements/demo/2021.yaml").unlink()
    for path in (root / "agreements/anden").iterdir():
        path.unlink()
    (root / "agreements/anden").rmdir()
    code, output = run("byg", "--alle")
    assert code == 0, output
    removed = sorted(line for line in output.splitlines() if line.startswith("fjernede"))
    assert removed == sorted(
        [f"fjernede build/anden/{y}/{k}.{f} (dokumentet laves ikke længere)" for f in ("docx", "pdf")
         for y, k in ((2020, "dagsorden"), (2020, "referat"), (2020, "aftaledokument"), (2021, "dagsorden"))]
        + [f"fjernede build/demo/{y}/{k}.{f} (dokumentet laves ikke længere)" for f in ("docx", "pdf")
           for y, k in ((2021, "referat"), (2021, "aftaledokument"), (2022, "dagsorden"))
           if (y, k, f) != (2021, "referat", "docx")])
    moved = f"build/demo/2021/referat (rettet i hånden {date.today().isoformat()}).docx"
    assert (f"bemærk: build/demo/2021/referat.docx laves ikke længere, men var ændret, efter aftale skrev den; den er "
            f"flyttet til '{moved}'.") in output
    assert (tmp_path / moved).read_bytes() == "rettet i hånden".encode()
    assert sorted(p.relative_to(tmp_path / "build").as_posix() for p in (tmp_path / "build").rglob("*.pdf")) == [
        "demo/2020/aftaledokument.pdf", "demo/2020/dagsorden.pdf", "demo/2020/referat.pdf",
        "demo/2021/dagsorden.pdf"]


def test_a_manifest_cannot_make_byg_delete_other_files(repo: WriteTree, tmp_path: Path) -> None:
    repo({"keep.txt": "min fil", "build/demo/notat.docx": "mit notat"})
    assert run("byg")[0] == 0
    manifest_path = tmp_path / "build" / pipeline.MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    some = next(iter(manifest["dokumenter"].values()))
    for name in ("../keep.txt", "demo/notat.docx", "/etc/hostname"):
        manifest["dokumenter"][name] = some
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    assert run("byg")[0] == 0
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "min fil"
    assert (tmp_path / "build/demo/notat.docx").read_text(encoding="utf-8") == "mit notat"


# --- faults of the machine are Danish messages naming the path, exit 2 -----------------------------

def test_an_output_path_that_is_a_file(repo: WriteTree, tmp_path: Path) -> None:
    repo({"fil.txt": "min fil\n"})
    for command in (("byg", "-o", "fil.txt"), ("referat", "demo", "-o", "fil.txt")):
        code, output = run(*command)
        assert (code, output) == (2, "fejl: kan ikke skrive i 'fil.txt': der ligger en fil, hvor der skal være en "
                                     "mappe. Flyt filen, eller vælg en anden mappe med -o.\n")
    assert (tmp_path / "fil.txt").read_text(encoding="utf-8") == "min fil\n"


def test_a_file_where_the_dialogue_folder_should_be(repo: WriteTree, tmp_path: Path) -> None:
    repo({"build/demo": "ikke en mappe"})
    code, output = run("referat", "demo")
    assert (code, output) == (2, "fejl: kan ikke skrive i 'build/demo/2020': der ligger en fil, hvor der skal være en "
                                 "mappe. Flyt filen, eller vælg en anden mappe med -o.\n")
    code, output = run("byg")
    assert code == 2
    assert "fejl: demo/2020/referat: kan ikke skrive i 'build/demo/2020': der ligger en fil" in output
    assert (tmp_path / "build/demo").read_text(encoding="utf-8") == "ikke en mappe"


def _failing_write(monkeypatch: pytest.MonkeyPatch, code: int, when: str) -> None:
    """Make writing a temporary file for ``when`` (a file name's suffix) fail with ``code``."""
    original = aftale.files.temporary

    def temporary(path: Path, data: bytes) -> Path:
        if path.name.endswith(when):
            raise OSError(code, os.strerror(code), str(path))
        return original(path, data)

    monkeypatch.setattr(aftale.files, "temporary", temporary)


def test_a_full_disk_leaves_both_old_files(repo: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo()
    assert run("referat", "demo")[0] == 0
    old = _outputs(tmp_path / "build")
    write_tree(root, {"agreements/demo/2020.yaml": ROUND_2020 + "eventuelt: [Ændret.]\n"})
    _failing_write(monkeypatch, errno.ENOSPC, ".pdf")
    code, output = run("referat", "demo")
    assert (code, output) == (2, "fejl: kan ikke skrive 'build/demo/2020/referat.pdf': disken er fuld. Gør plads på "
                                 "disken, og prøv igen.\n")
    assert _outputs(tmp_path / "build") == old
    assert not [p for p in (tmp_path / "build").rglob("*.tmp")]


def test_no_permission_is_a_danish_message(repo: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo()
    _failing_write(monkeypatch, errno.EACCES, ".docx")
    code, output = run("aftaledokument", "demo")
    assert (code, output) == (2, "fejl: kan ikke skrive 'build/demo/2020/aftaledokument.docx': ingen adgang. Giv "
                                 "adgang til mappen, eller vælg en anden mappe med -o.\n")
    code, output = run("byg", "-j", "1")
    assert code == 2
    assert "fejl: demo/2020/aftaledokument: kan ikke skrive 'build/demo/2020/aftaledokument.docx': ingen adgang." \
        in output
    assert "intern fejl" not in output


def test_a_killed_worker_fails_its_own_document_and_the_rest_is_built(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {}
    for name in ("a", "b", "c"):
        files[f"agreements/{name}/dialog.yaml"] = DIALOG
        files[f"agreements/{name}/2020.yaml"] = ROUND_2020
    write_tree(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    original = aftale.render.typst.write

    def out_of_memory(doc: object, *args: object) -> bytes:
        if getattr(doc, "dialog") == "b" and getattr(doc, "kind") == "referat":
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer does
        return original(doc, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(aftale.render.typst, "write", out_of_memory)
    code, output = run("byg", "-j", "2")
    assert code == 2, output
    assert output.count("fejl: ") == 1
    assert ("fejl: b/2020/referat: processen, der lavede dokumentet, blev stoppet udefra (fx fordi maskinen løb tør "
            "for hukommelse). Prøv igen, eventuelt med færre samtidige dokumenter (-j 1).") in output
    assert "Bygget 8 dokumenter (16 filer), 0 var opdaterede i forvejen, 1 fejlede" in output
    assert not (tmp_path / "build/b/2020/referat.pdf").exists()
