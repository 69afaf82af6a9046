"""``aftale status`` and ``aftale historik``: the open points of every dialogue, and the life of one point."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from aftale.checked import Checked as Report
from aftale.errors import AftaleError
from aftale.ledger import PointState, RoundState, reference
from aftale.ledgers import bound, order
from aftale.model import Blocks, BulletList, Indicator, Measure
from aftale.progress import standing
from aftale.suggest import did_you_mean
from aftale.words import danish_date, danish_number

#: Version of the JSON structure of ``aftale status --json``; raised only when a field changes meaning.
JSON_VERSION = 1
NO_STATUS = "aftalt"


@dataclass(frozen=True)
class OpenPoint:
    """One open point after its dialogue's latest round, as ``status`` lists it."""

    dialog: str
    id: str
    titel: str
    ansvarlig: str | None
    frist: date | None
    aftalt: int
    status: str
    status_siden: int
    ikke_fulgt_op: tuple[int, ...]
    overskredet: bool
    fil: str
    linje: int
    #: The point's indicator as ``status --json`` gives it (navn, enhed, udgangspunkt, mål, målinger,
    #: seneste, fremskridt), or None.
    indikator: dict[str, Any] | None = None
    #: A point of a joint dialogue: the dialogues it binds (``gælder``); None for an individual dialogue's point.
    gaelder: tuple[str, ...] | None = None


def open_points(report: Report, today: date) -> list[OpenPoint]:
    """Every point open after the latest round of each dialogue, by dialogue and in agreed order."""
    points = []
    for dialog in report.repository.dialogs:
        now = report.ledgers[dialog.slug].now
        if now is None:
            continue
        for state in now.open_points():
            points.append(OpenPoint(
                dialog.slug, state.id, state.point.titel, state.ansvarlig, state.frist, state.origin,
                state.status.value if state.status else NO_STATUS, state.since, state.unfollowed,
                state.frist is not None and state.frist < today, state.point.pos.file, state.point.pos.line,
                _indicator(state.point.indikator, state.measurements, today.year),
                bound(state, dialog) if dialog.is_joint else None))
    return points


def _value(measure: Measure) -> dict[str, Any]:
    return {"år": measure.aar, "værdi": measure.vaerdi}


def _indicator(indicator: Indicator | None, measurements: tuple[Measure, ...], year: int) -> dict[str, Any] | None:
    """An open point's indicator and its progress in ``year``, as plain values."""
    if indicator is None:
        return None
    now = standing(indicator, measurements, year)
    return {"navn": indicator.navn, "enhed": indicator.enhed, "udgangspunkt": _value(indicator.udgangspunkt),
            "mål": _value(indicator.maal), "målinger": [_value(m) for m in now.values[1:]],
            "seneste": _value(now.latest), "fremskridt": now.progress.value}


@dataclass(frozen=True)
class Awaiting:
    """A held round whose referat is not approved or whose aftaledokument is not signed by both parties."""

    dialog: str
    aar: int
    referat_godkendt: bool
    aftaledokument_underskrevet: bool

    def __str__(self) -> str:
        missing = ([] if self.referat_godkendt else ["referatet er ikke godkendt"]) + (
            [] if self.aftaledokument_underskrevet else ["aftaledokumentet er ikke underskrevet af begge parter"])
        return f"Afventer: {self.dialog} {self.aar}: {', og '.join(missing)}."


def awaiting(report: Report) -> list[Awaiting]:
    """Every held round, in every dialogue, whose referat awaits approval or aftaledokument a signature."""
    return [Awaiting(dialog.slug, r.year, r.approved, r.signed) for dialog in report.repository.dialogs
            for r in dialog.rounds if r.held and not (r.approved and r.signed)]


def as_json(points: list[OpenPoint], today: date, waiting: list[Awaiting] = []) -> dict[str, Any]:
    """The stable JSON structure of ``status --json`` (documented in the README)."""
    def row(point: OpenPoint) -> dict[str, Any]:
        data = asdict(point)
        data["frist"] = point.frist.isoformat() if point.frist else None
        data["ikke_fulgt_op"] = list(point.ikke_fulgt_op)
        gaelder = data.pop("gaelder")
        data["gælder"] = list(gaelder) if gaelder is not None else None
        return data

    return {"version": JSON_VERSION, "dato": today.isoformat(), "antal": len(points),
            "overskredne": sum(p.overskredet for p in points), "punkter": [row(p) for p in points],
            "afventer": [{"dialog": a.dialog, "år": a.aar, "referat_godkendt": a.referat_godkendt,
                          "aftaledokument_underskrevet": a.aftaledokument_underskrevet} for a in waiting]}


