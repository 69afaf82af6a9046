"""What is public: the one rule for what may reach the kommune's website (DESIGN §6).

An approved referat and a signed aftaledokument are public, in their public edition (a closed item
shows only its number and the words for a closed item); nothing derived from anything else is.
``--offentlig``, ``aftale udgiv``, the redegørelse and the site's calendar all ask :func:`published`.
"""

from __future__ import annotations

from aftale.model import Round
from aftale.views.model import AFTALEDOKUMENT, REFERAT


def published(round_: Round | None, kind: str) -> bool:
    """True when document ``kind`` of ``round_`` may be published: the referat once both parties approved it,
    the aftaledokument once both signed it. A dagsorden is sent, not published."""
    if round_ is None or not round_.held:
        return False
    if kind == REFERAT:
        return round_.approved
    if kind == AFTALEDOKUMENT:
        return round_.signed
    return False


def minutes_public(round_: Round | None) -> bool:
    """True when the words of a round's minutes (its follow-ups' notes) may be published: its referat is approved."""
    return published(round_, REFERAT)


def agreements_public(round_: Round | None) -> bool:
    """True when a round's agreements (new, carried and closed points) may be published: its aftaledokument is
    signed."""
    return published(round_, AFTALEDOKUMENT)
