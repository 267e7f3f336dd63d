"""The influence circle slide of the review deck (PPTX), in native shapes: the geometry is
`accounts.charts.circle_layout` (the one layout of the page, the PDF and the deck), the text and the
legend the deck's own (`pptx_slide.set_lines`, `pptx_slide.legend_shapes`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from battlemap.core.multilingual import active_language
from battlemap.look import LEADER_COLOUR

from .pptx_slide import MIN_PT, SLIDE_H, SLIDE_W, blank_slide, legend_shapes, set_lines
from .report import Report

INFLUENCE_FILL = "B0BEC5"  # an outside factor's dot (the PDF's INFLUENCE_COLOUR family)


def circle_slide(prs: Any, r: Report) -> None:
    """The influence circle in native shapes, as on the page: rings from the decision unit out, each
    person's dot in their attitude's colour and border (battlemap.look), outside factors as grey
    diamonds, labels where `accounts.charts.circle_layout` placed them clear of each other at the
    size they are drawn (10 pt); the labels that found no spot are listed beside the circle, then the
    legend."""

    from battlemap.accounts.charts import circle_layout
    from battlemap.vocab import RINGS

    slide = blank_slide(prs, pgettext("export", "Influence circle"))
    slide.shapes.turbo_add_enabled = True
    size = 640.0
    unit = (SLIDE_H - Inches(2.1)) / size  # EMU per layout unit; the legend below
    font = Pt(MIN_PT) / unit  # 10 pt in layout units
    deal_id = (r.deal or {}).get("id")
    rings, dots = circle_layout(r.analysis, looks=r.circle_looks, size=size, font=font, deal_id=deal_id)
    left, top = Inches(0.4) + 100 * unit, Inches(0.95)

    def at(x: float, y: float) -> tuple[int, int]:
        return int(left + x * unit), int(top + y * unit)

    def text(x: float, y: float, words: str, anchor: str, colour: str | None = None) -> None:
        # a box up to 2.6" wide, its anchored edge (or centre) at x, cut at the slide's edges: a label ending
        # near the left of the circle ran 0.05" off the slide (Northwind)
        anchor_x, box_y = at(x, y - font)
        reach = int(Inches(2.6))
        if anchor == "end":
            box_left, box_right = max(anchor_x - reach, 0), anchor_x
        elif anchor == "middle":
            half = min(reach // 2, anchor_x, SLIDE_W - anchor_x)
            box_left, box_right = anchor_x - half, anchor_x + half
        else:
            box_left, box_right = anchor_x, min(anchor_x + reach, SLIDE_W)
        box = slide.shapes.add_textbox(box_left, box_y, box_right - box_left, Pt(MIN_PT * 1.3))
        frame = box.text_frame
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, 0)
        frame.word_wrap = False
        set_lines(frame, [(words, MIN_PT, False)], colour)
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
    lang = active_language()
    for ring in rings:
        text(size / 2, ring.label_y, RINGS.label(ring.code, lang), "middle", "#64748B")
        if ring.more:  # a full ring: "+N more" at its foot, where the layout kept an arc free
            text(size / 2, ring.more_y, ring.more_text, "middle", "#64748B")
    for dot in dots:
        if dot.leader:  # the label moved away from its dot: a thin line joins them
            line = slide.shapes.add_connector(
                MSO_CONNECTOR.STRAIGHT, *at(*dot.leader[:2]), *at(*dot.leader[2:])
            )
            line.line.color.rgb = RGBColor.from_string(LEADER_COLOUR.lstrip("#"))
            line.line.width = Pt(0.5)
            line.name = "leader"
        look = dot.look
        body = dot.kind == "body"  # a decision body: its teal diamond (look.body_look), as on the page
        radius = 5 if look is None else 8 if look["key"] or body else 6
        shape = slide.shapes.add_shape(
            MSO_SHAPE.DIAMOND if look is None or body else MSO_SHAPE.OVAL,
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
        shape.name = (
            f"dot body {dot.pid[1]}" if body else f"dot {dot.pid}" if dot.pid is not None else "dot factor"
        )
        if dot.show_label:
            text(
                dot.label_x,
                dot.label_y,
                dot.text,
                dot.anchor,
                "#B71C1C" if look and look["never_met"] else None,
            )
    missing = [d.listed for d in dots if d.listed]
    if missing:
        box = slide.shapes.add_textbox(SLIDE_W - Inches(3.6), Inches(1.0), Inches(3.2), Inches(5.2))
        box.text_frame.word_wrap = True
        heading = pgettext("export", "Not labelled in the circle")
        set_lines(box.text_frame, [(heading, MIN_PT, True)] + [(name, MIN_PT, False) for name in missing])
    legend_shapes(slide, SLIDE_H - Inches(1.05))
