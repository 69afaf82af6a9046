"""Which documents a dialogue has, and which round a command means when it names none: one rule for all.

``aftale byg`` renders :func:`current_documents`, the single-document commands ask
:func:`chosen_round`, the preview lists :func:`every_document` and an output folder keeps the files of
:func:`possible_documents` (judged by the round files' names alone, so nothing is read to know them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from aftale.errors import AftaleError
from aftale.load.layout import AGREEMENTS_DIR
from aftale.model import Dialog
from aftale.views.model import AFTALEDOKUMENT, DAGSORDEN, KINDS, REFERAT

#: A document of a dialogue: its kind and its round's year.
Target = tuple[str, int]


def next_agenda(dialog: Dialog) -> int | None:
    """The round whose dagsorden is the next to send: the planned round, or the one after the latest; None
    for a dialogue without rounds."""
    if not dialog.rounds:
        return None
    planned = dialog.planned()
    return planned.year if planned is not None else dialog.rounds[-1].year + 1


def current_documents(dialog: Dialog, every_round: bool = False) -> list[Target]:
    """The documents ``aftale byg`` renders for a dialogue.

    The referat and aftaledokument of the latest round that has been held, and the dagsorden of the next
    round (:func:`next_agenda`); the agenda of a held round was sent before its meeting and is not made
    again. With ``every_round``: every round's documents as well.
    """
    found: list[Target] = []
    held = [r for r in dialog.rounds if r.held]
    if every_round:
        for round_ in dialog.rounds:
            found.append((DAGSORDEN, round_.year))
            if round_.held:
                found += [(REFERAT, round_.year), (AFTALEDOKUMENT, round_.year)]
    elif held:
        found += [(REFERAT, held[-1].year), (AFTALEDOKUMENT, held[-1].year)]
    agenda = next_agenda(dialog)
    if agenda is not None and (DAGSORDEN, agenda) not in found:
        found.append((DAGSORDEN, agenda))
    return found


def every_document(dialog: Dialog) -> list[Target]:
    """Every document a dialogue can show: each round's three, and the next round's dagsorden before its file
    exists (the preview lists these)."""
    found = [(kind, round_.year) for round_ in dialog.rounds for kind in KINDS]
    agenda = next_agenda(dialog)
    if agenda is not None and (DAGSORDEN, agenda) not in found:
        found.append((DAGSORDEN, agenda))
    return found


def possible_documents(years: Iterable[int]) -> set[Target]:
    """Every document that may exist for a dialogue whose round files are named ``years``: what an output folder
    keeps. The files of a deleted round or dialogue are not among them."""
    years = sorted(years)
    found = {(kind, year) for year in years for kind in KINDS}
    if years:
        found.add((DAGSORDEN, years[-1] + 1))
    return found


def chosen_round(dialog: Dialog, kind: str, year: int | None) -> int:
    """The round a command about document ``kind`` means: ``year`` when given (a dagsorden may be of a round
    whose file does not exist yet); else the next agenda's round for a dagsorden, the latest held round for a
    referat or an aftaledokument.

    :raises AftaleError: in Danish, saying which rounds there are and what to do.
    """
    years = [r.year for r in dialog.rounds]
    if not years:
        if kind == DAGSORDEN and year is not None:
            return year
        raise AftaleError(f"dialogen '{dialog.slug}' har ingen runder endnu. Opret den første med "
                          f"'aftale ny {dialog.slug}'.")
    latest = max(years)
    if year is not None:
        if year in years or (kind == DAGSORDEN and year > latest):
            return year
        raise _missing_round(dialog.slug, kind, year, years)
    if kind == DAGSORDEN:
        return next_agenda(dialog) or latest + 1
    held = dialog.latest_held()
    if held is None:
        raise AftaleError(f"dialogen '{dialog.slug}' har ingen runde, der er holdt endnu: runden {latest} er "
                          f"planlagt. Skriv mødets udfald i {AGREEMENTS_DIR}/{dialog.slug}/{latest}.yaml, eller "
                          f"angiv runden, fx 'aftale {kind} {dialog.slug} {latest}'.")
    return held.year


def _missing_round(slug: str, kind: str, year: int, years: Sequence[int]) -> AftaleError:
    listed = ", ".join(str(y) for y in sorted(years))
    hint = " En dagsorden kan laves for en kommende runde, før dens fil findes." if kind == DAGSORDEN else ""
    return AftaleError(f"dialogen '{slug}' har ingen runde {year} (runderne er {listed}).{hint}")
