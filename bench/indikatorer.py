"""Measure the cost of indicators: one aftaledokument with 50 points, with and without an indicator each.

Run from the repository root, after the README's first command:

    .venv/bin/python bench/indikatorer.py                    # 5 runs of each
    .venv/bin/python bench/indikatorer.py --gentag 9
    .venv/bin/python bench/indikatorer.py --indikatorer 10   # an indicator on 10 of the 50 points
    .venv/bin/python bench/indikatorer.py --pdf-motor typst  # one PDF engine (default: both, in turn)

Both documents have the same 50 points (titles, ansvarlig, a description); in the second each point
also has an indikator with a baseline, a target and four measurements, so the document adds 50
progress lines, 50 tables and 50 charts. Two figures for each, the median of the runs after a
warm-up, the two documents in turn:

- the command, as a user runs it: ``aftale aftaledokument`` as a whole process (start, reading the
  YAML, DOCX and PDF, writing the files) on a repository written for the run;
- the rendering alone, in process: the view model, the DOCX and the PDF.

The rule of issue 14: with indicators under twice the time without; of issue 23: under 1.5 times. Each
figure is taken with each PDF engine. Nothing is asserted; bench/RESULTS.md records the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aftale.ledger import replay
from aftale.load import load
from aftale.render import Options, writer
from aftale.render.templates import Templates
from aftale.views import AFTALEDOKUMENT, view

POINTS = 50
DIALOG = "test"


def write_repository(root: Path, indicators: int) -> Path:
    """A repository with one dialogue whose 2021 round agrees the 50 points, the first ``indicators`` of them with
    an indikator; ``root`` is returned."""
    folder = root / "agreements" / DIALOG
    folder.mkdir(parents=True)
    (root / "aftale.yaml").write_text("afsender: Testby Kommune\n", encoding="utf-8")
    (folder / "dialog.yaml").write_text("kommune: Testby Kommune\nboligorganisation: Boligselskabet Test\n",
                                        encoding="utf-8")
    lines = ["møde:", "  dato: 2021-11-10", "punkter:", "  - titel: Aftaler", "    referat:",
             "      - Aftalerne blev gennemgået.", "aftaler:"]
    for n in range(POINTS):
        lines += [f"  - id: p{n}", f"    titel: Aftale nummer {n}", "    ansvarlig: Jette Loman",
                  f"    beskrivelse: Beskrivelse af aftale {n}."]
        if n < indicators:
            lines += ["    indikator:", f"      navn: Fraflytningsprocent {n}", '      enhed: "%"',
                      "      udgangspunkt:", "        år: 2016", "        værdi: 31,5",
                      "      mål:", "        år: 2022", "        værdi: 25", "      målinger:"]
            lines += [f"        {2017 + i}: {str(round(30 - n % 7 - i * 1.3, 1)).replace('.', ',')}" for i in range(4)]
    (folder / "2021.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def command_seconds(root: Path, engine: str) -> float:
    """One run of ``aftale aftaledokument`` in ``root`` with the PDF engine ``engine``, as a whole process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "aftale", "aftaledokument", DIALOG, "2021", "--pdf-motor", engine], cwd=root,
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def render_seconds(root: Path, engine: str) -> float:
    """One rendering of the aftaledokument in ``root`` (view model, DOCX and PDF with ``engine``), in this process."""
    repository = load(root).repository
    dialog = repository.dialogs[0]
    templates = Templates.for_repository(root)
    start = time.perf_counter()
    doc = view(AFTALEDOKUMENT, dialog, replay(dialog), 2021, repository.settings)
    for name in ("docx", "pdf"):
        writer(name)(doc, templates, Options(pdf_engine=engine))
    return time.perf_counter() - start


def paired(measure, without: Path, with_indicators: Path, runs: int,  # type: ignore[no-untyped-def]
           engine: str) -> tuple[float, float]:
    """The median of ``runs`` runs of ``measure`` on each repository, in turn, after one warm-up of each."""
    times: dict[Path, list[float]] = {without: [], with_indicators: []}
    for run in range(runs + 1):
        for root in times:
            seconds = measure(root, engine)
            if run:
                times[root].append(seconds)
    return statistics.median(times[without]), statistics.median(times[with_indicators])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gentag", type=int, default=5, help="runs per figure")
    parser.add_argument("--indikatorer", type=int, default=POINTS, help="how many of the points have an indikator")
    parser.add_argument("--pdf-motor", choices=("typst", "weasyprint"), help="one PDF engine (default: both)")
    arguments = parser.parse_args()
    runs = arguments.gentag
    with tempfile.TemporaryDirectory() as folder:
        without = write_repository(Path(folder) / "uden", 0)
        with_indicators = write_repository(Path(folder) / "med", arguments.indikatorer)
        print(f"{platform.python_version()} on {os.cpu_count()} cores, {POINTS} points, {arguments.indikatorer} with "
              f"an indikator, median of {runs} runs")
        for engine in (arguments.pdf_motor,) if arguments.pdf_motor else ("typst", "weasyprint"):
            for label, measure in (("aftale aftaledokument, whole process", command_seconds),
                                   ("view model, DOCX and PDF, in process", render_seconds)):
                plain, indicated = paired(measure, without, with_indicators, runs, engine)
                print(f"{engine}, {label}: {plain:.2f} s without indicators, {indicated:.2f} s with them, "
                      f"ratio {indicated / plain:.2f}", flush=True)


if __name__ == "__main__":
    main()
