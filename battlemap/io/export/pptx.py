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

from ..labels import ATTITUDE_LABELS, STAGE_LABELS, label, roles_text
from .chart import ATTITUDE_COLOURS, fill_for
from .fonts import PPTX_EA_FONT, PPTX_LATIN_FONT
from .orgchart import BOX_H, BOX_W, layout
from .report import Report, analysed_export, build_report, money
from .rows import action_table, coverage_table, flag_table, person_name, playbook_table, win_win_table

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
ROWS_PER_SLIDE = 12
# connection points of a rectangle in python-pptx: 0 top, 1 left, 2 bottom, 3 right
TOP, LEFT, BOTTOM = 0, 1, 2


@analysed_export
def export_pptx(buf: BinaryIO, data: dict[str, Any], analysis: dict[str, Any], deal_id: int | None) -> None:
    report = build_report(data, analysis, deal_id)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    title_slide(prs, report)
    chart_slide(prs, report)
    if report.deal is not None:
        coverage_slides(prs, report)
        flag_slides(prs, report)
        win_win_slides(prs, report)
        action_slides(prs, report)
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
        run.text = text
        style_run(run, size, bold, colour)


def _blank(prs: Any, title: str) -> Any:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(0.4), Inches(0.25), SLIDE_W - Inches(0.8), Inches(0.7))
    _lines(box.text_frame, [(title, 26, True)], "#1f3a5f")
    return slide


def title_slide(prs: Any, r: Report) -> None:
    slide = _blank(prs, pgettext("export", "Account review: %(name)s") % {"name": r.account.get("name", "")})
    portrait = r.account.get("portrait") or {}
    lines = [
        (
            f"{pgettext('export', 'Industry')}: {r.account.get('industry') or ''}    {pgettext('export', 'Region')}: {r.account.get('region') or ''}",
            16,
            False,
        ),
        (f"{pgettext('export', 'Strategic goals')}: {portrait.get('strategic_goals') or ''}", 14, False),
        (f"{pgettext('export', 'Needs')}: {portrait.get('needs') or ''}", 14, False),
        (f"{pgettext('export', 'Pains')}: {portrait.get('pains') or ''}", 14, False),
    ]
    if r.deal:
        d = r.deal
        lines += [
            ("", 10, False),
            (pgettext("export", "Deal: %(name)s") % {"name": d.get("name", "")}, 20, True),
            (
                f"{pgettext('export', 'Stage')}: {label(STAGE_LABELS, d.get('stage'))}    "
                f"{pgettext('export', 'Amount')}: {money(d.get('amount'), d.get('currency'))}",
                14,
                False,
            ),
            (f"{pgettext('export', 'Competitors')}: {', '.join(d.get('competitors') or [])}", 14, False),
        ]
    if r.health is not None:
        lines.append((f"{pgettext('export', 'Health')}: {r.health.get('score', '')}", 16, True))
    box = slide.shapes.add_textbox(Inches(0.6), Inches(1.3), SLIDE_W - Inches(1.2), Inches(5.5))
    _lines(box.text_frame, lines)


def chart_slide(prs: Any, r: Report) -> None:
    slide = _blank(prs, pgettext("export", "Organisation chart"))
    lay = layout(r.people)
    if not lay.boxes:
        return
    left, top = Inches(0.3), Inches(1.05)
    width, height = SLIDE_W - Inches(0.6), SLIDE_H - Inches(1.55)
    sx = min(width / lay.width, Inches(2.0))
    sy = min(height / lay.height, Inches(1.4))
    box_w, box_h = int(BOX_W * sx), int(BOX_H * sy)
    size = max(min(Emu(box_h).pt / 3.6, Emu(box_w).pt / 7, 12), 4)
    # ids assigned as shapes are added, not by scanning the slide for each new shape (quadratic)
    slide.shapes.turbo_add_enabled = True
    shapes = {}
    for pid, (x, y) in lay.boxes.items():
        person = r.by_id[pid]
        shape = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, left + int(x * sx), top + int(y * sy), box_w, box_h
        )
        fill = fill_for(r, pid)
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill.lstrip("#"))
        shape.line.color.rgb = RGBColor.from_string("607D8B")
        shape.line.width = Pt(0.75)
        if person.get("external") or person.get("placeholder"):
            shape.line.dash_style = 4  # MSO_LINE.DASH
        shape.name = f"person {pid}"
        frame = shape.text_frame
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, Emu(int(box_w * 0.03)))
        ink = "FFFFFF" if fill in (ATTITUDE_COLOURS["advocate"], ATTITUDE_COLOURS["opponent"]) else "000000"
        role = r.roles_by_person.get(pid) or {}
        lines = [(person_name(person), size, True), (person.get("title") or "", size * 0.8, False)]
        if role.get("roles"):
            lines.append((roles_text(role["roles"]), size * 0.8, False))
        _lines(frame, lines, ink)
        shapes[pid] = shape
    for boss, child, kind in lay.edges:
        connector = slide.shapes.add_connector(MSO_CONNECTOR.ELBOW, 0, 0, 0, 0)
        connector.begin_connect(shapes[boss], BOTTOM)
        connector.end_connect(shapes[child], LEFT if kind == "stack" else TOP)
        connector.line.color.rgb = RGBColor.from_string("607D8B")
        connector.line.width = Pt(0.75)
    legend = slide.shapes.add_textbox(Inches(0.3), SLIDE_H - Inches(0.35), Inches(12), Inches(0.3))
    no_role = pgettext("export", "No role in this deal")
    text = "  ".join(f"■ {label(ATTITUDE_LABELS, code)}" for code in ATTITUDE_COLOURS)
    _lines(legend.text_frame, [(f"{text}  □ {no_role}", 9, False)])


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


def action_slides(prs: Any, r: Report) -> None:
    """Open action items, then the playbook's next best actions (with the people they concern)."""
    header, rows = action_table(r)
    rows += [[text, people, "", ""] for text, people in playbook_table(r)[1]]
    _table_slides(prs, pgettext("export", "Next actions"), header, rows, [0.5, 0.2, 0.15, 0.15])
