"""The org chart picture (ReportLab graphics), used in the PDF review and the PNG export."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..labels import roles_text
from .orgchart import BOX_H, BOX_W, layout
from .report import MapView

ATTITUDE_COLOURS = {
    "advocate": "#1b7f3b",
    "supporter": "#5cb85c",
    "neutral": "#9e9e9e",
    "skeptic": "#f0ad4e",
    "opponent": "#d9534f",
    "unknown": "#cfd8dc",
}
NO_ROLE = "#ffffff"


def fill_for(report: MapView, person_id: Any) -> str:
    role = report.roles_by_person.get(person_id)
    if role is None:
        return NO_ROLE
    return ATTITUDE_COLOURS.get(role.get("attitude") or "unknown", NO_ROLE)


def fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def chart_drawing(report: MapView, width: float, height: float, font: str) -> Drawing:
    """Draw the reporting tree into a width × height drawing (points), scaled to fit."""
    lay = layout(report.people)
    drawing = Drawing(width, height)
    if not lay.boxes:
        return drawing
    sx = min(width / lay.width, 150.0)
    sy = min(height / lay.height, 110.0)
    box_w, box_h = BOX_W * sx, BOX_H * sy
    size = max(min(box_h / 3.7, box_w / 7, 10.0), 2.5)

    def top_left(pid: Any) -> tuple[float, float]:
        x, y = lay.boxes[pid]
        return x * sx, height - y * sy

    grey = colors.HexColor("#607d8b")
    for boss, report_id, kind in lay.edges:
        bx, by = top_left(boss)
        rx, ry = top_left(report_id)
        if kind == "stack":
            spine = bx + box_w * 0.05
            drawing.add(Line(spine, by - box_h, spine, ry - box_h / 2, strokeColor=grey, strokeWidth=0.6))
            drawing.add(Line(spine, ry - box_h / 2, rx, ry - box_h / 2, strokeColor=grey, strokeWidth=0.6))
        else:
            mid = (by - box_h + ry) / 2
            drawing.add(
                Line(bx + box_w / 2, by - box_h, bx + box_w / 2, mid, strokeColor=grey, strokeWidth=0.6)
            )
            drawing.add(Line(bx + box_w / 2, mid, rx + box_w / 2, mid, strokeColor=grey, strokeWidth=0.6))
            drawing.add(Line(rx + box_w / 2, mid, rx + box_w / 2, ry, strokeColor=grey, strokeWidth=0.6))
    for pid in lay.boxes:
        person = report.by_id[pid]
        x, y = top_left(pid)
        fill = fill_for(report, pid)
        rect = Rect(
            x,
            y - box_h,
            box_w,
            box_h,
            rx=2,
            ry=2,
            fillColor=colors.HexColor(fill),
            strokeColor=grey,
            strokeWidth=0.6,
        )
        if person.get("external") or person.get("placeholder"):
            rect.strokeDashArray = [2, 2]
        drawing.add(rect)
        dark = fill in ("#1b7f3b", "#d9534f")
        ink = colors.white if dark else colors.black
        pad = box_w * 0.06
        inner = box_w - 2 * pad
        name = person.get("name") or ""
        if person.get("status") == "left":
            name += " (" + pgettext("export", "left") + ")"
        drawing.add(
            String(
                x + pad,
                y - size * 1.25,
                fit(name, font, size, inner),
                fontName=font,
                fontSize=size,
                fillColor=ink,
            )
        )
        small = size * 0.8
        drawing.add(
            String(
                x + pad,
                y - size * 1.25 - small * 1.3,
                fit(person.get("title") or "", font, small, inner),
                fontName=font,
                fontSize=small,
                fillColor=ink,
            )
        )
        role = report.roles_by_person.get(pid)
        if role and role.get("roles"):
            drawing.add(
                String(
                    x + pad,
                    y - size * 1.25 - small * 2.6,
                    fit(roles_text(role["roles"]), font, small, inner),
                    fontName=font,
                    fontSize=small,
                    fillColor=ink,
                )
            )
    return drawing
