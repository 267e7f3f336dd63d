"""The account-review deck (PPTX): the org chart as native shapes and connectors, then coverage,
flags, win-win and next actions, one function per section (`title_slide`, `coverage_slides`, …).
The tables come from rows.py, shared with the PDF. East Asian font set on every run so PowerPoint
and WPS render Chinese."""

from __future__ import annotations

from typing import Any, BinaryIO

from django.utils.translation import pgettext
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from battlemap.core.text import clean_control
from battlemap.look import legend

from .chart import look_of
from .fonts import PPTX_EA_FONT, PPTX_LATIN_FONT
from .orgchart import BOX_H, BOX_W, layout
from .report import Report, analysed_export, build_report, children_of
from .rows import (
    action_table,
    blue_sheet_table,
    body_table,
    change_table,
    coverage_table,
    factor_table,
    flag_table,
    next_step_table,
    outside_table,
    person_name,
    playbook_table,
    process_table,
    qualification_table,
    risk_table,
    stage_table,
    summary_facts,
    win_win_table,
)

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
ROWS_PER_SLIDE = 12
MIN_PT = 10  # no text in the deck is smaller
# connection points of a rectangle in python-pptx: 0 top, 1 left, 2 bottom, 3 right
TOP, LEFT, BOTTOM = 0, 1, 2


@analysed_export
def export_pptx(buf: BinaryIO, data: dict[str, Any], analysis: dict[str, Any], deal_id: int | None) -> None:
    report = build_report(data, analysis, deal_id)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    summary_slide(prs, report)
    chart_slides(prs, report)
    if report.deal is not None:
        coverage_slides(prs, report)
    circle_slide(prs, report)
    _table_slides(prs, pgettext("export", "Outside factors"), *outside_table(report), [0.7, 0.15, 0.15])
    if report.deal is not None:
        _table_slides(
            prs, pgettext("export", "Decision factors and channels"), *factor_table(report), [0.4, 0.6]
        )
        _table_slides(prs, pgettext("export", "Stage history"), *stage_table(report), [0.15, 0.25, 0.6])
        _table_slides(
            prs, pgettext("export", "Purchase process"), *process_table(report), [0.3, 0.12, 0.14, 0.14, 0.3]
        )
        _table_slides(
            prs, pgettext("export", "Decision bodies"), *body_table(report), [0.26, 0.14, 0.14, 0.12, 0.34]
        )
        _table_slides(
            prs, pgettext("export", "What changed in the last 30 days"), *change_table(report), [0.2, 0.8]
        )
        flag_slides(prs, report)
        win_win_slides(prs, report)
        qualification_slides(prs, report)
        action_slides(prs, report)
    for n, slide in enumerate(prs.slides, start=1):  # page numbers
        box = slide.shapes.add_textbox(SLIDE_W - Inches(3.2), SLIDE_H - Inches(0.4), Inches(3), Inches(0.3))
        footer = f"{report.account.get('name', '')} · {report.as_of} · {n}"
        _lines(box.text_frame, [(footer, 10, False)], "#607D8B")
        box.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
    prs.save(buf)


def style_run(run: Any, size: float, bold: bool = False, colour: str | None = None) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
    run.font.name = PPTX_LATIN_FONT
    rpr = run._r.get_or_add_rPr()
    for old in rpr.findall(qn("a:ea")):
        rpr.remove(old)
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


def _blank(prs: Any, title: str) -> Any:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(0.4), Inches(0.25), SLIDE_W - Inches(0.8), Inches(0.7))
    _lines(box.text_frame, [(title, 26, True)], "#1f3a5f")
    return slide


def summary_slide(prs: Any, r: Report) -> None:
    """Slide 1: deal, stage, amount, close, health with trend, owner, date; top 3 risks; next steps."""
    slide = _blank(prs, pgettext("export", "Account review: %(name)s") % {"name": r.account.get("name", "")})
    facts = summary_facts(r)
    box = slide.shapes.add_textbox(Inches(0.5), Inches(1.0), SLIDE_W - Inches(1.0), Inches(1.2))
    half = (len(facts) + 1) // 2
    _lines(
        box.text_frame,
        [
            ("    ".join(f"{k}: {v}" for k, v in facts[:half]), 14, True),
            ("    ".join(f"{k}: {v}" for k, v in facts[half:]), 14, False),
        ],
    )
    header, rows = risk_table(r)
    _table(slide, header, rows, [0.3, 0.5, 0.2], Inches(2.0), 11)
    steps_header, steps = next_step_table(r)
    _table(slide, steps_header, steps[:6], [0.5, 0.16, 0.14, 0.2], Inches(4.4), 11)


