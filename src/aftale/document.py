"""Rendering one document to files: choose the round, build the view, and hand it to the pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aftale import pipeline
from aftale.check import check_clean
from aftale.errors import AftaleError
from aftale.load.layout import AGREEMENTS_DIR
from aftale.model import Dialog
from aftale.redegoerelse import REDEGOERELSE, default_year, report
from aftale.render import FORMATS, Options
from aftale.render.templates import Templates
from aftale.suggest import did_you_mean
from aftale.views.build import view as document_view
from aftale.views.model import DAGSORDEN, Document
from aftale.words import for_folders

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


@dataclass(frozen=True)
class Prepared:
    """One document ready to be laid out: its view, where its templates are, its options, its round."""

    root: Path
    dialog: str
    year: int
    view: Document
    templates: Templates
    options: Options


def prepare(start: Path, request: Request) -> Prepared:
    """Check the repository (aftale.yaml and the dialogue) and build the view of the requested document.

    :raises ProblemsFound: when aftale.yaml or the dialogue has errors.
    """
    report = check_clean(start, request.dialog)
    repository = report.repository
    dialog = report.dialog(request.dialog)
    year = _year(request, dialog)
    root = report.root
    logo = (root / repository.settings.logo).resolve() if repository.settings.logo else None
    templates = Templates.for_repository(root, logo)
    view = document_view(request.kind, dialog, report.ledgers[dialog.slug], year, repository.settings,
                         logo=str(logo) if logo else None, public=request.public,
                         words=for_folders(templates.dirs, root))
    return Prepared(root, dialog.slug, year, view, templates, request.options.settled(repository.settings))


def render(start: Path, request: Request, notice: pipeline.Notice | None = None) -> list[Path]:
    """Render one document in every requested format and return the files written.

    Nothing is written unless aftale.yaml and the dialogue are free of errors and every format
    rendered; the formats are written together through :class:`aftale.pipeline.OutputFolder`, which
    records them in the output folder's manifest. A public edition is named ``<dokument>-offentlig``.
    """
    ready = prepare(start, request)
    rendered = pipeline.render(ready.view, ready.templates, ready.options, request.formats)
    out = request.out if request.out is not None else ready.root / DEFAULT_OUT
    with pipeline.OutputFolder(out, notice) as folder:
        keys = pipeline.Keys(ready.root, ready.templates, folder.inputs, request.public, ready.options)
        output = pipeline.Output(ready.dialog, ready.year, request.kind, request.public, request.formats,
                                 keys.document(ready.dialog, request.kind, ready.year))
        return folder.write(output, rendered)


def _year(request: Request, dialog: Dialog) -> int:
    """The round to render: as asked; else, for a dagsorden, the planned round (or the one after the latest),
    and for a referat or an aftaledokument the latest round that has been held."""
    years = [r.year for r in dialog.rounds]
    if not years:
        if request.kind == DAGSORDEN and request.year is not None:
            return request.year
        raise AftaleError(f"dialogen '{request.dialog}' har ingen runder endnu. Opret den første med "
                          f"'aftale ny {request.dialog}'.")
    latest = max(years)
    if request.year is not None:
        if request.year in years or (request.kind == DAGSORDEN and request.year > latest):
            return request.year
        return _missing_round(request, years)
    if request.kind == DAGSORDEN:
        planned = dialog.planned()
        return planned.year if planned is not None else latest + 1
    held = dialog.latest_held()
    if held is None:
        raise AftaleError(f"dialogen '{request.dialog}' har ingen runde, der er holdt endnu: runden {latest} er "
                          f"planlagt. Skriv mødets udfald i agreements/{request.dialog}/{latest}.yaml, eller angiv "
                          f"runden, fx 'aftale {request.kind} {request.dialog} {latest}'.")
    return held.year


def _missing_round(request: Request, years: Sequence[int]) -> int:
    listed = ", ".join(str(y) for y in sorted(years))
    hint = " En dagsorden kan laves for en kommende runde, før dens fil findes." if request.kind == DAGSORDEN else ""
    raise AftaleError(f"dialogen '{request.dialog}' har ingen runde {request.year} (runderne er {listed}).{hint}")


def render_report(start: Path, year: int | None = None, formats: tuple[str, ...] = tuple(FORMATS),
                  out: Path | None = None, options: Options = Options(),
                  notice: pipeline.Notice | None = None) -> list[Path]:
    """Render the redegørelse for styringsår ``year`` (default: the latest with a held round) across every
    dialogue, in every requested format; return the files written (``redegoerelse-<år>.<format>``).

    Nothing is written unless the whole repository is free of errors and every format rendered.
    """
    ready = prepare_report(start, year, options)
    rendered = pipeline.render(ready.view, ready.templates, ready.options, formats)
    with pipeline.OutputFolder(out if out is not None else ready.root / DEFAULT_OUT, notice) as folder:
        keys = pipeline.Keys(ready.root, ready.templates, folder.inputs, True, ready.options)
        dialogs = [p.name for p in (ready.root / AGREEMENTS_DIR).iterdir() if p.is_dir() and not p.name.startswith(".")]
        key = "\0".join([*(keys.dialogue(slug) for slug in sorted(dialogs)), REDEGOERELSE, str(ready.year)])
        output = pipeline.Output("", ready.year, REDEGOERELSE, True, formats, key,
                                 pipeline.REPORT_STEM.format(year=ready.year))
        return folder.write(output, rendered)


def prepare_report(start: Path, year: int | None = None, options: Options = Options()) -> Prepared:
    """Check the whole repository and build the view of the redegørelse for ``year`` (default: the latest
    year with a held round).

    :raises ProblemsFound: when the repository has errors.
    """
    checked = check_clean(start)
    repository, root = checked.repository, checked.root
    chosen = year if year is not None else default_year(repository.dialogs)
    logo = (root / repository.settings.logo).resolve() if repository.settings.logo else None
    templates = Templates.for_repository(root, logo)
    document = report(repository.dialogs, checked.ledgers, chosen, repository.settings,
                      logo=str(logo) if logo else None, words=for_folders(templates.dirs, root))
    return Prepared(root, "", chosen, document, templates, options.settled(repository.settings))
