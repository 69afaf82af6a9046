"""Render a dialogue at the size of a large kommune, the way a user runs it, and print figures.

Run from the repository root, after the README's first command:

    .venv/bin/python bench/scale.py                   # 5,000 points, 200 participants, 100,000 characters
    .venv/bin/python bench/scale.py --punkter 1000    # a smaller size

One round (2021) agrees every point, has every participant at the meeting and one paragraph of
100,000 characters in its minutes. ``aftale byg`` renders its dagsorden, referat and aftaledokument
and the next round's dagsorden, as one whole process; then each document's view model and each
writer is timed in process. The script also reads the DOCX files back and says whether the first
and the last point, participant and the long paragraph are in them (the test suite checks the same
on the view models, without rendering). Nothing here is asserted: the figures go in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx

from aftale.commands.tjek import check
from aftale.render import FORMATS, Options, writer
from aftale.render.templates import Templates
from aftale.views import view

AFTALE = str(Path(sys.executable).with_name("aftale"))
DIALOG = "kommune: Testby Kommune\nboligorganisation: Boligselskabet Test\nafdelinger: [Nordparken, Sydparken]\n"
#: One paragraph of 100,000 characters.
LONG_PARAGRAPH = ("Lang tekst om helhedsplanen. " * 3449)[:100_000]


def national_round(points: int = 5000, participants: int = 200) -> str:
    """The round file: ``points`` agreed points, ``participants`` at the meeting, :data:`LONG_PARAGRAPH`."""
    lines = ["møde:", "  dato: 2021-10-27", "  deltagere:"]
    lines += [f"    - Deltager nummer {i}" for i in range(participants)]
    lines += ["punkter:", "  - titel: Helhedsplan", f"    referat: [\"{LONG_PARAGRAPH}\"]", "aftaler:"]
    lines += [f"  - {{id: punkt-{i}, titel: Aftale nummer {i}, ansvarlig: Ansvarlig {i % 7}}}" for i in range(points)]
    return "\n".join(lines) + "\n"


def write_repository(root: Path, points: int, participants: int) -> Path:
    """A repository of one dialogue, ``stor``, with :func:`national_round` as its round 2021."""
    folder = root / "agreements" / "stor"
    folder.mkdir(parents=True)
    (folder / "dialog.yaml").write_text(DIALOG, encoding="utf-8")
    (folder / "2021.yaml").write_text(national_round(points, participants), encoding="utf-8")
    return root


def _docx_paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def main() -> None:
    parser = argparse.ArgumentParser(description="Mål aftale på en stor kommunes dialog.")
    parser.add_argument("--punkter", type=int, default=5000)
    parser.add_argument("--deltagere", type=int, default=200)
    args = parser.parse_args()

    def row(name: str, value: str) -> None:
        print(f"{name:<58} {value}", flush=True)

    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    last = args.punkter - 1
    with tempfile.TemporaryDirectory() as folder:
        root = write_repository(Path(folder) / "repo", args.punkter, args.deltagere)
        row("round file", f"{(root / 'agreements/stor/2021.yaml').stat().st_size / 1e6:.1f} MB")
        start = time.perf_counter()
        subprocess.run([AFTALE, "byg", "--ud", "ud"], cwd=root, check=True, stdout=subprocess.DEVNULL)
        size = f"{args.punkter:,}".replace(",", ".")
        row(f"aftale byg, {size} points (whole process)", f"{time.perf_counter() - start:.1f} s")
        out = root / "ud/stor"
        for path in sorted(out.rglob("*.*")):
            row(f"  {path.relative_to(out)}", f"{path.stat().st_size / 1e6:.2f} MB")

        start = time.perf_counter()
        report = check(root)
        row("tjek in process", f"{time.perf_counter() - start:.2f} s")
        dialog, ledger = report.repository.dialog("stor"), report.ledgers["stor"]
        templates = Templates.for_repository(root)
        for kind, year in (("dagsorden", 2021), ("referat", 2021), ("aftaledokument", 2021), ("dagsorden", 2022)):
            start = time.perf_counter()
            document = view(kind, dialog, ledger, year, report.repository.settings)
            figures = [f"view {time.perf_counter() - start:.2f} s"]
            for name in FORMATS:
                start = time.perf_counter()
                writer(name)(document, templates, Options())
                figures.append(f"{name} {time.perf_counter() - start:.1f} s")
            row(f"{kind} {year} in process", ", ".join(figures))

        referat = _docx_paragraphs(out / "2021/referat.docx")
        dagsorden = "\n".join(_docx_paragraphs(out / "2022/dagsorden.docx"))
        aftaledokument = "\n".join(_docx_paragraphs(out / "2021/aftaledokument.docx"))
        found = {
            "referat: first and last participant": {"Deltager nummer 0",
                                                     f"Deltager nummer {args.deltagere - 1}"} <= set(referat),
            "referat: the long paragraph, whole": LONG_PARAGRAPH.strip() in referat,
            f"dagsorden 2022: 1/2021 … {args.punkter}/2021 Aftale nummer {last}":
                "1/2021 Aftale nummer 0" in dagsorden and f"{args.punkter}/2021 Aftale nummer {last}" in dagsorden,
            f"aftaledokument: 1/2021 … {args.punkter}/2021 Aftale nummer {last}":
                "1/2021 Aftale nummer 0" in aftaledokument
                and f"{args.punkter}/2021 Aftale nummer {last}" in aftaledokument,
        }
        for name, ok in found.items():
            row(f"DOCX has {name}", "yes" if ok else "NO")


if __name__ == "__main__":
    main()
