"""DESIGN §4 and §6 as a kommune reads them: one label per agreement in every document, points replaced by a new
aftale carried on in a new form (never counted as closed), and the people of a meeting by organisation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aftale.commands.tjek import check
from aftale.views import Document, view
from aftale.views.joint import Circle
from aftale.views.redegoerelse import report
from tests.conftest import EXAMPLE, ROOT, WriteTree

#: The example's 2021 agreements, by label: numbered by theme (Udlejning first), then as the file lists them.
LABELS_2021 = {"1/2021": "Kommunal anvisning og samarbejde herom", "2/2021": "Social vicevært",
               "3/2021": "Fokus på biodiversitet i afdelingerne", "4/2021": "Fokus på effektivisering"}
#: The example's 2021 round, approved and signed (the example itself leaves it waiting).
SIGNED_2021 = "\ngodkendt:\n  referat: 2022-03-10\n  aftaledokument:\n    kommune: 2022-03-20\n    boligorganisation: 2022-03-24\n"


@pytest.fixture(scope="module")
def signed_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example whose 2021 round is approved and signed, so the redegørelse tells its agreements."""
    root = tmp_path_factory.mktemp("eksempel")
    shutil.copytree(ROOT / "agreements", root / "agreements")
    shutil.copy(ROOT / "aftale.yaml", root / "aftale.yaml")
    path = root / "agreements" / EXAMPLE / "2021.yaml"
    path.write_text(path.read_text(encoding="utf-8") + SIGNED_2021, encoding="utf-8")
    return root


def _documents(root: Path, year: int) -> tuple[dict[str, Document], Document]:
    checked = check(root)
    assert not checked.errors, checked.lines()
    dialog, settings = checked.repository.dialog(EXAMPLE), checked.repository.settings
    assert dialog is not None
    circle = Circle(checked.repository.dialogs, checked.ledgers)
    views = {kind: view(kind, dialog, checked.ledgers[EXAMPLE], y, settings, circle=circle)
             for kind, y in (("referat", year), ("aftaledokument", year), ("dagsorden", year + 1))}
    return views, report(checked.repository.dialogs, checked.ledgers, year, settings)


def test_the_2021_agreements_have_one_label_in_every_document(signed_example: Path) -> None:
    views, redegoerelse = _documents(signed_example, 2021)
    [made] = [item for item in views["referat"].items if item.title == "Udarbejdelse af aftaledokument"]
    assert {e.label: e.title for e in made.entries} == LABELS_2021
    assert [e.label for e in made.entries] == list(LABELS_2021)  # in the aftaledokument's order
    new = next(s for s in views["aftaledokument"].sections if s.title == "Nye aftaler")
    assert {e.label: e.title for g in new.groups for e in g.entries} == LABELS_2021
    assert {row[0]: row[1] for row in views["aftaledokument"].overview if row[0].endswith("/2021")} == LABELS_2021
    [lejerbo] = [s for s in redegoerelse.sections if s.title == "Lejerbo"]
    told = {e.label: e.title for g in lejerbo.groups if g.title.startswith("Nye aftaler") for e in g.entries}
    assert told == LABELS_2021
    follow_up = views["dagsorden"].items[0]
    assert follow_up.title == "Opfølgning på aftaledokument fra 2021"
    assert [(e.label, e.title) for e in follow_up.entries] == list(LABELS_2021.items())


def test_points_a_new_aftale_replaced_are_carried_on_in_a_new_form_not_closed() -> None:
    views, redegoerelse = _documents(ROOT, 2020)
    sections = {s.title: [(e.label, e.title, dict((f.label, f.value) for f in e.facts)["Status"])
                          for g in s.groups for e in g.entries] for s in views["aftaledokument"].sections
                if s.title in ("Videreført i ny form", "Afsluttet i 2020")}
    assert sections["Videreført i ny form"] == [
        ("1/2019", "Næstved Kommune går videre med ønsket om social vicevært",
         "videreført i ny form som 1/2020 »Udvikling af samarbejdet mellem kommune og boligselskab på det sociale "
         "plan«"),
        ("3/2019", "Lejerbo udarbejder et dokument omkring fleksibel udlejning, som sendes til Næstved Kommune",
         "videreført i ny form som 2/2020 »Fleksible udlejningsaftaler«")]
    assert [label for label, _, _ in sections["Afsluttet i 2020"]] == ["2/2019", "4/2019"]
    # the redegørelse counts them the same way: new, carried, in a new form, closed, overdue
    header = redegoerelse.overview_header
    # (the narrow columns' headings may be hyphenated only where the words file puts a soft hyphen)
    assert tuple(h.replace("\u00ad", "") for h in header[4:]) == ("Nye", "Videreførte", "I ny form", "Afsluttede",
                                                                 "Overskredet frist")
    [row] = [row for row in redegoerelse.overview if row[0] == "Lejerbo"]
    assert row[4:] == ("3", "0", "2", "2", "0")
    [lejerbo] = [s for s in redegoerelse.sections if s.title == "Lejerbo"]
    groups = {g.title: [e.label for e in g.entries] for g in lejerbo.groups}
    assert groups["Videreført i ny form"] == ["1/2019", "3/2019"] and groups["Afsluttet i 2020"] == ["2/2019", "4/2019"]


def test_the_people_of_a_meeting_are_listed_by_organisation_with_the_absent_marked(repo: WriteTree) -> None:
    root = repo({"agreements/demo/2021.yaml": """\
        møde:
          dato: 2021-10-27
          deltagere:
            - {navn: Bent Bolig, organisation: Boligselskabet Test, rolle: formand}
            - {navn: Karen Kommunal, organisation: Testby Kommune}
            - Gæst Uden Organisation
          fraværende:
            - {navn: Ulla Udeblev, organisation: Testby Kommune, rolle: chef}
            - {navn: Otto Anden, organisation: BL}
        """})
    checked = check(root)
    dialog = checked.repository.dialog("demo")
    assert dialog is not None
    referat = view("referat", dialog, checked.ledgers["demo"], 2021, checked.repository.settings)
    assert [(g.title, g.names) for g in referat.people] == [
        ("Deltagere fra Testby Kommune", ("Karen Kommunal", "Ulla Udeblev (chef, afbud)")),
        ("Deltagere fra Boligselskabet Test", ("Bent Bolig (formand)",)),
        ("Deltagere fra BL", ("Otto Anden (afbud)",)),
        ("Deltagere", ("Gæst Uden Organisation",))]
    dagsorden = view("dagsorden", dialog, checked.ledgers["demo"], 2021, checked.repository.settings)
    assert [g.title for g in dagsorden.people][:2] == ["Inviterede fra Testby Kommune", "Inviterede fra Boligselskabet Test"]
    assert "afbud" not in " ".join(n for g in dagsorden.people for n in g.names)  # the agenda was sent before
