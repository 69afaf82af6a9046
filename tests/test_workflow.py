"""The secretary's year and the CI build: ny, skema, byg, status and historik."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from aftale.commands.tjek import check
from aftale.schema import schema
from tests.conftest import DIALOG, ROUND_2020, WriteTree, run, write_tree
from tests.documents import in_order, pdf_text
from tests.test_problems import CORPUS
from tests.yaml12 import load12

ROOT = Path(__file__).resolve().parent.parent
D = "agreements/demo"
ROUND_2021 = """\
møde: {dato: 2021-11-02}
opfølgning:
  social-vicevaert: {status: opfyldt, referat: Ansat pr. 1. marts.}
  udlejning: {status: videreføres, frist: 2022-06-30}
aftaler:
  - {id: biodiversitet, titel: Biodiversitet, ansvarlig: Lejerbo, frist: 2022-03-31}
  - {id: udlejning-2, titel: Ny udlejningsaftale, erstatter: [udlejning]}
"""


# --- ny -----------------------------------------------------------------------------------------

def test_ny_writes_a_file_that_passes_tjek_and_lists_every_open_point(repo: WriteTree) -> None:
    root = repo({"aftale.yaml": "standardpunkter: [Dokumentationspakken, \"Punkt fra: Lejerbo\"]\n"})
    code, output = run("ny", "demo", "--dato", "2021-10-28")
    assert (code, output) == (0, f"skrev {D}/2021.yaml med 2 åbne punkter til opfølgning.\n")
    text = (root / D / "2021.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../aftale.schema.json\n")
    assert in_order(text, ["dato: 2021-10-28", "opfølgning:", "# Social vicevært (aftalt 2020)",
                           "social-vicevaert:", "# Fleksibel udlejning (aftalt 2020)", "udlejning:",
                           "punkter:", "- titel: Dokumentationspakken", '- titel: "Punkt fra: Lejerbo"'])
    assert run("tjek") == (0, "Tjekket 1 dialog, 4 filer: ingen fejl.\n")
    follow_ups = check(root).repository.dialog("demo").round(2021).opfoelgning
    assert [(f.id, f.status) for f in follow_ups] == [("social-vicevaert", None), ("udlejning", None)]


def test_ny_round_renders_as_not_followed_up(repo: WriteTree, tmp_path: Path) -> None:
    repo()
    assert run("ny", "demo")[0] == 0
    assert run("referat", "demo", "2021", "--format", "pdf")[0] == 0
    text = pdf_text(tmp_path / "build/demo/2021/referat.pdf")
    assert in_order(text, ["1/2020 Social vicevært", "Status: ikke behandlet – videreføres",
                           "2/2020 Fleksibel udlejning", "Status: ikke behandlet – videreføres",
                           "2. Dokumentationspakken"])


def test_ny_without_open_points_and_without_settings(repo: WriteTree) -> None:
    root = repo({f"{D}/2021.yaml": "opfølgning:\n  social-vicevaert: {status: opfyldt}\n  udlejning: {status: udgår}\n"})
    assert run("ny", "demo") == (0, f"skrev {D}/2022.yaml med 0 åbne punkter til opfølgning.\n")
    text = (root / D / "2022.yaml").read_text(encoding="utf-8")
    assert "\nopfølgning:   " in text and "- titel: Dokumentationspakken" in text
    assert run("tjek")[0] == 0


def test_ny_never_overwrites(repo: WriteTree) -> None:
    root = repo({f"{D}/2021.yaml": "møde: {sted: Rådhuset}\n"})
    before = (root / D / "2021.yaml").read_bytes()
    assert run("ny", "demo", "2021") == (2, f"fejl: filen '{D}/2021.yaml' findes allerede og bliver ikke "
                                            "overskrevet. Ret den i stedet, eller slet den først, hvis du vil have "
                                            "en ny.\n")
    assert (root / D / "2021.yaml").read_bytes() == before
    assert sorted(p.name for p in (root / D).iterdir()) == ["2020.yaml", "2021.yaml", "dialog.yaml"]


def test_ny_refuses_a_broken_repository(repo: WriteTree) -> None:
    root = repo({f"{D}/2021.yaml": "opfølgning:\n  ukendt: {status: opfyldt}\n"})
    code, output = run("ny", "demo")
    assert code == 2
    assert output.splitlines()[-1] == ("fejl: Tjekket 1 dialog, 3 filer: 1 fejl. Intet er skrevet; ret fejlene og "
                                       "prøv igen.")
    assert not (root / D / "2022.yaml").exists()


def test_ny_rejects_a_bad_date(repo: WriteTree) -> None:
    repo()
    assert run("ny", "demo", "--dato", "28-10-2021") == (
        2, "fejl: ugyldig værdi for '--dato': '28-10-2021' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx "
           "2022-10-27. Se 'aftale ny --help'.\n")


# --- skema --------------------------------------------------------------------------------------

def _valid_files(tmp_path: Path) -> list[tuple[str, Path]]:
    files = [("runde", p) for p in sorted((ROOT / "agreements").rglob("[0-9]*.yaml"))]
    files += [("dialog", p) for p in sorted((ROOT / "agreements").rglob("dialog.yaml"))]
    files += [("indstillinger", ROOT / "aftale.yaml")]
    write_tree(tmp_path, {"d/dialog.yaml": DIALOG, "d/2020.yaml": ROUND_2020, "d/2021.yaml": ROUND_2021})
    files += [("dialog", tmp_path / "d/dialog.yaml"), ("runde", tmp_path / "d/2020.yaml"),
              ("runde", tmp_path / "d/2021.yaml")]
    return files


def test_schema_accepts_every_file_load_accepts(repo: WriteTree, tmp_path: Path) -> None:
    root = repo({f"{D}/2021.yaml": ROUND_2021})
    assert check(root).problems == ()
    assert run("ny", "demo", "--dato", "2022-11-01")[0] == 0
    files = _valid_files(tmp_path / "fixtures") + [("runde", root / D / "2022.yaml")]
    for kind, path in files:
        jsonschema.validate(load12(path), schema(kind))


@pytest.mark.parametrize("case", ["ukendt-status", "ukendt-noegle", "ukendt-noegle-uden-forslag",
                                  "erstattet-i-haanden", "ugyldigt-id", "dato-forkert-format", "type-status-liste",
                                  "type-opfoelgning-tekst", "type-punkt-tekst", "type-lukket-ukendt"])
def test_schema_rejects_what_load_rejects(case: str) -> None:
    [folder] = [p for p in CORPUS.iterdir() if p.name.split("-", 1)[1] == case]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(load12(folder / "agreements/demo/2021.yaml"), schema("runde"))


def test_skema_prints_json_schema() -> None:
    code, output = run("skema")
    assert code == 0
    printed = json.loads(output)
    assert printed == schema("runde")
    assert printed["$defs"]["opfølgning"]["additionalProperties"]["anyOf"][1]["properties"]["status"]["enum"] == [
        "i gang", "videreføres", "parkeret", "opfyldt", "afsluttet", "udgår", "overført", None]
    assert json.loads(run("skema", "dialog")[1])["$ref"] == "#/$defs/dialog"


def undescribed(node: object, path: str = "#") -> list[str]:
    """Where in a JSON Schema a property (at any depth) has no description, or an empty one."""
    found = []
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            if not (isinstance(value, dict) and str(value.get("description", "")).strip()):
                found.append(f"{path}/properties/{name}")
        for key, value in node.items():
            found += undescribed(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += undescribed(value, f"{path}/{index}")
    return found


@pytest.mark.parametrize("args", [(), ("dialog",), ("indstillinger",)])
def test_every_schema_property_has_a_description(args: tuple[str, ...]) -> None:
    code, output = run("skema", *args)
    assert code == 0
    printed = json.loads(output)
    assert undescribed(printed) == []
    assert printed["$defs"]["møde"]["properties"]["dato"]["description"] == (
        "Mødets dato; den må mangle, så længe den ikke er fastsat. En dato som ÅÅÅÅ-MM-DD, fx 2020-10-27.")


def test_the_description_test_finds_a_property_without_one() -> None:
    """The guard fed its mistake: a description emptied deep inside, one removed at the top."""
    printed = json.loads(run("skema")[1])
    person = printed["$defs"]["møde"]["properties"]["deltagere"]["anyOf"][0]["anyOf"][1]
    person["properties"]["rolle"]["description"] = " "
    del printed["properties"]["eventuelt"]["description"]
    assert undescribed(printed) == ["#/properties/eventuelt",
                                    "#/$defs/møde/properties/deltagere/anyOf/0/anyOf/1/properties/rolle"]


# --- byg ----------------------------------------------------------------------------------------

@pytest.fixture
def two_dialogues(repo: WriteTree) -> Path:
    return repo({f"{D}/2021.yaml": ROUND_2021,
                 "agreements/anden/dialog.yaml": "kommune: Anden Kommune\nboligorganisation: Anden Bolig\n",
                 "agreements/anden/2022.yaml": "aftaler:\n  - {id: a, titel: A}\n"})


def _files(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in sorted(folder.rglob("*.*"))
            if not p.name.startswith(".")}


def test_byg_builds_the_expected_set_and_then_nothing(two_dialogues: Path) -> None:
    code, output = run("byg", "-j", "2")
    assert code == 0, output
    assert output.splitlines()[-1].startswith("Bygget 6 dokumenter (12 filer), 0 var opdaterede i forvejen, "
                                              "0 fejlede (")
    built = _files(two_dialogues / "build")
    assert sorted(built) == sorted(
        f"{d}/{y}/{k}.{f}" for d, latest in (("demo", 2021), ("anden", 2022)) for f in ("docx", "pdf")
        for y, k in ((latest, "referat"), (latest, "aftaledokument"), (latest + 1, "dagsorden")))
    code, output = run("byg")
    assert code == 0
    assert output.splitlines()[-1].startswith("Bygget 0 dokumenter (0 filer), 6 var opdaterede i forvejen, 0 fejlede")
    assert _files(two_dialogues / "build") == built


def test_byg_rebuilds_only_what_depends_on_a_change(two_dialogues: Path) -> None:
    assert run("byg")[0] == 0
    before = _files(two_dialogues / "build")
    path = two_dialogues / D / "2021.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "eventuelt: [Nyt punkt under eventuelt.]\n", encoding="utf-8")
    code, output = run("byg")
    assert code == 0
    after = _files(two_dialogues / "build")
    changed = sorted(name for name in after if after[name] != before[name])
    # the three documents that depend on 2021 are made again; only the referat's bytes differ, and a file whose
    # bytes are what aftale would write is left as it is
    assert changed == ["demo/2021/referat.docx", "demo/2021/referat.pdf"]
    assert "Bygget 3 dokumenter (6 filer), 3 var opdaterede i forvejen" in output


def test_byg_template_change_rebuilds_everything(two_dialogues: Path) -> None:
    assert run("byg")[0] == 0
    write_tree(two_dialogues, {"templates/print.css": (ROOT / "templates/print.css").read_text() + "\n/* ny */\n"})
    assert "Bygget 6 dokumenter" in run("byg")[1]


def test_byg_builds_the_others_when_one_dialogue_is_broken(two_dialogues: Path) -> None:
    write_tree(two_dialogues, {"agreements/anden/2023.yaml": "opfølgning:\n  b: {status: opfyldt}\n"})
    code, output = run("byg")
    assert code == 2
    lines = output.splitlines()
    assert "agreements/anden/2023.yaml:2:3: fejl: der findes intet tidligere aftalt punkt med id'et 'b'. Ret id'et, " \
           "så det er et id fra 'aftaler' i en tidligere runde." in lines
    assert lines[-1].startswith("Bygget 3 dokumenter (6 filer), 0 var opdaterede i forvejen, 1 fejlede (")
    assert sorted(p.name for p in (two_dialogues / "build").iterdir() if p.is_dir()) == ["demo"]


def test_byg_alle_builds_every_round(two_dialogues: Path) -> None:
    code, output = run("byg", "--alle", "--ud", "alt")
    assert code == 0
    assert "Bygget 11 dokumenter (22 filer)" in output
    assert (two_dialogues / "alt/demo/2020/referat.pdf").is_file()


def test_byg_writes_no_temporary_files(two_dialogues: Path) -> None:
    assert run("byg")[0] == 0
    assert not [p for p in (two_dialogues / "build").rglob("*.tmp")]


# --- status and historik ------------------------------------------------------------------------

def test_status_json_matches_the_ledger(two_dialogues: Path) -> None:
    code, output = run("status", "--json", "--dato", "2022-04-01")
    assert code == 0
    data = json.loads(output)
    assert (data["version"], data["dato"], data["antal"], data["overskredne"]) == (1, "2022-04-01", 3, 1)
    report = check(two_dialogues)
    expected = [(slug, s.id) for slug in ("anden", "demo") for s in report.ledgers[slug].rounds[-1].open_points()]
    assert [(p["dialog"], p["id"]) for p in data["punkter"]] == expected
    biodiversitet = next(p for p in data["punkter"] if p["id"] == "biodiversitet")
    assert biodiversitet == {"dialog": "demo", "id": "biodiversitet", "titel": "Biodiversitet", "ansvarlig": "Lejerbo",
                             "frist": "2022-03-31", "aftalt": 2021, "status": "aftalt", "status_siden": 2021,
                             "ikke_fulgt_op": [], "overskredet": True, "fil": f"{D}/2021.yaml", "linje": 6,
                                 "indikator": None, "gælder": None}


def test_status_table_marks_overdue_points(two_dialogues: Path) -> None:
    code, output = run("status", "--dato", "2022-04-01")
    assert code == 0
    lines = output.splitlines()
    assert lines[0].split() == ["Dialog", "Id", "Titel", "Ansvarlig", "Frist", "Åben", "siden", "Status"]
    assert [line.split()[1] for line in lines[1:4]] == ["a", "biodiversitet", "udlejning-2"]
    assert "31. marts 2022 OVERSKREDET" in lines[2]
    assert lines[4:] == [  # no round of the fixture is approved or signed
        "Afventer: anden 2022: referatet er ikke godkendt, og aftaledokumentet er ikke underskrevet af begge parter.",
        "Afventer: demo 2020: referatet er ikke godkendt, og aftaledokumentet er ikke underskrevet af begge parter.",
        "Afventer: demo 2021: referatet er ikke godkendt, og aftaledokumentet er ikke underskrevet af begge parter.",
        "3 åbne punkter, 1 med overskredet frist pr. 1. april 2022."]
    assert "OVERSKREDET" not in run("status", "--dato", "2022-03-31")[1]


def test_historik_shows_replacements_both_ways(two_dialogues: Path) -> None:
    code, output = run("historik", "demo", "udlejning")
    assert code == 0
    assert output.splitlines() == [
        "Fleksibel udlejning (udlejning)",
        f"2020: aftalt ({D}/2020.yaml:6:5)",
        "2021: videreføres",
        "      frist: – → 30. juni 2022",
        "      erstattet af udlejning-2: Ny udlejningsaftale (aftalt 2021)",
        "Nu: lukket i 2021, erstattet af udlejning-2.",
        "Kæden af erstatninger:",
        "  2020 udlejning (dette punkt): Fleksibel udlejning – erstattet 2021 af udlejning-2",
        "  2021 udlejning-2: Ny udlejningsaftale – åbent",
    ]
    assert run("historik", "demo", "udlejning-2")[1].splitlines() == [
        "Ny udlejningsaftale (udlejning-2)",
        f"2021: aftalt ({D}/2021.yaml:7:5)",
        "      erstatter udlejning: Fleksibel udlejning (aftalt 2020)",
        "Nu: åbent (aftalt), ansvarlig: –, frist: –.",
        "Kæden af erstatninger:",
        "  2020 udlejning: Fleksibel udlejning – erstattet 2021 af udlejning-2",
        "  2021 udlejning-2 (dette punkt): Ny udlejningsaftale – åbent",
    ]
    assert run("historik", "demo", "social-vicevaert")[1].splitlines()[2:] == [
        "2021: opfyldt", "      - Ansat pr. 1. marts.", "Nu: lukket i 2021 (opfyldt)."]


def test_historik_unknown_point(two_dialogues: Path) -> None:
    assert run("historik", "demo", "biodiversite") == (
        2, "fejl: dialogen 'demo' har intet punkt med id'et 'biodiversite'. Mente du 'biodiversitet'?\n")


def test_byg_notices_a_new_mistaken_file_in_an_unchanged_dialogue(two_dialogues: Path) -> None:
    assert run("byg")[0] == 0
    write_tree(two_dialogues, {f"{D}/2022.yml": "møde: {}\n"})
    code, output = run("byg")
    assert code == 2
    assert f"{D}/2022.yml:1:1: fejl: filnavnet '2022.yml' er ikke et årstal" in output


def test_byg_does_not_read_unchanged_dialogues(two_dialogues: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("byg")[0] == 0
    import aftale.inputs

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged input was read")

    monkeypatch.setattr(aftale.inputs, "read_stamped", no_reading)
    code, output = run("byg")
    assert code == 0 and "0 dokumenter (0 filer), 6 var opdaterede i forvejen" in output


def test_byg_rebuilds_after_a_fresh_checkout_only_when_content_changed(two_dialogues: Path) -> None:
    """A new clone has new modification times; the content hashes keep the build up to date."""
    assert run("byg")[0] == 0
    for path in (two_dialogues / "agreements").rglob("*.yaml"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000_000))
    assert "Bygget 0 dokumenter" in run("byg")[1]
