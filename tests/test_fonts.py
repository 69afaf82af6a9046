"""The fonts travel with the templates: every character is drawn by a shipped font, or `tjek` says so.

A symbol a secretary pastes from Word (✓ ☐ → € ½ …) is drawn by the shipped
symbol font, on every machine; the PDF holds no font from the machine. Text no
shipped font can draw is a warning at its place in the YAML file. And whatever
the text, the PDF's text reads back intact.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pikepdf
from pypdf import PdfReader

from tests.conftest import WriteTree, run
from tests.documents import require

#: Symbols a secretary pastes from Word, with Danish letters around them.
SYMBOLS = "✓ ✔ ✗ ☐ ☑ ☒ → ⇒ ← ↑ € ½ ¼ ¾ • ◦ ▪ – — § ≤ ≥ ± × ° ™ ® © … ★"
#: The PDF names of the shipped font families in any style, by PDF engine: the @font-face names of print.css, and
#: the fonts' own names in typst.
SHIPPED = {"weasyprint": r"Aftale-(Sans|Symboler)(-Bold|-Italic|-BoldItalic|-Oblique|-BoldOblique)?",
           "typst": r"(LiberationSans|DejaVuSans)(-Bold|-Italic|-BoldItalic|-Oblique|-BoldOblique)?"}


def _round(text: str) -> str:
    return ("møde:\n  dato: 2021-10-27\npunkter:\n  - titel: Tegn fra Word\n"
            f"    referat: [\"{text}\"]\n")


def _pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """(name, embedded) of every font in the PDF, as a PDF reader lists them."""
    listing = subprocess.run([require("pdffonts"), str(path)], check=True, capture_output=True, text=True).stdout
    return [(row.split()[0], row.split()[-5] == "yes") for row in listing.splitlines()[2:]]


def _drawn(path: Path) -> tuple[set[str], set[str]]:
    """The characters the PDF draws with a real glyph, and those it draws with a font's empty box (glyph 0)."""
    drawn: set[str] = set()
    boxes: set[str] = set()
    with pikepdf.open(path) as pdf:
        for font in (obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)
                     and obj.get("/Type") == "/Font" and "/ToUnicode" in obj):
            cmap = font.ToUnicode.read_bytes().decode("latin-1")
            for glyph, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", cmap):
                chars = bytes.fromhex(text).decode("utf-16-be")
                (boxes if int(glyph, 16) == 0 else drawn).update(chars)
    return drawn, boxes


def test_symbols_from_word_are_drawn_by_the_shipped_fonts(repo: WriteTree, tmp_path: Path, pdf_engine: str) -> None:
    repo({"agreements/demo/2021.yaml": _round(f"Afkrydset {SYMBOLS} og æøå ÆØÅ.")})
    code, output = run("referat", "demo", "2021", "--format", "pdf", "--ud", "ud", "--pdf-motor", pdf_engine)
    assert code == 0, output
    pdf = tmp_path / "ud/demo/2021/referat.pdf"
    fonts = _pdf_fonts(pdf)
    assert fonts
    for name, embedded in fonts:
        assert embedded, name
        assert re.fullmatch(SHIPPED[pdf_engine], name.split("+")[-1]), name
    drawn, boxes = _drawn(pdf)
    symbols = set(SYMBOLS.replace(" ", ""))
    assert symbols <= drawn, "".join(sorted(symbols - drawn))
    assert not symbols & boxes, "".join(sorted(symbols & boxes))


def test_the_symbol_font_ships_with_its_licence() -> None:
    fonts = Path(__file__).resolve().parent.parent / "templates/fonts"
    assert (fonts / "DejaVuSans.ttf").is_file()
    licence = (fonts / "LICENSE-DejaVu").read_text(encoding="utf-8")
    assert "Bitstream Vera Fonts Copyright" in licence and "Arev Fonts Copyright" in licence
    css = (fonts.parent / "print.css").read_text(encoding="utf-8")
    assert re.search(r'font-family:\s*"Aftale Sans",\s*"Aftale Symboler",\s*sans-serif;', css)


