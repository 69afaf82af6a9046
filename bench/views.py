"""Measure building the referat's view model for one dialogue with many followed-up points, in process.

Run from the repository root, after the README's first command:

    .venv/bin/python bench/views.py                   # 2,500 and 20,000 points
    .venv/bin/python bench/views.py --gentag 3        # fewer runs per figure

Round 1 agrees every point; round 2 follows every one of them up (with a status and a note). The
figure is the median time of ``views.view("referat", …)`` for round 2, the document whose item 1
lists every point. Eight times the points should take about eight times as long: the ratio is
printed, and nothing is asserted (the figures are recorded in bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

from aftale.ledger import Ledger, replay
from aftale.model import Dialog, FollowUp, Meeting, Paragraph, Point, Pos, Round, Settings, Status
from aftale.views import view

SIZES = (2_500, 20_000)


def dialogue(points: int) -> tuple[Dialog, Ledger]:
    """One dialogue: ``points`` points agreed in 2020, every one followed up in 2021, and its ledger."""
    pos = Pos("f")
    agreed = tuple(Point(f"p{n}", f"Aftale nummer {n}", pos, ansvarlig="Jette Loman") for n in range(points))
    follow = tuple(FollowUp(p.id, pos, Status.OPFYLDT if n % 3 == 0 else Status.VIDEREFOERES,
                            (Paragraph(f"Bemærkning til punkt {n}.", pos),)) for n, p in enumerate(agreed))
    rounds = (Round(2020, pos, Meeting(pos), (), (), agreed), Round(2021, pos, Meeting(pos), follow))
    dialog = Dialog("d", "Testby Kommune", "Boligselskabet Test", pos, rounds=rounds)
    return dialog, replay(dialog)


def seconds(points: int, runs: int) -> float:
    """The median seconds of building the 2021 referat of :func:`dialogue` (``points``) ``runs`` times."""
    dialog, ledger = dialogue(points)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        view("referat", dialog, ledger, 2021, Settings())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description="Mål opbygningen af referatets visning.")
    parser.add_argument("--gentag", type=int, default=5, help="runs per figure (median)")
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    figures = {points: seconds(points, args.gentag) for points in SIZES}
    for points, value in figures.items():
        print(f"{'referat view, ' + format(points, ',') + ' followed-up points':<58} {value:.3f} s")
    small, large = SIZES
    print(f"{'ratio (' + str(large // small) + '× the points)':<58} {figures[large] / figures[small]:.1f}×")


if __name__ == "__main__":
    main()
