"""``aftale byg``: every document of every dialogue, in parallel, skipping what is up to date.

The main process checks the repository once and builds each document's view
model; worker processes (which import the heavy renderers once) lay them out
and write the files atomically. A manifest in the output folder records a hash
of each document's inputs, so a second run with nothing changed renders nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from aftale import __version__
from aftale.build import DEFAULT_OUT
from aftale.check import Report, check
from aftale.errors import AftaleError
from aftale.files import write_atomic
from aftale.load import AGREEMENTS_DIR, DIALOG_FILE, SETTINGS_FILE
from aftale.model import Dialog, Severity
from aftale.render import FORMATS, Options, writer
from aftale.render.templates import Templates
from aftale.views import DAGSORDEN, KINDS, Document, build as build_view

MANIFEST = ".aftale-byg.json"


@dataclass(frozen=True)
class Job:
    """One document to render in every format, and the hash of everything it is made from."""

    label: str
    view: Document
    paths: tuple[tuple[str, Path], ...]
    key: str


@dataclass
class Outcome:
    """What a build did."""

    built: list[Job] = field(default_factory=list)
    up_to_date: list[Job] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def files(self) -> int:
        """How many files were written."""
        return sum(len(job.paths) for job in self.built)

    def summary(self) -> str:
        """One line: built, up to date, failed, seconds."""
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        return (f"Bygget {len(self.built)} dokumenter ({self.files} filer), {len(self.up_to_date)} var opdaterede i "
                f"forvejen, {len(self.failed)} fejlede ({seconds} s).")


#: Called once per document: the job, whether it was rendered now, how many are done, how many in all.
Progress = Callable[[Job, bool, int, int], None]


def targets(dialog: Dialog, all_rounds: bool) -> Iterator[tuple[str, int]]:
    """The (kind, year) documents ``byg`` renders for a dialogue."""
    years = sorted(r.year for r in dialog.rounds)
    if not years:
        return
    for year in years if all_rounds else years[-1:]:
        for kind in KINDS:
            yield kind, year
    yield DAGSORDEN, years[-1] + 1


def _dialog_of(file: str) -> str | None:
    """The dialogue folder a problem's file lies in (or is); None for aftale.yaml."""
    parts = file.split("/")
    return parts[1] if len(parts) >= 2 and parts[0] == AGREEMENTS_DIR else None


def _digest(*chunks: bytes) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(len(chunk).to_bytes(8, "big"))
        digest.update(chunk)
    return digest.hexdigest()


def _read(path: Path) -> bytes:
    return path.read_bytes() if path.is_file() else b""


def _templates_digest(templates: Templates) -> str:
    files = sorted(p for d in templates.dirs for p in d.rglob("*") if p.is_file())
    return _digest(*(str(p).encode() + b"\0" + p.read_bytes() for p in files), *map(_read, templates.extra_files))


def plan(report: Report, out: Path, all_rounds: bool, public: bool, options: Options,
         formats: tuple[str, ...] = tuple(FORMATS)) -> tuple[list[Job], list[str]]:
    """The jobs of a build, and the dialogues that cannot be built because of errors in their files."""
    root = report.root
    errors = [p for p in report.problems if p.severity is Severity.ERROR]
    broken_all = [p for p in errors if _dialog_of(p.pos.file) is None]
    failed = [f"{p.pos}: {p.message}" for p in errors]
    broken = {_dialog_of(p.pos.file) for p in errors}
    if broken_all:
        return [], failed
    settings = report.repository.settings
    logo = (root / settings.logo).resolve() if settings.logo else None
    templates = Templates.for_repository(root, logo)
    common = _digest(__version__.encode(), _read(root / SETTINGS_FILE), _templates_digest(templates).encode(),
                     repr((public, options, formats)).encode())
    jobs = []
    for dialog in report.repository.dialogs:
        if dialog.slug in broken:
            continue
        folder = root / AGREEMENTS_DIR / dialog.slug
        dialog_digest = _digest(common.encode(), _read(folder / DIALOG_FILE))
        for kind, year in targets(dialog, all_rounds):
            rounds = [_read(folder / f"{r.year}.yaml") for r in sorted(dialog.rounds, key=lambda r: r.year)
                      if r.year <= year]
            key = _digest(dialog_digest.encode(), kind.encode(), str(year).encode(), *rounds)
            view = build_view(kind, dialog, report.ledgers[dialog.slug], year, settings,
                              logo=str(logo) if logo else None, public=public)
            base = out / dialog.slug / str(year)
            jobs.append(Job(f"{dialog.slug}/{year}/{kind}", view,
                            tuple((name, base / f"{kind}.{name}") for name in formats), key))
    return jobs, failed


