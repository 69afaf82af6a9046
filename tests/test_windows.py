"""What differs on Windows, where the users are, tried here: no POSIX-only flags of ``os``, and no ``fork``.

This machine is Linux; these tests take away what Windows lacks and run the commands as a user would.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

import aftale.commands.byg
from tests.conftest import ROUND_2020, WriteTree, run
from tests.documents import docx_text, pdf_text

#: The flags of os.open that only POSIX systems have.
POSIX_ONLY = ("O_NONBLOCK", "O_NOCTTY", "O_NOFOLLOW", "O_CLOEXEC")


def test_reading_and_building_need_no_posix_only_flag(repo: WriteTree, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    repo({"agreements/demo/2021.yaml": "møde:\r\n  dato: 2021-11-02\r\neventuelt: [Tekst med CRLF.]\r\n"})
    for flag in POSIX_ONLY:
        monkeypatch.delattr(os, flag, raising=False)
    assert run("tjek") == (0, "Tjekket 1 dialog, 3 filer: ingen fejl.\n")
    code, output = run("byg", "-j", "1")
    assert code == 0, output
    assert "Tekst med CRLF." in docx_text(tmp_path / "build/demo/2021/referat.docx")
    again = run("byg", "-j", "1")[1]
    assert again.splitlines()[-1].startswith("Bygget 0 dokumenter"), again  # hashes outputs too


def test_byg_builds_in_spawned_workers_where_there_is_no_fork(repo: WriteTree, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows starts each worker as a fresh interpreter: the theme and every job cross to it by pickling."""
    repo({"agreements/demo/2020.yaml": ROUND_2020, "agreements/anden/dialog.yaml": "kommune: K\nboligorganisation: B\n",
          "agreements/anden/2020.yaml": ROUND_2020})
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    started = []
    real = aftale.commands.byg._context

    def spawning() -> object:
        context = real()
        started.append(context.get_start_method())
        return context

    monkeypatch.setattr(aftale.commands.byg, "_context", spawning)
    code, output = run("byg", "-j", "2")
    assert code == 0, output
    assert started == ["spawn"]
    assert "Bygget 6 dokumenter (12 filer)" in output
    assert "Social vicevært" in pdf_text(tmp_path / "build/anden/2020/aftaledokument.pdf")
