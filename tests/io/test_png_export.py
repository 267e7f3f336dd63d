"""The PNG org chart as a reader opens it: a 10,000-person account is a picture Pillow opens with its default
limits, within png.MAX_PIXELS, cut in team panels and saying how many people it leaves out; and its cards
show the titles the PDF's org chart shows."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
import warnings

import pytest
from django.utils import translation
from PIL import Image
from reportlab.graphics import renderPDF

from battlemap.io.export import export_map_bytes
from battlemap.io.export.chart_notes import people_left_out_text
from battlemap.io.export.fonts import register_pdf_font
from battlemap.io.export.png import MAX_PIXELS, MIN_DPI, chart_picture
from battlemap.io.export.report import map_view

from .maps import _person, sample_map

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")


def big_map(people: int) -> dict:
    """A five-wide reporting tree of `people` people, three of them with roles in the deal."""
    data = sample_map()
    rows = [_person(1, "总经理王", "董事长", None)]
    rows += [_person(i, f"员工{i}", "工程师", (i - 2) // 5 + 1) for i in range(2, people + 1)]
    for deal in data["deals"]:
        deal["roles"] = [r for r in deal.get("roles", []) if r["person"] <= 5]
    return {**data, "people": rows, "influence_links": [], "interactions": []}


def _text(drawing) -> str:  # noqa: ANN001
    """The text of a drawing as a reader of the rasterised page gets it (pdftotext of the PDF the PNG is made of)."""
    pdf = renderPDF.drawToString(drawing)
    out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True)
    return unicodedata.normalize("NFKC", out.stdout.decode())


@needs_poppler
@pytest.mark.slow
def test_the_png_of_a_10000_person_account_opens_in_pillow_within_the_documented_pixels():
    """A tester's 10,000-person account was one row of cards 132,009 × 1,016 px (134 MP): Pillow refused it."""
    png = export_map_bytes(big_map(10_000), fmt="png", lang="zh-hans")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(png)) as image:
            image.load()
            width, height = image.size
            dpi = image.info["dpi"][0]
    assert width * height <= MAX_PIXELS
    assert round(dpi) >= MIN_DPI  # cut, not shrunk: 10-pt names stay 11 px or more
    assert 0.4 < width / height < 4  # rows of team panels, not one strip


@needs_poppler
@pytest.mark.slow
def test_a_cut_chart_says_how_many_people_it_leaves_out_and_shows_the_deals_people():
    data = big_map(10_000)
    with translation.override("zh-hans"):
        report = map_view(data)
        text = _text(chart_picture(report, register_pdf_font()))
        shown = {line for line in text.splitlines() if line.startswith(("员工", "总经理"))}
        said = unicodedata.normalize("NFKC", people_left_out_text(len(shown), 10_000 - len(shown)))
    assert 0 < len(shown) < 10_000 and said in text
    assert {"总经理王", "员工2", "员工3", "员工4", "员工5"} <= shown  # the top and the deal's people
    assert unicodedata.normalize("NFKC", "组织架构图：员工3") in text  # a team panel says whose team it is


@needs_poppler
def test_png_cards_show_the_titles_the_pdf_shows_under_long_names():
    """A tester's PNG showed `<script>alert(1)</script>` without its title CEO and an Arabic name without
    مدير المبيعات, which the PDF's org chart showed: the PNG's cards were shorter than the PDF's."""
    data = sample_map()
    titles = {1: ("<script>alert(1)</script><img src=x onerror=alert(1)>", "CEO"),
              2: ("<img src=x onerror=alert(2)>", 'CFO "财务"'),
              3: ("محمد عبد الرحمن العلي", "مدير المبيعات")}  # fmt: skip
    for person in data["people"]:
        if person["id"] in titles:
            person["name"], person["title"] = titles[person["id"]]
    with translation.override("en"):
        text = _text(chart_picture(map_view(data), register_pdf_font()))
    flat = text.replace("\n", " ")
    assert "CEO" in flat and 'CFO "财务"' in flat
    assert all(word in flat for word in ("مدير", "المبيعات"))  # pdftotext gives Arabic words right to left
    assert all(p["title"] in flat for p in data["people"] if p["id"] not in titles and p["title"].isascii())


@needs_poppler
@pytest.mark.slow
def test_a_manager_with_thousands_of_direct_reports_is_a_picture_not_a_300000_point_column():
    """One column of 5,000 stacked cards was a page pdftoppm did not rasterise in two minutes."""
    data = big_map(2)
    data["people"] += [_person(i, f"员工{i}", "工程师", 1) for i in range(3, 5_001)]
    png = export_map_bytes(data, fmt="png", lang="zh-hans")
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    assert width * height <= MAX_PIXELS and height <= 14_400 / 72 * 150 + 2000  # the page, legend and notes
