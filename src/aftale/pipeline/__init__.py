"""The one way documents become files, for every command that writes them.

An :class:`OutputFolder` is held while a command writes: it locks the folder (one writer at a
time), reads the manifest of what aftale wrote there before, writes each document's formats all
or nothing (:func:`aftale.files.write_together`), records every file's hash, removes only its own
leftover temporary files, and removes the files of documents that are no longer made.

The manifest records, for every file written, the key of what it was made from (the workspace's,
:mod:`aftale.workspace`) and the hash of its bytes. A file is up to date only when its key is the
current one and its bytes are still the ones aftale wrote: a file that is missing, changed by hand or
written by another command or edition is stale.

The package: :mod:`~aftale.pipeline.outputs` (the documents and rendering them),
:mod:`~aftale.pipeline.placing` (putting a document's files in place: never over what a person wrote,
and so that a stopped run is finished by the next) and :mod:`~aftale.pipeline.folder` (the output folder).
"""

from aftale.pipeline.folder import LOCK, MANIFEST, OutputFolder
from aftale.pipeline.outputs import PUBLIC_SUFFIX, REPORT_STEM, Notice, Output, file_hash, output_names, render
from aftale.pipeline.placing import Aside, Journal, Placed, place

__all__ = ["LOCK", "MANIFEST", "PUBLIC_SUFFIX", "REPORT_STEM", "Aside", "Journal", "Notice", "Output", "OutputFolder",
           "Placed", "file_hash", "output_names", "place", "render"]
