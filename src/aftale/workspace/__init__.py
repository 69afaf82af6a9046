"""The repository opened once for one command: one snapshot of its inputs, and everything made from it.

A command opens a :class:`Workspace` once (``aftale vis``: once per save) and asks it for what it
needs; each is worked out once, when first asked for, from one :class:`~aftale.snapshot.Snapshot` of
the input files: the root, the settings (``aftale.yaml``), the loaded dialogues, their ledgers and
problems, the theme (template folders, words, the logo's bytes), which documents a dialogue has and
which round a command means (:mod:`~aftale.workspace.documents`), the view of a document, and its
key — the hash of the very bytes the document is rendered from (:mod:`~aftale.workspace.fingerprint`).
What is public is decided in :mod:`aftale.views.public`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from aftale import __version__
from aftale.checked import Checked, unknown_dialog
from aftale.errors import AftaleError, NotARepository, Problem, Severity
from aftale.inputs import Place, repository as repository_place
from aftale.ledger import Ledger
from aftale.ledgers import replay_all
from aftale.load.layout import AGREEMENTS_DIR, DIALOG_FILE, SETTINGS_FILE, present, round_files
from aftale.load.repository import dialog_entries, entry_dialog, find_root, load_entry, theme_problems
from aftale.load.tables import Tables, circle, may_be_joint, table_problems, tables
from aftale.load.settings import load_settings
from aftale.model import Dialog, Pos, Repository, Settings
from aftale.render import Options
from aftale.render.templates import Templates
from aftale.snapshot import Snapshot
from aftale.views.build import view as document_view
from aftale.views.joint import Circle
from aftale.views.model import Document
from aftale.views.redegoerelse import REDEGOERELSE, Report, report, report_years
from aftale.words import Words, for_folders
from aftale.workspace.documents import chosen_round, current_documents, possible_documents
from aftale.workspace.fingerprint import digest

__all__ = ["Memory", "Workspace", "locate"]


class Memory(Protocol):
    """What an output folder remembers between runs: a value per name, valid while its key is unchanged."""

    def recall(self, name: str, key: str) -> Any | None:
        """The value remembered for ``name`` when it was remembered under ``key``; None otherwise."""
        ...

    def remember(self, name: str, key: str, value: Any) -> None:
        """Remember ``value`` for ``name`` while the inputs have key ``key``."""
        ...


def locate(start: Path) -> Path:
    """The repository root at or above ``start``; raises :class:`NotARepository` if there is none."""
    if not start.exists():
        raise NotARepository(f"stien '{start}' findes ikke. Angiv mappen med dine aftaler, fx 'aftale tjek .'.")
    root = find_root(start)
    if root is None:
        raise NotARepository(
            f"fandt ingen mappe '{AGREEMENTS_DIR}/' i '{start}' eller i mapperne over den. Kør kommandoen i "
            f"mappen med dine aftaler, eller angiv den som sti.")
    return root


class Workspace:
    """The repository at ``root``, opened for one command; safe to share between the threads of ``aftale vis``.

    :param root: the repository (the folder that holds ``agreements/``).
    :param options: the options the command was given; :attr:`options` fills in what aftale.yaml says.
    """

    def __init__(self, root: Path, options: Options = Options()) -> None:
        self.root = root
        self.asked = options
        self.snapshot = Snapshot()
        self.memory: Memory | None = None
        self._lock = threading.RLock()
        self._settings: tuple[Settings, tuple[Problem, ...]] | None = None
        self._entries: dict[str, tuple[Dialog | None, int, list[Problem]]] = {}
        self._ledgers: dict[str, Ledger] = {}
        self._tables: Tables | None = None
        self._templates: Templates | None = None
        self._words: Words | None = None
        self._template_files: list[tuple[str, Path]] | None = None
        self._parts: dict[tuple[str, int | None], str] = {}

    @classmethod
    def open(cls, start: Path, options: Options = Options()) -> "Workspace":
        """The workspace of the repository at or above ``start``; :class:`NotARepository` when there is none."""
        return cls(locate(start), options)

    def attach(self, fingerprints: Mapping[str, Any], memory: Memory | None) -> None:
        """Take over what an output folder remembers: the fingerprints of the inputs of its last run (a file whose
        stamp is unchanged is not read again to be hashed) and its memory of values by key."""
        self.snapshot.learn(fingerprints)
        self.memory = memory

    # --- the repository ---------------------------------------------------------------------------------

    def entries(self) -> list[Path]:
        """Every entry of ``agreements/`` aftale looks at: the dialogues' folders and stray files, sorted."""
        return dialog_entries(self.root)

    def slugs(self) -> list[str]:
        """The names of the dialogues' folders."""
        return [entry.name for entry in self.entries() if entry.is_dir()]

    @property
    def settings(self) -> Settings:
        """The settings from ``aftale.yaml`` (the defaults without it); its problems are in :meth:`checked`."""
        return self._read_settings()[0]

    @property
    def settings_problems(self) -> tuple[Problem, ...]:
        """The problems of ``aftale.yaml`` (none without it)."""
        return self._read_settings()[1]

    @property
    def options(self) -> Options:
        """The options the command was given, with every open choice filled in from aftale.yaml or the default."""
        return self.asked.settled(self.settings)

    def _read_settings(self) -> tuple[Settings, tuple[Problem, ...]]:
        with self._lock:
            if self._settings is None:
                self._settings = load_settings(self.root, self.snapshot.read)
            return self._settings

    def _entry(self, entry: Path) -> tuple[Dialog | None, int, list[Problem]]:
        with self._lock:
            if entry.name not in self._entries:
                self._entries[entry.name] = load_entry(self.root, entry, self.snapshot.read)
            return self._entries[entry.name]

    def tables(self) -> Tables:
        """Each joint dialogue with the dialogues at its table, from every dialogue's dialog.yaml alone; known
        without reading them while none of them changed (the output folder remembers)."""
        with self._lock:
            if self._tables is None:
                key = digest("bord", *(f"{slug}\0{self._dialog_file_digest(slug)}" for slug in self.slugs()))
                remembered = self.memory.recall("bord", key) if self.memory is not None else None
                if isinstance(remembered, dict) and all(isinstance(v, list) for v in remembered.values()):
                    self._tables = {str(joint): tuple(str(s) for s in table) for joint, table in remembered.items()}
                else:
                    place = repository_place(self.root)
                    found = (entry_dialog(self.root, entry, self.snapshot.read) for entry in self.entries()
                             if entry.is_dir() and self._may_be_joint(entry / DIALOG_FILE, place))
                    self._tables = tables(dialog for dialog in found if dialog is not None)
                    if self.memory is not None:
                        self.memory.remember("bord", key, {joint: list(table) for joint, table in self._tables.items()})
            return self._tables

    def _may_be_joint(self, path: Path, place: Place) -> bool:
        data = self.snapshot.read(path, place) if present(path) else b""
        return not isinstance(data, bytes) or may_be_joint(data)

    def _dialog_file_digest(self, slug: str) -> str:
        return self.snapshot.digest(self.root / AGREEMENTS_DIR / slug / DIALOG_FILE, repository_place(self.root))

    def circle(self, slug: str) -> list[str]:
        """The dialogues a command about dialogue ``slug`` reads, itself first: those it shares a joint dialogue's
        table with (:func:`aftale.load.tables.circle`)."""
        return circle(slug, self.tables())

    def ledger(self, dialog: Dialog) -> Ledger:
        """The replay of ``dialog``'s rounds, together with those of the dialogues it shares a table with."""
        with self._lock:
            if dialog.slug not in self._ledgers:
                self.checked(dialog.slug)
            return self._ledgers[dialog.slug]

    def _replay(self, dialogs: list[Dialog]) -> dict[str, Ledger]:
        """The ledgers of ``dialogs`` replayed together, each worked out once."""
        with self._lock:
            if any(dialog.slug not in self._ledgers for dialog in dialogs):
                self._ledgers.update(replay_all(dialogs))
            return {dialog.slug: self._ledgers[dialog.slug] for dialog in dialogs}

    def checked(self, only: str | None = None) -> Checked:
        """Every problem of the repository (or of aftale.yaml and the dialogue ``only`` with those it shares a table
        with, :meth:`circle`), in reading order, with the dialogues as far as they could be read and their
        ledgers."""
        settings, problems_of_settings = self._read_settings()
        files = 1 if present(self.root / SETTINGS_FILE) else 0
        problems = list(problems_of_settings)
        folder = self.root / AGREEMENTS_DIR
        entries = [folder / slug for slug in self.circle(only)] if only is not None else self.entries()
        dialogs: list[Dialog] = []
        for entry in entries:
            if only is not None and not entry.is_dir():
                continue
            dialog, count, found = self._entry(entry)
            files += count
            problems += found
            if dialog is not None:
                dialogs.append(dialog)
        problems += theme_problems(settings, dialogs)
        problems += table_problems(dialogs, self.slugs())
        ledgers = self._replay(dialogs)
        for ledger in ledgers.values():
            problems.extend(ledger.problems)
        if not dialogs and only is None:
            problems.append(Problem(Pos(AGREEMENTS_DIR), f"mappen {AGREEMENTS_DIR}/ har ingen dialoger endnu. Opret "
                                                         "en mappe pr. dialog med en dialog.yaml.", Severity.WARNING))
        repository = Repository(str(self.root), settings, tuple(dialogs), files)
        return Checked(self.root, tuple(sorted(problems, key=Problem.sort_key)), len(dialogs), files, repository,
                       ledgers, self.slugs())

    def clean(self, only: str | None = None) -> Checked:
        """:meth:`checked`, refusing with :class:`aftale.errors.ProblemsFound` when there are errors (nothing is
        written); for ``only``, a name that is no dialogue is an error with the nearest name."""
        if only is not None and not (self.root / AGREEMENTS_DIR / only).is_dir():
            raise unknown_dialog(only, self.slugs())
        return self.checked(only).refuse_errors()

    def dialog(self, slug: str) -> Dialog:
        """The dialogue ``slug``, checked free of errors (with aftale.yaml)."""
        return self.clean(slug).dialog(slug)

    # --- the theme ----------------------------------------------------------------------------------------

    @property
    def logo(self) -> bytes | None:
        """The bytes of the logo aftale.yaml names (checked to be a PNG or JPEG inside the repository), or None."""
        path = self.logo_path()
        if path is None:
            return None
        data = self.snapshot.read(path, repository_place(self.root))
        return data if isinstance(data, bytes) else None

    def logo_path(self) -> Path | None:
        """Where the logo aftale.yaml names is, or None; known without reading aftale.yaml while it is unchanged."""
        name: str | None
        if self._settings is None and self.memory is not None:
            remembered = self.memory.recall("logo", self._settings_digest())
            if isinstance(remembered, str):
                return self.root / remembered if remembered else None
        name = self.settings.logo
        if self.memory is not None:
            self.memory.remember("logo", self._settings_digest(), name or "")
        return self.root / name if name else None

    def logo_path_known(self) -> Path | None:
        """Where the logo is, when aftale.yaml has been read already (None otherwise: nothing is read to tell)."""
        return self.logo_path() if self._settings is not None else None

    @property
    def templates(self) -> Templates:
        """The template search path (the repository's ``templates/`` first), read through the snapshot, with the
        logo's bytes."""
        with self._lock:
            if self._templates is None:
                self._templates = Templates.for_repository(self.root, self.snapshot.read, self.logo)
            return self._templates

    @property
    def words(self) -> Words:
        """Every word of the documents: the built-in words file, overridden by the repository's own."""
        with self._lock:
            if self._words is None:
                self._words = for_folders(self.templates.dirs, self.root, self.snapshot.read)
            return self._words

    # --- documents ------------------------------------------------------------------------------------------

    def round_for(self, dialog: Dialog, kind: str, year: int | None) -> int:
        """The round a command about document ``kind`` means (:func:`~aftale.workspace.documents.chosen_round`)."""
        return chosen_round(dialog, kind, year)

    def documents(self, slug: str, every_round: bool = False) -> list[tuple[str, int]] | None:
        """The documents ``aftale byg`` makes of dialogue ``slug``, known without reading it while nothing in it
        changed; None when the dialogue has errors."""
        key = self.dialogue_key(slug) + ("/alle" if every_round else "")
        if self.memory is not None:
            remembered = self.memory.recall(f"dokumenter:{slug}", key)
            if isinstance(remembered, list):
                try:
                    return [(str(kind), int(year)) for kind, year in remembered]
                except (TypeError, ValueError):
                    pass
        checked = self.checked(slug)
        if checked.errors:
            return None
        found = current_documents(checked.dialog(slug), every_round)
        if self.memory is not None:
            self.memory.remember(f"dokumenter:{slug}", key, [list(target) for target in found])
        return found

    def possible(self) -> dict[str, set[tuple[str, int]]]:
        """Every document that may exist, by dialogue, judged by the round files' names alone."""
        return {entry.name: possible_documents(round_files(entry)) for entry in self.entries() if entry.is_dir()}

    def view(self, kind: str, slug: str, year: int, public: bool = False) -> Document:
        """The view model of document ``kind`` of round ``year`` of dialogue ``slug`` (checked free of errors)."""
        checked = self.clean(slug)
        dialog = checked.dialog(slug)
        circle = Circle(checked.repository.dialogs, checked.ledgers)
        return document_view(kind, dialog, self.ledger(dialog), year, self.settings, logo=self.logo is not None,
                             public=public, words=self.words, circle=circle)

    def report_year(self, year: int | None) -> int:
        """The styringsår of a redegørelse: ``year``, or the latest in which a dialogue held its round.

        :raises AftaleError: in Danish, when no dialogue held its round of that year (or any round).
        """
        years = report_years(self.clean().repository.dialogs)
        if not years:
            raise AftaleError("ingen dialog har holdt et møde endnu, så der er intet at redegøre for. Skriv mødets "
                              "udfald i rundens fil, og prøv igen.")
        if year is not None and year not in years:
            raise AftaleError(f"ingen dialog har holdt sit møde for {year}, så der er ingen redegørelse for {year}. "
                              f"År med holdte møder: {', '.join(str(y) for y in years)}.")
        return year if year is not None else years[-1]

    def report_view(self, year: int) -> Report:
        """The view model of the redegørelse for styringsår ``year`` across every dialogue (see :meth:`report_year`)."""
        checked = self.clean()
        year = self.report_year(year)
        return report(checked.repository.dialogs, checked.ledgers, year, self.settings, logo=self.logo is not None,
                      words=self.words)

    # --- keys -----------------------------------------------------------------------------------------------

    def document_key(self, slug: str, kind: str, year: int, public: bool) -> str:
        """The key of document ``kind`` of round ``year``: it depends on that round and every round before it, and
        on those up to that year of the dialogues it shares a table with (a joint dialogue's rounds give an
        individual aftaledokument its *Fælles aftaler*; a point ``overført`` links two dialogues)."""
        others = [other for other in self.circle(slug) if other != slug]
        return digest(self._common(), "dokument", slug, kind, str(year), str(public), self._dialogue(slug, year),
                      *(f"{other}\0{self._shared(other, year)}" for other in others))

    def report_key(self, year: int) -> str:
        """The key of the redegørelse for ``year``: every dialogue's rounds up to that year."""
        return digest(self._common(), REDEGOERELSE, str(year), *(self._dialogue(slug, year) for slug in self.slugs()))

    def dialogue_key(self, slug: str) -> str:
        """The key of everything in dialogue ``slug``: which documents a build makes depends on all of it."""
        return digest(self._common(), "dialog", slug, self._dialogue(slug, None))

    def site_key(self, *extra: str) -> str:
        """The key of a page that shows every dialogue (the site's front page), with ``extra`` (its formats)."""
        return digest(self._common(), "side", *extra, *(self.dialogue_key(slug) for slug in self.slugs()))

    def _common(self) -> str:
        """What every document is made from besides its dialogue: aftale's version, aftale.yaml, every template file,
        the logo and the options asked for (aftale.yaml's own options are in its hash)."""
        with self._lock:
            if "common" not in self.__dict__:
                self.__dict__["common"] = digest(
                    __version__, self._settings_digest(),
                    *(f"{name}\0{self._template_digest(path)}" for name, path in self._all_template_files()),
                    self._logo_digest(), repr(self.asked))
            return str(self.__dict__["common"])

    def _settings_digest(self) -> str:
        return self.snapshot.digest(self.root / SETTINGS_FILE, repository_place(self.root))

    def _logo_digest(self) -> str:
        path = self.logo_path()
        return self.snapshot.digest(path, repository_place(self.root)) if path is not None else ""

    def _all_template_files(self) -> list[tuple[str, Path]]:
        if self._template_files is None:
            self._template_files = self._search_path().files()
        return self._template_files

    def _search_path(self) -> Templates:
        """The template folders alone (no logo): what the keys need, known without reading aftale.yaml."""
        return self._templates or Templates.for_repository(self.root, self.snapshot.read)

    def _template_digest(self, path: Path) -> str:
        folder = next(d for d in self._search_path().dirs if path.is_relative_to(d))
        return self.snapshot.digest(path, Place((folder,), noun="skabelonen", name="skabelonmappen"))

    def _dialogue(self, slug: str, year: int | None) -> str:
        """The key of dialogue ``slug``'s own files: dialog.yaml, the names in its folder (a new, odd file makes
        it stale) and its round files up to ``year`` (all with None)."""
        with self._lock:
            if (slug, year) not in self._parts:
                folder = self.root / AGREEMENTS_DIR / slug
                place = repository_place(self.root)
                try:
                    listing = "\0".join(sorted(entry.name for entry in folder.iterdir()))
                except OSError:
                    listing = ""
                rounds = round_files(folder) if folder.is_dir() else {}
                self._parts[(slug, year)] = digest(
                    self.snapshot.digest(folder / DIALOG_FILE, place), listing,
                    *(f"{y}\0{self.snapshot.digest(path, place)}" for y, path in rounds.items()
                      if year is None or y <= year))
            return self._parts[(slug, year)]

    def _shared(self, slug: str, year: int) -> str:
        """The key of what another dialogue at the same table gives a document of ``year``: its dialog.yaml and its
        round files up to ``year`` (a later round, or another file in its folder, changes nothing here)."""
        folder = self.root / AGREEMENTS_DIR / slug
        place = repository_place(self.root)
        rounds = round_files(folder) if folder.is_dir() else {}
        return digest(self._dialog_file_digest(slug), *(f"{y}\0{self.snapshot.digest(path, place)}"
                                                        for y, path in rounds.items() if y <= year))

    def forget_keys(self) -> None:
        """Work the keys out again from the snapshot: after loading, a file read since a key was made may hold other
        bytes than the stamp promised (it was saved meanwhile), and what is recorded must be what was rendered."""
        with self._lock:
            self._parts.clear()
            self.__dict__.pop("common", None)

