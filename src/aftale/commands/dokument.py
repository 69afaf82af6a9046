"""``aftale dagsorden``, ``referat`` and ``aftaledokument``: one document, in every format asked for.

The workspace checks aftale.yaml and the dialogue, chooses the round and builds the view; the
formats are rendered, then written together through :class:`aftale.pipeline.OutputFolder`, which
records them under the key of exactly the bytes they were rendered from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aftale import pipeline
from aftale.errors import AftaleError, shown
from aftale.load.layout import AGREEMENTS_DIR
from aftale.render import FORMATS, Options
from aftale.suggest import did_you_mean
from aftale.words import TEMPLATES_DIR
from aftale.workspace import Workspace

#: The output folder, relative to the repository, when none is given.
DEFAULT_OUT = "build"


@dataclass(frozen=True)
class Request:
    """One document to render: which dialogue, which kind, which round (None: the default round)."""

    dialog: str
    kind: str
    year: int | None = None
    formats: tuple[str, ...] = tuple(FORMATS)
    out: Path | None = None
    public: bool = False
    options: Options = Options()


def parse_formats(text: str) -> tuple[str, ...]:
    """``"docx,pdf"`` as a tuple of known formats; raises :class:`AftaleError` for an unknown one."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    for name in names:
        if name not in FORMATS:
            raise AftaleError(f"ukendt format '{name}'.{did_you_mean(name, FORMATS)} "
                              f"Vælg blandt: {', '.join(FORMATS)} (adskilt af komma).")
    if not names:
        raise AftaleError(f"angiv mindst ét format: {', '.join(FORMATS)}.")
    return names


def out_folder(workspace: Workspace, out: Path | None, default: str = DEFAULT_OUT, what: str = "filerne") -> Path:
    """The output folder a command writes in: ``out``, or ``default`` in the repository.

    :raises AftaleError: for a folder inside the repository's own folders (``agreements/``, ``templates/``): the
        outputs would lie among the user's files, and every template change would make them stale.
    """
    chosen = (out if out is not None else workspace.root / default).resolve()
    for name in (AGREEMENTS_DIR, TEMPLATES_DIR):
        inside = workspace.root.resolve() / name
        if chosen == inside or inside in chosen.parents:
            raise AftaleError(f"'{shown(chosen)}' ligger i mappen {name}/, og dér må {what} ikke skrives. Vælg en "
                              f"mappe uden for {name}/ med -o, fx '-o {default}'.")
    return chosen


def render(start: Path, request: Request, notice: pipeline.Notice | None = None) -> list[Path]:
    """Render one document in every requested format and return the files written.

    Nothing is written unless aftale.yaml and the dialogue are free of errors and every format
    rendered; the formats are written together. A public edition is named ``<dokument>-offentlig``.
    """
    workspace = Workspace.open(start, request.options)
    dialog = workspace.dialog(request.dialog)
    year = workspace.round_for(dialog, request.kind, request.year)
    view = workspace.view(request.kind, dialog.slug, year, request.public)
    rendered = pipeline.render(view, workspace.templates, workspace.options, request.formats)
    with pipeline.OutputFolder(out_folder(workspace, request.out), notice) as folder:
        key = workspace.document_key(dialog.slug, request.kind, year, request.public)  # of the bytes rendered from
        output = pipeline.Output(dialog.slug, year, request.kind, request.public, request.formats, key)
        written = folder.write(output, rendered)
        folder.record_inputs(workspace.snapshot.fingerprints())
        return written