def table(points: list[OpenPoint]) -> list[str]:
    """The open points as aligned text columns, overdue deadlines marked."""
    header = ("Dialog", "Id", "Titel", "Ansvarlig", "Frist", "Åben siden", "Status")
    rows = [header]
    for p in points:
        frist = _date(p.frist) if p.frist else "–"
        if p.overskredet:
            frist += " OVERSKREDET"
        status = p.status if not p.ikke_fulgt_op else f"{p.status}, ikke fulgt op {', '.join(map(str, p.ikke_fulgt_op))}"
        titel = p.titel if len(p.titel) <= 48 else p.titel[:47] + "…"
        rows.append((p.dialog, p.id, titel, p.ansvarlig or "–", frist, str(p.aftalt), status))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(r, widths)).rstrip() for r in rows]
    measured = [p for p in points if p.indikator is not None]
    if measured:
        lines.append("Indikatorer:")
        lines.extend(f"  {p.dialog} {p.id}: {_indicator_line(p.indikator)}" for p in measured if p.indikator)
    return lines


def _amount(value: dict[str, Any], unit: str | None) -> str:
    return f"{danish_number(value['værdi'])} {unit}" if unit else danish_number(value["værdi"])


def _indicator_line(data: dict[str, Any]) -> str:
    """"Fraflytningsprocent: på vej, seneste 24,3 % (2020), mål 20 % i 2022"."""
    unit = data["enhed"]
    return (f"{data['navn']}: {data['fremskridt']}, seneste {_amount(data['seneste'], unit)} "
            f"({data['seneste']['år']}), mål {_amount(data['mål'], unit)} i {data['mål']['år']}")


def summary(points: list[OpenPoint], today: date) -> str:
    """One line: how many open points, how many overdue, as of which day."""
    overdue = sum(p.overskredet for p in points)
    return (f"{len(points)} {'åbent punkt' if len(points) == 1 else 'åbne punkter'}, {overdue} med "
            f"overskredet frist pr. {_date(today)}.")


def _blocks(blocks: Blocks, indent: str) -> list[str]:
    lines = []
    for block in blocks:
        if isinstance(block, BulletList):
            lines.extend(_blocks(block.items, indent + "  "))
        else:
            lines.extend(f"{indent}- {part}" for part in block.text.split("\n"))
    return lines


