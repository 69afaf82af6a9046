"""A matched round as the text of its YAML file, with a ``# tjek:`` comment at every guessed line.

The layout is the one of the example repository and of ``aftale ny``: the schema line for editors,
a comment saying where the file came from, then ``møde``, ``opfølgning`` (each point's title and year
as a comment), ``punkter``, ``aftaler``, ``eventuelt`` and ``godkendt``. Texts are one value per line
(:func:`~aftale.importer.yamltext.scalar`); a list of paragraphs with bullets is a list with nested lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from aftale.importer.draft import Blocks, DraftItem, DraftMeeting, DraftPerson
from aftale.importer.match import EarlierPoint, Matched
from aftale.importer.yamltext import comment, scalar

SCHEMA_LINE = "# yaml-language-server: $schema=../../aftale.schema.json"
_KINDS = {"referat": "et referat", "dagsorden": "en dagsorden", "aftaledokument": "et aftaledokument"}
_ITEM_FIELDS = (("resume", "resumé"), ("sagsfremstilling", "sagsfremstilling"), ("indstilling", "indstilling"),
                ("referat", "referat"), ("beslutning", "beslutning"))
_GUIDE = "# Linjer med '# tjek:' er gæt: se dem efter, ret dem, og slet kommentaren. Kør så 'aftale tjek'."


class _Out:
    """Lines of YAML, with a ``# tjek:`` comment after the line it belongs to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.guesses = 0

    def add(self, line: str, note: str | None = None) -> None:
        if note:
            self.guesses += 1
            line = f"{line}  # tjek: {comment(note)}"
        self.lines.append(line)

    def blocks(self, indent: str, key: str, value: Blocks, note: str | None = None) -> None:
        """``key:`` with paragraphs: one value on the line when it is one paragraph, else a list."""
        if not value:
            return
        if len(value) == 1 and value[0][0] == 0:
            self.add(f"{indent}{key}: {scalar(value[0][1])}", note)
            return
        self.add(f"{indent}{key}:", note)
        for line in _sequence(_tree(value), indent + "  "):
            self.lines.append(line)

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


def round_text(matched: Matched) -> tuple[str, int]:
    """The YAML of the round ``matched`` and how many of its lines carry a ``# tjek:`` comment."""
    draft = matched.draft
    out = _Out()
    out.add(SCHEMA_LINE)
    out.add(f"# Runden {matched.year}, importeret af 'aftale importer' fra {comment(draft.source)} "
            f"({_KINDS.get(draft.kind, draft.kind)}).")
    out.add(_GUIDE)
    if draft.year_from and draft.year_from != "overskriften":
        out.add(f"# tjek: runden er sat til {matched.year} ud fra {draft.year_from}; er det en anden runde, så "
                f"importer igen med --år.")
        out.guesses += 1
    for note in draft.notes:
        out.add(f"# tjek: {comment(note)}")
        out.guesses += 1
    if matched.points or matched.earlier:
        out.add("# Id'erne er lavet af titlerne. Ret dem gerne nu, før senere runder henviser til dem.")
    out.add("")
    _meeting(out, draft.meeting, empty_round=not (matched.follow_ups or matched.unmatched or draft.items
                                                  or matched.points or draft.eventuelt or draft.signed))
    _follow_ups(out, matched)
    _items(out, draft.items)
    _points(out, matched)
    if draft.eventuelt:
        out.blocks("", "eventuelt", draft.eventuelt)
        out.add("")
    _signed(out, matched)
    if draft.unread:
        out.add("# tjek: disse linjer i dokumentet er ikke læst ind nogen steder; flyt det, der skal med:")
        out.guesses += 1
        for text in draft.unread:
            out.add(f"#   {comment(text)}")
    return out.text(), out.guesses


def earlier_text(year: int, points: Sequence[EarlierPoint], source: str, later: int) -> tuple[str, int]:
    """The minimal round file of ``year``: the points that the round ``later`` follows up, as ``aftaler``."""
    out = _Out()
    out.add(SCHEMA_LINE)
    out.add(f"# Runden {year}, genskabt af 'aftale importer' ud fra {comment(source)}: runden {later} følger op "
            "på disse")
    out.add("# punkter, så de må være aftalt før. Mødets data og øvrige punkter kendes ikke og er udeladt.")
    out.add(_GUIDE)
    out.add(f"# tjek: året {year} er gættet; er et punkt aftalt et andet år, så flyt det til det års fil.")
    out.guesses += 1
    out.add("")
    out.add("aftaler:")
    for point in points:
        out.add(f"  - id: {point.id}", f"kendt fra opfølgningen i {later}")
        out.add(f"    titel: {scalar(point.titel)}")
        if point.ansvarlig:
            out.add(f"    ansvarlig: {scalar(point.ansvarlig)}")
        out.add("")
    return out.text(), out.guesses


def _meeting(out: _Out, meeting: DraftMeeting, empty_round: bool) -> None:
    if meeting.empty:
        if empty_round:  # a file of comments only would be an empty file
            out.add("møde:", "dokumentet nævner hverken mødets data, punkter eller aftaler")
            out.add("")
        return
    notes = meeting.notes
    out.add("møde:")
    if meeting.dato is not None:
        out.add(f"  dato: {meeting.dato.isoformat()}", notes.get("dato"))
    for key, value in (("tid", meeting.tid), ("sted", meeting.sted), ("sagsnr", meeting.sagsnr)):
        if value:
            out.add(f"  {key}: {scalar(value)}", notes.get(key))
    for key, people in (("deltagere", meeting.deltagere), ("fraværende", meeting.fravaerende)):
        if people:
            out.add(f"  {key}:", notes.get(key))
            for person in people:
                _person(out, person)
    if meeting.referent:
        out.add(f"  referent: {scalar(meeting.referent)}", notes.get("referent"))
    if meeting.bemaerkning:
        out.add(f"  bemærkning: {scalar(meeting.bemaerkning)}", notes.get("bemærkning"))
    out.add("")


