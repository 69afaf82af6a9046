"""The view of one document: what every document shares, then its kind's own from :mod:`~aftale.views.meeting`
or :mod:`~aftale.views.agreement`."""

from __future__ import annotations

import gc
from datetime import date

from aftale.ledger import Ledger
from aftale.model import Dialog, Round, Settings
from aftale.views.agreement import agreement_view
from aftale.views.meeting import meeting_view
from aftale.views.joint import Circle, parties
from aftale.views.model import AFTALEDOKUMENT, REFERAT, Document, Labels
from aftale.views.text import clean, name_of
from aftale.words import Words, builtin as builtin_words


def view(kind: str, dialog: Dialog, ledger: Ledger, year: int, settings: Settings,
         logo: bool = False, public: bool = False, words: Words | None = None, circle: Circle | None = None) -> Document:
    """The view model of document ``kind`` for round ``year`` of ``dialog``.

    :param logo: whether the document shows the repository's logo.
    :param public: the public edition: a closed item shows only its number and the words for a closed item.
    :param words: the words of the documents (:func:`aftale.words.for_folders`); the built-in words if None.
    :param circle: the dialogues ``dialog`` shares a table with, and their ledgers (:class:`~aftale.views.joint.Circle`);
        None for a dialogue on its own.

    The cyclic garbage collector is paused meanwhile, as during a replay: a view is made of many small
    immutable objects and no cycles, and with 20,000 points the collector's rescans of the growing heap
    made the time grow with the square of the points.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(kind, dialog, ledger, year, settings, logo, public, words,
                      circle or Circle((dialog,), {dialog.slug: ledger}))
    finally:
        if collecting:
            gc.enable()


def _build(kind: str, dialog: Dialog, ledger: Ledger, year: int, settings: Settings, logo: bool,
           public: bool, words: Words | None, circle: Circle) -> Document:
    w = (words or builtin_words()).mapped(clean)
    round_ = dialog.round(year) or Round(year, dialog.pos)
    meeting_date = round_.moede.dato if round_.moede and round_.moede.dato else None
    sender = clean(settings.afsender or dialog.kommune)
    before_page, between, after_pages = w("dokumenter.sidetal", side="\0", sider="\0").split("\0")
    draft = round_.held and ((kind == REFERAT and not round_.approved)
                             or (kind == AFTALEDOKUMENT and not round_.signed))
    title = w(f"dokumenter.{kind}")
    base = Document(
        kind=kind, title=w("dokumenter.udkast", titel=title) if draft else title, sender=sender,
        running=w("dokumenter.sidehoved-udkast", afsender=sender) if draft else sender, year=year,
        dialog=dialog.slug, public=public, date=meeting_date or date(year, 1, 1), logo=logo,
        heading=w("dokumenter.undertitel-fælles", titel=name_of(w, dialog), parter=parties(w, dialog, circle),
                  **{"år": year}) if dialog.is_joint else
        w("dokumenter.undertitel", **{"år": year}, kommune=clean(dialog.kommune), boligorganisation=name_of(w, dialog)),
        note=clean(round_.moede.bemaerkning) if round_.moede and round_.moede.bemaerkning else None,
        labels=Labels(w("aftaledokument.oversigt"), w("aftaledokument.underskrifter"),
                      (before_page, between, after_pages), w("dokumenter.indhold")),
        logo_text=w("dokumenter.logo", afsender=sender),
        overview_header=tuple(w(key) for key in ("oversigt.nr", "oversigt.aftale", "oversigt.aftalt",
                                                 "oversigt.status", "oversigt.ansvarlig", "oversigt.frist")),
    )
    if kind == AFTALEDOKUMENT:
        return agreement_view(w, base, dialog, ledger, round_, settings, circle)
    return meeting_view(w, base, kind, dialog, ledger, round_, settings, public, circle)
