"""One round file becomes a :class:`~aftale.model.Round`: its meeting, follow-ups, points and approvals.

Each section is read through its declaration in :mod:`aftale.keys`; what is checked here are the
rules within one round that span keys: the meeting's date against the round's year, approvals
after the meeting, no value measured after the round, an indicator's years in order.
"""

from __future__ import annotations

from pathlib import Path

from aftale.errors import Problem, Severity, before_baseline, duplicate_year
from aftale.fields import FileReader
from aftale.inputs import Place, Reader, read_input
from aftale.keys import ROUND
from aftale.model import (
    AgendaItem, Approval, FollowUp, Indicator, Measure, Meeting, Point, Pos, Round, Signing, Status,
)
from aftale.sections import Entry
from aftale.yamlfile import read_yaml


def read_round(path: Path, year: int, rel: str, problems: list[Problem], place: Place,
               read: Reader = read_input) -> Round | None:
    """Read the round file of ``year`` at ``path``, or None when it cannot be read; its problems go to ``problems``."""
    node = read_yaml(path, rel, problems, "En runde skal mindst have 'møde:' og 'punkter:'.", place, read)
    if node is None:
        return None
    reader = FileReader(rel, problems)
    entry = ROUND.read(reader, node, f"i runden {year}")
    if entry is None:
        return None
    values = dict(entry.values)
    if "moede" in values:
        values["moede"] = _meeting(values["moede"], year, problems)
    values["opfoelgning"] = tuple(_follow_up(point_id, e, year, problems)
                                  for point_id, e in values.get("opfoelgning", ()))
    values["punkter"] = tuple(AgendaItem(pos=e.pos, **e.values, where=e.where) for e in values.get("punkter", ()))
    values["aftaler"] = tuple(_point(e, year, problems) for e in values.get("aftaler", ()))
    if "godkendt" in values:
        values["godkendt"] = _approval(values["godkendt"], values.get("moede"), problems)
    return Round(year, Pos(rel), **values, where=entry.where)


def _approval(entry: Entry, meeting: Meeting | None, problems: list[Problem]) -> Approval:
    """The approvals of a round; a date before the meeting is an error, for nothing is approved before it."""
    values = dict(entry.values)
    signed = values.get("aftaledokument")
    dated = [("referatet blev godkendt", values.get("referat"), entry.where.get("referat"))]
    if signed is not None:
        values["aftaledokument"] = Signing(pos=signed.pos, **signed.values, where=signed.where)
        dated += [(f"{party} underskrev aftaledokumentet", signed.values.get(key), signed.where.get(key))
                  for key, party in (("kommune", "kommunen"), ("boligorganisation", "boligorganisationen"))]
    held = meeting.dato if meeting is not None else None
    for what, day, pos in dated:
        if held is not None and day is not None and pos is not None and day < held:
            problems.append(Problem(pos, f"datoen {day.isoformat()} for, hvornår {what}, ligger før mødet den "
                                         f"{held.isoformat()}. Ret datoen; intet kan godkendes eller underskrives, "
                                         "før mødet er holdt."))
    return Approval(pos=entry.pos, **values, where=entry.where)


def _meeting(entry: Entry, year: int, problems: list[Problem]) -> Meeting:
    """The meeting of round ``year``; a date outside the round's year or the next is a warning."""
    dato = entry.values.get("dato")
    if dato is not None and dato.year not in (year, year + 1):
        problems.append(Problem(entry.where["dato"], f"mødedatoen {dato.isoformat()} ligger hverken i {year} eller "
                                                     f"{year + 1}, men filen er runden {year}. Ret datoen, eller "
                                                     "omdøb filen.", Severity.WARNING))
    return Meeting(pos=entry.pos, **entry.values, where=entry.where)


def _follow_up(point_id: str, entry: Entry, year: int, problems: list[Problem]) -> FollowUp:
    """The follow-up of ``point_id``; status 'erstattet' is refused, for it follows from 'erstatter'."""
    values = dict(entry.values)
    if values.get("status") is Status.ERSTATTET:
        problems.append(Problem(entry.where["status"], f"status 'erstattet' sættes ikke i hånden. Skriv i stedet "
                                                       f"'erstatter: [{point_id}]' i den nye aftale, der tager over."))
        del values["status"]
    if values.get("status") is Status.OVERFOERT and "til" not in values:
        problems.append(Problem(entry.where["status"], (
            f"status 'overført' skal sige, hvilken dialog punktet '{point_id}' er overført til. Tilføj 'til:' med "
            "dialogens mappenavn på linjen under, fx 'til: naestved-faelles'.")))
        del values["status"]
    elif "til" in values and values.get("status") is not Status.OVERFOERT:
        status = values.get("status")
        shown = f"status '{status.value}'" if status is not None else "ingen status"
        problems.append(Problem(entry.where["til"], (
            f"'til' siger, hvor et overført punkt er overført til, men '{point_id}' har {shown}. Skriv "
            "'status: overført', hvis punktet skal følges op i en anden dialog fra nu af; ellers fjern 'til'.")))
        del values["til"]
    if "maaling" in values:
        measure = _measure(values["maaling"])
        if _after_round(measure, year, "målingen", problems):
            del values["maaling"]
        else:
            values["maaling"] = measure
    return FollowUp(point_id, entry.pos, **values, where=entry.where)


def _measure(entry: Entry) -> Measure:
    return Measure(pos=entry.pos, **entry.values, where=entry.where)


def _after_round(measure: Measure, year: int, what: str, problems: list[Problem]) -> bool:
    """True, after recording an error, when ``measure`` is for a year after round ``year``: nobody knows it yet."""
    if measure.aar <= year:
        return False
    problems.append(Problem(measure.where.get("år", measure.pos), (
        f"{what} er for {measure.aar}, men filen er runden {year}: en runde kan kun kende værdier for sit eget år og "
        f"årene før. Ret året, eller skriv værdien i runden {measure.aar}, når den er målt.")))
    return True


def _point(entry: Entry, year: int, problems: list[Problem]) -> Point:
    """An agreed point; its indikator, if any, is checked on its own: years in order, one value a year."""
    values = dict(entry.values)
    if "indikator" in values:
        indicator = _indicator(values["indikator"], year, problems)
        if indicator is None:
            del values["indikator"]
        else:
            values["indikator"] = indicator
    return Point(pos=entry.pos, **values, where=entry.where)


def _indicator(entry: Entry, year: int, problems: list[Problem]) -> Indicator | None:
    values = dict(entry.values)
    if "udgangspunkt" not in values or "maal" not in values:
        return None  # a value was wrong, and that problem is recorded
    baseline, target = _measure(values.pop("udgangspunkt")), _measure(values.pop("maal"))
    if target.aar < baseline.aar:
        problems.append(Problem(target.where.get("år", target.pos), (
            f"målets år {target.aar} ligger før udgangspunktets år {baseline.aar}. Målet skal nås i eller efter "
            "udgangspunktets år; ret et af de to årstal.")))
        return None
    seen = {baseline.aar: baseline}
    measured = []
    for measure in values.pop("maalinger", ()):
        if _after_round(measure, year, "målingen", problems):
            continue
        if measure.aar < baseline.aar:
            problems.append(before_baseline(measure, baseline))
            continue
        if measure.aar in seen:
            problems.append(duplicate_year(measure, seen[measure.aar]))
            continue
        seen[measure.aar] = measure
        measured.append(measure)
    return Indicator(pos=entry.pos, udgangspunkt=baseline, maal=target,
                     maalinger=tuple(sorted(measured, key=lambda m: m.aar)), **values, where=entry.where)
