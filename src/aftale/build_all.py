"""``aftale byg``: every document of every dialogue, in parallel, skipping what is up to date.

The output folder is held through :class:`aftale.pipeline.OutputFolder` (locked, with its
manifest). A dialogue whose documents are all up to date is not even read, so a second run with
nothing changed costs a few thousand ``stat`` calls. Stale dialogues are checked and turned into
view models in the main process; worker processes (which import the heavy renderers once) lay
them out and write each document's formats together. A worker that dies (killed by the
machine, say) fails only its own document; the rest of the build goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.queues import SimpleQueue
from pathlib import Path
from typing import Any

from aftale import pipeline
from aftale.document import DEFAULT_OUT
from aftale.check import check, locate
from aftale.errors import AftaleError, MachineFault, Problem, Severity, problem_line, shown
from aftale.load.layout import AGREEMENTS_DIR, stray_file
from aftale.load.settings import load_settings
from aftale.model import Dialog
from aftale.render import FORMATS, Options, load, writer
from aftale.render.templates import Templates
from aftale.views.build import view
from aftale.views.model import AFTALEDOKUMENT, DAGSORDEN, REFERAT, Document
from aftale.words import Words, for_folders

KILLED = ("processen, der lavede dokumentet, blev stoppet udefra (fx fordi maskinen løb tør for hukommelse). Prøv "
          "igen, eventuelt med færre samtidige dokumenter (-j 1).")


@dataclass(frozen=True)
class Job:
    """One document in every format: its output, its files, and (when stale) its view."""

    output: pipeline.Output
    paths: tuple[tuple[str, Path], ...]
    view: Document | None = None

    @property
    def label(self) -> str:
        """The document as the build's messages name it."""
        return self.output.label


@dataclass
class Outcome:
    """What a build did."""

    built: list[Job] = field(default_factory=list)
    up_to_date: list[Job] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unbuilt: int = 0
    removed: list[Path] = field(default_factory=list)
    root: Path | None = None
    seconds: float = 0.0

    @property
    def files(self) -> int:
        """How many files were written."""
        return sum(len(job.paths) for job in self.built)

    def summary(self) -> str:
        """One line: built, up to date, failed, seconds."""
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        return (f"Bygget {len(self.built)} dokumenter ({self.files} filer), {len(self.up_to_date)} var opdaterede i "
                f"forvejen, {len(self.failed) + self.unbuilt} fejlede ({seconds} s).")

    def problem_lines(self) -> list[str]:
        """The problems found in the files read (errors and warnings), each as ``tjek`` prints it."""
        return [problem_line(problem, self.root) for problem in self.problems]


#: Called once per document: the job, whether it was rendered now, how many are done, how many in all.
Progress = Callable[[Job, bool, int, int], None]
#: What a worker returns: the Danish reason it failed (or None) and each format's hash and stamp.
Result = tuple[str | None, dict[str, tuple[str, list[int]]]]


def targets(dialog: Dialog, all_rounds: bool) -> list[tuple[str, int]]:
    """The (kind, year) documents ``byg`` renders for a dialogue.

    The referat and aftaledokument of the latest round that has been held, and the dagsorden of the
    planned round (or of the round after the latest); the agenda of a held round was sent before its
    meeting and is not made again. With ``all_rounds``: every round's documents.
    """
    found: list[tuple[str, int]] = []
    held = [r for r in dialog.rounds if r.held]
    if all_rounds:
        for round_ in dialog.rounds:
            found.append((DAGSORDEN, round_.year))
            if round_.held:
                found += [(REFERAT, round_.year), (AFTALEDOKUMENT, round_.year)]
    elif held:
        found += [(REFERAT, held[-1].year), (AFTALEDOKUMENT, held[-1].year)]
    if dialog.rounds:
        planned = dialog.planned()
        agenda = (DAGSORDEN, planned.year if planned is not None else dialog.rounds[-1].year + 1)
        if agenda not in found:
            found.append(agenda)
    return found


