"""The ``aftale`` command line: parse arguments, call the library, print. Nothing else.

The package: :mod:`~aftale.cli.params` (the parameter types the commands share),
:mod:`~aftale.cli.group` (the group, its Danish help and errors, exit codes, :func:`main`),
:mod:`~aftale.cli.repository` (``tjek``, ``ny``, ``ny-dialog``, ``skema``, ``status``,
``historik``), :mod:`~aftale.cli.documents` (the documents, ``byg``, ``udgiv``, ``vis``) and
:mod:`~aftale.cli.calendar` (``invitation``, ``kalender``).
Importing the command modules registers their commands on :data:`cli`.
"""

from aftale.cli.calendar import invitation, kalender
from aftale.cli.documents import byg, udgiv, vis
from aftale.cli.group import EXIT_INTERNAL, EXIT_INTERRUPTED, cli, main
from aftale.cli.importer import importer
from aftale.cli.repository import historik, ny, ny_dialog, skema, status, tjek

__all__ = ["EXIT_INTERNAL", "EXIT_INTERRUPTED", "byg", "cli", "historik", "importer", "invitation", "kalender", "main",
           "ny", "ny_dialog", "skema", "status", "tjek", "udgiv", "vis"]
