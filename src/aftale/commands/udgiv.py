"""``aftale udgiv``: the folder the kommune puts on its website, written through the one pipeline.

The site holds the public editions of every approved referat and every signed aftaledokument, the
redegørelse of every styringsår as a web page and a PDF, the kommune's front page and one page per
dialogue, and the stylesheet and fonts they use: plain HTML and CSS with relative links, so the
folder works opened from disk and under any address. Documents that are not yet approved or signed
are left out, and said. The folder is held through :class:`aftale.pipeline.OutputFolder` (locked,
with its manifest, each document's files written together, files no longer made removed); its
manifest keeps no path of the machine. Everything is rendered before the first file is written. The
site holds only what is public now: a file that must leave it but was changed after aftale wrote it
(or was not written by aftale) is moved out of it, beside it (:func:`moved_folder`), and named.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from aftale import pipeline
from aftale.commands.dokument import out_folder
from aftale.commands.kalender import SITE_CALENDAR, site_calendar
from aftale.errors import AftaleError, shown
from aftale.load.layout import AGREEMENTS_DIR
from aftale.model import Dialog, Round
from aftale.pictures import picture_suffix
from aftale.render import Options
from aftale.render.html import write as write_html, write_page
from aftale.render.templates import Templates
from aftale.views import website
from aftale.views.model import AFTALEDOKUMENT, REFERAT
from aftale.views.public import published
from aftale.views.redegoerelse import REDEGOERELSE, report_years
from aftale.views.text import clean
from aftale.workspace import Workspace

#: The output folder, relative to the repository, when none is given.
DEFAULT_SITE = "site"
#: The formats of the published documents when none are asked for.
DEFAULT_FORMATS = ("pdf",)
#: The files of the site's frame, copied from the template search path into ``filer/``.
ASSETS = ("side.css", "fonts/LiberationSans-Regular.ttf", "fonts/LiberationSans-Bold.ttf",
          "fonts/LiberationSans-Italic.ttf", "fonts/LiberationSans-BoldItalic.ttf", "fonts/DejaVuSans.ttf",
          "fonts/LICENSE", "fonts/LICENSE-DejaVu")
#: Every name ``udgiv`` writes; a manifest entry of any other name is never acted on.
SITE_NAME = re.compile(
    r"index\.html|dialog-[a-z0-9-]+\.html|redegoerelse-[0-9]{4}\.html"
    r"|dokumenter/[a-z0-9-]+-[0-9]{4}-(referat|aftaledokument)\.(pdf|docx)|dokumenter/redegoerelse-[0-9]{4}\.(pdf|docx)"
    r"|filer/side\.css|filer/logo\.(png|jpg)|filer/fonts/[A-Za-z-]+\.(ttf|txt)|kalender\.ics", re.ASCII)

NAMES = website.Names(
    index="index.html", stylesheet="filer/side.css",
    dialog_page=lambda slug: f"dialog-{slug}.html",
    report_page=lambda year: f"redegoerelse-{year}.html",
    document=lambda slug, year, kind, suffix: f"dokumenter/{slug}-{year}-{kind}.{suffix}",
    report_document=lambda year, suffix: f"dokumenter/redegoerelse-{year}.{suffix}",
)


@dataclass
class Outcome:
    """What ``udgiv`` did: files written, files up to date, files removed, documents left out and why."""

    out: Path
    written: list[Path] = field(default_factory=list)
    up_to_date: int = 0
    removed: list[Path] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line: how many files were written, were up to date, and how many documents wait."""
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        return (f"Udgav {len(self.written)} filer i {shown(self.out)}, {self.up_to_date} var opdaterede i forvejen; "
                f"{len(self.unpublished)} dokumenter afventer godkendelse eller underskrift ({seconds} s).")


@dataclass(frozen=True)
class _Planned:
    output: pipeline.Output
    make: Callable[[], dict[str, bytes]]


