"""The account-review deck (PPTX): the org chart as native shapes and connectors, then coverage,
flags, win-win and next actions. East Asian font set on every run so PowerPoint and WPS render Chinese."""

from __future__ import annotations

import io
from typing import Any

from django.utils import translation
from django.utils.translation import pgettext
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from ..labels import (
    ATTITUDE_LABELS,
    RELATIONSHIP_LABELS,
    ROLE_LABELS,
    SEVERITY_LABELS,
    STAGE_LABELS,
    label,
    roles_text,
)
from .chart import ATTITUDE_COLOURS, fill_for
from .fonts import PPTX_EA_FONT, PPTX_LATIN_FONT
from .orgchart import BOX_H, BOX_W, layout
from .report import Report, build_report, item_text, money

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
ROWS_PER_SLIDE = 12
# connection points of a rectangle in python-pptx: 0 top, 1 left, 2 bottom, 3 right
TOP, LEFT, BOTTOM = 0, 1, 2


def export_pptx(
    data: dict[str, Any],
    *,
    deal_id: int | None = None,
    lang: str = "zh-hans",
    analysis: dict[str, Any] | None = None,
) -> bytes:
    report = build_report(data, deal_id, analysis)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    with translation.override(lang):
        _title_slide(prs, report)
        _chart_slide(prs, report)
        if report.deal is not None:
            _coverage_slides(prs, report)
            _flag_slides(prs, report)
            _win_win_slides(prs, report)
            _action_slides(prs, report)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


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


def _title_slide(prs: Any, r: Report) -> None:
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


def _chart_slide(prs: Any, r: Report) -> None:
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
        name = person.get("name") or ""
        if person.get("status") == "left":
            name += f" ({pgettext('export', 'left')})"
        lines = [(name, size, True), (person.get("title") or "", size * 0.8, False)]
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


def _coverage_slides(prs: Any, r: Report) -> None:
    rows = []
    for row in r.coverage:
        if not row.people:
            rows.append(
                [label(ROLE_LABELS, row.role), pgettext("export", "Nobody identified"), "", "", "", ""]
            )
        for h in row.people:
            rows.append(
                [
                    label(ROLE_LABELS, row.role),
                    h["name"],
                    label(ATTITUDE_LABELS, h["attitude"]),
                    h["influence"] or "",
                    label(RELATIONSHIP_LABELS, h["relationship"]),
                    pgettext("export", "yes") if h["met"] else pgettext("export", "no"),
                ]
            )
    _table_slides(
        prs,
        pgettext("export", "Coverage"),
        [
            pgettext("export", "Role"),
            pgettext("export", "Who"),
            pgettext("export", "Attitude"),
            pgettext("export", "Influence"),
            pgettext("export", "Relationship"),
            pgettext("export", "Met"),
        ],
        rows,
        [0.18, 0.3, 0.14, 0.12, 0.14, 0.12],
    )


def _flag_slides(prs: Any, r: Report) -> None:
    if r.flags is None:
        rows = [["", pgettext("export", "The analysis was not available for this export."), "", ""]]
    else:
        rows = [
            [
                label(SEVERITY_LABELS, f.get("severity")),
                f.get("reason") or f.get("code"),
                f.get("action"),
                ", ".join(r.by_id[i]["name"] for i in f.get("people") or [] if i in r.by_id),
            ]
            for f in r.flags
        ]
        rows = rows or [["", pgettext("export", "No red flags."), "", ""]]
    _table_slides(
        prs,
        pgettext("export", "Red flags and actions"),
        [
            pgettext("export", "Severity"),
            pgettext("export", "Flag"),
            pgettext("export", "Suggested action"),
            pgettext("export", "People"),
        ],
        rows,
        [0.1, 0.38, 0.36, 0.16],
    )


def _win_win_slides(prs: Any, r: Report) -> None:
    rows = [
        [w["name"], roles_text(w["roles"]), w["win"] or pgettext("export", "Not stated yet")]
        for w in r.win_win
    ]
    rows.append(
        [
            pgettext("export", "Customer"),
            "",
            (r.deal or {}).get("customer_win") or pgettext("export", "Not stated yet"),
        ]
    )
    rows.append(
        [pgettext("export", "Us"), "", (r.deal or {}).get("our_win") or pgettext("export", "Not stated yet")]
    )
    _table_slides(
        prs,
        pgettext("export", "Win-win"),
        [pgettext("export", "Person"), pgettext("export", "Roles"), pgettext("export", "Personal win")],
        rows,
        [0.22, 0.22, 0.56],
    )


def _action_slides(prs: Any, r: Report) -> None:
    rows = [
        [
            a.get("text"),
            r.by_id.get(a.get("person"), {}).get("name", ""),
            a.get("owner") or "",
            a.get("due") or "",
        ]
        for a in r.actions
    ]
    rows += [[item_text(step), "", "", ""] for step in r.playbook or []]
    _table_slides(
        prs,
        pgettext("export", "Next actions"),
        [
            pgettext("export", "Action"),
            pgettext("export", "Person"),
            pgettext("export", "Owner"),
            pgettext("export", "Due"),
        ],
        rows,
        [0.5, 0.2, 0.15, 0.15],
    )
