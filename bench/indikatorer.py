"""Measure the cost of indicators: one aftaledokument with 50 points, with and without an indicator each.

Run from the repository root, after the README's first command:

    .venv/bin/python bench/indikatorer.py               # 3 runs of each
    .venv/bin/python bench/indikatorer.py --gentag 5

Both documents have the same 50 points (titles, ansvarlig, a description); in the second each point
also has an indikator with a baseline, a target and four measurements, so the document adds 50
tables and 50 charts. The figure is the median time of rendering the DOCX and the PDF in process
(view model included, the first run of each kind discarded as warm-up). The rule of issue 14: with
indicators under twice the time without. Nothing is asserted; bench/RESULTS.md records the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

from aftale.ledger import replay
from aftale.model import Dialog, Indicator, Measure, Meeting, Paragraph, Point, Pos, Round, Settings
from aftale.render import Options, writer
from aftale.render.templates import Templates
from aftale.views import AFTALEDOKUMENT, view

POINTS = 50


def dialogue(indicators: bool) -> Dialog:
    pos = Pos("f")
    points = []
    for n in range(POINTS):
        indicator = None
        if indicators:
            measured = tuple(Measure(2017 + i, 30 - n % 7 - i * 1.3, pos) for i in range(4))
            indicator = Indicator(f"Fraflytningsprocent {n}", pos, Measure(2016, 31.5, pos), Measure(2022, 25, pos),
                                  "%", measured)
        points.append(Point(f"p{n}", f"Aftale nummer {n}", pos, (Paragraph(f"Beskrivelse af aftale {n}.", pos),),
                            ansvarlig="Jette Loman", indikator=indicator))
    return Dialog("d", "Testby Kommune", "Boligselskabet Test", pos, rounds=(Round(2021, pos, Meeting(pos), (), (),
                                                                                     tuple(points)),))


def seconds(indicators: bool, runs: int, templates: Templates) -> float:
    dialog = dialogue(indicators)
    ledger = replay(dialog)
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        doc = view(AFTALEDOKUMENT, dialog, ledger, 2021, Settings())
        for name in ("docx", "pdf"):
            writer(name)(doc, templates, Options())
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gentag", type=int, default=3, help="runs per figure")
    runs = parser.parse_args().gentag
    templates = Templates.for_repository(Path.cwd(), None)
    without = seconds(False, runs, templates)
    with_indicators = seconds(True, runs, templates)
    print(f"{platform.python_version()} on {os.cpu_count()} cores")
    print(f"{POINTS} points without indicators: {without:.2f} s (DOCX + PDF)")
    print(f"{POINTS} points with an indicator each: {with_indicators:.2f} s (DOCX + PDF)")
    print(f"ratio: {with_indicators / without:.2f}")


if __name__ == "__main__":
    main()
