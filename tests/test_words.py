"""The words of the documents live in templates/tekster.yaml; a repository overrides them entry by entry."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import docx

from aftale import words
from aftale.errors import TemplateFailed
from tests.conftest import WriteTree, run
from tests.documents import docx_headings, docx_text, in_order, pdf_text

ROOT = Path(__file__).resolve().parent.parent
OVERRIDE = "# Vores egne ord\npunkter:\n  eventuelt: Eventuelt og afslutning\n"


def test_repository_word_changes_docx_and_pdf_and_nothing_else(repo: WriteTree, tmp_path: Path) -> None:
    repo()
    assert run("referat", "demo", "--ud", "før")[0] == 0
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/tekster.yaml").write_text(OVERRIDE, encoding="utf-8")
    assert run("referat", "demo", "--ud", "efter")[0] == 0
    before, after = tmp_path / "før/demo/2020/referat", tmp_path / "efter/demo/2020/referat"
    assert docx_headings(after.with_suffix(".docx"), 1) == ["1. Udarbejdelse af aftaledokument",
                                                          "2. Eventuelt og afslutning"]
    assert in_order(pdf_text(after.with_suffix(".pdf")), ["1. Udarbejdelse af aftaledokument",
                                                          "2. Eventuelt og afslutning", "Intet."])
    for read, suffix in ((docx_text, ".docx"), (pdf_text, ".pdf")):
        old, new = read(before.with_suffix(suffix)), read(after.with_suffix(suffix))
        assert old.count("Eventuelt") == 1
        assert new == old.replace("Eventuelt", "Eventuelt og afslutning")


def test_page_numbers_and_template_words_come_from_the_words_file(repo: WriteTree, tmp_path: Path) -> None:
    repo({"templates/tekster.yaml": """\
        dokumenter:
          sidetal: "Page {side} of {sider}"
        aftaledokument:
          underskrifter: Underskrevet
          dato: "Den:"
        """})
    assert run("aftaledokument", "demo", "--ud", "ud")[0] == 0
    out = tmp_path / "ud/demo/2020/aftaledokument"
    document = docx.Document(str(out.with_suffix(".docx")))
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("Page ") and " of " in footer.text
    for text in (docx_text(out.with_suffix(".docx")), pdf_text(out.with_suffix(".pdf"))):
        assert in_order(text, ["Underskrevet", "Den:"]) and "Underskrifter" not in text and "Dato:" not in text
    assert "Page 1 of 1" in pdf_text(out.with_suffix(".pdf"))


def test_mistaken_key_is_a_danish_error_with_its_line(repo: WriteTree, tmp_path: Path) -> None:
    repo({"templates/tekster.yaml": "punkter:\n  eventuel: Eventuelt og afslutning\n"})
    expected = ("templates/tekster.yaml:2:3: fejl: ukendt nøgle 'eventuel' under 'punkter'. Mente du 'eventuelt'?\n"
                "fejl: ordene i tekster.yaml kan ikke bruges. Intet er skrevet; ret fejlene og prøv igen.\n")
    assert run("referat", "demo", "--ud", "ud") == (2, expected)
    assert run("byg", "--ud", "ud") == (2, expected)
    assert not (tmp_path / "ud").exists()


def test_unknown_group_and_name_in_braces_are_errors(repo: WriteTree, tmp_path: Path) -> None:
    repo({"templates/tekster.yaml": """\
        overskrifter:
          eventuelt: Eventuelt
        aftaledokument:
          afsluttet: "Afsluttet i {aar}"
          for-part: "For {part"
        """})
    code, output = run("aftaledokument", "demo", "--ud", "ud")
    assert code == 2
    assert output.splitlines() == [
        "templates/tekster.yaml:1:1: fejl: ukendt nøgle 'overskrifter' i tekster.yaml. Mente du 'oversigt'?",
        "templates/tekster.yaml:4:14: fejl: teksten til 'afsluttet' bruger {aar}, som ikke kan udfyldes her. "
        "Her kan bruges: {år}.",
        "templates/tekster.yaml:5:13: fejl: teksten til 'for-part' har en krøllet parentes uden sin partner. Skriv "
        "navne i krøllede parenteser som {år}, og brug ikke krøllede parenteser til andet.",
        "fejl: ordene i tekster.yaml kan ikke bruges. Intet er skrevet; ret fejlene og prøv igen.",
    ]
    assert not (tmp_path / "ud").exists()


def test_every_builtin_word_is_filled_in_by_name() -> None:
    builtin = words.builtin()
    assert builtin("aftaledokument.afsluttet", **{"år": 2021}) == "Afsluttet i 2021"
    assert builtin("etiketter.periode-tekst", **{"år": 2021, "næste-år": 2022}) == (
        "Fra styringsdialogen 2021 til styringsdialogen 2022")
    try:
        builtin("punkter.eventuel")
    except TemplateFailed as error:
        assert str(error) == "teksten 'punkter.eventuel' findes ikke i tekster.yaml. Geninstallér aftale."
    else:
        raise AssertionError("a missing word must be an error")


# --- no words outside the words file -------------------------------------------------------------

def _values() -> list[str]:
    """The fixed parts of every built-in word ("Afsluttet i {år}" gives "Afsluttet i")."""
    found = set()
    for text in words.builtin().entries.values():
        found.update(part.strip() for part in re.split(r"\{[^{}]*\}", text) if len(part.strip(" ():.")) > 2)
    return sorted(found)


def words_in_source(source: str) -> list[str]:
    """The string literals of Python ``source`` (docstrings aside) that hold a word of the words file."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node)}
    keys = set(words.builtin().entries)
    patterns = [re.compile(rf"(?<!\w){re.escape(value)}(?!\w)") for value in _values()]
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and node.value not in keys and not node.value.startswith(tuple(k.split(".")[0] + "." for k in keys))
            and any(p.search(node.value) for p in patterns)]


def test_views_hold_no_words_of_the_documents() -> None:
    modules = sorted((ROOT / "src/aftale/views").glob("*.py"))
    assert len(modules) > 1
    for module in modules:
        assert words_in_source(module.read_text(encoding="utf-8")) == [], module.name


def test_the_guard_finds_a_word_in_code() -> None:
    source = 'def f():\n    """Eventuelt: a docstring may name words."""\n    return Item(1, "Eventuelt")\n'
    assert words_in_source(source) == ["Eventuelt"]
    assert words_in_source('x = f"Afsluttet i {year}"') == ["Afsluttet i "]
    assert words_in_source('x = w("punkter.eventuelt")') == []


def words_in_template(text: str) -> list[str]:
    """Words of the words file written in a template's own text, outside its fields and comments."""
    text = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}|<[^>]*>", " ", text, flags=re.S)
    return [value for value in _values() if re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text)]


def test_templates_hold_no_words_of_their_own() -> None:
    for path in sorted((ROOT / "templates").glob("*.html")):
        assert words_in_template(path.read_text(encoding="utf-8")) == [], path.name
    for path in sorted((ROOT / "templates").glob("*.docx")):
        document = docx.Document(str(path))
        parts = [document.element.body, *(s.header._element for s in document.sections),
                 *(s.footer._element for s in document.sections)]
        text = " ".join("".join(t.text or "" for t in part.iter("{*}t")) for part in parts)
        assert words_in_template(text) == [], path.name
    assert words_in_template("<h2>Underskrifter</h2>{# Underskrifter #}") == ["Underskrifter"]
