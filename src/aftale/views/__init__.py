"""One view model per document, from the model and the ledger: numbers, letters, Danish words and dates.

The writers in :mod:`aftale.render` take a :class:`~aftale.views.model.Document` and compute
nothing, so the DOCX and the PDF of a document always say the same thing.
All text is cleaned here of characters that XML cannot hold.

Left to right, each module importing only those before it:

- :mod:`~aftale.views.model`: the kinds of document and the view-model dataclasses;
- :mod:`~aftale.views.text`: clean text, amounts kept whole, letters, quotes, paragraphs as lines;
- :mod:`~aftale.views.indicators`: an indicator's progress, table, chart and alt text;
- :mod:`~aftale.views.entries`: a point's status, facts and latest remark, and a new point's entry;
- :mod:`~aftale.views.meeting`: the dagsorden and the referat;
- :mod:`~aftale.views.agreement`: the aftaledokument;
- :mod:`~aftale.views.build`: :func:`view`, what every document shares, then its kind's own.
"""

from __future__ import annotations

from aftale.views.build import view
from aftale.views.indicators import indicator_view, measured
from aftale.views.model import (
    AFTALEDOKUMENT, DAGSORDEN, KINDS, REFERAT, Chart, Document, Entry, Fact, Group, IndicatorView, ItemView, Labels,
    Line, Part, PeopleGroup, Section, Signature, SignatureLine,
)
from aftale.views.text import NO_BREAK, clean, lines, quote

__all__ = [
    "AFTALEDOKUMENT", "DAGSORDEN", "KINDS", "REFERAT", "Chart", "Document", "Entry", "Fact", "Group", "IndicatorView",
    "ItemView", "Labels", "Line", "Part", "PeopleGroup", "Section", "Signature", "SignatureLine",
    "NO_BREAK", "clean", "lines", "quote", "indicator_view", "measured", "view",
]
