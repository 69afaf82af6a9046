"""One label per agreement: its number within the round that agreed it and that round's year, "3/2021".

A round's agreements are numbered in the order the aftaledokument shows them: by tema (the settings'
themes in their order, then any other tema in order of first appearance, then those without one), then in
the order the round's file lists them. Every document that shows an agreement shows it with this label: the
referat's *Udarbejdelse af aftaledokument*, the aftaledokument, the redegørelse and item 1 of later rounds.
The label's form is the words file's (``aftaler.mærke``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aftale.ledger import Ledger, PointState
from aftale.views.text import clean, quote
from aftale.words import Words


def by_theme(states: Iterable[PointState], themes: tuple[str, ...]) -> list[PointState]:
    """Points in the order the aftaledokument shows them: by ``themes``, then other themes in order of first
    appearance, then those without one; within a tema as agreed."""
    states = list(states)
    order = {tema: index for index, tema in enumerate(themes)}
    for state in states:
        if state.point.tema is not None:
            order.setdefault(state.point.tema, len(order))
    last = len(order)
    return sorted(states, key=lambda s: order[s.point.tema] if s.point.tema is not None else last)


class Marks:
    """The labels of the points of one dialogue's ledger and of the dialogues it shares a table with.

    :param slug: the dialogue whose ledger the points come from; a point ``overført`` here is labelled as the
        dialogue it was agreed in numbered it.
    """

    def __init__(self, w: Words, themes: tuple[str, ...], ledgers: Mapping[str, Ledger], slug: str) -> None:
        self.words, self.themes, self._ledgers, self._slug = w, themes, ledgers, slug
        self._numbers: dict[tuple[str, int], dict[str, int]] = {}

    def __call__(self, state: PointState) -> str:
        """The label of ``state``'s point: "3/2021"."""
        number = self._number(state)
        if number is None:  # not found where it was agreed (a point of a dialogue outside the circle)
            return clean(state.point.id)
        return self.words("aftaler.mærke", nr=number, **{"år": state.origin})

    def order(self, states: Iterable[PointState]) -> list[PointState]:
        """Points agreed in several rounds in the order of their labels: by year, then by number."""
        return sorted(states, key=lambda s: (s.origin, self._number(s) or 0))

    def _number(self, state: PointState) -> int | None:
        home = state.home or self._slug
        key = (home, state.origin)
        numbers = self._numbers.get(key)
        if numbers is None:
            ledger = self._ledgers.get(home)
            after = ledger.after(state.origin) if ledger is not None else None
            new = by_theme(after.new_points(), self.themes) if after is not None else []
            numbers = self._numbers[key] = {s.point.id: index for index, s in enumerate(new, 1)}
        return numbers.get(state.point.id)

    def titled(self, state: PointState) -> str:
        """The label and the quoted title: "3/2021 »Social vicevært«"."""
        return self.words("aftaler.mærke-og-titel", mærke=self(state), titel=quote(state.point.titel))

    def listed(self, states: Iterable[PointState | None]) -> str:
        """Points by label and title, separated by commas."""
        return ", ".join(self.titled(state) for state in states if state is not None)