def publish(start: Path, out: Path | None = None, formats: tuple[str, ...] = DEFAULT_FORMATS,
            options: Options = Options(), notice: pipeline.Notice | None = None) -> Outcome:
    """Write the website folder of the repository at or above ``start`` into ``out`` (default ``site/``).

    :raises ProblemsFound: when the repository has errors; nothing is written.
    :raises AftaleError: for an output folder inside the repository's own folders, or a file in the way.
    """
    began = time.monotonic()
    workspace = Workspace.open(start, options)
    checked = workspace.clean()
    root = workspace.root
    out = out_folder(workspace, out, DEFAULT_SITE, "hjemmesiden")
    if out == root.resolve() or out in root.resolve().parents:
        raise AftaleError(f"'{shown(out)}' er repositoriets egen mappe eller en mappe over den. Vælg en mappe for sig "
                          "med -o, fx '-o site'.")
    settings = checked.repository.settings
    w = workspace.words.mapped(clean)
    dialogs = checked.repository.dialogs
    outcome = Outcome(out)
    with pipeline.OutputFolder(out, notice, own=SITE_NAME, remember_inputs=False, aside=moved_folder(out)) as folder:
        everything = workspace.site_key(",".join(formats))
        plan: list[_Planned] = []
        shown_rounds: dict[str, dict[int, website.Published]] = {}
        for dialog in dialogs:
            shown_rounds[dialog.slug] = {}
            for round_ in dialog.rounds:
                if round_.held:
                    shown_rounds[dialog.slug][round_.year] = website.Published(published(round_, REFERAT),
                                                                               published(round_, AFTALEDOKUMENT))
                    plan += _documents(workspace, dialog, round_, formats)
                    outcome.unpublished += _left_out(dialog, round_)
        years = report_years(dialogs)
        made: dict[str, bytes] = {}

        def about(name: str) -> str:
            """What a link to the site's file ``name`` says of it: made now, or current in the folder."""
            return website.about(w, name, made[name] if name in made else (out / name).read_bytes())

        sender = settings.afsender or (dialogs[0].kommune if dialogs else "")
        logo = workspace.logo
        logo_link = website.Link(w("dokumenter.logo", afsender=clean(sender)), _logo_name(logo)) if logo else None

        foot = website.footer(w, settings, sender, dialogs)

        def frame(trail: tuple[website.Link, ...], alternatives: tuple[website.Link, ...] = ()) -> website.Chrome:
            return website.chrome(w, sender, NAMES, trail, logo_link, alternatives, foot)

        for year in years:
            plan += _report(workspace, year, formats, frame, about)
        kommune = dialogs[0].kommune if dialogs else sender
        plan.append(_page("index", lambda: website.front_page(w, kommune, dialogs, years, NAMES, formats, about),
                          workspace.templates, frame(()), everything))
        for dialog in dialogs:
            table = tuple(other for slug in dialog.table for other in dialogs if other.slug == slug)

            def page(dialog: Dialog = dialog, table: tuple[Dialog, ...] = table) -> website.Page:
                return website.dialog_page(w, dialog, shown_rounds[dialog.slug], years, NAMES, formats, table, about)

            title = website.dialog_title(w, dialog)
            plan.append(_page(NAMES.dialog_page(dialog.slug).removesuffix(".html"), page, workspace.templates,
                              frame((website.Link(title),)), everything))
        plan += _assets(workspace.templates, logo)
        plan.append(_Planned(pipeline.Output("", 0, "kalender", True, ("ics",), everything,
                                             SITE_CALENDAR.removesuffix(".ics")),
                             lambda: {"ics": site_calendar(workspace)}))
        stale = [p for p in plan if not folder.is_current(p.output)]
        rendered = []  # everything made before the first file is written
        for planned in stale:  # the documents before the pages whose links tell their size and pages
            files = planned.make()
            made.update((planned.output.names()[suffix], data) for suffix, data in files.items())
            rendered.append((planned.output, files))
        for output, data in rendered:
            outcome.written += folder.write(output, data)
        outcome.up_to_date = sum(len(p.output.formats) for p in plan) - len(outcome.written)
        current = {name for p in plan for name in p.output.names().values()}
        outcome.removed = folder.remove_stale(current)
    outcome.seconds = time.monotonic() - began
    return outcome


def moved_folder(out: Path) -> Path:
    """Where ``udgiv`` moves a file that must leave the site but may not be deleted (one changed after aftale wrote
    it, one aftale did not write): a folder beside the site, outside it, so nothing unpublished stays online."""
    return out.parent / f"{out.name} (flyttet af aftale)"


