"""A person's title on the org chart cards of the PDF and the PNG (`cards.card_text`): wrapped at its size, shrunk
only to stay whole, else cut with "…" at its size — never both small and cut. A seller's PNG drew Linda
Park-Henderson's "Vice President, Clinical Operations and Patient Experience" at 4.8 pt, half the size of every
other title, and cut it still: "Vice President, Clinical Operations and…"."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.io.export.cards import card_text
from battlemap.io.export.chart import CHART_MIN_PT
from battlemap.io.export.fonts import register_pdf_font
from battlemap.io.export.orgchart import BOX_H, BOX_W
from battlemap.io.export.png import CARD_NAME_PT, POINTS_PER_SLOT, card_unit_height, chart_picture
from battlemap.io.export.report import map_view
from battlemap.io.export.scripts import width

from .maps import sample_map
from .test_png_export import _text, needs_poppler

LONG_EN = ("Linda Park-Henderson", "Vice President, Clinical Operations and Patient Experience")
LONG_ZH = ("张伟", "华东区域数字化转型与信息安全管理委员会常务副主任兼首席信息官")
CHAMPION = 3  # in the sample deal: her card has its marks line ("++ INF CH") above the name


def _report(name: str, title: str, lang: str = "en"):  # noqa: ANN202
    """The sample map, the others' names short (a name on three lines made every PNG card tall enough)."""
    data = sample_map()
    for person in data["people"]:
        person["name"] = f"Person {person['id']}"
    person = next(p for p in data["people"] if p["id"] == CHAMPION)
    person["name"], person["title"] = name, title
    with translation.override(lang):
        return map_view(data)


def _title_lines(text) -> list:  # noqa: ANN001
    """The card's lines after the marks and the name: the title's (the names here take one line)."""
    return text.lines[2:]


@pytest.mark.parametrize(("name", "title"), [LONG_EN, LONG_ZH], ids=["en", "zh"])
def test_a_long_title_on_a_png_card_is_whole_at_the_size_of_the_other_titles(name, title):
    report = _report(name, title)
    font = register_pdf_font()
    inner = BOX_W * POINTS_PER_SLOT * 0.9
    unit_h = card_unit_height(report, report.people, font)  # the PNG's cards, as tall as this one needs
    with translation.override("en"):
        text = card_text(report, CHAMPION, font, CARD_NAME_PT, inner, BOX_H * unit_h)
    assert text.lines[0].text.startswith("++")  # the marks line is there
    assert text.lines[1].text == name
    lines = _title_lines(text)
    assert "".join(line.text for line in lines).replace(" ", "") == title.replace(" ", "")  # whole
    assert {line.size for line in lines} == {CARD_NAME_PT * 0.8}  # the size of every other title
    assert text.height <= BOX_H * unit_h  # within the card drawn


@pytest.mark.parametrize(("name", "title"), [LONG_EN, LONG_ZH], ids=["en", "zh"])
def test_a_title_too_long_for_its_fixed_card_is_cut_at_its_size_not_shrunk_as_well(name, title):
    """The PDF's cards are as tall as its page allows: one title line here. The title cannot be whole even at
    CHART_MIN_PT, so it keeps its size and ends with "…" (it was 4.8 pt and cut)."""
    report = _report(name, title)
    font = register_pdf_font()
    size, inner = 10.0, 110.0
    small = size * 0.8
    height = small * 1.1 + size * 1.1 + size * 1.15 + small * 1.1 + 1  # marks, name, one title line
    with translation.override("en"):
        text = card_text(report, CHAMPION, font, size, inner, height, floor=CHART_MIN_PT)
    [line] = _title_lines(text)
    assert line.text.endswith("…") and len(line.text) > 5
    assert line.size == small
    assert width(line.text, line.size, font) <= inner


def test_a_title_that_is_whole_when_shrunk_is_shrunk_whole_on_a_fixed_card():
    """Northwind's "Chief Financial Officer" on the PDF's one-page chart: shrunk onto its one line, whole."""
    title = "Chief Financial Officer"
    report = _report("David Okafor", title)
    font = register_pdf_font()
    size = 10.0
    small = size * 0.8
    inner = width(title, small * 0.75, font) + 0.5  # whole at three quarters of its size, not above
    height = small * 1.1 + size * 1.1 + size * 1.15 + small * 1.1 + 1
    with translation.override("en"):
        text = card_text(report, CHAMPION, font, size, inner, height, floor=CHART_MIN_PT)
    [line] = _title_lines(text)
    assert line.text == title
    assert CHART_MIN_PT <= line.size < small


@needs_poppler
def test_the_png_shows_a_long_title_whole():
    report = _report(*LONG_EN)
    with translation.override("en"):
        text = _text(chart_picture(report, register_pdf_font()))
    assert LONG_EN[1] in " ".join(text.split())
    assert "…" not in text
