"""Loading a repository of agreements: YAML files become the model, and every problem is collected.

The entry points are :func:`find_root` and :func:`load`. Loading checks each
file on its own (syntax, keys, types, dates, ids, department names); the rules
that span rounds (which points exist, which are closed) belong to
:mod:`aftale.ledger`.

Left to right, each module importing only those before it:

- :mod:`~aftale.load.layout`: the names of folders and files, the years a round file is named by, misplaced
  and misnamed files;
- :mod:`~aftale.load.settings`: ``aftale.yaml`` and its logo;
- :mod:`~aftale.load.rounds`: one round file, its meeting, follow-ups, points and approvals;
- :mod:`~aftale.load.dialog`: one dialogue's folder, ``dialog.yaml`` and its departments;
- :mod:`~aftale.load.repository`: :func:`find_root` and :func:`load`, the whole repository and its themes.
"""

from __future__ import annotations

from aftale.load.layout import (
    AGREEMENTS_DIR, DIALOG_FILE, FIRST_YEAR, LAST_YEAR, SETTINGS_FILE, round_files, round_year, stray_file,
)
from aftale.load.repository import Loaded, dialog_entries, find_root, load, load_entry, theme_problems
from aftale.load.settings import load_settings

__all__ = [
    "AGREEMENTS_DIR", "DIALOG_FILE", "FIRST_YEAR", "LAST_YEAR", "SETTINGS_FILE", "round_files", "round_year",
    "stray_file", "Loaded", "dialog_entries", "find_root", "load", "load_entry", "load_settings", "theme_problems",
]
