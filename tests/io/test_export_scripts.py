"""Names in every script the sales team meets are readable in the exports: the files are opened as a
reader would (the PDF page rendered by poppler and its text extracted, the PNG's pixels, the XLSX
read back, the deck converted by LibreOffice)."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from PIL import Image

from battlemap.io.export import export_map_bytes
from battlemap.io.export.fonts import charmap
from battlemap.io.export.scripts import REPLACEMENT, runs, width
from tests.exports import libreoffice_pdf

from .maps import SCRIPT_NAME, sample_analysis, sample_map

ARABIC, CYRILLIC, THAI, EMOJI = "محمد العربي", "Иван Петров", "สมชาย ใจดี", "Ana 😀 Li"
WORLD = {
    2: (ARABIC, "مدير"),
    3: (CYRILLIC, "Директор по ИТ"),
    4: (THAI, "ผู้จัดการฝ่ายจัดซื้อ"),
    5: ("राजेश कुमार", "वित्त निदेशक"),
    7: ("Nguyễn Thị Ánh", "Kỹ sư vận hành"),
    8: ("דוד כהן", "מנהל רכש"),
    12: (EMOJI, "Zalgo Z̴̡a̷l̸g̶o̵"),
}
CHECKED = [ARABIC, "مدير", CYRILLIC, THAI, EMOJI, SCRIPT_NAME, "राजेश कुमार", "Nguyễn Thị Ánh", "דוד כהן"]
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")


def world_map(names: dict[int, tuple[str, str]] = WORLD) -> dict:
    data = sample_map()
    for person in data["people"]:
        if person["id"] in names:
            person["name"], person["title"] = names[person["id"]]
    return data


def _read(text: str) -> str:
    """What a reader compares: Arabic presentation forms folded to letters (NFKC), spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_each_character_is_drawn_by_a_font_that_has_it():
    for name in CHECKED:
        line = runs(name, 10)
        assert line and width(name, 10) > 0
        for run in line:
            assert all(ord(ch) in charmap(run.font) for ch in run.text), (name, run)


def test_right_to_left_names_are_in_display_order():
    first, _space, last = runs(ARABIC, 10)  # left to right as drawn: the second word first
    assert _read(first.text[::-1]) == "العربي" and _read(last.text[::-1]) == "محمد"
    # a Latin name inside an Arabic title stays left to right
    assert [r.text for r in runs("مدير Anna", 10)][0] == "Anna"
    # numbers read left to right inside Arabic, in Arabic-Indic digits as in European ones
    for digits in ("١٢٣", "123"):
        line = [r.text for r in runs(f"علي {digits} محمد", 10)]
        assert digits in line, line
    assert "".join(r.text for r in runs("Ali ٢٠٢٦", 10)).endswith("٢٠٢٦")


def test_a_character_no_font_has_is_a_visible_replacement_and_the_rest_stays():
    line = runs("\U00013000 Egyptian \U0010fffd", 10)
    text = "".join(r.text for r in line)
    assert text.count(REPLACEMENT) == 2 and "Egyptian" in text
    invisible = runs("\u200d\ufe0f", 10)  # format characters alone: nothing seen, no replacement box
    assert sum(r.width for r in invisible) == 0 and REPLACEMENT not in "".join(r.text for r in invisible)


@pytest.fixture(scope="module")
def world_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "review.pdf"
    path.write_bytes(export_map_bytes(world_map(), fmt="pdf", lang="en", analysis=sample_analysis()))
    return path