SENTENCE = "Blåbærgrøden på Æblevej skal måles før sommerferien."


def test_an_emoji_leaves_the_pdf_text_intact_for_every_reader(repo: WriteTree, tmp_path: Path,
                                                              pdf_engine: str) -> None:
    """One character no font has once made pypdf read "S t y r i n g s d i a l o g" in the whole PDF.

    WeasyPrint draws such a character as the font's empty box and keeps it in the text; typst may not (PDF/A
    allows no missing glyph), so it draws the box character instead, as `aftale tjek` warns.
    """
    repo({"agreements/demo/2021.yaml": _round(f"Smilende 😀 og 👍 og 漢字 og {SYMBOLS}. {SENTENCE}")})
    code, output = run("referat", "demo", "2021", "--format", "pdf", "--ud", "ud", "--pdf-motor", pdf_engine)
    assert code == 0, output
    pdf = tmp_path / "ud/demo/2021/referat.pdf"
    assert all(re.fullmatch(f"[A-Z]{{6}}\\+{SHIPPED[pdf_engine]}", name) for name, _ in _pdf_fonts(pdf)), \
        _pdf_fonts(pdf)
    poppler = subprocess.run([require("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], check=True,
                             capture_output=True, text=True).stdout
    pypdf = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    # 😀 is among the symbols the shipped symbol font draws; 👍 and 漢字 are not
    undrawn = ("Smilende 😀 og", "漢字") if pdf_engine == "weasyprint" else ("Smilende 😀 og □ og □□ og",)
    for text in (poppler, pypdf):
        assert "Styringsdialog 2021 mellem Testby Kommune" in text
        assert SENTENCE in re.sub(r"\s+", " ", text)
        assert all(shown in re.sub(r"\s+", " ", text) for shown in undrawn) and "✓" in text


NOT_DRAWN = ("møde:\n  dato: 2021-10-27\npunkter:\n  - titel: Tegn\n"
             "    referat: [\"Glad 👍 og 漢 og ✓ og 😀 og 👍\"]\n")


def test_text_no_shipped_font_draws_is_a_warning_at_its_place(repo: WriteTree) -> None:
    repo({"agreements/demo/2021.yaml": NOT_DRAWN})
    code, output = run("tjek")
    assert code == 0, output
    advice = "findes ikke i dokumenternes skrifttyper og vises som en tom firkant i PDF'en. " \
             "Slet tegnet, eller erstat det med et ord."
    assert output.splitlines() == [
        f"agreements/demo/2021.yaml:5:15: advarsel: tegnet '漢' (U+6F22) {advice}",
        f"agreements/demo/2021.yaml:5:15: advarsel: tegnet '👍' (U+1F44D) {advice}",
        "Tjekket 1 dialog, 3 filer: 2 advarsler."]
    assert run("tjek", "--streng")[0] == 1


def test_symbols_and_danish_text_give_no_warning(repo: WriteTree) -> None:
    repo({"agreements/demo/2021.yaml": _round(f"{SYMBOLS} æøå ÆØÅ עברית مرحبا Zero\u200bwidth")})
    assert run("tjek") == (0, "Tjekket 1 dialog, 3 filer: ingen fejl.\n")


def test_the_coverage_table_is_what_the_fonts_draw() -> None:
    root = Path(__file__).resolve().parent.parent
    script = subprocess.run([sys.executable, "-c", "import runpy, sys; sys.argv = ['x']; "
                             "m = runpy.run_path('scripts/make_fonts.py'); print(m['coverage_module'](), end='')"],
                            cwd=root, check=True, capture_output=True, text=True).stdout
    assert (root / "src/aftale/fontcoverage.py").read_text(encoding="utf-8") == script
