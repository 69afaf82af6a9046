"""Write src/aftale/fontcoverage.py: the characters the shipped fonts draw, as ranges of code points.

``aftale tjek`` warns about text that no shipped font draws (it would be an
empty box in the PDF). It reads this table instead of the fonts, so that the
check stays fast and needs no font library; tests/test_fonts.py checks that
the committed table is what this script computes from templates/fonts/.

Run: python scripts/make_fonts.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "templates" / "fonts"
#: The fonts that draw text, in the order of print.css: the four styles of the text font, then the symbol
#: font (one style, emboldened or slanted where needed).
TEXT_STYLES = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf",
               "LiberationSans-BoldItalic.ttf")
SYMBOL_FONT = "DejaVuSans.ttf"
COVERAGE = ROOT / "src" / "aftale" / "fontcoverage.py"


def coverage() -> list[tuple[int, int]]:
    """The code points drawn in every style, by the text font or else the symbol font, as merged ranges."""
    def drawn(name: str) -> set[int]:
        return {cp for cp, glyph in TTFont(FONTS / name).getBestCmap().items() if glyph != ".notdef"}

    points = (set.intersection(*(drawn(name) for name in TEXT_STYLES)) | drawn(SYMBOL_FONT))
    ranges: list[tuple[int, int]] = []
    for point in sorted(points):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    return ranges


def coverage_module() -> str:
    """The source of :mod:`aftale.fontcoverage`."""
    ranges = coverage()
    rows = [", ".join(f"(0x{a:04X}, 0x{b:04X})" for a, b in ranges[i:i + 5]) for i in range(0, len(ranges), 5)]
    body = "\n".join(f"    {row}," for row in rows)
    return ('"""The characters the shipped text fonts draw. Written by scripts/make_fonts.py; do not edit."""\n\n'
            "#: First and last code point of each run of characters that templates/fonts/ draws in every style.\n"
            f"RANGES: tuple[tuple[int, int], ...] = (\n{body}\n)\n")


def main() -> int:
    COVERAGE.write_text(coverage_module(), encoding="utf-8")
    print(f"wrote {COVERAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
