"""``aftale tjek`` as a user meets it: clean runs, warnings, many problems at once, and no tracebacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import aftale.commands.tjek
from aftale.commands.tjek import check
from aftale.load import load
from tests.conftest import WriteTree, run

REPO_ROOT = Path(__file__).resolve().parent.parent
D = "agreements/demo"


def test_example_repository_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)
    code, output = run("tjek")
    assert output == "Tjekket 3 dialoger, 10 filer: ingen fejl.\n"
    assert code == 0


def test_tjek_finds_the_repository_from_a_subfolder(repo: WriteTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo()
    monkeypatch.chdir(root / D)
    code, output = run("tjek")
    assert (code, output) == (0, "Tjekket 1 dialog, 2 filer: ingen fejl.\n")


def test_tjek_takes_a_path_and_names_files_from_the_current_folder(repo: WriteTree, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    repo({f"{D}/2021.yaml": "møde:\n  dato: i morgen\n"})
    monkeypatch.chdir(tmp_path.parent)
    code, output = run("tjek", tmp_path.name)
    assert output.splitlines()[0].startswith(f"{tmp_path.name}/{D}/2021.yaml:2:9: fejl: 'dato': 'i morgen'")
    assert code == 2


def test_all_problems_are_reported_at_once_in_reading_order(repo: WriteTree) -> None:
    repo({
        f"{D}/2021.yaml": """\
            møde:
              dato: 2021-13-01
            opfølgning:
              ukendt: {status: opfyldt}
            """,
        f"{D}/2022.yaml": "møde: [\n",
        "agreements/anden/dialog.yaml": "kommune: X\n",
    })
    code, output = run("tjek")
    assert output.splitlines() == [
        "agreements/anden/dialog.yaml:1:1: fejl: i dialog.yaml mangler 'boligorganisation'. En dialog med én "
        "boligorganisation har 'boligorganisation: …'; en fælles dialog har i stedet 'fælles: [dialog, …]' med de "
        "dialoger, der sidder med ved bordet.",
        f"{D}/2021.yaml:2:9: fejl: 'dato': datoen '2021-13-01' findes ikke i kalenderen. Ret dag eller måned.",
        f"{D}/2021.yaml:4:3: fejl: der findes intet tidligere aftalt punkt med id'et 'ukendt'. Ret id'et, så det "
        "er et id fra 'aftaler' i en tidligere runde.",
        f"{D}/2022.yaml:2:1: fejl: filen slutter midt i en værdi: en liste i [ ] eller et afsnit i {{ }} lukkes "
        "ikke. Tilføj den afsluttende klamme.",
        "Tjekket 2 dialoger, 5 filer: 4 fejl.",
    ]
    assert code == 2


def test_point_not_followed_up_for_three_rounds_is_a_warning(repo: WriteTree) -> None:
    follow_only_udlejning = "opfølgning:\n  udlejning: {status: videreføres}\n"
    repo({f"{D}/2021.yaml": follow_only_udlejning, f"{D}/2022.yaml": follow_only_udlejning,
          f"{D}/2023.yaml": follow_only_udlejning})
    expected = (f"{D}/2023.yaml:2:3: advarsel: punktet 'social-vicevaert' (aftalt 2020) er ikke fulgt op i 3 "
                "runder i træk (2021, 2022, 2023). Tilføj det under 'opfølgning' med en status, så det ikke "
                "bliver glemt.\nTjekket 1 dialog, 5 filer: 1 advarsel.\n")
    assert run("tjek") == (0, expected)
    assert run("tjek", "--streng") == (1, expected)


def test_meeting_date_far_from_the_round_year_is_a_warning(repo: WriteTree) -> None:
    repo({f"{D}/2021.yaml": "møde:\n  dato: 2020-10-27\n"})
    code, output = run("tjek")
    assert output.splitlines()[0] == (
        f"{D}/2021.yaml:2:9: advarsel: mødedatoen 2020-10-27 ligger hverken i 2021 eller 2022, men filen er "
        "runden 2021. Ret datoen, eller omdøb filen.")
    assert code == 0


def test_a_list_whose_dashes_went_wrong_is_a_warning_or_an_error_at_its_line(repo: WriteTree) -> None:
    """A first name without '- ' glues the list into one name; a dash without a space starts no list item."""
    repo({f"{D}/2021.yaml": "møde:\n  deltagere:\n    Jette Loman\n    - Michael Keis\n    - Ole Svendsen\n"
                             "punkter:\n  - titel: Biodiversitet\n    referat:\n      -Der er sået græs.\n"})
    assert run("tjek") == (0, (
        f"{D}/2021.yaml:3:5: advarsel: 'deltagere' er én tekst over flere linjer, og en af linjerne begynder med "
        "'- '. Mangler der '- ' foran den første? I en liste skal hvert navn stå på sin egen linje med '- ' foran.\n"
        f"{D}/2021.yaml:9:7: advarsel: 'referat' begynder med '-' uden mellemrum efter ('-Der er sået græs.'). Er "
        "det et punkt i en liste, så skriv '- ' (bindestreg og mellemrum) foran; ellers sæt teksten i "
        "anførselstegn.\nTjekket 1 dialog, 3 filer: 2 advarsler.\n"))
    # among other items the same dash is no YAML at all: the error names that line, not the next key
    repo({f"{D}/2021.yaml": "punkter:\n  - titel: Biodiversitet\n    referat:\n      - Første punkt.\n"
                             "      -Der er sået græs.\n  - titel: Eventuelt\n"})
    assert run("tjek") == (2, (
        f"{D}/2021.yaml:5:7: fejl: der mangler et mellemrum efter '-': skriv '- Der er sået græs.', med bindestreg "
        "og mellemrum foran, som de andre punkter i listen.\nTjekket 1 dialog, 3 filer: 1 fejl.\n"))


def test_a_round_held_in_the_next_calendar_year_is_fine(repo: WriteTree) -> None:
    repo({f"{D}/2021.yaml": "møde:\n  dato: 2022-03-01\n  bemærkning: Holdt i 2022 pga. Corona.\n"})
    assert run("tjek") == (0, "Tjekket 1 dialog, 3 filer: ingen fejl.\n")


def test_byte_order_mark_is_accepted(repo: WriteTree) -> None:
    repo({f"{D}/2021.yaml": "\ufeffmøde:\n  sted: Rådhuset\n".encode("utf-8")})
    assert run("tjek") == (0, "Tjekket 1 dialog, 3 filer: ingen fejl.\n")
    meeting = load(Path.cwd()).repository.dialogs[0].round(2021).moede
    assert meeting.sted == "Rådhuset"
    assert meeting.where["sted"].line == 2 and meeting.where["sted"].column == 9


def test_decomposed_letters_match_composed_ones(repo: WriteTree) -> None:
    decomposed_e = "e\u0301"
    repo({
        f"{D}/dialog.yaml": "kommune: K\nboligorganisation: B\nafdelinger: [Café Allé]\n",
        f"{D}/2021.yaml": f"""\
            punkter:
              - titel: Orientering
                resum{decomposed_e}: Kort resumé.
            aftaler:
              - id: cafe
                titel: Caféen
                afdelinger: [Caf{decomposed_e} All{decomposed_e}]
            """,
    })
    assert run("tjek") == (0, "Tjekket 1 dialog, 3 filer: ingen fejl.\n")
    round_ = load(Path.cwd()).repository.dialogs[0].round(2021)
    assert round_.punkter[0].resume[0].text == "Kort resumé."
    assert round_.aftaler[0].afdelinger[0].value == "Café Allé"


def test_python_tag_runs_nothing(repo: WriteTree) -> None:
    root = repo({f"{D}/2021.yaml": "møde:\n  sted: !!python/object/apply:os.system ['touch pwned']\n"})
    code, _ = run("tjek")
    assert code == 2
    assert not (root / "pwned").exists()


def test_an_alias_to_a_plain_value_is_an_error_at_its_line(repo: WriteTree) -> None:
    """Aliases are not part of the format: thousands of them to one long paragraph would make a small file huge."""
    repo({f"{D}/2021.yaml": """\
        møde:
          referent: &signe Signe Sundberg Jørgensen
          deltagere: [*signe, Jette Loman]
        """})
    code, output = run("tjek")
    assert code == 2
    assert output.splitlines()[0] == (f"{D}/2021.yaml:3:15: fejl: aliaset '*signe' gentager en værdi med et anker "
                                      "(&signe), men aliaser og ankre er ikke en del af formatet (en lille fil kunne "
                                      "vokse sig enorm). Skriv værdien ud, hvor den skal stå.")


def test_times_and_case_numbers_stay_text(repo: WriteTree) -> None:
    repo({f"{D}/2021.yaml": "møde:\n  tid: 12:30\n  sagsnr: 03.11.04-G01-1-20\n  sted: 2021\n"})
    meeting = load(Path.cwd()).repository.dialogs[0].round(2021).moede
    assert (meeting.tid, meeting.sagsnr, meeting.sted) == ("12:30", "03.11.04-G01-1-20", "2021")


def test_outside_a_repository_says_where_it_looked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run("tjek")
    assert output == (f"fejl: fandt ingen mappe 'agreements/' i '{tmp_path}' eller i mapperne over den. Kør "
                      "kommandoen i mappen med dine aftaler, eller angiv den som sti.\n")
    assert code == 2


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    code, output = run("tjek", str(tmp_path / "findes-ikke"))
    assert output == (f"fejl: stien '{tmp_path / 'findes-ikke'}' findes ikke. Angiv mappen med dine aftaler, fx "
                      "'aftale tjek .'.\n")
    assert code == 2


def test_empty_agreements_folder_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "agreements").mkdir()
    monkeypatch.chdir(tmp_path)
    assert run("tjek", "--streng") == (1, "agreements:1:1: advarsel: mappen agreements/ har ingen dialoger endnu. "
                                          "Opret en mappe pr. dialog med en dialog.yaml.\n"
                                          "Tjekket 0 dialoger, 0 filer: 1 advarsel.\n")


def test_unreadable_file_is_an_error(repo: WriteTree) -> None:
    root = repo({f"{D}/2021.yaml": "møde: {}\n"})
    path = root / D / "2021.yaml"
    path.chmod(0)
    try:
        if path.open("rb"):  # root may read anything; then there is nothing to test
            pytest.skip("the test runs as a user who can read any file")
    except PermissionError:
        code, output = run("tjek")
        assert output.splitlines()[0] == (f"{D}/2021.yaml:1:1: fejl: filen kan ikke læses (ingen adgang). "
                                          "Tjek at filen findes, og at du har adgang til at læse den.")
        assert code == 2
    finally:
        path.chmod(0o644)


def test_dangling_link_is_an_error(repo: WriteTree) -> None:
    root = repo()
    (root / D / "2021.yaml").symlink_to(root / "slettet.yaml")
    code, output = run("tjek")
    assert output.splitlines()[0] == (
        f"{D}/2021.yaml:1:1: fejl: filen kan ikke læses (filen findes ikke; måske er den et link, der peger på en "
        "fil, som er væk). Tjek at filen findes, og at du har adgang til at læse den.")
    assert code == 2


def test_internal_error_is_one_line_without_traceback(repo: WriteTree, monkeypatch: pytest.MonkeyPatch) -> None:
    repo()

    def broken(_: Path) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(aftale.commands.tjek, "check", broken)
    code, output = run("tjek")
    assert output == ("fejl: intern fejl i aftale (ZeroDivisionError: division by zero). Det er en fejl i aftale, ikke "
                      "i dine filer; meld den venligst til udviklerne med kommandoen, du kørte, og denne linje.\n")
    assert code == 3


def test_help_is_danish() -> None:
    code, output = run("tjek", "--help")
    assert code == 0
    assert output.startswith("Brug: aftale tjek [TILVALG] [STI]\n\n  Tjek alle aftaler i repositoriet for fejl.")
    assert "Tilvalg:" in output and "--streng" in output and "Vis denne hjælp og afslut." in output


def test_usage_errors_are_danish() -> None:
    assert run("tjk") == (2, "fejl: ukendt kommando 'tjk'. Mente du 'tjek'? Se 'aftale --help'.\n")
    assert run("tjek", "--strong") == (2, "fejl: ukendt tilvalg '--strong'. Mente du '--streng'? "
                                          "Se 'aftale tjek --help'.\n")


def test_check_api_matches_the_cli_summary(repo: WriteTree) -> None:
    report = check(repo())
    assert (report.errors, report.warnings, report.dialogs, report.files) == (0, 0, 1, 2)
    assert report.summary() == "Tjekket 1 dialog, 2 filer: ingen fejl."


def test_bare_command_shows_the_help() -> None:
    code, output = run()
    assert code == 0
    assert output.startswith("Brug: aftale [TILVALG] KOMMANDO [ARGUMENTER]...")
    assert re.search(r"\n  tjek +Tjek alle aftaler i repositoriet for fejl.\n", output)
    assert re.search(r"\n  referat +Lav referatet af en runde.\n", output)


def test_extra_arguments_are_refused_in_danish() -> None:
    assert run("tjek", "a", "b") == (2, "fejl: uventet ekstra argument: b. Se 'aftale tjek --help'.\n")
    assert run("tjek", "a", "b", "c") == (2, "fejl: uventede ekstra argumenter: b c. Se 'aftale tjek --help'.\n")


def test_every_danish_click_message_is_one_click_still_uses() -> None:
    """The catalog is keyed by Click's own message ids; a Click release that rewords one is caught here."""
    import ast

    import click

    from aftale.clicktext import MESSAGES, PLURALS

    used = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                used.update(a.value for a in node.args if isinstance(a, ast.Constant))
    assert not (set(MESSAGES) | set(PLURALS)) - used


