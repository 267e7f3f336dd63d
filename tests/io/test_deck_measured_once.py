"""The review deck of a 2,000-person account took 117 s under load (docs/performance.md promises < 15 s on a
quiet machine): its time went on measuring the same text again and again (each start of a line, at each card
width a chart tries, on each slide), on python-pptx summing every row of a table again each time one row's
height was set, and on the footer building a shape object for every card of the slide to find the legend.
No timings here: the work itself is counted, and the slides stay as they were drawn."""

from __future__ import annotations

from collections import Counter

import pytest
from pptx import Presentation
from pptx.table import Table
from pptx.util import Emu, Inches

from battlemap.io.export import pptx_slide, scripts
from battlemap.io.export.fonts import register_pdf_font
from battlemap.io.export.pptx import TABLE_TOP, _measured_rows, _table
from battlemap.io.export.pptx_slide import SLIDE_H, SLIDE_W, blank_slide, footer, line_count
from battlemap.io.export.textfit import wrap

NAME = "华东省能源投资集团有限公司信息中心基础设施与云平台运维部副主任兼网络安全领导小组办公室主任"


@pytest.fixture
def fresh_measures():
    """Nothing measured yet in this process (the caches are the process's)."""
    for cached in (scripts.width, pptx_slide._deck_width, line_count):
        getattr(cached, "cache_clear", lambda: None)()


def _counted(monkeypatch, module, name):
    calls: Counter = Counter()
    real = getattr(module, name)

    def counting(*args):
        calls[tuple(a if isinstance(a, str | int | float) else id(a) for a in args)] += 1
        return real(*args)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_the_deck_measures_each_start_of_a_line_once_at_every_card_width(fresh_measures, monkeypatch):
    # a card's title wrapped at each width the org chart tries: the starts of its lines are the same texts
    calls = _counted(monkeypatch, scripts, "width")
    counts = [line_count(NAME, 10, width, False) for width in (60, 70, 80, 90, 100, 120, 140)]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1] > 1
    assert calls and max(calls.values()) == 1, calls.most_common(3)


def test_the_pictures_measure_each_start_of_a_line_once_at_every_card_width(fresh_measures, monkeypatch):
    # the PDF's and the PNG's cards, and the deck's names cut to NAME_LINES, wrap in the PDF's font
    calls = _counted(monkeypatch, scripts, "stringWidth")
    font = register_pdf_font()
    lines = [wrap(NAME, font, size, width) for size in (12, 11, 10) for width in (60, 80, 100, 120)]
    assert all("".join(ln) == NAME for ln in lines)
    assert calls and max(calls.values()) == 1, calls.most_common(3)


def test_a_long_table_sums_its_rows_once_and_each_row_is_as_tall_as_measured(monkeypatch):
    sums = Counter()
    real = Table.notify_height_changed
    monkeypatch.setattr(Table, "notify_height_changed", lambda self: (sums.update(["sum"]), real(self)))
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    slide = blank_slide(prs, "Coverage")
    widths = (0.3, 0.5, 0.2)
    rows = list(
        _measured_rows(
            ["who", "what", "when"], [[f"张{i}", NAME[: i % 40], "2026-12-01"] for i in range(80)], widths, 5
        )
    )
    height = _table(slide, rows, widths, TABLE_TOP)
    frame = next(s for s in slide.shapes if s.has_table)
    assert sums["sum"] == 0  # python-pptx summed all rows again at each of the 81 rows set
    assert [r.height for r in frame.table.rows] == [h for *_cells, h in rows]
    assert frame.height == height == sum(h for *_cells, h in rows)
    assert frame.table.cell(5, 1).text == rows[5][0][1]


def test_the_footer_finds_the_legend_without_a_shape_object_for_every_card(monkeypatch):
    from pptx.shapes import shapetree

    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    slide = blank_slide(prs, "Organisation chart")
    for i in range(120):  # the cards of a big chart
        slide.shapes.add_textbox(Inches(0.3 + (i % 12)), Inches(1 + i // 12 * 0.5), Inches(0.9), Inches(0.4))
    legend = slide.shapes.add_textbox(Inches(0.3), SLIDE_H - Inches(0.45), Inches(7), Inches(0.3))
    calls = _counted(monkeypatch, shapetree, "SlideShapeFactory")
    box = footer(slide, "基准测试集团", "2026-12-05", 3)
    assert sum(calls.values()) <= 1  # the footer's own box only (it made one for each of the 122 shapes)
    assert box.left >= legend.left + legend.width  # still right of the legend in its band
    assert Emu(box.left + box.width) <= SLIDE_W