def history(report: Report, slug: str, point_id: str) -> list[str]:
    """The life of one point round by round, and the whole chain of points that replaced each other.

    Each round says the status it gave, its notes, and every change of ansvarlig and frist; the
    chain lists every point linked to this one by ``erstatter``, both ways, in the order agreed.
    A point ``overført`` to another dialogue is followed there: its rounds in both dialogues, in the
    order they were held, each naming its dialogue.
    """
    report.dialog(slug)
    last = report.ledgers[slug].now
    found = last.get(point_id) if last else None
    if found is None or last is None:
        known_ids = [p.id for p in last.points] if last else []
        raise AftaleError(f"dialogen '{slug}' har intet punkt med id'et '{point_id}'."
                          f"{did_you_mean(point_id, known_ids)}")
    where, final = _final(report, slug, found)
    last = report.ledgers[where].now or last
    point = final.point
    home = final.home or where
    dialogs = list(dict.fromkeys([home, *(step.til for step in final.history if step.til)]))
    named = len(dialogs) > 1

    def label(year: int, dialog: str) -> str:
        return f"{year}, {dialog}" if named else str(year)

    agreed = [f"Ansvarlig: {point.ansvarlig}"] if point.ansvarlig else []
    agreed += [f"Frist: {_date(point.frist)}"] if point.frist else []
    lines = [f"{point.titel} ({final.id})",
             f"{label(final.origin, home)}: aftalt ({point.pos})" + "".join(f". {a}" for a in agreed)]
    for ref in point.erstatter:
        lines.append(f"      erstatter {ref.value}: {_title(report.ledgers[home].now, ref.value)}")
    indicator = point.indikator
    if indicator is not None:
        unit = indicator.enhed
        lines.append(f"      indikator: {indicator.navn}, fra {_amount(_value(indicator.udgangspunkt), unit)} i "
                     f"{indicator.udgangspunkt.aar} til {_amount(_value(indicator.maal), unit)} i {indicator.maal.aar}")
        lines.extend(f"      måling: {_amount(_value(m), unit)} i {m.aar}" for m in indicator.maalinger)
    steps = {(step.year, step.dialog): step for step in final.history}
    ansvarlig, frist = point.ansvarlig, point.frist
    for dialog, round_ in order(d for d in report.repository.dialogs if d.slug in dialogs):
        year = round_.year
        start = report.ledgers[dialog.slug].before(year)
        state = start.get(reference(home, point.id, dialog.slug)) if start else None
        if state is None or not state.is_open:
            continue
        step = steps.get((year, dialog.slug))
        if step is None or (step.status is None and not step.referat and not step.replaced_by
                            and step.ansvarlig is None and step.frist is None and step.maaling is None):
            lines.append(f"{label(year, dialog.slug)}: ikke behandlet – videreføres")
            continue
        status = step.status.value if step.status else "ingen ny status"
        lines.append(f"{label(year, dialog.slug)}: {status}" + (f" til {step.til}" if step.til else ""))
        lines.extend(_blocks(step.referat, "      "))
        if step.maaling is not None and indicator is not None:
            lines.append(f"      måling: {_amount(_value(step.maaling), indicator.enhed)} i {step.maaling.aar}")
        if step.ansvarlig is not None and step.ansvarlig != ansvarlig:
            lines.append(f"      ansvarlig: {ansvarlig or '–'} → {step.ansvarlig}")
            ansvarlig = step.ansvarlig
        if step.frist is not None and step.frist != frist:
            lines.append(f"      frist: {_date(frist) if frist else '–'} → {_date(step.frist)}")
            frist = step.frist
        for new_id in step.replaced_by:
            lines.append(f"      erstattet af {new_id}: {_title(report.ledgers[dialog.slug].now, new_id)}")
    there = f" i {where}" if named else ""
    if final.is_open:
        lines.append(f"Nu: åbent{there} ({final.status.value if final.status else NO_STATUS}), ansvarlig: "
                     f"{final.ansvarlig or '–'}, frist: {_date(final.frist) if final.frist else '–'}.")
    elif final.replaced_by:
        lines.append(f"Nu: lukket{there} i {final.closed_in}, erstattet af {', '.join(final.replaced_by)}.")
    else:
        lines.append(f"Nu: lukket{there} i {final.closed_in} ({final.status.value if final.status else ''}).")
    chain = _chain(last, final.id) if last is not None else []
    if len(chain) > 1:
        lines.append("Kæden af erstatninger:")
        for state in chain:
            this = " (dette punkt)" if state.id == final.id else ""
            if state.replaced_by:
                fate = f"erstattet {state.closed_in} af {', '.join(state.replaced_by)}"
            elif state.is_open:
                fate = "åbent"
            else:
                fate = f"lukket {state.closed_in} ({state.status.value if state.status else ''})"
            lines.append(f"  {state.origin} {state.id}{this}: {state.point.titel} – {fate}")
    return lines


def _final(report: Report, slug: str, state: PointState) -> tuple[str, PointState]:
    """Where point ``state`` of dialogue ``slug`` is now, following every ``overført``: the dialogue and its state
    there."""
    seen = {(slug, len(state.history))}
    while state.moved_to is not None and state.moved_to in report.ledgers:
        target = state.moved_to
        now = report.ledgers[target].now
        moved = now.get(reference(state.home or slug, state.point.id, target)) if now else None
        if moved is None or (target, len(moved.history)) in seen:
            break
        slug, state = target, moved
        seen.add((slug, len(state.history)))
    return slug, state


def _chain(last: RoundState, point_id: str) -> list[PointState]:
    """Every point linked to ``point_id`` by replacements, either way, in the order they were agreed."""
    linked, todo = {point_id}, [point_id]
    while todo:
        state = last.get(todo.pop())
        if state is None:
            continue
        for other in (*state.replaced_by, *(ref.value for ref in state.point.erstatter)):
            if other not in linked:
                linked.add(other)
                todo.append(other)
    order = {state.id: index for index, state in enumerate(last.points)}
    return sorted((s for i in linked if (s := last.get(i)) is not None), key=lambda s: (s.origin, order[s.id]))


def _date(value: date) -> str:
    """A date as the documents write it, for a terminal (ordinary spaces)."""
    return danish_date(value, keep_together=False)


def _title(last: RoundState | None, point_id: str) -> str:
    state = last.get(point_id) if last is not None else None
    return f"{state.point.titel} (aftalt {state.origin})" if state else point_id
