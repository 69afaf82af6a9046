"""An indicator as the documents show it: its progress as facts, a table of its values, a chart and its alt text."""

from __future__ import annotations

import itertools
import math

from aftale.ledger import PointState
from aftale.model import Indicator, Measure
from aftale.progress import standing
from aftale.views.model import Chart, Fact, IndicatorView
from aftale.views.text import NO_BREAK, clean
from aftale.words import Words, danish_number

#: Steps between the marks of a value axis, times a power of ten: the first that gives at most six marks.
_NICE_STEPS = (1.0, 2.0, 2.5, 5.0)


def _amount(w: Words, indicator: Indicator, value: float) -> str:
    """A value of an indicator with its unit, kept on one line: "26,2 %"."""
    number = danish_number(value)
    return clean(f"{number}{NO_BREAK}{indicator.enhed}") if indicator.enhed else number


def _cell(w: Words, indicator: Indicator, value: float) -> str:
    """A value as the indicator's narrow table shows it: "26,2 %" on one line, but "12.500.000 kr./år" and
    "16,5 måneder" may break before a unit that is a word."""
    amount = _amount(w, indicator, value)
    return amount if len(indicator.enhed or "") <= 1 else amount.replace(NO_BREAK, " ", 1)


def _change(w: Words, indicator: Indicator, change: float) -> str:
    """A change of an indicator with its sign; a change of a percentage is in procentpoint."""
    unit = w("indikator.procentpoint") if indicator.enhed == "%" else indicator.enhed
    number = danish_number(change, sign=True)
    return clean(f"{number}{NO_BREAK}{unit}") if unit else number


def measured(w: Words, indicator: Indicator, measure: Measure) -> str:
    """A measurement as a fact shows it: "29 % (2019)"."""
    return w("indikator.værdi-i-år", **{"værdi": _amount(w, indicator, measure.vaerdi), "år": measure.aar})


def indicator_view(w: Words, state: PointState, year: int) -> IndicatorView | None:
    """The indicator of a point as it stands after round ``year``: progress, table, chart and alt text."""
    indicator = state.point.indikator
    if indicator is None:
        return None
    now = standing(indicator, state.measurements, year)
    baseline, target = indicator.udgangspunkt, indicator.maal
    facts = (Fact(w("indikator.fremskridt"), w(f"fremskridt.{now.progress.value}")),
             Fact(w("indikator.seneste"), measured(w, indicator, now.latest)),
             Fact(w("indikator.ændring", **{"år": baseline.aar}), _change(w, indicator, now.change)))
    rows = [(str(m.aar), _cell(w, indicator, m.vaerdi), w("indikator.udgangspunkt") if m is baseline else "")
            for m in now.values]
    rows.append((str(target.aar), _cell(w, indicator, target.vaerdi), w("indikator.mål")))
    name = clean(indicator.navn)
    values = ", ".join(w("indikator.graf-værdi", **{"værdi": _amount(w, indicator, m.vaerdi), "år": m.aar})
                       for m in now.values)
    better = w("indikator.lavere-bedre" if indicator.lower_is_better else "indikator.højere-bedre")
    alt = w("indikator.graf", navn=name, bedre=better, **{"værdier": values, "til": _amount(w, indicator, target.vaerdi),
                                                          "år": target.aar})
    line = tuple((m.aar, m.vaerdi) for m in now.values)
    chart = Chart(line, (target.aar, target.vaerdi), _value_ticks([v for _, v in line] + [target.vaerdi]),
                  _year_ticks(baseline.aar, max(target.aar, line[-1][0])), clean(indicator.enhed or ""),
                  w("indikator.mål-i-graf", **{"værdi": _amount(w, indicator, target.vaerdi)}),
                  (w("indikator.lige-vej"), better))
    header = (w("indikator.år"), w("indikator.værdi"), w("indikator.bemærkning"))
    return IndicatorView(state.id, w("indikator.overskrift", navn=name), facts, header, tuple(rows), chart, alt)


def _value_ticks(values: list[float]) -> tuple[tuple[float, str], ...]:
    """Round values on the y axis around ``values``: at most six marks, a little room above and below."""
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    span = high - low
    power = 10.0 ** math.floor(math.log10(span / 5))
    step = next((power * s for s in _NICE_STEPS if span / (power * s) <= 4), power * 10)
    first = math.floor(low / step) * step
    if low - first < step / 4 and not (low >= 0 > first - step):
        first -= step
    last = math.ceil(high / step) * step
    count = round((last - first) / step)
    return tuple((first + i * step, danish_number(round(first + i * step, 10))) for i in range(count + 1))


def _year_ticks(first: int, last: int) -> tuple[tuple[int, str], ...]:
    """The years on the x axis: every year, or every second, fifth … when there are many (at most nine marks, so
    that the years stand apart on a chart 88 mm wide)."""
    step = next(s * 10 ** power for power in itertools.count() for s in (1, 2, 5) if (last - first) / (s * 10 ** power) <= 8)
    return tuple((y, str(y)) for y in range(first, last + 1, step))
