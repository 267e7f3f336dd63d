"""The account-review deck (PPTX): the summary, the org chart as native shapes and connectors
(pptx_chart.py), coverage, the influence circle (pptx_circle.py), flags, win-win and next actions,
one function per section (`summary_slide`, `coverage_slides`, …).
The tables come from rows.py, shared with the PDF. East Asian font set on every run so PowerPoint
and WPS render Chinese."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, BinaryIO

from django.utils.translation import pgettext
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from battlemap.core.multilingual import active_language
from battlemap.core.text import clean_control
from battlemap.io.labels import labelled, with_aside
from battlemap.look import legend

from .deal_rows import PROCESS_TABLES, QUALIFYING_TABLES, DealTable, outside_table
from .fonts import PPTX_EA_FONT, PPTX_LATIN_FONT
from .report import Report, analysed_export, build_report
from .rows import (
    action_table,
    coverage_table,
    flag_table,
    next_step_table,
    no_deal_text,
    no_people_text,
    playbook_table,
    risk_table,
    summary_facts,
    win_win_table,
)
from .textfit import most_chars, named_line, shorten

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
ROWS_PER_SLIDE = 12
MIN_PT = 10  # no text in the deck is smaller
LATIN_WIDER_BOLD, LATIN_WIDER = 0.35, 0.2  # how much wider Latin text may be drawn than measured (line_count)
TITLE_TOP, TITLE_H = Inches(0.25), Inches(0.7)  # a slide's title; what the slide shows starts at 1"
TITLE_SIZES = (26, 20, 16)  # a title on one line, as large as one of these holds it
TITLE_FLOOR = 14  # a title on TITLE_LINES lines shrinks to this size, then is cut with "…"
TITLE_LINES = 2
TITLE_LINE = 1.2  # the title's line height (set exactly: two lines of 16 pt and the margins hold in TITLE_H)
FOOTER_PT = 10
FOOTER_TOP, FOOTER_H = SLIDE_H - Inches(0.4), Inches(0.3)
FOOTER_RIGHT = SLIDE_W - Inches(0.2)
FOOTER_W = Inches(5)  # at most; less where a shape (an org chart's legend) reaches into the footer's band


@analysed_export
def export_pptx(buf: BinaryIO, data: dict[str, Any], analysis: dict[str, Any], deal_id: int | None) -> None:
    from .pptx_chart import chart_slides  # the picture slides draw with this module's helpers
    from .pptx_circle import circle_slide

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
    _table_slides(prs, pgettext("export", "Outside factors"), *outside_table(report), [0.7, 0.15, 0.15])
    if report.deal is not None:
        deal_table_slides(prs, report, PROCESS_TABLES)
        flag_slides(prs, report)
        win_win_slides(prs, report)
        deal_table_slides(prs, report, QUALIFYING_TABLES)
        action_slides(prs, report)
    for n, slide in enumerate(prs.slides, start=1):  # page numbers
        footer(slide, report.account.get("name", ""), report.as_of, n)
    prs.save(buf)


def footer(slide: Any, name: str, day: str, number: int) -> Any:
    """The slide's footer, "account · date · number", on one line at the right of its foot, in the room the
    slide leaves there (an org chart's legend reaches into it): a name too long for that room is cut with "…"
    (`textfit.named_line`, the PDF footer's rule), so the slide number always shows."""
    left = FOOTER_RIGHT - FOOTER_W
    for shape in slide.shapes:
        if shape.top < FOOTER_TOP + FOOTER_H and shape.top + shape.height > FOOTER_TOP:
            left = max(left, shape.left + shape.width + Inches(0.1))
    left = min(left, FOOTER_RIGHT - Inches(2))
    box = slide.shapes.add_textbox(left, FOOTER_TOP, FOOTER_RIGHT - left, FOOTER_H)
    box.name = "footer"
    frame = box.text_frame
    room = Emu(box.width - frame.margin_left - frame.margin_right).pt
    text = named_line(
        name, f" · {day} · {number}", lambda line: line_count(line, FOOTER_PT, room, bold=False) == 1
    )
    _lines(frame, [(text, FOOTER_PT, False)], "#607D8B")
    frame.word_wrap = False  # one line, whatever a viewer measures: the number at the right edge
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
    return box


def style_run(run: Any, size: float, bold: bool = False, colour: str | None = None) -> None:
    """Size, weight, colour and fonts (Latin and East Asian) of a new run, written straight into its
    `a:rPr` in the schema's order, as python-pptx's font properties would (they look each child up
    and cost a third of a 2,000-person deck)."""
    rpr = run._r.get_or_add_rPr()
    rpr.set("sz", str(Pt(size).centipoints))
    rpr.set("b", "1" if bold else "0")
    for old in list(rpr):
        if old.tag in (qn("a:solidFill"), qn("a:latin"), qn("a:ea")):
            rpr.remove(old)
    if colour:
        fill = rpr.makeelement(qn("a:solidFill"), {})
        fill.append(fill.makeelement(qn("a:srgbClr"), {"val": colour.lstrip("#").upper()}))
        rpr.append(fill)
    rpr.append(rpr.makeelement(qn("a:latin"), {"typeface": PPTX_LATIN_FONT}))
    rpr.append(rpr.makeelement(qn("a:ea"), {"typeface": PPTX_EA_FONT}))


def _lines(frame: Any, lines: list[tuple[str, float, bool]], colour: str | None = None) -> None:
    frame.clear()
    frame.word_wrap = True
    for i, (text, size, bold) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = PP_ALIGN.LEFT
        run = para.add_run()
        run.text = clean_control(text)  # what XML cannot hold is left out (rows written before cleaning)
        style_run(run, size, bold, colour)


@functools.lru_cache(maxsize=65536)  # a card's lines are counted at each name size and on each slide
def line_count(text: str, size: float, width: float, bold: bool = True) -> int:
    """How many lines `text` takes at `size` in a box `width` points wide, in whatever font the viewer
    has. Measured with the PDF's CJK font: its CJK glyphs are 1 em like every CJK font's, but its
    Latin letters are narrow — the widest common substitute for Calibri (DejaVu Sans, what LibreOffice
    picks without Carlito) is a third wider in bold, a fifth in regular (`bold` False) — so Latin text
    gets that much less room."""
    from .fonts import register_pdf_font
    from .textfit import wrap

    latin = sum(1 for ch in text if ord(ch) < 0x2E80) / max(len(text), 1)
    wider = LATIN_WIDER_BOLD if bold else LATIN_WIDER
    return len(wrap(text, register_pdf_font(), size, width * 0.9 / (1 + wider * latin)))


def _blank(prs: Any, title: str) -> Any:
    """A slide with its title inside its box, above what the slide shows (`title_text`)."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(0.4), TITLE_TOP, SLIDE_W - Inches(0.8), TITLE_H)
    box.name = "title"
    frame = box.text_frame
    text, size = title_text(title, Emu(box.width - frame.margin_left - frame.margin_right).pt)
    _lines(frame, [(text, size, True)], "#1f3a5f")
    frame.auto_size = MSO_AUTO_SIZE.NONE  # the box stays as it is: the slide's text starts below it
    frame.paragraphs[0].line_spacing = Pt(size * TITLE_LINE)
    return slide


def title_text(title: str, room: float) -> tuple[str, float]:
    """A slide's title and its size in a box `room` points wide: on one line at the largest of TITLE_SIZES
    that holds it; else on TITLE_LINES lines, shrunk point by point to TITLE_FLOOR; else cut to those lines
    with "…" (`textfit.shorten`; an account's name runs to 200 characters: the deck's properties have it whole)."""
    for size in TITLE_SIZES:
        if line_count(title, size, room) == 1:
            return title, size
    for size in range(TITLE_SIZES[-1], TITLE_FLOOR - 1, -1):
        if line_count(title, size, room) <= TITLE_LINES:
            return title, size
    return shorten(title, lambda cut: line_count(cut, TITLE_FLOOR, room) <= TITLE_LINES), TITLE_FLOOR


def summary_slide(prs: Any, r: Report) -> None:
    """Slide 1: deal, stage, amount, close, health with trend, owner, date; top 3 risks; next steps — for a
    won or lost deal its last stage and outcome, and the action items left open, if any.
    What the account lacks is said here, once: without a deal `no_deal_text` in place of the deal's
    facts, risks and next steps; without people `no_people_text` (the deck has no people list)."""
    title = pgettext("export", "Account review: %(name)s") % {"name": r.account.get("name", "")}
    prs.core_properties.title = clean_control(title)  # whole, however the slide's title is cut
    slide = _blank(prs, title)
    facts = summary_facts(r)
    # the deal; health, owner, day; the last review — or, without a deal, the day; the last review
    groups = (facts[:4], facts[4:7], facts[7:]) if r.deal is not None else (facts[:2], facts[2:])
    width = SLIDE_W - Inches(1.0)
    room = Emu(width).pt - FACTS_MARGIN
    lines = [
        ("    ".join(_fact(k, v, room, i == 0) for k, v in row), 14, i == 0) for i, row in enumerate(groups)
    ]
    if r.deal is None:
        lines = [(text, size, False) for text, size, _bold in lines] + [(no_deal_text(), 14, True)]
    if not r.people:
        lines.append((no_people_text(), 14, True))
    lines = [(_cut(text, size, room, bold, FACT_LINES), size, bold) for text, size, bold in lines]
    high = sum(line_count(text, size, room, bold) * size * LINE for text, size, bold in lines) + FACTS_MARGIN
    box = slide.shapes.add_textbox(Inches(0.5), Inches(1.0), width, Pt(high))
    _lines(box.text_frame, lines)
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
# items" slides); a text cut ends in "…".
FACT_LINES, RISK_LINES, STEP_LINES = 2, 3, 2
FACTS_MARGIN = 14.4  # points: a text box's margins, 0.1" each side
TABLE_PT = 11  # the tables' text size
LINE = 1.45  # a line's height as a viewer draws it (Chinese the tallest), as a share of the size
CELL_MARGIN_W = Inches(0.2)  # a table cell's left and right margins
CELL_MARGIN_H = Inches(0.1)  # its top and bottom margins
GAP = Inches(0.15)
RISK_WIDTHS, STEP_WIDTHS, ACTION_WIDTHS = (0.3, 0.5, 0.2), (0.5, 0.16, 0.14, 0.2), (0.5, 0.2, 0.15, 0.15)


def _cut(text: str, size: float, room: float, bold: bool, lines: int) -> str:
    """`text` in at most `lines` lines `room` points wide at `size` (`line_count`), else cut with "…"."""
    most = most_chars(room, lines * size * LINE, size, size * LINE)
    return shorten(text, lambda cut: line_count(cut, size, room, bold) <= lines, most=most)


def _fact(name: str, value: Any, room: float, bold: bool) -> str:
    """A fact of slide 1, "Deal: …", its value cut to hold the fact on one line."""
    text = "" if value is None else str(value)
    most = most_chars(room, 14 * LINE, 14, 14 * LINE)
    return labelled(
        name, shorten(text, lambda cut: line_count(labelled(name, cut), 14, room, bold) <= 1, most=most)
    )


def _fitted_rows(
    header: list[str], rows: list[list[Any]], widths: Sequence[float], top: int, most_lines: int
) -> list[tuple[list[str], bool, int]]:
    """The header and the rows that end above the footer, each (its cells' texts, bold, its height): a
    cell cut to `most_lines` lines (`textfit.shorten`), the row as tall as its tallest cell."""
    total = SLIDE_W - Inches(0.8)
    rooms = [Emu(int(total * w) - CELL_MARGIN_W).pt for w in widths]
    out: list[tuple[list[str], bool, int]] = []
    bottom = top
    for i, row in enumerate([header, *rows]):
        bold, size = i == 0, TABLE_PT + (i == 0)
        cells, lines = [], 1
        for value, room in zip(row, rooms, strict=False):
            text = _cut("" if value is None else str(value), size, room, bold, most_lines)
            cells.append(text)
            lines = max(lines, line_count(text, size, room, bold))
        height = int(Pt(lines * size * LINE) + CELL_MARGIN_H)
        if bottom + height > FOOTER_TOP:
            break
        out.append((cells, bold, height))
        bottom += height
    return out if len(out) > 1 else []


def _table(slide: Any, rows: list[tuple[list[str], bool, int]], widths: Sequence[float], top: int) -> int:
    """A table of slide 1 at `top` from `_fitted_rows`, each row as tall as measured; its height (0 for none)."""
    if not rows:
        return 0
    total = SLIDE_W - Inches(0.8)
    height = sum(h for *_cells, h in rows)
    table = slide.shapes.add_table(len(rows), len(widths), Inches(0.4), top, total, height).table
    for i, w in enumerate(widths):
        table.columns[i].width = int(total * w)
    for r_i, (cells, bold, h) in enumerate(rows):
        table.rows[r_i].height = h
        for c, text in enumerate(cells):
            _lines(table.cell(r_i, c).text_frame, [(text, TABLE_PT + bold, bold)])
    return height


LEGEND_ROW_H = Inches(0.27)  # a row of the legend
LEGEND_RIGHT = SLIDE_W - Inches(3.3)  # the legend's rows end here: the footer's room at the right


def legend_places(links: bool = False) -> list[tuple[Any, int, int, int]]:
    """The legend's items in the deck's language (`look.legend`) with where each goes: (item, x, row, label
    width), x from the slide's left edge, rows as many as the items need left of the footer's room."""

    x, row, out = Inches(0.3), 0, []
    for item in legend(active_language(), links=links):
        text_w = (
            Inches(0.12) * max(3, len(item.label))
            if any(ord(c) > 0x2E80 for c in item.label)
            else Inches(0.075) * max(4, len(item.label))
        )
        if x + Inches(0.5) + text_w > LEGEND_RIGHT:
            x, row = Inches(0.3), row + 1
        out.append((item, x, row, text_w))
        x += Inches(0.62) + text_w
    return out


def legend_rows(links: bool = False) -> int:
    """How many rows the legend takes (`legend_places`): the room a chart leaves below it depends on it."""
    return 1 + max((row for _item, _x, row, _w in legend_places(links)), default=0)


def legend_shapes(slide: Any, top: int, links: bool = False) -> None:
    """The legend as native shapes: a swatch in each attitude's colour with its mark, the markers,
    the influence lines (`links`: an org chart slide that draws some), then the role badges — in the
    deck's language, 10 pt, in the rows of `legend_places` from `top`."""
    for item, x, row, text_w in legend_places(links):
        y = top + row * LEGEND_ROW_H
        if item.kind == "link":  # a short line in the link's colour with its arrowhead
            line = slide.shapes.add_connector(
                MSO_CONNECTOR.STRAIGHT, x, y + Inches(0.14), x + Inches(0.42), y + Inches(0.14)
            )
            arrow_line(line, item.border, Pt(1.5), item.dashed)
            line.name = f"legend {item.code}"
        else:
            legend_swatch(slide, item, x, y)
        label_box = slide.shapes.add_textbox(x + Inches(0.48), y + Inches(0.04), text_w, LEGEND_ROW_H)
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(label_box.text_frame, side, 0)
        _lines(label_box.text_frame, [(item.label, MIN_PT, False)])
        label_box.text_frame.word_wrap = False


def arrow_line(connector: Any, colour: str, width: int, dashed: bool, opacity: float = 1.0) -> None:
    """Draw `connector` as an influence link: `colour` ("#rrggbb") at `opacity`, `width` EMU, dashed or
    not, an arrowhead at its end."""
    connector.line.color.rgb = RGBColor.from_string(colour.lstrip("#"))
    connector.line.width = width
    if dashed:
        connector.line.dash_style = 4  # MSO_LINE.DASH
    ln = connector.line._get_or_add_ln()
    if opacity < 1:
        fill = ln.find(qn("a:solidFill")).find(qn("a:srgbClr"))
        fill.append(fill.makeelement(qn("a:alpha"), {"val": str(int(opacity * 100000))}))
    ln.append(ln.makeelement(qn("a:tailEnd"), {"type": "triangle", "w": "med", "len": "med"}))


def legend_swatch(slide: Any, item: Any, x: int, y: int) -> None:
    """A legend item's swatch: its fill, border and mark."""
    swatch = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, x, y + Inches(0.03), Inches(0.42), Inches(0.22)
    )
    swatch.fill.solid()
    swatch.fill.fore_color.rgb = RGBColor.from_string(item.fill.lstrip("#"))
    swatch.line.color.rgb = RGBColor.from_string(item.border.lstrip("#"))
    if item.dashed:
        swatch.line.dash_style = 4
    swatch.name = f"legend {item.code}"
    frame = swatch.text_frame
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, 0)
    _lines(frame, [(item.mark, MIN_PT, True)], item.ink)
    frame.paragraphs[0].alignment = PP_ALIGN.CENTER


def _table_slides(
    prs: Any, title: str, header: list[str], rows: list[list[Any]], widths: Sequence[float]
) -> None:
    """The table on as many slides as its rows need; a continued slide's title carries its number as an
    aside in the deck's language: "近 30 天的变化（尚未评审）（2）" / "Coverage (2)"."""
    chunks = [rows[i : i + ROWS_PER_SLIDE] for i in range(0, len(rows), ROWS_PER_SLIDE)] or [[]]
    for n, chunk in enumerate(chunks):
        slide = _blank(prs, title if n == 0 else with_aside(title, n + 1))
        total = SLIDE_W - Inches(0.8)
        shape = slide.shapes.add_table(
            len(chunk) + 1, len(header), Inches(0.4), Inches(1.1), total, Inches(0.4) * (len(chunk) + 1)
        )
        table = shape.table
        for i, w in enumerate(widths):
            table.columns[i].width = int(total * w)
        for c, text in enumerate(header):
            _lines(table.cell(0, c).text_frame, [(text, 13, True)])
        for r_i, row in enumerate(chunk, start=1):
            for c, value in enumerate(row):
                _lines(table.cell(r_i, c).text_frame, [("" if value is None else str(value), 12, False)])


def coverage_slides(prs: Any, r: Report) -> None:
    header, rows = coverage_table(r)
    _table_slides(prs, pgettext("export", "Coverage"), header, rows, [0.16, 0.26, 0.13, 0.1, 0.13, 0.1, 0.12])


def flag_slides(prs: Any, r: Report) -> None:
    header, rows = flag_table(r)
    _table_slides(prs, pgettext("export", "Red flags and actions"), header, rows, [0.1, 0.38, 0.36, 0.16])


def win_win_slides(prs: Any, r: Report) -> None:
    header, rows = win_win_table(r)
    _table_slides(prs, pgettext("export", "Win-win"), header, rows, [0.22, 0.22, 0.56])


def deal_table_slides(prs: Any, r: Report, tables: tuple[DealTable, ...]) -> None:
    """The deal's tables (deal_rows.py), each on its slides."""
    for t in tables:
        _table_slides(prs, t.title(r), *t.rows(r), t.widths)


def action_slides(prs: Any, r: Report) -> None:
    """Committed open action items, then — on their own slides — the playbook's suggestions."""
    header, rows = action_table(r)
    _table_slides(prs, pgettext("export", "Open action items"), header, rows, [0.5, 0.2, 0.15, 0.15])
    header, rows = playbook_table(r)
    _table_slides(prs, pgettext("export", "Playbook"), header, rows, [0.75, 0.25])