def build_all(start: Path, out: Path | None = None, all_rounds: bool = False, public: bool = False,
              jobs: int | None = None, options: Options = Options(), progress: Progress | None = None,
              notice: pipeline.Notice | None = None) -> Outcome:
    """Render every document of every dialogue under ``start`` into ``out``; see the module docstring."""
    began = time.monotonic()
    root = locate(start)
    out = (out if out is not None else root / DEFAULT_OUT).resolve()
    outcome = Outcome(root=root)
    settings, settings_problems = load_settings(root)
    errors = [p for p in settings_problems if p.severity is Severity.ERROR]
    if errors:
        outcome.problems, outcome.root, outcome.unbuilt = list(settings_problems), root, 1
        outcome.seconds = time.monotonic() - began
        return outcome
    options = options.settled(settings)
    logo = (root / settings.logo).resolve() if settings.logo else None
    templates = Templates.for_repository(root, logo)
    words = for_folders(templates.dirs, root)
    with pipeline.OutputFolder(out, notice) as folder:
        keys = pipeline.Keys(root, templates, folder.inputs, public, options)
        planned: list[Job] = []
        for entry in sorted((root / AGREEMENTS_DIR).iterdir()):
            if entry.name.startswith(".") or (not entry.is_dir() and entry.suffix.lower() not in (".yaml", ".yml")):
                continue
            planned += _dialogue_jobs(root, entry, folder, keys, all_rounds, public, outcome, words)
        pending = [job for job in planned if job.view is not None]
        for job in planned:
            if job.view is None:
                outcome.up_to_date.append(job)
                if progress:
                    progress(job, False, len(outcome.up_to_date), len(planned))
        for job in planned:  # removes aftale's own leftovers from an interrupted build, and only those
            folder.prepare(job.output)
        for job, (error, written) in _run(pending, templates, options, jobs):
            if error is None:
                outcome.built.append(job)
                folder.record(job.output, written)
            else:
                outcome.failed.append(f"{job.label}: {error}")
            if progress:
                progress(job, error is None, len(outcome.up_to_date) + len(outcome.built), len(planned))
        removed, kept = folder.remove_stale(pipeline.current_names(root))
        outcome.removed = removed
        outcome.problems = sorted(set(outcome.problems), key=Problem.sort_key)  # aftale.yaml's are read per dialogue
        for path in kept:
            folder.notice(f"{shown(path)} er ændret efter aftale skrev den og bliver stående; slet den "
                          "selv, hvis den ikke skal bruges.")
    outcome.seconds = time.monotonic() - began
    return outcome


def _dialogue_jobs(root: Path, entry: Path, folder: pipeline.OutputFolder, keys: pipeline.Keys, all_rounds: bool,
                   public: bool, outcome: Outcome, words: Words | None = None) -> list[Job]:
    """One dialogue's jobs: without views when all are up to date, else checked and with views."""
    slug = entry.name
    if not entry.is_dir():
        problem = stray_file(slug)
        outcome.problems.append(problem)
        outcome.unbuilt += 1
        return []
    everything = keys.dialogue(slug) + ("/alle" if all_rounds else "")
    known = folder.known_targets(slug, everything)  # which documents: known without reading, if nothing changed
    if known is not None:
        jobs = _jobs(slug, known, folder, keys, public)
        if not [job for job in jobs if not folder.is_current(job.output)]:
            return jobs
    report = check(root, only=slug)
    outcome.problems += report.problems
    if report.errors:
        outcome.unbuilt += 1
        return []
    dialog = report.dialog(slug)
    chosen = targets(dialog, all_rounds)
    folder.remember_targets(slug, everything, chosen)
    jobs = _jobs(slug, chosen, folder, keys, public)
    stale = {job.label for job in jobs if not folder.is_current(job.output)}
    settings = report.repository.settings
    logo = str((root / settings.logo).resolve()) if settings.logo else None
    try:
        return [Job(job.output, job.paths, view(job.output.kind, dialog, report.ledgers[slug],
                                                      job.output.year, settings, logo=logo, public=public,
                                                      words=words))
                if job.label in stale else job for job in jobs]
    except Exception as error:  # noqa: BLE001 - one dialogue that cannot be built must not stop the others
        reason = str(error) if isinstance(error, AftaleError) else (
            f"intern fejl i aftale ({type(error).__name__}: {error}); meld den venligst til udviklerne")
        outcome.failed.append(f"{AGREEMENTS_DIR}/{slug}: dokumenterne kunne ikke laves: {reason}")
        return []