def _logo_name(logo: bytes) -> str:
    """The logo's name on the site: named for the kind of picture it is, whatever its own file is called."""
    return f"filer/logo.{picture_suffix(logo)}"


def _left_out(dialog: Dialog, round_: Round) -> list[str]:
    """Why a held round's documents are not published, one line each."""
    where = f"{AGREEMENTS_DIR}/{dialog.slug}/{round_.year}.yaml"
    found = []
    if not published(round_, REFERAT):
        found.append(f"{dialog.slug} {round_.year}: referatet udgives ikke, fordi det ikke er godkendt. Skriv datoen "
                     f"under 'godkendt: referat:' i {where}, når begge parter har godkendt det.")
    if not published(round_, AFTALEDOKUMENT):
        found.append(f"{dialog.slug} {round_.year}: aftaledokumentet udgives ikke, fordi det ikke er underskrevet af "
                     f"begge parter. Skriv datoerne under 'godkendt: aftaledokument:' i {where}, når det er.")
    return found


def _documents(workspace: Workspace, dialog: Dialog, round_: Round, formats: tuple[str, ...]) -> list[_Planned]:
    """The public editions of a round's approved referat and signed aftaledokument (:func:`published`)."""
    found = []
    for kind in (REFERAT, AFTALEDOKUMENT):
        if not published(round_, kind):
            continue
        stem = NAMES.document(dialog.slug, round_.year, kind, "").removesuffix(".")
        output = pipeline.Output(dialog.slug, round_.year, kind, True, formats,
                                 workspace.document_key(dialog.slug, kind, round_.year, True), stem)

        def make(kind: str = kind) -> dict[str, bytes]:
            document = workspace.view(kind, dialog.slug, round_.year, public=True)
            return pipeline.render(document, workspace.templates, workspace.options, formats)

        found.append(_Planned(output, make))
    return found


def _report(workspace: Workspace, year: int, formats: tuple[str, ...], frame: Callable[..., website.Chrome],
            about: Callable[[str], str]) -> list[_Planned]:
    """The redegørelse of ``year``: its files (PDF, and DOCX when asked) and its web page."""
    key = workspace.report_key(year)
    document = workspace.report_view(year)
    templates, options = workspace.templates, workspace.options
    stem = NAMES.report_document(year, "").removesuffix(".")
    files = _Planned(pipeline.Output("", year, REDEGOERELSE, True, formats, key, stem),
                     lambda: pipeline.render(document, templates, options, formats))
    w = workspace.words.mapped(clean)

    def html() -> dict[str, bytes]:
        alternatives = tuple(website.Link(w(f"side.redegørelse-{suffix}", om=about(name)), name)
                             for suffix in formats if (name := NAMES.report_document(year, suffix)))
        chrome = frame((website.Link(w("side.redegørelse-år", **{"år": year})),), alternatives)
        return {"html": write_html(document, templates, options, chrome)}

    page = _Planned(pipeline.Output("", year, "side", True, ("html",), key,
                                    NAMES.report_page(year).removesuffix(".html")), html)
    return [files, page]


def _page(stem: str, page: Callable[[], website.Page], templates: Templates, chrome: website.Chrome,
          key: str) -> _Planned:
    """A page of the site, made when it is written (after the documents its links describe)."""
    return _Planned(pipeline.Output("", 0, "side", True, ("html",), key, stem),
                    lambda: {"html": write_page(page(), templates, chrome)})


def _assets(templates: Templates, logo: bytes | None) -> list[_Planned]:
    """The stylesheet, the fonts and their licences, and the logo: copied byte for byte into ``filer/``."""
    found = []
    for name in ASSETS:
        data = templates.read(name)
        stem, _, suffix = name.rpartition(".") if "." in name.rpartition("/")[2] else (name, "", "txt")
        found.append(_asset(f"filer/{stem}", suffix, data))
    if logo is not None:
        found.append(_asset("filer/logo", _logo_name(logo).rpartition(".")[2], logo))
    return found


def _asset(stem: str, suffix: str, data: bytes) -> _Planned:
    output = pipeline.Output("", 0, "fil", True, (suffix,), hashlib.sha256(data).hexdigest(), stem)
    return _Planned(output, lambda: {suffix: data})
