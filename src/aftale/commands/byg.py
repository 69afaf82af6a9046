"""``aftale byg``: every document of every dialogue, in parallel, skipping what is up to date.

One workspace serves the whole build. The output folder is held through
:class:`aftale.pipeline.OutputFolder` (locked, with its manifest). A dialogue whose documents are
all up to date is not even read: the workspace knows which documents it makes and their keys from
the output folder's memory and the files' stamps. Stale dialogues are checked and turned into view
models in the main process; worker processes (which import the heavy renderers once and get the
theme once) lay them out and write each document's formats together. A worker that dies (killed by
the machine, say) fails only its own document; the rest of the build goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.queues import SimpleQueue
from pathlib import Path
from typing import Any

from aftale import pipeline
from aftale.commands.dokument import out_folder
from aftale.errors import Problem, Severity, explain, is_internal, problem_line
from aftale.load.layout import stray_file
from aftale.pipeline.outputs import DEADLINES_FILE, INVITATION
from aftale.render import FORMATS, Options, load, writer
from aftale.render.templates import Templates
from aftale.views.model import REFERAT, Document
from aftale.workspace import Workspace

KILLED = ("processen, der lavede dokumentet, blev stoppet udefra (fx fordi maskinen løb tør for hukommelse). Prøv "
          "igen, eventuelt med færre samtidige dokumenter (-j 1).")


@dataclass(frozen=True)
class Job:
    """One document in every format: its output, its files, and (when stale) its view and what the output folder's
    manifest records of its files."""

    output: pipeline.Output
    paths: tuple[tuple[str, Path], ...]
    view: Document | None = None
    recorded: dict[str, Any] = field(default_factory=dict)

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
    #: True when a failure was a bug in aftale (the command then exits with 3).
    internal: bool = False
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


def build_all(start: Path, out: Path | None = None, all_rounds: bool = False, public: bool = False,
              jobs: int | None = None, options: Options = Options(), progress: Progress | None = None,
              notice: pipeline.Notice | None = None) -> Outcome:
    """Render every document of every dialogue under ``start`` into ``out``; see the module docstring."""
    began = time.monotonic()
    workspace = Workspace.open(start, options)
    outcome = Outcome(root=workspace.root)
    with pipeline.OutputFolder(out_folder(workspace, out), notice) as folder:
        workspace.attach(folder.fingerprints, folder)
        planned: list[Job] = []
        try:
            for entry in workspace.entries():
                planned += _dialogue_jobs(workspace, entry, folder, all_rounds, public, outcome)
        except _SettingsBroken as broken:  # nothing can be built until aftale.yaml is mended
            outcome.problems, outcome.unbuilt, planned = list(broken.problems), 1, []
        pending = [job for job in planned if job.view is not None]
        for job in planned:
            if job.view is None:
                outcome.up_to_date.append(job)
                if progress:
                    progress(job, False, len(outcome.up_to_date), len(planned))
        for job in planned:  # removes aftale's own leftovers from an interrupted build, and only those
            folder.prepare(job.output)
        results: Iterator[tuple[Job, Result]] = iter(())
        if pending:
            workspace.templates.preload()  # every worker gets the theme's bytes, read once here
            results = _run(pending, _Theme(workspace.templates, workspace.options, folder.out, folder.journal,
                                           folder.aside), jobs)
        for job, (error, internal, placed) in results:
            if placed is not None:
                outcome.built.append(job)
                folder.record(job.output, placed)
            else:
                outcome.failed.append(f"{job.label}: {error}")
                outcome.internal = outcome.internal or internal
            if progress:
                progress(job, error is None, len(outcome.up_to_date) + len(outcome.built), len(planned))
        current = {name for slug, documents in workspace.possible().items() for kind, year in documents
                   for name in pipeline.output_names(slug, year, kind)}
        rounds = [(slug, year) for slug, documents in workspace.possible().items() for kind, year in documents
                  if kind == REFERAT]  # every round with a file
        current |= {f"{pipeline.REPORT_STEM.format(year=year)}.{suffix}" for _, year in rounds for suffix in FORMATS}
        current |= {f"{slug}/{year}/{INVITATION}.{suffix}" for slug, year in rounds for suffix in ("ics", "eml")}
        current.add(DEADLINES_FILE)
        outcome.removed = folder.remove_stale(current)
        outcome.problems = sorted(outcome.problems, key=Problem.sort_key)
        folder.record_inputs(workspace.snapshot.fingerprints())
    outcome.seconds = time.monotonic() - began
    return outcome


def _dialogue_jobs(workspace: Workspace, entry: Path, folder: pipeline.OutputFolder, all_rounds: bool,
                   public: bool, outcome: Outcome) -> list[Job]:
    """One dialogue's jobs: without views when all are up to date, else checked and with views.

    aftale.yaml's problems are the build's once, and stop it before any dialogue when they are errors.
    """
    slug = entry.name
    if not entry.is_dir():
        outcome.problems.append(stray_file(slug))
        outcome.unbuilt += 1
        return []
    chosen = workspace.documents(slug, all_rounds)  # known without reading, while nothing in it changed
    if chosen is not None:
        jobs = _jobs(workspace, slug, chosen, folder, public)
        if all(folder.is_current(job.output) for job in jobs):
            return jobs
    if any(p.severity is Severity.ERROR for p in workspace.settings_problems):
        raise _SettingsBroken(workspace.settings_problems)
    checked = workspace.checked(slug)
    outcome.problems += [p for p in checked.problems if p not in outcome.problems]
    if checked.errors or chosen is None:
        outcome.unbuilt += 1
        return []
    workspace.forget_keys()  # the files were read now: the keys are of exactly the bytes read
    workspace.words  # a broken words file stops the build, with its problems, before anything is written
    jobs = _jobs(workspace, slug, chosen, folder, public)
    try:
        return [Job(job.output, job.paths, workspace.view(job.output.kind, slug, job.output.year, public),
                    {name: folder.documents[name] for name in job.output.names().values() if name in folder.documents})
                if not folder.is_current(job.output) else job for job in jobs]
    except Exception as error:  # noqa: BLE001 - one dialogue that cannot be built must not stop the others
        outcome.failed.append(f"{entry.parent.name}/{slug}: dokumenterne kunne ikke laves: {explain(error)}")
        outcome.internal = outcome.internal or is_internal(error)
        return []


class _SettingsBroken(Exception):
    """aftale.yaml has errors: no document can be built."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("aftale.yaml")
        self.problems = problems