def _render(job: Job, templates: Templates, options: Options) -> None:
    """Render one job in every format, then write the files (in a worker process)."""
    data = {name: writer(name)(job.view, templates, options) for name, _ in job.paths}
    for name, path in job.paths:
        write_atomic(path, data[name])


def build_all(start: Path, out: Path | None = None, all_rounds: bool = False, public: bool = False,
              jobs: int | None = None, options: Options = Options(),
              progress: Progress | None = None) -> Outcome:
    """Render every document of every dialogue under ``start`` into ``out``; see the module docstring."""
    began = time.monotonic()
    report = check(start)
    out = (out if out is not None else report.root / DEFAULT_OUT).resolve()
    options = options.settled(report.repository.settings)
    _remove_leftovers(out)
    planned, failed = plan(report, out, all_rounds, public, options)
    outcome = Outcome(failed=failed)
    manifest_path = out / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    except (OSError, ValueError):
        manifest = {}
    pending = []
    for job in planned:
        if all(path.is_file() and manifest.get(path.relative_to(out).as_posix()) == job.key
               for _, path in job.paths):
            outcome.up_to_date.append(job)
            if progress:
                progress(job, False, len(outcome.up_to_date), len(planned))
        else:
            pending.append(job)
    settings = report.repository.settings
    logo = (report.root / settings.logo).resolve() if settings.logo else None
    templates = Templates.for_repository(report.root, logo)
    for job, error in _run(pending, templates, options, jobs):
        if error is None:
            outcome.built.append(job)
            for _, path in job.paths:
                manifest[path.relative_to(out).as_posix()] = job.key
        else:
            outcome.failed.append(f"{job.label}: {error}")
        if progress:
            progress(job, error is None, len(outcome.up_to_date) + len(outcome.built) + len(outcome.failed)
                     - len(failed), len(planned))
    if outcome.built:
        write_atomic(manifest_path, json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"))
    outcome.seconds = time.monotonic() - began
    return outcome


def _remove_leftovers(out: Path) -> None:
    """Delete temporary files that an interrupted build left behind (never a finished file)."""
    if out.is_dir():
        for leftover in out.rglob(".*.tmp"):
            leftover.unlink(missing_ok=True)


def _run(pending: list[Job], templates: Templates, options: Options,
         workers: int | None) -> Iterator[tuple[Job, str | None]]:
    """Render the pending jobs, in worker processes when there is more than one; yield each as it ends."""
    workers = min(workers or os.cpu_count() or 1, len(pending))
    if workers <= 1:
        for job in pending:
            yield job, _attempt(job, templates, options)
        return
    for name in FORMATS:  # import the renderers before forking, so every worker has them loaded
        writer(name)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_attempt, job, templates, options): job for job in pending}
        for future in as_completed(futures):
            yield futures[future], future.result()


def _attempt(job: Job, templates: Templates, options: Options) -> str | None:
    """Render ``job``; the Danish reason when it failed, else None."""
    try:
        _render(job, templates, options)
    except AftaleError as error:
        return str(error)
    except Exception as error:  # noqa: BLE001 - one broken document must not stop the others
        return f"intern fejl i aftale ({type(error).__name__}: {error}); meld den venligst til udviklerne"
    return None