def _jobs(slug: str, chosen: list[tuple[str, int]], folder: pipeline.OutputFolder, keys: pipeline.Keys,
          public: bool) -> list[Job]:
    """The jobs of the documents ``chosen`` of dialogue ``slug``, without views."""
    jobs = []
    for kind, year in chosen:
        output = pipeline.Output(slug, year, kind, public, tuple(FORMATS), keys.document(slug, kind, year))
        jobs.append(Job(output, tuple((name, folder.out / relative) for name, relative in output.names().items())))
    return jobs


def _attempt(job: Job, templates: Templates, options: Options) -> Result:
    """Render ``job`` and write its files; the Danish reason when it failed, else each file's hash and stamp."""
    try:
        rendered = {name: writer(name)(job.view, templates, options) for name, _ in job.paths}  # type: ignore[arg-type]
        return None, pipeline.write_files(dict(job.paths), rendered)
    except AftaleError as error:
        return str(error), {}
    except OSError as error:
        return str(MachineFault(error.filename or "?", error, verb="bruge")), {}
    except Exception as error:  # noqa: BLE001 - one broken document must not stop the others
        return f"intern fejl i aftale ({type(error).__name__}: {error}); meld den venligst til udviklerne", {}


_started: SimpleQueue[int] | None = None


def _remember(queue: SimpleQueue[int]) -> None:
    """A worker's initializer: keep the queue that says which jobs a worker has begun."""
    global _started
    _started = queue


def _attempt_noted(index: int, job: Job, templates: Templates, options: Options) -> Result:
    """:func:`_attempt`, first telling the main process that job ``index`` has begun here."""
    if _started is not None:
        _started.put(index)
    return _attempt(job, templates, options)


def _run(pending: list[Job], templates: Templates, options: Options,
         workers: int | None) -> Iterator[tuple[Job, Result]]:
    """Render the pending jobs, in worker processes when there is more than one; yield each as it ends.

    When a worker dies, its pool breaks: the jobs that had begun and not ended are each run again alone,
    so that only the one that kills its worker fails; the jobs not yet begun go on in a new pool.
    """
    workers = min(workers or os.cpu_count() or 1, len(pending))
    if workers <= 1:
        for job in pending:
            yield job, _attempt(job, templates, options)
        return
    load(options)  # import the renderers before forking, so every worker has them loaded
    context = multiprocessing.get_context("fork")
    queue, suspects = list(pending), []
    while queue:
        started: SimpleQueue[int] = context.SimpleQueue()
        done: set[int] = set()
        broken = False
        with ProcessPoolExecutor(max_workers=min(workers, len(queue)), mp_context=context, initializer=_remember,
                                 initargs=(started,)) as pool:
            futures = {pool.submit(_attempt_noted, index, job, templates, options): index
                       for index, job in enumerate(queue)}
            for future in as_completed(futures):
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                done.add(futures[future])
                yield queue[futures[future]], result
        if not broken:
            break
        begun: set[int] = set()
        while not started.empty():
            begun.add(started.get())
        suspects += [job for index, job in enumerate(queue) if index in begun - done]
        queue = [job for index, job in enumerate(queue) if index not in begun | done]
    for job in suspects:
        yield job, _alone(job, templates, options, context)


def _alone(job: Job, templates: Templates, options: Options, context: Any) -> Result:
    """Run one job in a worker of its own; a worker that dies fails only this job."""
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            return pool.submit(_attempt, job, templates, options).result()
        except BrokenProcessPool:
            return KILLED, {}
