"""``aftale byg``: every document of every dialogue, in parallel, skipping what is up to date.

A manifest in the output folder records, for each document, a hash of every
input it is made from (the round and the rounds before it, dialog.yaml,
aftale.yaml, the templates, the tool's version and the options), and for each
input file its size, modification time and content hash. A dialogue whose
documents are all up to date is not even read, so a second run with nothing
changed costs a few thousand ``stat`` calls. Stale dialogues are checked and
turned into view models in the main process; worker processes (which import the
heavy renderers once) lay them out and write the files atomically.
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
from aftale.check import check, locate
from aftale.errors import AftaleError
from aftale.files import write_atomic
from aftale.inputs import Place, Refusal, read_input, regular_files, repository
from aftale.load import AGREEMENTS_DIR, DIALOG_FILE, SETTINGS_FILE, load_settings, round_files, stray_file
from aftale.model import Severity
from aftale.render import FORMATS, Options, writer
from aftale.render.templates import Templates
from aftale.views import DAGSORDEN, KINDS, Document, build as build_view

MANIFEST = ".aftale-byg.json"


@dataclass(frozen=True)
class Job:
    """One document in every format, the hash of everything it is made from, and (when stale) its view."""

    label: str
    paths: tuple[tuple[str, Path], ...]
    key: str
    view: Document | None = None


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


def targets(years: list[int], all_rounds: bool) -> Iterator[tuple[str, int]]:
    """The (kind, year) documents ``byg`` renders for a dialogue with rounds ``years``."""
    years = sorted(years)
    if not years:
        return
    for year in years if all_rounds else years[-1:]:
        for kind in KINDS:
            yield kind, year
    yield DAGSORDEN, years[-1] + 1


def _digest(*chunks: bytes) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(len(chunk).to_bytes(8, "big"))
        digest.update(chunk)
    return digest.hexdigest()


class _Fingerprints:
    """Content hashes of input files, reused from the manifest while a file's size and mtime are unchanged."""

    def __init__(self, known: dict[str, list], place: Place) -> None:
        self.known = known
        self.place = place
        self.now: dict[str, list] = {}

    def __call__(self, path: Path) -> str:
        key = str(path)
        try:
            status = path.stat()
        except OSError:
            return ""
        stamp = [status.st_size, status.st_mtime_ns]
        entry = self.known.get(key)
        if entry is None or entry[:2] != stamp:
            # a pipe or a link out is not read (its refusal is hashed instead); the check reports it
            entry = [*stamp, hashlib.sha256(_bytes(read_input(path, self.place))).hexdigest()]
        self.now[key] = entry
        return entry[2]


def _templates_digest(templates: Templates, root: Path) -> str:
    """A hash of every template file and the logo; a file that may not be read counts by its name only."""
    files = [(p, Place((d,))) for d in templates.dirs for p in regular_files((d,), Place((d,)))]
    files += [(p, repository(root)) for p in sorted(templates.extra_files)]
    return _digest(*(str(p).encode() + b"\0" + _bytes(read_input(p, place)) for p, place in files))


def _bytes(data: bytes | Refusal) -> bytes:
    return data if isinstance(data, bytes) else str(data).encode()


