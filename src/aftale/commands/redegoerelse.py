"""``aftale redegørelse``: the kommune's redegørelse for one styringsår, across every dialogue."""

from __future__ import annotations

from pathlib import Path

from aftale import pipeline
from aftale.commands.dokument import out_folder
from aftale.render import FORMATS, Options
from aftale.views.redegoerelse import REDEGOERELSE
from aftale.workspace import Workspace


def render_report(start: Path, year: int | None = None, formats: tuple[str, ...] = tuple(FORMATS),
                  out: Path | None = None, options: Options = Options(),
                  notice: pipeline.Notice | None = None) -> list[Path]:
    """Render the redegørelse for styringsår ``year`` (default: the latest with a held round) across every
    dialogue, in every requested format; return the files written (``redegoerelse-<år>.<format>``).

    Nothing is written unless the whole repository is free of errors and every format rendered.
    """
    workspace = Workspace.open(start, options)
    chosen = workspace.report_year(year)
    view = workspace.report_view(chosen)
    rendered = pipeline.render(view, workspace.templates, workspace.options, formats)
    with pipeline.OutputFolder(out_folder(workspace, out), notice) as folder:
        output = pipeline.Output("", chosen, REDEGOERELSE, True, formats, workspace.report_key(chosen),
                                 pipeline.REPORT_STEM.format(year=chosen))
        written = folder.write(output, rendered)
        folder.record_inputs(workspace.snapshot.fingerprints())
        return written
