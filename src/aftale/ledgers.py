"""Replaying every dialogue together: points ``overført`` from one dialogue to another, and joint points.

Pure functions over the model, like :mod:`aftale.ledger`: no I/O, no clock. :func:`replay_all` replays the rounds
of every dialogue in one order (:func:`order`), so that a point ``overført`` in one dialogue's round is open in the
target dialogue from then on, under the reference ``<dialog>/<id>``, and the target's next round follows it up.
:func:`binding` says which points of the joint dialogues bind an individual dialogue in a year (the
aftaledokument's *Fælles aftaler*).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from aftale.ledger import Book, Ledger, PointState, paused_collector
from aftale.model import Dialog, Pos, Round
from aftale.suggest import did_you_mean


def order(dialogs: Iterable[Dialog]) -> list[tuple[Dialog, Round]]:
    """Every round of every dialogue, in the order they are replayed: by the round's year; within a year by the
    meeting's date (a round whose date is not known yet comes after those whose date is); on the same date (or
    both without one), the individual dialogues' rounds before the joint dialogues' (a joint meeting can take up
    what an individual meeting the same day sent it), then by the dialogue's name."""
    return sorted(((d, r) for d in dialogs for r in d.rounds), key=lambda pair: (
        pair[1].year, _date(pair[1]) or date.max, pair[0].is_joint, pair[0].slug))


def _date(round_: Round) -> date | None:
    return round_.moede.dato if round_.moede is not None else None


def replay_all(dialogs: Sequence[Dialog]) -> dict[str, Ledger]:
    """The ledger of every dialogue in ``dialogs``, by slug, replayed together (see the module docstring).

    A point ``overført`` to a dialogue that is not among ``dialogs`` (or to its own) is closed where it was and
    arrives nowhere: the check of the tables (:func:`aftale.load.tables.table_problems`) reports it.
    """
    books: dict[str, Book] = {}
    for dialog in dialogs:
        books[dialog.slug] = Book(dialog, _Explainer(dialog, books).explain)
    with paused_collector():
        for dialog, round_ in order(dialogs):
            for state, target in books[dialog.slug].round(round_):
                if target in books and target != dialog.slug:
                    books[target].arrive(state, dialog.slug, round_.year)
    return {slug: book.ledger() for slug, book in books.items()}


class _Explainer:
    """What the other dialogues can say of a reference a dialogue does not know."""

    def __init__(self, dialog: Dialog, books: Mapping[str, Book]) -> None:
        self.dialog = dialog
        self.books = books

    def explain(self, ref: str, year: int) -> str | None:
        """A Danish sentence about ``ref`` named in round ``year`` of this dialogue; None when nothing is known."""
        slug = self.dialog.slug
        home, _, point_id = ref.rpartition("/")
        if home:
            other = self.books.get(home)
            if other is None or home == slug:
                known = [s for s in self.books if s != slug]
                return (f"'{ref}' nævner dialogen '{home}', men den findes ikke.{did_you_mean(home, known)} Et punkt "
                        "fra en anden dialog skrives som dialogens mappenavn, '/' og punktets id.")
            if point_id not in other.agreed_at:
                return (f"dialogen '{home}' har intet aftalt punkt med id'et '{point_id}'."
                        f"{did_you_mean(point_id, list(other.agreed_at))} Ret id'et efter '/'.")
            joint = self._joint_of(other, point_id, ref)
            if joint is not None:
                return joint
            sent = next(((when, pos) for when, target, pos in self._transfers(other, point_id) if target == slug), None)
            if sent is not None:
                return (f"punktet '{ref}' overføres først hertil i runden {sent[0]} af '{home}' ({sent[1]}), som ligger "
                        f"efter dette møde. Et møde kan kun følge op på punkter, der er overført før det; følg punktet "
                        "op i næste runde.")
            return (f"punktet '{ref}' er ikke overført til '{slug}', så det følges op i '{home}'. Skal denne dialog "
                    f"følge det op, så skriv 'status: overført' og 'til: {slug}' under opfølgning i '{home}'.")
        for book in self.books.values():
            if book.dialog.is_joint and slug in book.dialog.table and ref in book.agreed_at:
                return self._joint_of(book, ref, ref)
        return None

    def _joint_of(self, joint: Book, point_id: str, ref: str) -> str | None:
        """The problem of following up point ``point_id`` of joint dialogue ``joint`` here (named ``ref``), or None
        when this dialogue may."""
        if not joint.dialog.is_joint or self.dialog.is_joint:
            return None
        return (f"punktet '{ref}' er en fælles aftale fra den fælles dialog '{joint.slug}', og kun den fælles dialog "
                f"følger fælles aftaler op. Flyt opfølgningen til den fælles dialogs næste runde "
                f"(agreements/{joint.slug}/), og skriv '{point_id}' dér.")

    @staticmethod
    def _transfers(book: Book, point_id: str) -> list[tuple[int, str, Pos]]:
        """Where the rounds of ``book`` send point ``point_id`` (by any name): round year, target and position."""
        found = []
        for round_ in book.dialog.rounds:
            for follow_up in round_.opfoelgning:
                if follow_up.til is not None and follow_up.id.rpartition("/")[2] == point_id:
                    found.append((round_.year, follow_up.til, follow_up.pos))
        return found


@dataclass(frozen=True)
class JointPoints:
    """What one joint dialogue has agreed for one of the dialogues at its table, as its latest round held in or
    before a year left it: that round, and the joint points open after it that bind the dialogue."""

    joint: Dialog
    round: Round
    points: tuple[PointState, ...]


def bound(state: PointState, joint: Dialog) -> tuple[str, ...]:
    """The dialogues point ``state`` of joint dialogue ``joint`` binds: those in its ``gælder``, or every dialogue
    at the table when it names none (a point ``overført`` to the joint dialogue binds the whole table)."""
    named = state.point.gaelder if not state.arrived else ()
    return tuple(name.value for name in named) or joint.table


def binds(state: PointState, joint: Dialog, slug: str) -> bool:
    """True when point ``state`` of joint dialogue ``joint`` binds dialogue ``slug`` (:func:`bound`)."""
    return slug in bound(state, joint)


def binding(dialogs: Iterable[Dialog], ledgers: Mapping[str, Ledger], slug: str, year: int) -> tuple[JointPoints, ...]:
    """For each joint dialogue that has dialogue ``slug`` at its table and held a round in or before ``year``: the
    joint points open after the latest such round that bind ``slug`` (perhaps none), in the order agreed."""
    found = []
    for joint in dialogs:
        if not joint.is_joint or slug not in joint.table or joint.slug not in ledgers:
            continue
        held = [r for r in joint.rounds if r.held and r.year <= year]
        if not held:
            continue
        after = ledgers[joint.slug].after(held[-1].year)
        if after is None:
            continue
        points = tuple(state for state in after.open_points() if binds(state, joint, slug))
        found.append(JointPoints(joint, held[-1], points))
    return tuple(found)
