"""``aftale importer``: earlier referater, dagsordener and aftaledokumenter read into draft round files.

Left to right, in the direction of the data:

- :mod:`~aftale.importer.lines` — the neutral structure every reader gives: a document as lines;
- :mod:`~aftale.importer.readers` — DOCX (python-docx), PDF (pypdf's text) and plain text, by the file's bytes;
- :mod:`~aftale.importer.vocabulary` — the Danish words recognised: labels, statuses in prose, dates;
- :mod:`~aftale.importer.paragraphs` — list marks read, broken lines joined, for every reader alike;
- :mod:`~aftale.importer.draft` — what a document holds, before it is matched: a draft round;
- :mod:`~aftale.importer.meeting`, :mod:`~aftale.importer.items`, :mod:`~aftale.importer.entries`,
  :mod:`~aftale.importer.agreement`, :mod:`~aftale.importer.recognise` — the recogniser: meeting facts,
  items, follow-ups, new points, an aftaledokument's sections;
- :mod:`~aftale.importer.titles` — titles compared, ids made from them;
- :mod:`~aftale.importer.match` — the draft matched to the loaded dialogue and its ledger: ids, follow-ups;
- :mod:`~aftale.importer.yamltext`, :mod:`~aftale.importer.write` — the YAML text with ``# tjek:`` comments;
- :mod:`~aftale.importer.run` — the command's library function, :func:`~aftale.importer.run.import_documents` (``aftale.commands.importer`` loads the dialogue);
- :mod:`~aftale.importer.report` — what was found and guessed, in Danish.
"""
