"""The chart of an indicator, drawn from a :class:`~aftale.views.model.Chart`: SVG for the PDF and the web, PNG for Word.

Both pictures come from one layout (:func:`layout`), so they show the same thing: the measured
values as a solid line with dots, a dashed line from the baseline to the target, the target's
value beside it, the years under the x axis, the values and the unit by the y axis, under it a legend
saying what the dashed line is and which way is better, in the
documents' ink and grey, with labels in the documents' own font (the shipped Liberation Sans,
"Aftale Sans" in the PDF).

Drawn by hand rather than with a charting library: a chart this plain is some forty shapes, the
SVG is text WeasyPrint draws as vectors, and the PNG is drawn with Pillow, which WeasyPrint already
brings; a charting library would add tens of megabytes and about half a second of import to every
process that renders an indicator. The SVG's bytes depend only on the view model, the PNG's also on the font.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING
from html import escape as _escape

from aftale.render import CHART_MM

if TYPE_CHECKING:
    from aftale.views.model import Chart

#: The font the PNG's labels are drawn in, from the template folders: the documents' own (the SVG names it).
CHART_FONT = "fonts/LiberationSans-Regular.ttf"
#: The chart's size in CSS pixels (1/96 inch): the size it is shown at in every format, beside the indicator's table.
WIDTH, HEIGHT = (round(mm / 25.4 * 96) for mm in CHART_MM)
#: The legend's line at the chart's foot (its baseline), and the plot area above it: room for the values on the
#: left (at least; more for wide values), the years below, the unit above.
LEGEND_LINE = HEIGHT - 5
LEFT, RIGHT, TOP, BOTTOM = 44, WIDTH - 14, 22, LEGEND_LINE - 37
#: The legend's sample of the dashed line, before its words.
LEGEND_SAMPLE = 22
#: Room between the values on the y axis and the plot area, and before them at the chart's left edge.
LABEL_GAP, EDGE = 6, 2
#: Where the unit's line stands (its baseline), above the plot area.
UNIT_LINE = TOP - 10
#: Room inside the plot area before the first and after the last year.
INSET = 12
INK, GREY, RULE, PAPER = "#1f2a44", "#555555", "#d9d9d9", "#ffffff"
FONT_SIZE = 10.5
#: The labels' fonts in the SVG: the PDF's own name for Liberation Sans first (print.css), then what a browser
#: has; an SVG shown as a picture cannot use the web page's fonts.
SVG_FONTS = "Aftale Sans, Liberation Sans, Arial, Helvetica, sans-serif"
#: The PNG is drawn this many times the CSS size (about 190 dpi), at twice that, then halved for
#: smooth edges (each pixel the mean of four: quicker than a resampling filter, and as smooth at this size).
PNG_SCALE, OVERSAMPLE = 2, 2
DASH = (6.0, 4.0)


@dataclass(frozen=True)
class Text:
    """A label: where it stands, how it is anchored (start, middle or end) and its colour."""

    x: float
    y: float
    text: str
    anchor: str
    colour: str = GREY


@dataclass(frozen=True)
class Layout:
    """Every shape of a chart in CSS pixels."""

    left: float
    grid: tuple[float, ...]
    axis: tuple[float, float, float, float]
    line: tuple[tuple[float, float], ...]
    target_line: tuple[tuple[float, float], tuple[float, float]]
    target: tuple[float, float]
    texts: tuple[Text, ...]
    #: The legend's sample of the dashed line.
    legend_line: tuple[tuple[float, float], tuple[float, float]] = ((0, 0), (0, 0))


def layout(chart: "Chart") -> Layout:
    """Where each part of ``chart`` goes."""
    years = [year for year, _ in chart.x_ticks] + [year for year, _ in chart.line] + [chart.target[0]]
    first_year, last_year = min(years), max(years)
    low, high = chart.y_ticks[0][0], chart.y_ticks[-1][0]
    left = max(LEFT, EDGE + LABEL_GAP + max(label_width(label) for _, label in chart.y_ticks))

    def x(year: float) -> float:
        if last_year == first_year:
            return (left + RIGHT) / 2
        return left + INSET + (year - first_year) / (last_year - first_year) * (RIGHT - left - 2 * INSET)

    def y(value: float) -> float:
        return BOTTOM - (value - low) / (high - low) * (BOTTOM - TOP) if high > low else (TOP + BOTTOM) / 2

    line = tuple((x(year), y(value)) for year, value in chart.line)
    target = (x(chart.target[0]), y(chart.target[1]))
    texts = [Text(left - LABEL_GAP, y(value) + 3.5, label, "end") for value, label in chart.y_ticks]
    texts += [Text(x(year), BOTTOM + 16, label, "middle") for year, label in chart.x_ticks]
    # The unit at the top left corner, above the values; one wider than the chart is cut short (the table and the
    # alt text say it whole).
    unit = _fitted(chart.unit, WIDTH - 2 * EDGE)
    if unit:
        texts.append(Text(EDGE, UNIT_LINE, unit, "start"))
    # The target's label sits on the side of its dot that has more room: above when the values come from below,
    # unless it would run into the unit there.
    label_x, label_y = min(target[0], RIGHT), target[1] - 9
    label = _fitted(chart.target_label, label_x - EDGE)
    meets_unit = (abs(label_y - UNIT_LINE) < FONT_SIZE + 2
                  and label_x - label_width(label) < EDGE + label_width(unit) + LABEL_GAP)
    if chart.target[1] < chart.line[0][1] or meets_unit:
        label_y = target[1] + 16
    texts.append(Text(label_x, label_y, label, "end", INK))
    # The legend: the dashed line's sample and what it is at the left, which way is better at the right.
    path_label, better = chart.legend
    better = _fitted(better, (WIDTH - 2 * EDGE) / 2)
    texts.append(Text(EDGE + LEGEND_SAMPLE + LABEL_GAP, LEGEND_LINE,
                      _fitted(path_label, WIDTH - 3 * EDGE - LEGEND_SAMPLE - 2 * LABEL_GAP - label_width(better)),
                      "start"))
    texts.append(Text(WIDTH - EDGE, LEGEND_LINE, better, "end"))
    sample = LEGEND_LINE - 3.5
    return Layout(left, tuple(y(value) for value, _ in chart.y_ticks), (left, BOTTOM, RIGHT, BOTTOM), line,
                  (line[0], target), target, tuple(texts), ((EDGE, sample), (EDGE + LEGEND_SAMPLE, sample)))


#: The advance widths, in ems, of the characters of a number in Liberation Sans (Arial's metrics); any other
#: character counts as 0.6, wider than most letters.
_NUMBER_WIDTHS = {**dict.fromkeys("0123456789", 0.556), ".": 0.278, ",": 0.278, "\u2212": 0.584, "+": 0.584,
                  "-": 0.333, " ": 0.278, "\u00a0": 0.278}


def label_width(text: str) -> float:
    """How wide ``text`` is drawn, in CSS pixels: exact for a number, at most that for words."""
    return sum(_NUMBER_WIDTHS.get(char, 0.6) for char in text) * FONT_SIZE


def _fitted(text: str, width: float) -> str:
    """``text``, or as much of it as fits in ``width`` pixels followed by "…"."""
    if label_width(text) <= width:
        return text
    while text and label_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _n(value: float) -> str:
    """A coordinate with one decimal, always written the same way."""
    return f"{value:.1f}"


def svg(chart: "Chart", alt: str) -> str:
    """The chart as an SVG document whose title is the figure's alternative text ``alt``.

    The labels are text in the documents' font: WeasyPrint writes them with the PDF's own "Aftale Sans"
    (a few glyphs more in the font it embeds anyway), a browser with Liberation Sans or the nearest
    sans-serif it has. In the tagged PDF they belong to the figure, whose alternative text speaks for it.
    """
    shapes = layout(chart)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}">',
             f"<title>{_text(alt)}</title>",
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>']
    for grid in shapes.grid:
        parts.append(f'<line x1="{_n(shapes.left)}" y1="{_n(grid)}" x2="{RIGHT}" y2="{_n(grid)}" stroke="{RULE}" '
                     'stroke-width="0.75"/>')
    x1, y1, x2, y2 = shapes.axis
    parts.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{x2}" y2="{_n(y2)}" stroke="{GREY}" stroke-width="1"/>')
    for (ax, ay), (bx, by) in (shapes.target_line, shapes.legend_line):
        parts.append(f'<line x1="{_n(ax)}" y1="{_n(ay)}" x2="{_n(bx)}" y2="{_n(by)}" stroke="{GREY}" '
                     f'stroke-width="1.5" stroke-dasharray="{DASH[0]:g} {DASH[1]:g}"/>')
    tx, ty = shapes.target
    parts.append(f'<circle cx="{_n(tx)}" cy="{_n(ty)}" r="4" fill="{PAPER}" stroke="{GREY}" stroke-width="1.5"/>')
    if len(shapes.line) > 1:
        points = " ".join(f"{_n(px)},{_n(py)}" for px, py in shapes.line)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{INK}" stroke-width="2.25" '
                     'stroke-linejoin="round"/>')
    for px, py in shapes.line:
        parts.append(f'<circle cx="{_n(px)}" cy="{_n(py)}" r="3.25" fill="{INK}"/>')
    parts.extend(_written(text) for text in shapes.texts)
    parts.append("</svg>")
    return "".join(parts)


def _written(text: Text) -> str:
    return (f'<text x="{_n(text.x)}" y="{_n(text.y)}" text-anchor="{text.anchor}" fill="{text.colour}" '
            f'font-family="{SVG_FONTS}" font-size="{FONT_SIZE}">{_text(text.text)}</text>')


def svg_url(chart: "Chart", alt: str) -> str:
    """The chart as a ``data:`` address, for an ``<img>`` whose ``alt`` the PDF tags as the figure's text."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(chart, alt).encode("utf-8")).decode("ascii")


