"""The influence circle of the PDF review as a ReportLab drawing: rings from the decision unit out, dots in
the one visual language of battlemap.look (the page's circle, accounts.charts.circle_layout, at the PDF's size);
the deck draws the same layout natively (pptx_circle.py)."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, String
from reportlab.lib import colors

from battlemap.core.multilingual import active_language
from battlemap.look import INFLUENCE_COLOUR, LEADER_COLOUR

from .chart import draw_text

CIRCLE_LABEL_PT = 9  # the smallest text of the PDF influence circle


def circle_drawing(report: Any, side: float, font: str) -> tuple[Drawing, list[str]]:
    """The influence circle (rings from the decision unit out), dots coloured by attitude, labels
    of at least CIRCLE_LABEL_PT placed clear of each other as drawn (the layout places them at the
    drawn size); returns the drawing and the labels that found no spot (to list, `Dot.listed`)."""
    from battlemap.accounts.chart_labels import FONT
    from battlemap.accounts.charts import circle_layout
    from battlemap.vocab import RINGS

    size = 640.0
    scale = side / (size + 200)
    label_units = max(FONT, CIRCLE_LABEL_PT / scale)
    deal_id = (getattr(report, "deal", None) or {}).get("id")
    rings, dots = circle_layout(
        report.analysis, looks=report.circle_looks, size=size, font=label_units, deal_id=deal_id
    )
    drawing = Drawing(side, side * size / (size + 200))

    def pt(x: float, y: float) -> tuple[float, float]:
        return (x + 100) * scale, drawing.height - y * scale

    lang = active_language()
    for i, ring in enumerate(reversed(rings)):
        cx, cy = pt(size / 2, size / 2)
        drawing.add(
            Circle(
                cx,
                cy,
                ring.radius * scale,
                fillColor=colors.HexColor("#f8fafc" if i % 2 == 0 else "#eef3f9"),
                strokeColor=colors.HexColor("#cbd5e1"),
                strokeWidth=0.5,
            )
        )
    for ring in rings:
        x, y = pt(size / 2, ring.label_y)
        drawing.add(
            String(
                x,
                y,
                RINGS.label(ring.code, lang),
                fontName=font,
                fontSize=label_units * scale,
                fillColor=colors.HexColor("#64748b"),
                textAnchor="middle",
            )
        )
        if ring.more:  # a full ring: "+N more" at its foot, where the layout kept an arc free
            mx, my = pt(size / 2, ring.more_y)
            draw_text(
                drawing, mx, my, ring.more_text, label_units * scale, colors.HexColor("#64748b"), "middle"
            )
    for dot in dots:
        if dot.leader:  # the label moved away from its dot: a thin line joins them
            x1, y1 = pt(*dot.leader[:2])
            x2, y2 = pt(*dot.leader[2:])
            drawing.add(Line(x1, y1, x2, y2, strokeColor=colors.HexColor(LEADER_COLOUR), strokeWidth=0.5))
        x, y = pt(dot.x, dot.y)
        look = dot.look
        if dot.kind == "body":  # a decision body: its teal diamond (look.body_look), as on the page
            r = 8 * scale
            drawing.add(
                Polygon(
                    [x, y + r, x + r, y, x, y - r, x - r, y],
                    fillColor=colors.HexColor(look["fill"]),
                    strokeColor=colors.HexColor(look["border"]),
                    strokeWidth=2 if look["never_met"] else 0.8,
                )
            )
        elif look is None:
            r = 5 * scale
            drawing.add(
                Polygon(
                    [x, y + r, x + r, y, x, y - r, x - r, y],
                    fillColor=colors.HexColor(INFLUENCE_COLOUR),
                    strokeColor=None,
                )
            )
        else:
            c = Circle(
                x,
                y,
                (8 if look["key"] else 6) * scale,
                fillColor=colors.HexColor(look["fill"]),
                strokeColor=colors.HexColor(look["border"]),
                strokeWidth=2 if look["never_met"] else 0.8,
            )
            if look["dashed"]:
                c.strokeDashArray = [2, 1.5]
            drawing.add(c)
        if dot.show_label:
            lx, ly = pt(dot.label_x, dot.label_y)
            ink = colors.HexColor("#b71c1c") if look and look["never_met"] else colors.black
            draw_text(drawing, lx, ly, dot.text, label_units * scale, ink, dot.anchor)
    return drawing, [d.listed for d in dots if d.listed]