def _words(pdf: Path, page: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """pdftotext's words of a page with their boxes (points)."""
    import re
    from html import unescape

    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [
        (unescape(m[5]), (float(m[1]), float(m[2]), float(m[3]), float(m[4])))
        for m in re.finditer(pattern, out)
    ]


@needs_poppler
def test_pdf_org_chart_cards_hold_every_name_as_text_and_ink(world_pdf, tmp_path):
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(world_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for name in CHECKED:
        assert _read(name) in _read(text), name
    dpi = 100
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            "2",
            "-l",
            "2",
            "-singlefile",
            str(world_pdf),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    page = Image.open(tmp_path / "p.png").convert("L")
    words = _words(world_pdf, 2)
    for name in (ARABIC, CYRILLIC, THAI, EMOJI, SCRIPT_NAME):
        for word in _read(name).split():
            boxes = [box for w, box in words if _read(w) == word or _read(w[::-1]) == word]
            assert boxes, (name, word)
            x0, y0, x1, y1 = (round(v * dpi / 72) for v in boxes[0])
            crop = page.crop((x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)))
            counts = crop.histogram()
            card = counts.index(max(counts))  # the card's fill
            ink = sum(n for v, n in enumerate(counts) if abs(v - card) > 60)
            assert ink >= 0.04 * sum(counts), (name, word, ink, sum(counts))  # the glyphs are drawn


@needs_poppler
def test_pdf_people_table_and_title_hold_the_names(world_pdf):
    text = subprocess.run(
        ["pdftotext", str(world_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    last = _read(pages[-2] if not pages[-1].strip() else pages[-1])
    for name in CHECKED:
        assert _read(name) in last, name


def _ink(png: bytes) -> int:
    """How many pixels of the picture are dark (text, borders)."""
    with Image.open(io.BytesIO(png)) as image:
        return sum(image.convert("L").point(lambda v: 255 if v < 100 else 0).histogram()[255:])


@needs_poppler
@pytest.mark.parametrize("name", [ARABIC, CYRILLIC, THAI, EMOJI, SCRIPT_NAME])
def test_png_org_chart_draws_the_name(name):
    blank = _ink(export_map_bytes(world_map({2: ("", "")}), fmt="png", lang="en"))
    named = _ink(export_map_bytes(world_map({2: (name, "")}), fmt="png", lang="en"))
    assert named > blank + 40, (name, blank, named)


def test_xlsx_reads_back_every_name():
    data = export_map_bytes(world_map(), fmt="xlsx", lang="en", analysis=sample_analysis())
    people = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    rows = {row[1]: row[2] for row in people.iter_rows(min_row=2, values_only=True)}
    for name, title in WORLD.values():
        assert rows.get(name) == title, name
    assert SCRIPT_NAME in rows


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@needs_poppler
def test_pptx_names_show_in_libreoffice(tmp_path):
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(export_map_bytes(world_map(), fmt="pptx", lang="en", analysis=sample_analysis()))
    text = subprocess.run(
        ["pdftotext", str(libreoffice_pdf(deck, tmp_path)), "-"], capture_output=True, text=True, check=True
    ).stdout
    for name in CHECKED:
        assert _read(name) in _read(text), name


@needs_poppler
def test_a_report_sentence_starting_with_an_arabic_name_reads_left_to_right(tmp_path):
    """The report is in Chinese or English: "محمد علي added to the map" is a left-to-right sentence set
    flush left (as the web page shows it), the name reading right to left in its place."""
    from reportlab.platypus import SimpleDocTemplate

    from battlemap.io.export.fonts import register_pdf_font
    from battlemap.io.export.pdf_page import page_styles, paragraph

    path = tmp_path / "sentence.pdf"
    doc = SimpleDocTemplate(str(path), leftMargin=72, rightMargin=72)
    doc.build([paragraph(f"{ARABIC} added to the map", page_styles(register_pdf_font())["body"])])
    words = _words(path, 1)
    x = {_read(w[::-1]) if _read(w[::-1]) in _read(ARABIC) else _read(w): box[0] for w, box in words}
    assert x["محمد"] > x["العربي"]  # the name right to left in place
    assert max(x["محمد"], x["العربي"]) < x["added"] < x["map"]  # then the sentence, left to right
    assert min(x.values()) < 80  # flush left, at the margin


def test_a_name_too_long_for_its_card_is_cut_with_an_ellipsis_not_shrunk_unreadable():
    from battlemap.io.export.fonts import register_pdf_font
    from battlemap.io.export.scripts import width
    from battlemap.io.export.textfit import SMALLEST_SHARE, fit_lines

    font = register_pdf_font()
    name = "Ahmad 超长名字" * 30
    lines, size = fit_lines(name, font, 10, 120, 3)
    assert len(lines) == 3 and lines[-1].endswith("…") and size >= 10 * SMALLEST_SHARE
    assert all(width(line, size, font) <= 120 for line in lines)
    assert fit_lines("王建国", font, 10, 120, 3) == (["王建国"], 10)  # a name that fits is left alone
