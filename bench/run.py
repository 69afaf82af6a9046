"""Measure aftale as whole processes, the way a user or a CI job runs it, and print median figures.

Run from the repository root, after the README's first command:

    .venv/bin/python bench/run.py                     # 600 dialogues × 10 rounds × 10 points
    .venv/bin/python bench/run.py --dialoger 60       # a smaller size
    .venv/bin/python bench/run.py --uden-byg          # skip the long build
    .venv/bin/python bench/run.py --pdf-motor weasyprint   # the long build with the other PDF engine

It generates the synthetic repository (bench/generate.py, seeded) in a temporary
folder, times each command several times and prints the median. Nothing here is
asserted: the figures are recorded in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

AFTALE = str(Path(sys.executable).with_name("aftale"))


#: The environment of every timed process: as a user's, so Python keeps its compiled bytecode (a shell that sets
#: PYTHONDONTWRITEBYTECODE would make every run compile every module again).
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], cwd: Path, runs: int) -> float:
    """The median wall-clock seconds of ``runs`` runs of ``command``, after one run not counted (it writes the
    bytecode and warms the disk cache, as any earlier use on a user's machine has)."""
    times = []
    for run in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=ENVIRONMENT)
        if run:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def ledger_seconds(points: int, rounds: int = 10) -> float:
    """Replay one dialogue with ``points`` agreed points over ``rounds`` rounds, in process."""
    from aftale.ledger import replay
    from aftale.model import Dialog, FollowUp, Point, Pos, Round, Status

    per_round = points // rounds
    built, open_ids = [], []
    for index in range(rounds):
        year = 2000 + index
        follow = tuple(FollowUp(p, Pos("f"), Status.OPFYLDT if n % 3 == 0 else Status.VIDEREFOERES)
                       for n, p in enumerate(open_ids))
        new = tuple(Point(f"p{year}-{n}", "Titel", Pos("f")) for n in range(per_round))
        built.append(Round(year, Pos("f"), None, follow, (), new))
        open_ids = [p for n, p in enumerate(open_ids) if n % 3 != 0] + [p.id for p in new]
    dialog = Dialog("d", "K", "B", Pos("f"), rounds=tuple(built))
    start = time.perf_counter()
    replay(dialog)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description="Mål aftale som hele processer.")
    parser.add_argument("--dialoger", type=int, default=600)
    parser.add_argument("--runder", type=int, default=10)
    parser.add_argument("--punkter", type=int, default=10)
    parser.add_argument("--gentag", type=int, default=5, help="runs per fast figure (median)")
    parser.add_argument("--uden-byg", action="store_true", help="skip the build of every dialogue")
    parser.add_argument("--pdf-motor", default="typst", help="the PDF engine of the long build (default typst)")
    args = parser.parse_args()
    runs = args.gentag
    rows: list[tuple[str, str]] = []

    def row(name: str, value: str) -> None:
        rows.append((name, value))
        print(f"{name:<58} {value}", flush=True)

    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    bare = timed([sys.executable, "-c", "pass"], ROOT, runs * 4)
    click = timed([sys.executable, "-c", "import click"], ROOT, runs * 4)
    help_ = timed([AFTALE, "--help"], ROOT, runs * 4)
    row("python -c pass", f"{bare * 1000:.1f} ms")
    row("python -c 'import click'", f"{click * 1000:.1f} ms")
    row("aftale --help", f"{help_ * 1000:.1f} ms ({help_ / bare:.1f}× bare, {help_ / click:.2f}× import click)")
    row("aftale tjek, the example", f"{timed([AFTALE, 'tjek'], ROOT, runs):.2f} s")

    with tempfile.TemporaryDirectory() as folder:
        repo = generate(Path(folder) / "repo", args.dialoger, args.runder, args.punkter)
        size = f"{args.dialoger} × {args.runder} × {args.punkter}"
        row(f"aftale tjek, {size}", f"{timed([AFTALE, 'tjek'], repo, max(1, runs // 2)):.2f} s")
        out = Path(folder) / "one"
        one = [AFTALE, "aftaledokument", "d000", "--ud", str(out)]
        row("one aftaledokument (docx)", f"{timed([*one, '--format', 'docx'], repo, runs):.2f} s")
        made: dict[tuple[str, str], float] = {}
        for engine in ("typst", "weasyprint"):  # both engines in the same run, side by side
            for formats in ("pdf", "docx,pdf"):
                made[engine, formats] = timed([*one, "--format", formats, "--pdf-motor", engine], repo, runs)
                row(f"one aftaledokument ({formats}, {engine})", f"{made[engine, formats]:.2f} s")
        pages = subprocess.run(["pdfinfo", str(out / "d000" / str(2009 + args.runder) / "aftaledokument.pdf")],
                               capture_output=True, text=True).stdout if shutil.which("pdfinfo") else ""
        pages_text = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages")), "?")
        row("  its pages (weasyprint)", pages_text)
        soffice = shutil.which("soffice")
        if soffice:
            docx = out / "d000" / str(2009 + args.runder) / "aftaledokument.docx"
            profile = Path(folder) / "lo-profile"
            convert = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                       "--outdir", str(Path(folder) / "lo"), str(docx)]
            timed(convert, repo, 1)  # the first start creates LibreOffice's profile
            lo = timed(convert, repo, runs)
            row("LibreOffice docx→pdf of that aftaledokument", f"{lo:.2f} s")
            for engine in ("typst", "weasyprint"):
                row(f"  ratios to LibreOffice, {engine}", f"PDF {made[engine, 'pdf'] / lo:.2f}×, "
                                                         f"DOCX+PDF {made[engine, 'docx,pdf'] / lo:.2f}×")
        else:
            row("LibreOffice docx→pdf", "not installed")
        if not args.uden_byg:
            build = [AFTALE, "byg", "--ud", str(Path(folder) / "byg"), "--pdf-motor", args.pdf_motor]
            start = time.perf_counter()
            subprocess.run(build, cwd=repo, check=True, stdout=subprocess.DEVNULL)
            seconds = time.perf_counter() - start
            files = sum(1 for p in (Path(folder) / "byg").rglob("*.*") if not p.name.startswith("."))
            row(f"aftale byg, {args.dialoger} dialogues, {args.pdf_motor} (cold, once)", f"{seconds:.1f} s, {files} files, "
                                                                        f"{files / seconds:.1f} files/s")
            row("aftale byg again, nothing changed", f"{timed(build, repo, runs):.2f} s")
    for points in (25_000, 50_000, 100_000):
        row(f"ledger alone, {points:,} points".replace(",", "."), f"{ledger_seconds(points):.2f} s")


if __name__ == "__main__":
    main()