def _jobs(workspace: Workspace, slug: str, chosen: list[tuple[str, int]], folder: pipeline.OutputFolder,
          public: bool) -> list[Job]:
    """The jobs of the documents ``chosen`` of dialogue ``slug``, without views."""
    jobs = []
    for kind, year in chosen:
        output = pipeline.Output(slug, year, kind, public, tuple(FORMATS),
                                 workspace.document_key(slug, kind, year, public))
        jobs.append(Job(output, tuple((name, folder.out / relative) for name, relative in output.names().items())))
    return jobs


#: What a worker gives back: the Danish reason it failed (or None), whether that is a bug in aftale, and what was
#: put in place.
Result = tuple[str | None, bool, pipeline.Placed | None]


@dataclass(frozen=True)
class _Theme:
    """What every job of a build shares, given to each worker once: the theme, the options, the output folder, its
    journal and where files that may not be replaced go."""

    templates: Templates
    options: Options
    out: Path
    journal: pipeline.Journal
    aside: pipeline.Aside


_theme: _Theme | None = None
_started: SimpleQueue[int] | None = None


def _attempt(job: Job, theme: _Theme) -> Result:
    """Render ``job`` and put its files in place; the Danish reason when it failed, else what was put in place."""
    try:
        rendered = {name: writer(name)(job.view, theme.templates, theme.options)  # type: ignore[arg-type]
                    for name, _ in job.paths}
        return None, False, pipeline.place(job.output, theme.out, rendered, job.recorded, theme.journal, theme.aside)
    except Exception as error:  # noqa: BLE001 - one broken document must not stop the others
        return explain(error), is_internal(error), None


def _start_worker(queue: SimpleQueue[int] | None, theme: _Theme) -> None:
    """A worker's initializer: keep the build's theme, and the queue that says which jobs began."""
    global _started, _theme
    _started, _theme = queue, theme
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a worker told to stop stops; the main process finishes the build


def _attempt_noted(index: int, job: Job) -> Result:
    """:func:`_attempt` in a worker, first telling the main process that job ``index`` has begun here."""
    if _started is not None:
        _started.put(index)
    assert _theme is not None
    return _attempt(job, _theme)


def _context() -> Any:
    """Fork where the system has it (the renderers are imported once, before); else a fresh interpreter per worker
    (Windows), which gets the theme once through its initializer."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _run(pending: list[Job], theme: _Theme, workers: int | None) -> Iterator[tuple[Job, Result]]:
    """Render the pending jobs, in worker processes when there is more than one; yield each as it ends.

    When a worker dies, its pool breaks: the jobs that had begun and not ended are each run again alone,
    so that only the one that kills its worker fails; the jobs not yet begun go on in a new pool.
    """
    workers = min(workers or os.cpu_count() or 1, len(pending))
    if workers <= 1:
        for job in pending:
            yield job, _attempt(job, theme)
        return
    load(theme.options)  # import the renderers before forking, so every worker has them loaded
    context = _context()
    queue, suspects = list(pending), []
    while queue:
        started: SimpleQueue[int] = context.SimpleQueue()
        done: set[int] = set()
        broken = False
        with ProcessPoolExecutor(max_workers=min(workers, len(queue)), mp_context=context, initializer=_start_worker,
                                 initargs=(started, theme)) as pool:
            futures = {pool.submit(_attempt_noted, index, job): index for index, job in enumerate(queue)}
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
        yield job, _alone(job, theme, context)


def _alone(job: Job, theme: _Theme, context: Any) -> Result:
    """Run one job in a worker of its own; a worker that dies fails only this job."""
    with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_start_worker,
                             initargs=(None, theme)) as pool:
        try:
            return pool.submit(_attempt_noted, 0, job).result()
        except BrokenProcessPool:
            return KILLED, False, None
