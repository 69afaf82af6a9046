"""``aftale importer``: read documents, recognise them, match them to the dialogue, write draft round files.

The documents are read and recognised first, then matched oldest first, each seeing the rounds the
ones before it will write; nothing is written until every file is known to be new, and then each
file is created without ever replacing one (a file that appears meanwhile undoes the others).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aftale.errors import AftaleError, FileExists, Severity, shown
from aftale.files import create_new
from aftale.importer.draft import Draft
from aftale.importer.items import Context
from aftale.importer.match import Matched, ids_in, match, with_rounds
from aftale.importer.readers import read_document
from aftale.importer.recognise import recognise
from aftale.importer.write import earlier_text, round_text
from aftale.ledger import Ledger
from aftale.load.layout import AGREEMENTS_DIR, FIRST_YEAR, LAST_YEAR
from aftale.model import Dialog, Settings


@dataclass(frozen=True)
class OpenedDialogue:
    """The repository's root and one dialogue, loaded and replayed, with the repository's settings."""

    root: Path
    dialog: Dialog
    ledger: Ledger
    settings: Settings
    #: The dialogues a point may be ``overført`` to (those at the same table), by name in small letters and by slug.
    targets: Mapping[str, str] = field(default_factory=dict)


@dataclass
class RoundFile:
    """A round file the importer writes: where, for which year, its text and how many guesses it marks."""

    path: Path
    year: int
    text: str
    guesses: int
    matched: Matched | None = None
    earlier_points: int = 0


@dataclass
class Imported:
    """What one import did: the files, in the order they are written (oldest round first)."""

    files: list[RoundFile] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Every file's text, each after a comment line naming it when there are several."""
        if len(self.files) == 1:
            return self.files[0].text
        return "".join(f"# --- {shown(f.path)} ---\n{f.text}" for f in self.files)


def import_documents(opened: OpenedDialogue, slug: str, paths: Sequence[Path], year: int | None,
                     write: bool = True) -> Imported:
    """Import the documents ``paths`` into the dialogue ``opened`` (called ``slug``); write the round files unless
    ``write`` is False.

    :param year: the round's year when the documents do not say it (only with one document).
    """
    if year is not None and len(paths) > 1:
        raise AftaleError("--år kan kun bruges med én fil ad gangen, for hver fil er sin egen runde. Importer "
                          "filerne hver for sig, eller udelad --år, så året læses af hver fil.")
    dialog = opened.dialog
    context = Context(dialog.kommune, dialog.boligorganisation, tuple(a.value for a in dialog.afdelinger),
                      opened.settings.themes)
    drafts = []
    for path in paths:
        source = read_document(path)
        draft = recognise(source.lines, source.name, context)
        if year is not None:
            draft.year, draft.year_from = year, ""
        drafts.append((path, _checked_year(draft, path)))
    _no_two_alike(drafts)
    folder = opened.root / AGREEMENTS_DIR / slug
    ledger = opened.ledger
    taken = ids_in(dialog)
    imported = Imported()
    for path, draft in sorted(drafts, key=lambda d: d[1].year or 0):
        assert draft.year is not None
        matched = match(draft, draft.year, dialog, ledger, taken, opened.targets)
        if matched.earlier and matched.earlier_year is not None:
            text, guesses = earlier_text(matched.earlier_year, matched.earlier, draft.source, draft.year)
            imported.files.append(RoundFile(_new_file(folder, matched.earlier_year, dialog), matched.earlier_year,
                                            text, guesses, earlier_points=len(matched.earlier)))
        text, guesses = round_text(matched)
        imported.files.append(RoundFile(_new_file(folder, draft.year, dialog), draft.year, text, guesses, matched))
        dialog, ledger = with_rounds(dialog, matched)
        _consistent(ledger, matched)
    if write:
        _create_all(imported.files)
    return imported


def _checked_year(draft: Draft, path: Path) -> Draft:
    if draft.year is None:
        raise AftaleError(f"kan ikke se, hvilket års runde '{shown(path)}' er: dokumentet nævner hverken "
                          "'Styringsdialog ÅR', en opfølgning på et års aftaledokument eller en mødedato. Angiv "
                          "året med --år, fx --år 2021.")
    if not FIRST_YEAR <= draft.year <= LAST_YEAR:
        raise AftaleError(f"'{shown(path)}' ser ud til at være runden {draft.year}, men en runde skal være et år "
                          f"mellem {FIRST_YEAR} og {LAST_YEAR}. Angiv det rigtige år med --år.")
    return draft


def _no_two_alike(drafts: Sequence[tuple[Path, Draft]]) -> None:
    seen: dict[int, Path] = {}
    for path, draft in drafts:
        assert draft.year is not None
        if draft.year in seen:
            raise AftaleError(f"'{shown(seen[draft.year])}' og '{shown(path)}' er begge runden {draft.year}. "
                              "Importer én fil pr. runde; er den ene en anden runde, så importer den for sig med "
                              "--år.")
        seen[draft.year] = path


def _new_file(folder: Path, year: int, dialog: Dialog) -> Path:
    """The path of round ``year``'s file; an error naming it if the dialogue has the round already."""
    path = folder / f"{year}.yaml"
    existing = dialog.round(year)
    if existing is not None or path.exists() or (folder / f"{year}.yml").exists():
        raise FileExists(f"runden {year} findes allerede ('{shown(path)}') og bliver ikke overskrevet. Intet er "
                         "skrevet. Slet eller omdøb filen først, hvis den skal laves igen ud fra dokumentet.")
    return path


def _consistent(ledger: Ledger, matched: Matched) -> None:
    """Refuse to write a round that ``aftale tjek`` would not accept: that would be a fault of the importer."""
    names = {f"{matched.year}.yaml", f"{matched.earlier_year}.yaml"}
    wrong = [p for p in ledger.problems if p.severity is Severity.ERROR and p.pos.file in names]
    if wrong:
        raise RuntimeError(f"importen af runden {matched.year} gav fejl: {wrong[0].message}")


def _create_all(files: Sequence[RoundFile]) -> None:
    """Create every file, or none: a file that appeared meanwhile removes those created before it."""
    created: list[Path] = []
    try:
        for round_file in files:
            create_new(round_file.path, round_file.text.encode("utf-8"), shown(round_file.path))
            created.append(round_file.path)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
