"""Every error kind of the format and every YAML-safety case: exact position and Danish message.

Each case is checked twice: through the library (``check``, which runs ``load``
and the ledger) and through the command line (``aftale tjek``), which must print
the same lines, a summary, and exit with 2 (errors) or 0/1 (warnings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from aftale.check import check
from aftale.ledger import replay
from aftale.load import load
from tests.conftest import WriteTree, run

D = "agreements/demo"


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes]
    expected: list[str]
    extra: dict[str, object] = field(default_factory=dict)


CASES = [
    # --- ids that no earlier round agreed -------------------------------------------------------
    Case("opfoelgning-ukendt-id", {f"{D}/2021.yaml": """\
        opfølgning:
          social-vicevart:
            status: videreføres
        """}, [
        f"{D}/2021.yaml:2:3: fejl: der findes intet tidligere aftalt punkt med id'et 'social-vicevart'. "
        "Mente du 'social-vicevaert'? Ret id'et, så det er et id fra 'aftaler' i en tidligere runde.",
    ]),
    Case("erstatter-ukendt-id", {f"{D}/2021.yaml": """\
        aftaler:
          - id: kommunal-anvisning
            titel: Kommunal anvisning
            erstatter: [udlejnig]
        """}, [
        f"{D}/2021.yaml:4:17: fejl: der findes intet tidligere aftalt punkt med id'et 'udlejnig'. "
        "Mente du 'udlejning'? Ret id'et, så det er et id fra 'aftaler' i en tidligere runde.",
    ]),
    Case("opfoelgning-senere-runde", {f"{D}/2021.yaml": """\
        opfølgning:
          biodiversitet: {status: videreføres}
        """, f"{D}/2022.yaml": """\
        aftaler:
          - {id: biodiversitet, titel: Biodiversitet}
        """}, [
        f"{D}/2021.yaml:2:3: fejl: punktet 'biodiversitet' aftales først i 2022 ({D}/2022.yaml:2:5); "
        "'opfølgning' kan kun nævne punkter fra tidligere runder.",
    ]),
    Case("erstatter-samme-runde", {f"{D}/2021.yaml": """\
        aftaler:
          - {id: a, titel: A}
          - {id: b, titel: B, erstatter: [a]}
        """}, [
        f"{D}/2021.yaml:3:35: fejl: punktet 'a' aftales i denne runde (2021); 'erstatter' kan kun nævne "
        "punkter fra tidligere runder.",
    ]),
    # --- ids that were already closed -----------------------------------------------------------
    Case("opfoelgning-lukket-punkt", {f"{D}/2021.yaml": """\
        opfølgning:
          social-vicevaert: {status: opfyldt}
        """, f"{D}/2022.yaml": """\
        opfølgning:
          social-vicevaert:
            status: videreføres
        """}, [
        f"{D}/2022.yaml:2:3: fejl: punktet 'social-vicevaert' blev lukket i 2021 (med status 'opfyldt') og kan "
        "ikke følges op igen. Fjern det fra 'opfølgning', eller aftal et nyt punkt under 'aftaler'.",
    ]),
    Case("erstatter-lukket-punkt", {f"{D}/2021.yaml": """\
        aftaler:
          - {id: ny-udlejning, titel: Ny udlejning, erstatter: [udlejning]}
        """, f"{D}/2022.yaml": """\
        aftaler:
          - id: tredje-udlejning
            titel: Tredje udlejning
            erstatter:
              - udlejning
        """}, [
        f"{D}/2022.yaml:5:9: fejl: punktet 'udlejning' blev lukket i 2021 (erstattet af 'ny-udlejning') og kan "
        "ikke erstattes. Fjern det fra 'erstatter', eller aftal et nyt punkt under 'aftaler'.",
    ]),
    Case("erstatter-og-lukket-samme-runde", {f"{D}/2021.yaml": """\
        opfølgning:
          udlejning: {status: udgår}
        aftaler:
          - {id: ny-udlejning, titel: Ny udlejning, erstatter: [udlejning]}
        """}, [
        f"{D}/2021.yaml:4:57: fejl: punktet 'udlejning' er sat til 'udgår' under opfølgning i samme runde og kan "
        "derfor ikke også erstattes af 'ny-udlejning'. Fjern det ene af de to.",
    ]),
    # --- an aftaler id used twice ---------------------------------------------------------------
    Case("id-to-gange-samme-runde", {f"{D}/2021.yaml": """\
        aftaler:
          - id: biodiversitet
            titel: Biodiversitet
          - id: biodiversitet
            titel: Mere biodiversitet
        """}, [
        f"{D}/2021.yaml:4:9: fejl: id'et 'biodiversitet' er allerede brugt af en aftale i {D}/2021.yaml:2:5. "
        "Hvert punkt skal have sit eget id i hele dialogens historik; giv denne aftale et nyt id, fx "
        "'biodiversitet-2021'.",
    ]),
    Case("id-to-gange-tidligere-runde", {f"{D}/2021.yaml": """\
        aftaler:
          - id: udlejning
            titel: Udlejning igen
        """}, [
        f"{D}/2021.yaml:2:9: fejl: id'et 'udlejning' er allerede brugt af en aftale i {D}/2020.yaml:6:5. "
        "Hvert punkt skal have sit eget id i hele dialogens historik; giv denne aftale et nyt id, fx "
        "'udlejning-2021'.",
    ]),
    # --- statuses and keys ----------------------------------------------------------------------
    Case("erstattet-i-haanden", {f"{D}/2021.yaml": """\
        opfølgning:
          udlejning:
            status: erstattet
        """}, [
        f"{D}/2021.yaml:3:13: fejl: status 'erstattet' sættes ikke i hånden. Skriv i stedet "
        "'erstatter: [udlejning]' i den nye aftale, der tager over.",
    ]),
    Case("ukendt-status", {f"{D}/2021.yaml": """\
        opfølgning:
          udlejning:
            status: viderefores
        """}, [
        f"{D}/2021.yaml:3:13: fejl: ukendt værdi 'viderefores' for 'status'. Mente du 'videreføres'? "
        "Gyldige værdier: i gang, videreføres, parkeret, opfyldt, afsluttet, udgår.",
    ]),
    Case("ukendt-noegle", {f"{D}/2021.yaml": """\
        opfølgning:
          udlejning:
            stauts: videreføres
        """}, [
        f"{D}/2021.yaml:3:5: fejl: ukendt nøgle 'stauts' i opfølgningen af 'udlejning'. Mente du 'status'?",
    ]),
    Case("ukendt-noegle-uden-forslag", {f"{D}/2021.yaml": """\
        møde:
          varighed: 2 timer
        """}, [
        f"{D}/2021.yaml:2:3: fejl: ukendt nøgle 'varighed' i 'møde'. Gyldige nøgler her: dato, tid, sted, "
        "sagsnr, deltagere, fraværende, referent, bemærkning.",
    ]),
    Case("ukendt-noegle-uden-danske-bogstaver", {f"{D}/2021.yaml": """\
        mode:
          sted: Rådhuset
        """}, [
        f"{D}/2021.yaml:1:1: fejl: ukendt nøgle 'mode' i runden 2021. Mente du 'møde'?",
    ]),
    Case("manglende-titel", {f"{D}/2021.yaml": """\
        aftaler:
          - id: biodiversitet
        """}, [
        f"{D}/2021.yaml:2:5: fejl: i en aftale under 'aftaler' mangler 'titel'. Tilføj 'titel: …' med en værdi.",
    ]),
    Case("ugyldigt-id", {f"{D}/2021.yaml": """\
        aftaler:
          - id: Social Vicevært
            titel: Social vicevært
        """}, [
        f"{D}/2021.yaml:2:9: fejl: 'Social Vicevært' kan ikke bruges som id: et id må kun indeholde små "
        "bogstaver a-z, tal og bindestreg. Skriv fx 'social-vicevaert'.",
    ]),
    # --- dates ----------------------------------------------------------------------------------
    Case("dato-forkert-format", {f"{D}/2021.yaml": """\
        møde:
          dato: 27/10/2021
        """}, [
        f"{D}/2021.yaml:2:9: fejl: 'dato': '27/10/2021' er ikke en dato. Skriv datoen som ÅÅÅÅ-MM-DD, "
        "fx 2020-10-27.",
    ]),
    Case("dato-findes-ikke", {f"{D}/2021.yaml": """\
        aftaler:
          - id: biodiversitet
            titel: Biodiversitet
            frist: 2022-02-30
        """}, [
        f"{D}/2021.yaml:4:12: fejl: 'frist': datoen '2022-02-30' findes ikke i kalenderen. Ret dag eller måned.",
    ]),
    # --- departments ----------------------------------------------------------------------------
    Case("ukendt-afdeling", {f"{D}/2021.yaml": """\
        aftaler:
          - id: biodiversitet
            titel: Biodiversitet
            afdelinger: [Nordparken, Sydparke]
        """}, [
        f"{D}/2021.yaml:4:30: fejl: afdelingen 'Sydparke' står ikke under 'afdelinger' i dialog.yaml. "
        "Mente du 'Sydparken'? Ret navnet, eller tilføj afdelingen i dialog.yaml.",
    ]),
    # --- files and folders ----------------------------------------------------------------------
    Case("filnavn-ikke-aarstal", {f"{D}/referat-2021.yaml": "møde: {}\n"}, [
        f"{D}/referat-2021.yaml:1:1: fejl: filnavnet 'referat-2021.yaml' er ikke et årstal: en rundes fil skal "
        "hedde efter rundens år, fx '2021.yaml', ellers bliver den ikke læst. Omdøb den til '2021.yaml'.",
    ]),
    Case("filnavn-yml", {f"{D}/2021.yml": "møde: {}\n"}, [
        f"{D}/2021.yml:1:1: fejl: filnavnet '2021.yml' er ikke et årstal: en rundes fil skal hedde efter rundens "
        "år, fx '2021.yaml', ellers bliver den ikke læst. Omdøb den til '2021.yaml'.",
    ]),
    Case("dialog-yaml-mangler", {"agreements/ny-dialog/2021.yaml": "møde: {}\n"}, [
        "agreements/ny-dialog/dialog.yaml:1:1: fejl: dialogmappen 'ny-dialog' har ingen dialog.yaml. Opret "
        "filen med mindst 'kommune: …' og 'boligorganisation: …'.",
    ]),
    Case("tom-fil", {f"{D}/2021.yaml": "# kun en kommentar\n"}, [
        f"{D}/2021.yaml:1:1: fejl: filen er tom. En runde skal mindst have 'møde:' og 'punkter:'.",
    ]),
    Case("tom-dialog-yaml", {f"{D}/dialog.yaml": ""}, [
        f"{D}/dialog.yaml:1:1: fejl: filen er tom. Skriv mindst 'kommune: …' og 'boligorganisation: …'.",
    ]),
    Case("mappe-i-stedet-for-fil", {f"{D}/2021.yaml/README.md": "x"}, [
        f"{D}/2021.yaml:1:1: fejl: '2021.yaml' er en mappe, men her skal være en fil. Flyt mappens indhold og "
        "opret filen.",
    ]),
    # --- invalid YAML ---------------------------------------------------------------------------
    Case("yaml-tabulator", {f"{D}/2021.yaml": "møde:\n\tsted: Rådhuset\n"}, [
        f"{D}/2021.yaml:2:1: fejl: et tabulatortegn (Tab) står, hvor YAML kræver mellemrum. Indryk med "
        "mellemrum i stedet for Tab.",
    ]),
    Case("yaml-kolon-i-tekst", {f"{D}/2021.yaml": """\
        møde:
          sted: Rådhuset
        eventuelt:
          - Kontakt: Gadeteamet: 5588 2177
        """}, [
        f"{D}/2021.yaml:4:24: fejl: et kolon med mellemrum efter (': ') står et sted, hvor YAML ikke venter en ny "
        "nøgle. Sæt teksten i anførselstegn, hvis den selv indeholder ': ', eller ret indrykningen.",
    ]),
    Case("yaml-anfoerselstegn-lukkes-ikke", {f"{D}/2021.yaml": 'møde:\n  sted: "Rådhuset\n'}, [
        f"{D}/2021.yaml:2:9: fejl: et anførselstegn åbnes her, men lukkes aldrig. Tilføj det afsluttende "
        "anførselstegn.",
    ]),
    Case("yaml-indrykning", {f"{D}/2021.yaml": "møde:\n    sted: Rådhuset\n  tid: 10-12\n"}, [
        f"{D}/2021.yaml:3:3: fejl: indrykningen passer ikke med linjerne over. Ret den, så nøgler og "
        "listeelementer på samme niveau starter i samme kolonne.",
    ]),
    Case("tekst-med-kolon-i-liste", {f"{D}/2021.yaml": """\
        eventuelt:
          - Pension: 5588 1320
        """}, [
        f"{D}/2021.yaml:2:5: fejl: et afsnit i 'eventuelt' skal være en tekst, men er et afsnit med nøgler. Står "
        "der ': ' i teksten (fx 'Pension: 5588 1320'), så sæt hele teksten i anførselstegn.",
    ]),
    # --- YAML safety ----------------------------------------------------------------------------
    Case("python-tag", {f"{D}/2021.yaml": """\
        møde:
          sted: !!python/object/apply:os.system ["touch pwned"]
        """}, [
        f"{D}/2021.yaml:2:9: fejl: YAML-mærket '!!python/object/apply:os.system' er ikke tilladt: aftale læser "
        "kun tekst, lister og nøgler. Slet mærket.",
    ]),
    Case("dobbelt-noegle", {f"{D}/2021.yaml": """\
        opfølgning:
          udlejning:
            status: videreføres
            referat: Første referat.
            referat: Andet referat.
        """}, [
        f"{D}/2021.yaml:5:5: fejl: nøglen 'referat' står to gange i samme afsnit (første gang på linje 4). YAML "
        "ville kun beholde den sidste, og resten gik tabt. Slå de to sammen til én.",
    ]),
    Case("ikke-utf8", {f"{D}/2021.yaml": "møde:\n  sted: Rådhuset, Næstved\n".encode("latin-1")}, [
        f"{D}/2021.yaml:1:2: fejl: filen er ikke gemt som UTF-8: byten 0xF8 kan ikke læses (typisk et æ, ø eller "
        "å gemt i et ældre tegnsæt). Gem filen igen med tegnsættet UTF-8.",
    ]),
    Case("alias-bombe", {f"{D}/2021.yaml": """\
        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
        h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
        i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
        """}, [
        f"{D}/2021.yaml:2:8: fejl: aliaset '*a' henviser til en liste eller et afsnit. aftale tillader kun aliaser "
        "til enkelte værdier (så en fil ikke kan vokse eksplosivt). Skriv værdien ud i stedet.",
    ]),
    Case("topniveau-er-liste", {f"{D}/2021.yaml": "- møde\n- punkter\n"}, [
        f"{D}/2021.yaml:1:1: fejl: filen skal bestå af nøgler med værdier (fx 'møde:'), men den er en liste. En "
        "runde skal mindst have 'møde:' og 'punkter:'.",
    ]),
    Case("topniveau-er-tekst", {f"{D}/dialog.yaml": "Næstved Kommune og Lejerbo\n"}, [
        f"{D}/dialog.yaml:1:1: fejl: filen skal bestå af nøgler med værdier (fx 'møde:'), men den er teksten "
        "'Næstved Kommune og Lejerbo'. Skriv mindst 'kommune: …' og 'boligorganisation: …'.",
    ]),
    Case("yaml-klamme-lukkes-ikke", {f"{D}/2021.yaml": "møde:\n  deltagere: [Jette, Ann\n  sted: Lejerbo\n"}, [
        f"{D}/2021.yaml:2:14: fejl: listen, der åbnes her med '[', lukkes ikke rigtigt. Tjek kommaerne og den "
        "afsluttende ']'.",
    ]),
    Case("kontroltegn", {f"{D}/2021.yaml": "møde:\n  sted: Råd\x01huset\n"}, [
        f"{D}/2021.yaml:2:12: fejl: filen indeholder kontroltegnet U+0001, som ikke må stå i en YAML-fil (det "
        "følger ofte med, når tekst kopieres fra Word eller e-mail). Slet tegnet.",
    ]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_load_and_ledger_report_exact_problem(repo: WriteTree, case: Case) -> None:
    loaded = load(repo(case.files))
    problems = list(loaded.problems)
    for dialog in loaded.repository.dialogs:
        problems.extend(replay(dialog).problems)
    assert sorted(str(p) for p in problems) == sorted(case.expected)
    assert [str(p) for p in check(Path.cwd()).problems] == case.expected


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_tjek_prints_exact_problem_and_exits_2(repo: WriteTree, case: Case) -> None:
    repo(case.files)
    code, output = run("tjek")
    lines = output.splitlines()
    assert lines[:-1] == case.expected
    assert lines[-1].endswith(": 1 fejl.")
    assert code == 2
    assert "Traceback" not in output
