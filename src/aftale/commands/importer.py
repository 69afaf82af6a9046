"""``aftale importer``: earlier referater, dagsordener and aftaledokumenter read in as draft round files.

A consumer of one workspace: the dialogue is loaded and checked as ``aftale tjek`` does (a file with
errors stops it, nothing is written); the reading, recognising, matching and writing are the
importer's (:mod:`aftale.importer`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from aftale.importer.report import report_lines
from aftale.importer.run import Imported, OpenedDialogue, import_documents
from aftale.workspace import Workspace

__all__ = ["import_files", "report_lines"]


def import_files(start: Path, slug: str, paths: Sequence[Path], year: int | None, write: bool = True) -> Imported:
    """Import the documents ``paths`` into dialogue ``slug`` of the repository at or above ``start``."""
    workspace = Workspace.open(start)
    checked = workspace.clean(slug)
    dialog = checked.dialog(slug)
    targets = {key: other.slug for other in checked.repository.dialogs
               if slug in other.table or other.slug in dialog.table for key in (other.name.casefold(), other.slug)}
    opened = OpenedDialogue(workspace.root, dialog, checked.ledgers[slug], workspace.settings, targets)
    return import_documents(opened, slug, paths, year, write)