def _table(
    slide: Any, header: list[str], rows: list[list[Any]], widths: list[float], top: int, size: float
) -> None:
    total = SLIDE_W - Inches(0.8)
    shape = slide.shapes.add_table(
        len(rows) + 1, len(header), Inches(0.4), top, total, Inches(0.35) * (len(rows) + 1)
    )
    table = shape.table
    for i, w in enumerate(widths):
        table.columns[i].width = int(total * w)
    for c, text in enumerate(header):
        _lines(table.cell(0, c).text_frame, [(text, size + 1, True)])
    for r_i, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            _lines(table.cell(r_i, c).text_frame, [("" if value is None else str(value), size, False)])


CHART_TOP, CHART_BOTTOM = Inches(1.0), Inches(0.85)  # the title above, the legend below
CARD_MIN_H, CARD_MIN_W = Pt(3 * MIN_PT * 1.25 + 6), Pt(72)  # room for badges, a name and a title at 10 pt


def _fits(people: list[dict[str, Any]]) -> bool:
    lay = layout(people)
    width, height = SLIDE_W - Inches(0.6), SLIDE_H - CHART_TOP - CHART_BOTTOM
    return BOX_H * height / lay.height >= CARD_MIN_H and BOX_W * width / lay.width >= CARD_MIN_W


def chart_pages(r: Report) -> list[tuple[Any, list[dict[str, Any]]]]:
    """The org chart on one slide when its cards hold 10-pt text; else the top two levels on one slide
    and each second-level manager's team on its own slide (their card says where it continues)."""
    if not r.people or _fits(r.people):
        return [(None, r.people)]
    roots, kids = children_of(r.people)
    top = set(roots) | {c for root in roots for c in kids[root]}
    pages: list[tuple[Any, list[dict[str, Any]]]] = [(None, [p for p in r.people if p["id"] in top])]
    for root in roots:
        for head in kids[root]:
            if not kids[head]:
                continue
            team, todo = set(), [head]
            while todo:
                node = todo.pop()
                if node not in team:
                    team.add(node)
                    todo.extend(kids[node])
            people = [dict(p, reports_to=None) if p["id"] == head else p for p in r.people if p["id"] in team]
            pages.append((head, people))
    return pages


def chart_slides(prs: Any, r: Report) -> None:
    pages = chart_pages(r)
    first = len(prs.slides) + 1
    continues = {head: first + i for i, (head, _people) in enumerate(pages) if head is not None}
    title = pgettext("export", "Organisation chart")
    for head, people in pages:
        name = r.by_id[head]["name"] if head is not None else ""
        chart_slide(prs, r, people, f"{title}: {name}" if name else title, {} if head else continues)