def test_click_usage_errors_are_danish() -> None:
    assert run("byg", "--jobs") == (2, "fejl: tilvalget '--jobs' skal have en værdi. Se 'aftale byg --help'.\n")
    assert run("byg", "--jobs", "0") == (2, "fejl: ugyldig værdi for '-j' / '--jobs': 0 kan ikke bruges; tallet skal "
                                            "være mindst 1. Se 'aftale byg --help'.\n")
    assert run("vis", "--port", "70000")[1] == ("fejl: ugyldig værdi for '--port': 70000 kan ikke bruges; tallet skal "
                                                "være mellem 0 og 65535. Se 'aftale vis --help'.\n")
    # the help says the ranges in words, not as "0<=x<=65535"
    assert "[standard: 8000; 0–65535]" in run("vis", "--help")[1] and "<=" not in run("vis", "--help")[1]
    assert "x>=" not in run("byg", "--help")[1]
    assert run("skema", "andet")[1].startswith("fejl: ugyldig værdi for '[FIL]': 'andet' er ikke en af 'runde', "
                                               "'dialog', 'indstillinger'.")
    assert run("byg", "--alle=ja") == (2, "fejl: tilvalget '--alle' tager ingen værdi. Se 'aftale byg --help'.\n")


def test_the_list_of_commands_says_each_commands_line_whole() -> None:
    """No command's line in 'aftale --help' is cut off with '...'."""
    code, output = run("--help")
    commands = output.split("Kommandoer:")[1]
    assert code == 0 and "..." not in commands
    assert "ny-dialog       Start en ny dialog, eller en fælles dialog." in commands
