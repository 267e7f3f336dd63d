"""The org chart slides of the review deck (PPTX), in native shapes: a card per person from
`orgchart.layout` (the PDF's layout), its text wrapped whole inside the card at 10 pt or more, elbow
connectors glued to the cards and routed between them; a big chart continues team by team. What a card
says is pptx_cards.py, how the chart is laid out on its slides pptx_pages.py, its lines pptx_connectors.py."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

from .cards import body_card, look_of
from .chart_notes import dotted_across_text, links_across_text, links_left_out_text
from .orgchart import BOX_H, BOX_W
from .pptx_cards import CARD_MIN_W, CARD_PAD, LINE, body_text, card_text
from .pptx_connectors import Ways, connect, dotted_connectors, link_connectors, member_connectors
from .pptx_pages import CHART_TOP, LEGEND_ROW, chart_geometry, chart_pages
from .pptx_slide import MIN_PT, SLIDE_H, SLIDE_W, blank_slide, legend_shapes, set_lines
from .report import Report


def chart_slides(prs: Any, r: Report) -> None:
    """The org chart on its slides (`chart_pages`); a card whose team goes on on a slide of its own says on
    which (its first, when the team's top takes several) — on the top slides and on a team's slide alike."""
    pages = chart_pages(r)
    first = len(prs.slides) + 1
    continues: dict[Any, int] = {}
    for i, page in enumerate(pages):
        if page.head is not None:
            continues.setdefault(page.head, first + i)
    for page in pages:
        notes = {p["id"]: continues[p["id"]] for p in page.people if p["id"] in continues}
        notes.pop(page.head, None)  # the team's own head, the root of its slide
        chart_slide(prs, r, page.people, page.title, notes, page.bodies)


def chart_slide(
    prs: Any,
    r: Report,
    people: list[dict[str, Any]],
    title: str,
    continues: dict[Any, int],
    bodies: list[Any] = (),
) -> None:
    """One org chart slide: a card per person and per decision body of `bodies`, wrapped text that stays
    inside it (word wrap on, sizes from `chart_geometry`), elbow connectors routed between the cards
    (`connect`)."""
    slide = blank_slide(prs, title)
    notes = {pid: pgettext("export", "team on slide %(n)s") % {"n": n} for pid, n in continues.items()}
    geo = chart_geometry(r, people, notes, list(bodies))
    lay = geo.lay
    if not lay.boxes and not lay.bodies:
        return
    left, top = Inches(0.3), CHART_TOP
    box_w, box_h = int(BOX_W * geo.sx), int(BOX_H * geo.sy)
    inner = Emu(box_w).pt - 2 * CARD_PAD.pt
    # ids assigned as shapes are added, not by scanning the slide for each new shape (quadratic)
    slide.shapes.turbo_add_enabled = True
    shapes = {}
    for pid, (x, y) in lay.boxes.items():
        person = r.by_id[pid]
        shape = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, left + int(x * geo.sx), top + int(y * geo.sy), box_w, box_h
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
            setattr(frame, side, CARD_PAD)
        room = Emu(box_h).pt if box_w >= CARD_MIN_W else None  # a narrower card holds no name: none is cut
        note = notes.get(pid, "")
        text = card_text(r, pid, geo.size, inner, note, room=room, title_room=Emu(box_h).pt)
        if Pt(text.height) > box_h and note:  # the title before the note's own line: the note by the marks
            text = card_text(
                r, pid, geo.size, inner, note, room=room, title_room=Emu(box_h).pt, note_in_tag=True
            )
        if Pt(text.height) > box_h:  # no line left for the title under the name (the people table has it)
            text = card_text(r, pid, geo.size, inner, note, title=False, room=room, note_in_tag=bool(note))
        set_lines(frame, text.lines, look.ink)
        frame.auto_size = MSO_AUTO_SIZE.NONE
        for para, (_t, size, _b) in zip(frame.paragraphs, text.lines, strict=True):
            para.line_spacing = Pt(size * LINE)
        shapes[pid] = shape
    body_shapes = {}
    for bid, (x, y) in lay.bodies.items():  # the decision bodies (◆), as on the web chart and in the PDF
        look = body_card(r, bid)[0]
        shape = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE,
            left + int(x * geo.sx),
            top + int(y * geo.sy),
            box_w,
            int(lay.body_h * geo.sy),  # as tall as its text needs (`chart_geometry`)
        )
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(look.fill.lstrip("#"))
        shape.line.color.rgb = RGBColor.from_string(look.border.lstrip("#"))
        shape.line.width = Pt(2.25 if look.never_met else 0.75)
        shape.name = f"decision body {bid}"
        body_shapes[bid] = shape
        frame = shape.text_frame
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, CARD_PAD)
        text = body_text(r, bid, geo.size, inner)
        set_lines(frame, text.lines, look.ink)
        frame.auto_size = MSO_AUTO_SIZE.NONE
        for para, (_t, size, _b) in zip(frame.paragraphs, text.lines, strict=True):
            para.line_spacing = Pt(size * LINE)
    for boss, child, kind in lay.edges:
        connect(slide, shapes[boss], shapes[child], kind)
    drawn, left_out = geo.links
    if shapes:
        ways: Ways = {}  # a dotted line beside an influence link between the same two people
        link_connectors(slide, drawn, shapes, ways)
        dotted_connectors(slide, list(geo.dotted), shapes, ways)
        member_connectors(slide, r, body_shapes, shapes)
    top = SLIDE_H - geo.bottom + Inches(0.1)
    notes = [links_left_out_text(len(drawn), left_out)] if left_out else []
    notes += [links_across_text(geo.across)] if geo.across else []
    notes += [dotted_across_text(geo.dotted_across)] if geo.dotted_across else []
    for said in notes:  # the lines above the legend saying which links and dotted lines are not drawn
        note = slide.shapes.add_textbox(Inches(0.3), top, SLIDE_W - Inches(0.6), LEGEND_ROW)
        set_lines(note.text_frame, [(said, MIN_PT, False)])
        top += LEGEND_ROW
    legend_shapes(slide, top, links=bool(drawn), dotted=bool(geo.dotted))