def chart_slide(
    prs: Any, r: Report, people: list[dict[str, Any]], title: str, continues: dict[Any, int]
) -> None:
    from .chart import wrap
    from .fonts import register_pdf_font

    font = register_pdf_font()  # its metrics estimate how many lines a text needs
    slide = _blank(prs, title)
    lay = layout(people)
    if not lay.boxes:
        return
    left, top = Inches(0.3), CHART_TOP
    width, height = SLIDE_W - Inches(0.6), SLIDE_H - CHART_TOP - CHART_BOTTOM
    sx = min(width / lay.width, Inches(2.0))
    sy = min(height / lay.height, Inches(1.4))
    box_w, box_h = int(BOX_W * sx), int(BOX_H * sy)
    size = max(min(Emu(box_h).pt / 3.6, Emu(box_w).pt / 7, 12), 4)
    # ids assigned as shapes are added, not by scanning the slide for each new shape (quadratic)
    slide.shapes.turbo_add_enabled = True
    size = max(min(Emu(box_h).pt / 3.6, Emu(box_w).pt / 7, 12), MIN_PT)
    inner = Emu(box_w).pt - 6
    room = int((Emu(box_h).pt - 4) // (MIN_PT * 1.2))
    shapes = {}
    for pid, (x, y) in lay.boxes.items():
        person = r.by_id[pid]
        shape = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, left + int(x * sx), top + int(y * sy), box_w, box_h
        )
        look = look_of(r, pid)
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(look.fill.lstrip("#"))
        shape.line.color.rgb = RGBColor.from_string(look.border.lstrip("#"))
        shape.line.width = Pt(2.25 if look.never_met else 0.75)
        if look.dashed or person.get("placeholder"):
            shape.line.dash_style = 4  # MSO_LINE.DASH
        shape.name = f"person {pid}"
        frame = shape.text_frame
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, Pt(2))
        lines = [(look.tag(), MIN_PT, True)] if look.tag() else []
        lines.append((person_name(person), size, True))
        used = len(lines) - 1 + len(wrap(person_name(person), font, size, inner)) * size / MIN_PT
        if pid in continues:
            lines.append((pgettext("export", "team on slide %(n)s") % {"n": continues[pid]}, MIN_PT, False))
            used += 1
        title_text = person.get("title") or ""
        if title_text and used + len(wrap(title_text, font, MIN_PT, inner)) <= room:
            lines.append((title_text, MIN_PT, False))  # the whole title, or none (the table has it)
        _lines(frame, lines, look.ink)
        shapes[pid] = shape
    for boss, child, kind in lay.edges:
        connector = slide.shapes.add_connector(MSO_CONNECTOR.ELBOW, 0, 0, 0, 0)
        connector.begin_connect(shapes[boss], BOTTOM)
        connector.end_connect(shapes[child], LEFT if kind == "stack" else TOP)
        connector.line.color.rgb = RGBColor.from_string("607D8B")
        connector.line.width = Pt(0.75)
    legend_shapes(slide, SLIDE_H - CHART_BOTTOM + Inches(0.1))


INFLUENCE_FILL = "B0BEC5"  # an outside factor's dot (the PDF's INFLUENCE_COLOUR family)


def circle_slide(prs: Any, r: Report) -> None:
    """The influence circle in native shapes, as on the page: rings from the decision unit out, each
    person's dot in their attitude's colour and border (battlemap.look), outside factors as grey
    diamonds, labels where `accounts.charts.circle_layout` placed them clear of each other (10 pt);
    the labels that found no spot are listed beside the circle, then the legend."""
    from django.utils import translation

    from battlemap.accounts.charts import circle_layout
    from battlemap.vocab import RINGS

    slide = _blank(prs, pgettext("export", "Influence circle"))
    slide.shapes.turbo_add_enabled = True
    size = 640.0
    rings, dots = circle_layout(r.analysis, looks=r.looks, size=size)
    unit = (SLIDE_H - Inches(2.1)) / size  # EMU per layout unit; the legend below
    left, top = Inches(0.4) + 100 * unit, Inches(0.95)

    def at(x: float, y: float) -> tuple[int, int]:
        return int(left + x * unit), int(top + y * unit)

    def text(x: float, y: float, words: str, anchor: str, colour: str | None = None) -> None:
        width = Inches(2.6)
        x0 = x - width / unit if anchor == "end" else x - width / unit / 2 if anchor == "middle" else x
        box = slide.shapes.add_textbox(*at(x0, y - 13), width, Inches(0.25))
        frame = box.text_frame
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, 0)
        frame.word_wrap = False
        _lines(frame, [(words, MIN_PT, False)], colour)
        frame.paragraphs[0].alignment = {"end": PP_ALIGN.RIGHT, "middle": PP_ALIGN.CENTER}.get(
            anchor, PP_ALIGN.LEFT
        )

    for i, ring in enumerate(reversed(rings)):
        oval = slide.shapes.add_shape(
            MSO_SHAPE.OVAL,
            *at(size / 2 - ring.radius, size / 2 - ring.radius),
            int(2 * ring.radius * unit),
            int(2 * ring.radius * unit),
        )
        oval.fill.solid()
        oval.fill.fore_color.rgb = RGBColor.from_string("F8FAFC" if i % 2 == 0 else "EEF3F9")
        oval.line.color.rgb = RGBColor.from_string("CBD5E1")
        oval.name = f"ring {ring.code}"
    lang = translation.get_language()
    for ring in rings:
        text(size / 2, ring.label_y, RINGS.label(ring.code, lang), "middle", "#64748B")
    for dot in dots:
        look = dot.look
        radius = 5 if look is None else 8 if look["key"] else 6
        shape = slide.shapes.add_shape(
            MSO_SHAPE.DIAMOND if look is None else MSO_SHAPE.OVAL,
            *at(dot.x - radius, dot.y - radius),
            int(2 * radius * unit),
            int(2 * radius * unit),
        )
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(
            INFLUENCE_FILL if look is None else look["fill"].lstrip("#")
        )
        if look is None:
            shape.line.fill.background()
        else:
            shape.line.color.rgb = RGBColor.from_string(look["border"].lstrip("#"))
            shape.line.width = Pt(2 if look["never_met"] else 0.75)
            if look["dashed"]:
                shape.line.dash_style = 4
        shape.name = f"dot {dot.pid}" if dot.pid is not None else "dot factor"
        if dot.show_label:
            text(
                dot.label_x,
                dot.label_y,
                dot.text,
                dot.anchor,
                "#B71C1C" if look and look["never_met"] else None,
            )
    missing = [d.text for d in dots if not d.show_label]
    if missing:
        box = slide.shapes.add_textbox(SLIDE_W - Inches(3.6), Inches(1.0), Inches(3.2), Inches(5.2))
        box.text_frame.word_wrap = True
        heading = pgettext("export", "Not labelled in the circle")
        _lines(box.text_frame, [(heading, MIN_PT, True)] + [(name, MIN_PT, False) for name in missing])
    legend_shapes(slide, SLIDE_H - Inches(1.05))