def build_all(start: Path, out: Path | None = None, all_rounds: bool = False, public: bool = False,
              jobs: int | None = None, options: Options = Options(),
              progress: Progress | None = None) -> Outcome:
    """Render every document of every dialogue under ``start`` into ``out``; see the module docstring."""
    began = time.monotonic()
    root = locate(start)
    out = (out if out is not None else root / DEFAULT_OUT).resolve()
    _remove_leftovers(out)
    outcome = Outcome()
    settings, settings_problems = load_settings(root)
    errors = [p for p in settings_problems if p.severity is Severity.ERROR]
    if errors:
        outcome.failed = [f"{p.pos}: {p.message}" for p in errors]
        outcome.seconds = time.monotonic() - began
        return outcome
    options = options.settled(settings)
    logo = (root / settings.logo).resolve() if settings.logo else None
    templates = Templates.for_repository(root, logo)
    manifest_path = out / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    except (OSError, ValueError):
        manifest = {}
    documents: dict[str, str] = manifest.get("dokumenter", {}) if isinstance(manifest, dict) else {}
    fingerprint = _Fingerprints(manifest.get("filer", {}) if isinstance(manifest, dict) else {}, repository(root))
    common = _digest(__version__.encode(), fingerprint(root / SETTINGS_FILE).encode(),
                     _templates_digest(templates, root).encode(), repr((public, options, tuple(FORMATS))).encode())
    planned: list[Job] = []
    for folder in sorted((root / AGREEMENTS_DIR).iterdir()):
        if folder.name.startswith(".") or (not folder.is_dir() and folder.suffix.lower() not in (".yaml", ".yml")):
            continue
        planned += _dialogue_jobs(root, folder, out, all_rounds, public, common, fingerprint, documents, outcome)
    pending = [job for job in planned if job.view is not None]
    for job in planned:
        if job.view is None:
            outcome.up_to_date.append(job)
            if progress:
                progress(job, False, len(outcome.up_to_date), len(planned))
    for job, error in _run(pending, templates, options, jobs):
        if error is None:
            outcome.built.append(job)
            for _, path in job.paths:
                documents[path.relative_to(out).as_posix()] = job.key
        else:
            outcome.failed.append(f"{job.label}: {error}")
        if progress:
            progress(job, error is None, len(outcome.up_to_date) + len(outcome.built), len(planned))
    if outcome.built or fingerprint.now != manifest.get("filer"):
        write_atomic(manifest_path, json.dumps({"dokumenter": documents, "filer": fingerprint.now}, indent=0,
                                               sort_keys=True).encode("utf-8"))
    outcome.seconds = time.monotonic() - began
    return outcome


def _dialogue_jobs(root: Path, folder: Path, out: Path, all_rounds: bool, public: bool, common: str,
                   fingerprint: _Fingerprints, documents: dict[str, str], outcome: Outcome) -> list[Job]:
    """One dialogue's jobs: without views when all are up to date, else checked and with views."""
    slug = folder.name
    if folder.is_dir():
        rounds = round_files(folder)
        listing = "\0".join(sorted(p.name for p in folder.iterdir()))  # a new, odd file makes it stale
        dialog_digest = _digest(common.encode(), fingerprint(folder / DIALOG_FILE).encode(), listing.encode())
        jobs = []
        for kind, year in targets(list(rounds), all_rounds):
            inputs = [fingerprint(path).encode() for y, path in rounds.items() if y <= year]
            key = _digest(dialog_digest.encode(), kind.encode(), str(year).encode(), *inputs)
            base = out / slug / str(year)
            jobs.append(Job(f"{slug}/{year}/{kind}", tuple((name, base / f"{kind}.{name}") for name in FORMATS), key))
        fresh = all(path.is_file() and documents.get(path.relative_to(out).as_posix()) == job.key
                    for job in jobs for _, path in job.paths)
        if jobs and fresh:
            return jobs
    if not folder.is_dir():
        problem = stray_file(slug)
        outcome.failed.append(f"{problem.pos}: {problem.message}")
        return []
    report = check(root, only=slug)
    if report.errors:
        outcome.failed += [f"{p.pos}: {p.message}" for p in report.problems if p.severity is Severity.ERROR]
        return []
    dialog = report.repository.dialog(slug)
    settings = report.repository.settings
    logo = str((root / settings.logo).resolve()) if settings.logo else None
    try:
        return [Job(job.label, job.paths, job.key,
                    build_view(job.label.rsplit("/", 1)[1], dialog, report.ledgers[slug],
                               int(job.label.split("/")[1]), settings, logo=logo, public=public)) for job in jobs]
    except Exception as error:  # noqa: BLE001 - one dialogue that cannot be built must not stop the others
        reason = str(error) if isinstance(error, AftaleError) else (
            f"intern fejl i aftale ({type(error).__name__}: {error}); meld den venligst til udviklerne")
        outcome.failed.append(f"{AGREEMENTS_DIR}/{slug}: dokumenterne kunne ikke laves: {reason}")
        return []


def _render(job: Job, templates: Templates, options: Options) -> None:
    """Render one job in every format, then write the files (in a worker process)."""
    data = {name: writer(name)(job.view, templates, options) for name, _ in job.paths}
    for name, path in job.paths:
        write_atomic(path, data[name])


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
