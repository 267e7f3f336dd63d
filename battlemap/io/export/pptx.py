"""The account-review deck (PPTX): the summary, the org chart as native shapes and connectors
(pptx_chart.py), coverage, the influence circle (pptx_circle.py), flags, win-win and next actions,
one function per section (`summary_slide`, `coverage_slides`, …).
The tables come from rows.py, shared with the PDF. East Asian font set on every run so PowerPoint
and WPS render Chinese."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

from django.utils.translation import pgettext
from pptx import Presentation
from pptx.table import _Cell
from pptx.util import Emu, Inches, Pt

from battlemap.core.text import clean_control
from battlemap.io.labels import labelled, with_aside

from .deal_rows import PROCESS_TABLES, QUALIFYING_TABLES, DealTable, outside_table
from .pptx_chart import chart_slides
from .pptx_circle import circle_slide
from .pptx_slide import FOOTER_TOP, SLIDE_H, SLIDE_W, blank_slide, footer, line_count, set_lines
from .report import Report, analysed_export, build_report
from .rows import (
    action_table,
    coverage_table,
    flag_table,
    is_nothing_recorded,
    next_step_table,
    no_deal_text,
    no_people_text,
    playbook_table,
    risk_table,
    summary_facts,
    win_win_table,
)
from .textfit import most_chars, shorten


@analysed_export
def export_pptx(buf: BinaryIO, data: dict[str, Any], analysis: dict[str, Any], deal_id: int | None) -> None:

    report = build_report(data, analysis, deal_id)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    summary_slide(prs, report)
    if report.people:  # no chart drawn empty: the summary slide says there is nobody yet
        chart_slides(prs, report)
    if report.deal is not None:
        coverage_slides(prs, report)
    if report.people:
        circle_slide(prs, report)
    empty: list[str] = []  # the tables with nothing recorded yet: one slide names them all, at the end
    _table_slides(
        prs, pgettext("export", "Outside factors"), *outside_table(report), [0.7, 0.15, 0.15], empty
    )
    if report.deal is not None:
        deal_table_slides(prs, report, PROCESS_TABLES, empty)
        flag_slides(prs, report)
        win_win_slides(prs, report)
        deal_table_slides(prs, report, QUALIFYING_TABLES, empty)
        action_slides(prs, report)
    if empty:
        _not_recorded_slide(prs, empty)
    for n, slide in enumerate(prs.slides, start=1):  # page numbers
        footer(slide, report.account.get("name", ""), report.as_of, n)
    prs.save(buf)


def summary_slide(prs: Any, r: Report) -> None:
    """Slide 1: deal, stage, amount, close, health with trend, owner, date; top 3 risks; next steps — for a
    won or lost deal its last stage and outcome, and the action items left open, if any.
    What the account lacks is said here, once: without a deal `no_deal_text` in place of the deal's
    facts, risks and next steps; without people `no_people_text` (the deck has no people list)."""
    title = pgettext("export", "Account review: %(name)s") % {"name": r.account.get("name", "")}
    prs.core_properties.title = clean_control(title)  # whole, however the slide's title is cut
    slide = blank_slide(prs, title)
    facts = summary_facts(r)
    # the deal; health, owner, day; the last review; what changed since — or, without a deal, the day; the
    # last review; since (each row at most FACT_LINES lines: the change since on its own, it is the longest)
    groups = (
        (facts[:4], facts[4:7], facts[7:8], facts[8:])
        if r.deal is not None
        else (facts[:2], facts[2:3], facts[3:])
    )
    width = SLIDE_W - Inches(1.0)
    room = Emu(width).pt - FACTS_MARGIN
    lines = [
        (_facts_line(row, room, i == 0, name_first=i == 0 and r.deal is not None), 14, i == 0)
        for i, row in enumerate(groups)
    ]
    if r.deal is None:
        lines = [(text, size, False) for text, size, _bold in lines] + [(no_deal_text(), 14, True)]
    if not r.people:
        lines.append((no_people_text(), 14, True))
    lines = [(_cut(text, size, room, bold, FACT_LINES), size, bold) for text, size, bold in lines]
    high = sum(line_count(text, size, room, bold) * size * LINE for text, size, bold in lines) + FACTS_MARGIN
    box = slide.shapes.add_textbox(Inches(0.5), Inches(1.0), width, Pt(high))
    set_lines(box.text_frame, lines)
    if r.deal is None:
        return
    top = box.top + box.height + GAP
    if r.closed:  # its outcome is in the facts; no risks, and what was left open is not a next step
        if r.actions:
            header, rows = action_table(r)
            _table(slide, _fitted_rows(header, rows[:6], ACTION_WIDTHS, top, STEP_LINES), ACTION_WIDTHS, top)
        return
    header, rows = risk_table(r)
    top += _table(slide, _fitted_rows(header, rows, RISK_WIDTHS, top, RISK_LINES), RISK_WIDTHS, top) + GAP
    steps_header, steps = next_step_table(r)
    _table(slide, _fitted_rows(steps_header, steps[:6], STEP_WIDTHS, top, STEP_LINES), STEP_WIDTHS, top)


# Slide 1 in the slide's height, whatever a user typed (a name of 200 characters, a text of 20,000): a fact
# on one line, a row of facts on at most FACT_LINES lines, the top risks' cells on at most RISK_LINES lines,
# the next steps' on STEP_LINES and only the rows that end above the footer (all are on the "Open action
# items" slides); a text cut ends in "…". The other tables' cells hold CELL_LINES lines, from TABLE_TOP.
FACT_LINES, RISK_LINES, STEP_LINES, CELL_LINES = 2, 3, 2, 5
TABLE_TOP = Inches(1.1)
FACTS_MARGIN = 14.4  # points: a text box's margins, 0.1" each side
TABLE_PT = 11  # the tables' text size
LINE = 1.45  # a line's height as a viewer draws it (Chinese the tallest), as a share of the size
CELL_MARGIN_W = Inches(0.2)  # a table cell's left and right margins
CELL_MARGIN_H = Inches(0.1)  # its top and bottom margins
GAP = Inches(0.15)
# where a table ends at the latest: a row's clear height above the footer, as a viewer may draw a row a little
# taller than measured (the trial's Blue Sheet: its last row ran into the footer)
TABLE_BOTTOM = FOOTER_TOP - Inches(0.25)
RISK_WIDTHS, STEP_WIDTHS, ACTION_WIDTHS = (0.3, 0.5, 0.2), (0.5, 0.16, 0.14, 0.2), (0.5, 0.2, 0.15, 0.15)


def _cut(text: str, size: float, room: float, bold: bool, lines: int) -> str:
    """`text` in at most `lines` lines `room` points wide at `size` (`line_count`), else cut with "…"."""
    most = most_chars(room, lines * size * LINE, size, size * LINE)
    return shorten(text, lambda cut: line_count(cut, size, room, bold) <= lines, most=most)


def _facts_line(row: Sequence[tuple[str, Any]], room: float, bold: bool, *, name_first: bool = False) -> str:
    """One line of slide 1's facts, "Deal: …    Stage: …    Amount: …": a fact alone may take FACT_LINES lines;
    with `name_first` (the deal's row), the deal's name is cut so the facts after it stay whole on the line — a
    long Chinese name had pushed "阶段：方案评估" to the line's end, broken as 方案评 / 估 (a reviewer's trial)."""
    if len(row) == 1:
        return _fact(*row[0], room, bold, FACT_LINES)
    if not name_first:
        return "    ".join(_fact(k, v, room, bold) for k, v in row)
    rest = "".join("    " + _fact(k, v, room, bold) for k, v in row[1:])
    name, value = row[0]
    fits = lambda cut: line_count(labelled(name, cut) + rest, 14, room, bold) <= 1  # noqa: E731
    if not fits(
        _value(value)[:4] + "…"
    ):  # the facts after the name need more than the line: they wrap as before
        return "    ".join(_fact(k, v, room, bold) for k, v in row)
    return labelled(name, shorten(_value(value), fits)) + rest


def _value(value: Any) -> str:
    """A fact's value as shown: "—" when it has none (a deal without an amount or a close date showed
    "Amount:" and nothing)."""
    return "—" if value is None or value == "" else str(value)


def _fact(name: str, value: Any, room: float, bold: bool, lines: int = 1) -> str:
    """A fact of slide 1, "Deal: …", its value cut to hold the fact on `lines` lines."""
    text = _value(value)
    most = most_chars(room, lines * 14 * LINE, 14, 14 * LINE)
    return labelled(
        name, shorten(text, lambda cut: line_count(labelled(name, cut), 14, room, bold) <= lines, most=most)
    )


def _fitted_rows(
    header: list[str], rows: list[list[Any]], widths: Sequence[float], top: int, most_lines: int
) -> list[tuple[list[str], bool, int]]:
    """The header and the rows that end above TABLE_BOTTOM (`_measured_rows`), none when no row does."""
    out: list[tuple[list[str], bool, int]] = []
    bottom = top
    for cells, bold, height in _measured_rows(header, rows, widths, most_lines):
        if bottom + height > TABLE_BOTTOM:
            break
        out.append((cells, bold, height))
        bottom += height
    return out if len(out) > 1 else []


def _measured_rows(
    header: list[str], rows: list[list[Any]], widths: Sequence[float], most_lines: int
) -> Iterator[tuple[list[str], bool, int]]:
    """The header and the rows, each (its cells' texts, bold, its height): a cell cut to `most_lines` lines
    (`_cut`, through `textfit.shorten`), the row as tall as its tallest cell (`line_count`)."""
    total = SLIDE_W - Inches(0.8)
    rooms = [Emu(int(total * w) - CELL_MARGIN_W).pt for w in widths]
    for i, row in enumerate([header, *rows]):
        bold, size = i == 0, TABLE_PT + (i == 0)
        cells, lines = [], 1
        for value, room in zip(row, rooms, strict=False):
            text = _cut("" if value is None else str(value), size, room, bold, most_lines)
            cells.append(text)
            lines = max(lines, line_count(text, size, room, bold))
        yield cells, bold, int(Pt(lines * size * LINE) + CELL_MARGIN_H)


def _table(slide: Any, rows: list[tuple[list[str], bool, int]], widths: Sequence[float], top: int) -> int:
    """A table at `top` from `_measured_rows`, each row as tall as measured; its height (0 for none)."""
    if not rows:
        return 0
    total = SLIDE_W - Inches(0.8)
    height = sum(h for *_cells, h in rows)
    table = slide.shapes.add_table(len(rows), len(widths), Inches(0.4), top, total, height).table
    for i, w in enumerate(widths):
        table.columns[i].width = int(total * w)
    # rows and cells straight from the table's XML: python-pptx finds each row and cell again by XPath and sums
    # every row's height again at each row set (quadratic: a third of a 2,000-person deck's tables); the frame
    # was made `height` tall, the sum of the rows' heights it would come to
    for tr, (cells, bold, h) in zip(table._tbl.tr_lst, rows, strict=True):
        tr.h = h
        for tc, text in zip(tr.tc_lst, cells, strict=False):
            set_lines(_Cell(tc, table).text_frame, [(text, TABLE_PT + bold, bold)])
    return height


def _table_slides(
    prs: Any,
    title: str,
    header: list[str],
    rows: list[list[Any]],
    widths: Sequence[float],
    empty: list[str] | None = None,
) -> None:
    """The table on as many slides as its rows need, each cell cut to CELL_LINES lines and each row as tall as
    measured (`_measured_rows`, slide 1's rule), a new slide when the next row would pass TABLE_BOTTOM; a
    continued slide's title carries its number as an aside in the deck's language: "近 30 天的变化（尚未评审）（2）"
    / "Coverage (2)". A table with nothing recorded (`rows.is_nothing_recorded`) makes no slide when `empty` is
    given: its title is added to it, for `_not_recorded_slide`."""
    if empty is not None and is_nothing_recorded(rows):
        empty.append(title)
        return
    head, *measured = _measured_rows(header, rows, widths, CELL_LINES)
    pages: list[list[tuple[list[str], bool, int]]] = [[]]
    bottom = TABLE_TOP + head[2]
    for row in measured:
        if pages[-1] and bottom + row[2] > TABLE_BOTTOM:
            pages.append([])
            bottom = TABLE_TOP + head[2]
        pages[-1].append(row)
        bottom += row[2]
    for n, page in enumerate(pages):
        slide = blank_slide(prs, title if n == 0 else with_aside(title, n + 1))
        _table(slide, [head, *page], widths, TABLE_TOP)


def coverage_slides(prs: Any, r: Report) -> None:
    header, rows = coverage_table(r)
    _table_slides(prs, pgettext("export", "Coverage"), header, rows, [0.16, 0.26, 0.13, 0.1, 0.13, 0.1, 0.12])


def flag_slides(prs: Any, r: Report) -> None:
    header, rows = flag_table(r)
    _table_slides(prs, pgettext("export", "Red flags and actions"), header, rows, [0.1, 0.38, 0.36, 0.16])


def win_win_slides(prs: Any, r: Report) -> None:
    header, rows = win_win_table(r)
    _table_slides(prs, pgettext("export", "Win-win"), header, rows, [0.22, 0.22, 0.56])


def _not_recorded_slide(prs: Any, titles: list[str]) -> None:
    """One slide naming the parts of the map with nothing recorded yet, each a line: what to find out next."""
    slide = blank_slide(prs, pgettext("export", "Not recorded yet"))
    box = slide.shapes.add_textbox(Inches(0.5), TABLE_TOP, SLIDE_W - Inches(1.0), FOOTER_TOP - TABLE_TOP)
    set_lines(box.text_frame, [(f"• {title}", 16, False) for title in titles])


def deal_table_slides(
    prs: Any, r: Report, tables: tuple[DealTable, ...], empty: list[str] | None = None
) -> None:
    """The deal's tables (deal_rows.py), each on its slides (an empty one named in `empty`, `_table_slides`)."""
    for t in tables:
        _table_slides(prs, t.title(r), *t.rows(r), t.widths, empty)


def action_slides(prs: Any, r: Report) -> None:
    """Committed open action items, then — on their own slides — the playbook's suggestions. No action item: no
    slide of them (the summary slide says "No next step committed yet." once; a fresh reviewer read it twice)."""
    if r.actions:
        header, rows = action_table(r)
        _table_slides(prs, pgettext("export", "Open action items"), header, rows, [0.5, 0.2, 0.15, 0.15])
    header, rows = playbook_table(r)
    _table_slides(prs, pgettext("export", "Playbook"), header, rows, [0.75, 0.25])