def _person(out: _Out, person: DraftPerson) -> None:
    if person.organisation is None and person.rolle is None:
        out.add(f"    - {scalar(person.navn)}")
        return
    out.add(f"    - navn: {scalar(person.navn)}")
    if person.organisation:
        out.add(f"      organisation: {scalar(person.organisation)}")
    if person.rolle:
        out.add(f"      rolle: {scalar(person.rolle)}")


def _follow_ups(out: _Out, matched: Matched) -> None:
    if not matched.follow_ups and not matched.unmatched:
        return
    out.add("opfølgning:")
    for follow_up in matched.follow_ups:
        entry = follow_up.draft
        out.add(f"  # {comment(follow_up.titel)} (aftalt {follow_up.origin})")
        out.add(f"  {follow_up.id}:", follow_up.notes.get("id"))
        if follow_up.status is not None:
            out.add(f"    status: {follow_up.status.value}", follow_up.notes.get("status"))
            if follow_up.til is not None:
                out.add(f"    til: {follow_up.til}")
        elif "status" in follow_up.notes:
            out.add("    # status:", follow_up.notes["status"])
        out.blocks("    ", "referat", entry.referat)
        if follow_up.ansvarlig:
            out.add(f"    ansvarlig: {scalar(follow_up.ansvarlig)}")
        if entry.frist is not None:
            out.add(f"    frist: {entry.frist.isoformat()}")
    for entry in matched.unmatched:
        out.add(f"  # tjek: '{comment(entry.titel)}' svarer ikke til noget åbent punkt, og runden før findes "
                "allerede; skriv punktets id her, eller tilføj punktet i den runde, det blev aftalt i:")
        out.guesses += 1
        out.add("  # id-paa-punktet:")
        if entry.status is not None:
            out.add(f"  #   status: {entry.status.value}")
        if entry.referat:
            out.add("  #   referat:")
        for level, text in entry.referat:
            out.add(f"  #     {'  ' * level}- {comment(text)}")
    out.add("")


def _items(out: _Out, items: Sequence[DraftItem]) -> None:
    if not items:
        return
    out.add("punkter:")
    for item in items:
        out.add(f"  - titel: {scalar(item.titel)}", item.notes.get("titel"))
        if item.fra is not None:
            out.add(f"    fra: {item.fra.value}", item.notes.get("fra"))
        if item.lukket:
            out.add("    lukket: ja", item.notes.get("lukket"))
        if item.sagsnr:
            out.add(f"    sagsnr: {scalar(item.sagsnr)}")
        for attribute, key in _ITEM_FIELDS:
            out.blocks("    ", key, getattr(item, attribute), item.notes.get(key))
        if item.bilag:
            out.add("    bilag:")
            for name in item.bilag:
                out.add(f"      - {scalar(name)}")
        out.add("")


def _points(out: _Out, matched: Matched) -> None:
    if not matched.points:
        return
    out.add("aftaler:")
    for point in matched.points:
        draft = point.draft
        out.add(f"  - id: {point.id}", point.notes.get("id"))
        out.add(f"    titel: {scalar(draft.titel)}", point.notes.get("titel"))
        out.blocks("    ", "beskrivelse", draft.beskrivelse, point.notes.get("beskrivelse"))
        if draft.ansvarlig:
            out.add(f"    ansvarlig: {scalar(draft.ansvarlig)}", point.notes.get("ansvarlig"))
        if draft.frist is not None:
            out.add(f"    frist: {draft.frist.isoformat()}")
        if draft.afdelinger:
            out.add("    afdelinger:", point.notes.get("afdelinger"))
            for name in draft.afdelinger:
                out.add(f"      - {scalar(name)}")
        if point.erstatter:
            out.add(f"    erstatter: [{', '.join(point.erstatter)}]", point.notes.get("erstatter"))
        elif point.notes.get("erstatter"):
            out.add("    # erstatter: []", point.notes["erstatter"])
        if draft.tema:
            out.add(f"    tema: {scalar(draft.tema)}", point.notes.get("tema"))
        out.add("")


def _signed(out: _Out, matched: Matched) -> None:
    signed = matched.draft.signed
    held = matched.draft.meeting.dato
    dates = {party: day for party, day in signed.items() if held is None or day >= held}
    if not dates:
        return
    out.add("godkendt:")
    out.add("  aftaledokument:")
    for party in ("kommune", "boligorganisation"):
        if party in dates:
            out.add(f"    {party}: {dates[party].isoformat()}")
    out.add("")


def _tree(value: Blocks) -> list[object]:
    """Blocks as nested lists: a deeper block goes into a list after the block before it."""
    root: list[object] = []
    stack: list[list[object]] = [root]
    for level, text in value:
        level = min(level, len(stack))
        while len(stack) > level + 1:
            stack.pop()
        while len(stack) < level + 1:
            child: list[object] = []
            stack[-1].append(child)
            stack.append(child)
        stack[-1].append(text)
    return root


def _sequence(items: list[object], indent: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, list):
            inner = _sequence(item, indent + "  ")
            if inner:
                lines.append(f"{indent}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
        else:
            lines.append(f"{indent}- {scalar(str(item))}")
    return lines