def legend_shapes(slide: Any, top: int) -> None:
    """The legend as native shapes: a swatch in each attitude's colour with its mark, the markers,
    then the role badges — in the deck's language, 10 pt."""
    from django.utils import translation

    x, row_h = Inches(0.3), Inches(0.27)
    y = top
    for item in legend(translation.get_language()):
        text_w = (
            Inches(0.12) * max(3, len(item.label))
            if any(ord(c) > 0x2E80 for c in item.label)
            else Inches(0.075) * max(4, len(item.label))
        )
        if x + Inches(0.5) + text_w > SLIDE_W - Inches(3.3):
            x, y = Inches(0.3), y + row_h
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
        label_box = slide.shapes.add_textbox(x + Inches(0.48), y + Inches(0.04), text_w, row_h)
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(label_box.text_frame, side, 0)
        _lines(label_box.text_frame, [(item.label, MIN_PT, False)])
        label_box.text_frame.word_wrap = False
        x += Inches(0.62) + text_w


def _table_slides(
    prs: Any, title: str, header: list[str], rows: list[list[Any]], widths: list[float]
) -> None:
    chunks = [rows[i : i + ROWS_PER_SLIDE] for i in range(0, len(rows), ROWS_PER_SLIDE)] or [[]]
    for n, chunk in enumerate(chunks):
        slide = _blank(prs, title if n == 0 else f"{title} ({n + 1})")
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


def qualification_slides(prs: Any, r: Report) -> None:
    """MEDDPICC, then the Blue Sheet (docs/analysis.md §5b)."""
    header, rows = qualification_table(r)
    _table_slides(prs, pgettext("export", "Qualification"), header, rows, [0.2, 0.12, 0.68])
    header, rows = blue_sheet_table(r)
    widths = [0.13, 0.14, 0.08, 0.11, 0.22, 0.18, 0.14]
    _table_slides(prs, pgettext("export", "Blue Sheet"), header, rows, widths)


def action_slides(prs: Any, r: Report) -> None:
    """Committed open action items, then — on their own slides — the playbook's suggestions."""
    header, rows = action_table(r)
    _table_slides(prs, pgettext("export", "Open action items"), header, rows, [0.5, 0.2, 0.15, 0.15])
    header, rows = playbook_table(r)
    _table_slides(prs, pgettext("export", "Playbook"), header, rows, [0.75, 0.25])
