"""``aftale tjek``: every problem of a repository's files, as file:line:col and a Danish sentence."""

from __future__ import annotations

from pathlib import Path

from aftale.checked import Checked
from aftale.workspace import Workspace


def check(start: Path) -> Checked:
    """Check the repository at or above ``start``: every file, then every dialogue's rounds."""
    return Workspace.open(start).checked()
