"""Replaying a dialogue's rounds: which agreed points are open or closed after each round.

Pure functions over the model: no I/O, no clock. :func:`replay` applies the rules
of the format to a :class:`~aftale.model.Dialog` and returns a :class:`Ledger`
with the state after every round and the problems found on the way (follow-ups
of unknown or closed points, ids used twice, points nobody followed up).
:mod:`aftale.ledgers` replays dialogues that send points to each other together.

- :mod:`~aftale.ledger.states`: the states, :class:`PointState`, :class:`RoundState`, :class:`Ledger`;
- :mod:`~aftale.ledger.book`: one dialogue's replay, round by round (:class:`Book`), and :func:`replay`.
"""

from __future__ import annotations

from aftale.ledger.book import UNFOLLOWED_LIMIT, Book, Explain, paused_collector, replay
from aftale.ledger.states import Ledger, PointState, RoundState, Step, reference

__all__ = ["UNFOLLOWED_LIMIT", "Book", "Explain", "Ledger", "PointState", "RoundState", "Step", "paused_collector",
           "reference", "replay"]
