"""How an indicator is doing: its values so far, the latest one, and one word for its progress.

Pure functions over the model and the ledger's measurements, shared by the documents' view
models and ``aftale status``; the words themselves live in the words file.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from aftale.model import Indicator, Measure


class Progress(enum.Enum):
    """An indicator's progress; the value is the key of its word under ``fremskridt`` in the words file."""

    NAAET = "nået"
    PAA_VEJ = "på vej"
    BAGUD = "bagud"
    IKKE_PAA_VEJ = "ikke på vej"
    OVERSKREDET = "overskredet"
    IKKE_MAALT = "ikke målt"


@dataclass(frozen=True)
class Standing:
    """An indicator as it stands in a year: every value by year (the baseline first), and its progress."""

    indicator: Indicator
    values: tuple[Measure, ...]
    progress: Progress

    @property
    def latest(self) -> Measure:
        """The latest value: the last measurement, or the baseline when nothing has been measured."""
        return self.values[-1]

    @property
    def change(self) -> float:
        """The latest value minus the baseline."""
        return self.latest.vaerdi - self.indicator.udgangspunkt.vaerdi


def standing(indicator: Indicator, measurements: Sequence[Measure], year: int) -> Standing:
    """How ``indicator`` stands in ``year`` with ``measurements`` (those after the baseline year count).

    *nået* when the latest value meets the target; *overskredet* when the target year lies before
    ``year`` and it does not; *ikke målt* when nothing has been measured since the baseline; else the
    latest value is judged against the straight path from the baseline to the target at the year it was
    measured: *på vej* at or better than the path, *bagud* better than the baseline but behind the path,
    *ikke på vej* no better than the baseline.
    """
    baseline, target = indicator.udgangspunkt, indicator.maal
    later = sorted((m for m in measurements if m.aar > baseline.aar), key=lambda m: m.aar)
    values = (baseline, *later)
    latest = values[-1].vaerdi
    lower = indicator.lower_is_better
    if later and (latest <= target.vaerdi if lower else latest >= target.vaerdi):
        progress = Progress.NAAET
    elif year > target.aar:
        progress = Progress.OVERSKREDET
    elif not later:
        progress = Progress.IKKE_MAALT
    elif not (latest < baseline.vaerdi if lower else latest > baseline.vaerdi):
        progress = Progress.IKKE_PAA_VEJ
    elif (latest <= path(indicator, values[-1].aar)) if lower else (latest >= path(indicator, values[-1].aar)):
        progress = Progress.PAA_VEJ
    else:
        progress = Progress.BAGUD
    return Standing(indicator, values, progress)


def path(indicator: Indicator, year: int) -> float:
    """The value the straight path from the baseline to the target passes in ``year`` (the target itself from
    the target year on)."""
    baseline, target = indicator.udgangspunkt, indicator.maal
    if year >= target.aar or target.aar <= baseline.aar:
        return target.vaerdi
    share = (year - baseline.aar) / (target.aar - baseline.aar)
    return baseline.vaerdi + (target.vaerdi - baseline.vaerdi) * share