def png(chart: "Chart", font: bytes) -> bytes:
    """The chart as a PNG, drawn with the TrueType font ``font`` (the file's bytes); no metadata, so the bytes
    are fixed."""
    from PIL import Image, ImageDraw, ImageFont  # only a document with an indicator pays for Pillow

    scale = PNG_SCALE * OVERSAMPLE
    shapes = layout(chart)
    image = Image.new("RGB", (WIDTH * scale, HEIGHT * scale), PAPER)
    draw = ImageDraw.Draw(image)

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return point[0] * scale, point[1] * scale

    def width(value: float) -> int:
        return max(1, round(value * scale))

    for grid in shapes.grid:
        draw.line([at((shapes.left, grid)), at((RIGHT, grid))], fill=RULE, width=width(0.75))
    x1, y1, x2, y2 = shapes.axis
    draw.line([at((x1, y1)), at((x2, y2))], fill=GREY, width=width(1))
    for start, end in _dashes(*shapes.target_line) + _dashes(*shapes.legend_line):
        draw.line([at(start), at(end)], fill=GREY, width=width(1.5))
    tx, ty = at(shapes.target)
    radius = 4 * scale
    draw.ellipse([tx - radius, ty - radius, tx + radius, ty + radius], fill=PAPER, outline=GREY, width=width(1.5))
    if len(shapes.line) > 1:
        draw.line([at(p) for p in shapes.line], fill=INK, width=width(2.25), joint="curve")
    for point in shapes.line:
        px, py = at(point)
        dot = 3.25 * scale
        draw.ellipse([px - dot, py - dot, px + dot, py + dot], fill=INK)
    face = ImageFont.truetype(io.BytesIO(font), round(FONT_SIZE * scale))
    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for text in shapes.texts:
        draw.text(at((text.x, text.y)), text.text, fill=text.colour, font=face, anchor=anchors[text.anchor])
    image = image.reduce(OVERSAMPLE)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6, dpi=(96 * PNG_SCALE, 96 * PNG_SCALE))
    return out.getvalue()


Point = tuple[float, float]


def _dashes(start: Point, end: Point) -> list[tuple[Point, Point]]:
    """The drawn pieces of a dashed line from ``start`` to ``end``, as the SVG's dash pattern draws them."""
    (ax, ay), (bx, by) = start, end
    length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
    if length == 0:
        return []
    pieces: list[tuple[Point, Point]] = []
    at = 0.0
    while at < length:
        stop = min(at + DASH[0], length)
        pieces.append(((ax + (bx - ax) * at / length, ay + (by - ay) * at / length),
                       (ax + (bx - ax) * stop / length, ay + (by - ay) * stop / length)))
        at += DASH[0] + DASH[1]
    return pieces


def _text(text: str) -> str:
    """Text as SVG holds it: ``&``, ``<`` and ``>`` escaped (the standard library's html module is light to import)."""
    return _escape(text, quote=False)
