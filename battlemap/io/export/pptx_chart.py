"""The org chart slides of the review deck (PPTX), in native shapes: a card per person from
`orgchart.layout` (the PDF's layout), its text wrapped whole inside the card at 10 pt or more, elbow
connectors glued to the cards and routed between them; a big chart continues team by team."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import pgettext
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

from battlemap.io.labels import labelled
from battlemap.look import link_look

from .chart import body_card, look_of
from .chart_links import PRINT_OPACITY, Box, Cards, passes_behind, picture_links
from .orgchart import BOX_H, BOX_W, layout, team_pages
from .pptx import (
    MIN_PT,
    SLIDE_H,
    SLIDE_W,
    _blank,
    _lines,
    arrow_line,
    legend_rows,
    legend_shapes,
    line_count,
)
from .report import Report
from .rows import links_left_out_text, person_name

# connection points of a rectangle in python-pptx: 0 top, 1 left, 2 bottom, 3 right
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3

CHART_TOP, CHART_BOTTOM = Inches(1.0), Inches(0.85)  # the title above, the legend below
LEGEND_ROW = Inches(0.27)  # a row more below a chart whose legend takes more than two, or with links left out
CARD_MIN_W = Pt(72)  # narrower cards would break names into a word per line
CARD_PAD = Pt(3)  # inner margin of a card
LINE = 1.2  # line height of card text (set exactly, so the estimate holds in every viewer)
NAME_SIZES = (12, 11, MIN_PT)  # a card's name, as large as every card of the slide allows


@dataclass
class CardText:
    lines: list[tuple[str, float, bool]]  # (text, size, bold), as `_lines` takes them
    height: float  # points the lines need, wrapped to the card's inner width


def card_text(r: Report, pid: Any, size: float, inner: float, note: str = "", title: bool = True) -> CardText:
    """The text of a person's card: badges and marks, the whole name wrapped at `size`, `note` (where
    their team continues), the whole title or none; the height it needs when wrapped to `inner` points."""
    lines = [(look_of(r, pid).tag(), MIN_PT, True)] if look_of(r, pid).tag() else []
    person = r.by_id[pid]
    lines.append((person_name(person), size, True))
    if note:
        lines.append((note, MIN_PT, False))
    if title and person.get("title"):
        lines.append((person["title"], MIN_PT, False))
    return CardText(lines, _height(lines, inner))


def body_text(r: Report, bid: Any, size: float, inner: float) -> CardText:
    """The text of a decision body's card (`chart.body_card`): its marks, its whole name wrapped at `size`, its
    kind ("bid evaluation committee" / "评标委员会") at MIN_PT; the height it needs wrapped to `inner` points."""
    look, name, kind = body_card(r, bid)
    lines = [(look.tag(), MIN_PT, True), (name, size, True), (kind, MIN_PT, False)]
    return CardText(lines, _height(lines, inner))


def _height(lines: list[tuple[str, float, bool]], inner: float) -> float:
    """Points a card's `lines` need wrapped to `inner` points: the pads, and a few points more (a rounded
    border takes a little of the last line's room)."""
    return sum(line_count(t, z, inner) * z * LINE for t, z, _b in lines) + 2 * CARD_PAD.pt + 4


@dataclass
class ChartGeometry:
    lay: Any  # orgchart.Layout
    sx: float  # EMU per layout unit across
    sy: float  # EMU per layout unit down
    size: float  # the names' font size
    fits: bool  # every card holds its name at MIN_PT or more
    bottom: int = CHART_BOTTOM  # the room below the chart: the legend's, and the line on links left out
    links: tuple[list[dict[str, Any]], int] = ([], 0)  # chart_links.picture_links of the slide


def chart_geometry(
    r: Report, people: list[dict[str, Any]], notes: dict[Any, str] | None = None, bodies: list[Any] = ()
) -> ChartGeometry:
    """Scale the layout onto the slide: cards as wide as the slide allows (at most 2"); names at the
    largest of NAME_SIZES every card holds (wrapped, whole); cards as tall as the tallest text needs
    (at least 1.4" per layout unit while the slide has room), never taller than the slide allows. The
    room below the chart is the legend's rows (`legend_rows`) and the line on the links left out."""
    notes = notes or {}
    lay = layout(people, bodies)
    links = picture_links(r, lay.boxes)
    rows = legend_rows(links=bool(links[0]))  # CHART_BOTTOM holds two rows
    bottom = CHART_BOTTOM + max(rows - 2, 0) * LEGEND_ROW + (LEGEND_ROW if links[1] else 0)
    width, height = SLIDE_W - Inches(0.6), SLIDE_H - CHART_TOP - bottom
    if not lay.boxes:
        return ChartGeometry(lay, Inches(1), Inches(1), MIN_PT, True)
    sx = min(width / lay.width, Inches(2.0))
    sy_max = height / lay.height
    inner = Emu(int(BOX_W * sx)).pt - 2 * CARD_PAD.pt
    for size in NAME_SIZES:  # every card as tall as the tallest text, a person's or a decision body's
        need = max(
            [card_text(r, pid, size, inner, notes.get(pid, ""), title=False).height for pid in lay.boxes]
            + [body_text(r, bid, size, inner).height for bid in lay.bodies]
        )
        if Pt(need) <= BOX_H * sy_max:
            break
    sy = min(sy_max, max(Inches(1.4), Pt(need) / BOX_H))
    fits = BOX_W * sx >= CARD_MIN_W and Pt(need) <= BOX_H * sy_max
    return ChartGeometry(lay, sx, sy, size, fits, bottom, links)


def chart_pages(r: Report) -> list[tuple[Any, list[dict[str, Any]]]]:
    """The org chart on one slide when its cards hold their names at 10 pt; else the top two levels on
    one slide and each second-level manager's team on its own slide (their card says where it continues)."""
    if not r.people or chart_geometry(r, r.people, bodies=list(r.bodies)).fits:
        return [(None, r.people)]
    return team_pages(r.people)


def chart_slides(prs: Any, r: Report) -> None:
    pages = chart_pages(r)
    first = len(prs.slides) + 1
    continues = {head: first + i for i, (head, _people) in enumerate(pages) if head is not None}
    title = pgettext("export", "Organisation chart")
    for head, people in pages:
        name = r.by_id[head]["name"] if head is not None else ""
        chart_slide(
            prs,
            r,
            people,
            labelled(title, name) if name else title,
            {} if head else continues,
            bodies=head is None,
        )


def chart_slide(
    prs: Any,
    r: Report,
    people: list[dict[str, Any]],
    title: str,
    continues: dict[Any, int],
    bodies: bool = True,
) -> None:
    """One org chart slide: a card per person, wrapped text that stays inside it (word wrap on, sizes
    from `chart_geometry`), elbow connectors routed between the cards (`connect`)."""
    slide = _blank(prs, title)
    notes = {pid: pgettext("export", "team on slide %(n)s") % {"n": n} for pid, n in continues.items()}
    geo = chart_geometry(r, people, notes, list(r.bodies) if bodies else [])
    lay = geo.lay
    if not lay.boxes:
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
        text = card_text(r, pid, geo.size, inner, notes.get(pid, ""))
        if Pt(text.height) > box_h:  # the whole title, or none (the people table has it)
            text = card_text(r, pid, geo.size, inner, notes.get(pid, ""), title=False)
        _lines(frame, text.lines, look.ink)
        frame.auto_size = MSO_AUTO_SIZE.NONE
        for para, (_t, size, _b) in zip(frame.paragraphs, text.lines, strict=True):
            para.line_spacing = Pt(size * LINE)
        shapes[pid] = shape
    for bid, (x, y) in lay.bodies.items():  # the decision bodies (◆), as on the web chart and in the PDF
        look = body_card(r, bid)[0]
        shape = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, left + int(x * geo.sx), top + int(y * geo.sy), box_w, box_h
        )
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(look.fill.lstrip("#"))
        shape.line.color.rgb = RGBColor.from_string(look.border.lstrip("#"))
        shape.line.width = Pt(2.25 if look.never_met else 0.75)
        shape.name = f"decision body {bid}"
        frame = shape.text_frame
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, CARD_PAD)
        text = body_text(r, bid, geo.size, inner)
        _lines(frame, text.lines, look.ink)
        frame.auto_size = MSO_AUTO_SIZE.NONE
        for para, (_t, size, _b) in zip(frame.paragraphs, text.lines, strict=True):
            para.line_spacing = Pt(size * LINE)
    for boss, child, kind in lay.edges:
        connect(slide, shapes[boss], shapes[child], kind)
    drawn, left_out = geo.links
    link_connectors(slide, drawn, shapes)
    top = SLIDE_H - geo.bottom + Inches(0.1)
    if left_out:  # the line above the legend saying how many links are not drawn
        note = slide.shapes.add_textbox(Inches(0.3), top, SLIDE_W - Inches(0.6), LEGEND_ROW)
        _lines(note.text_frame, [(links_left_out_text(len(drawn), left_out), MIN_PT, False)])
        top += LEGEND_ROW
    legend_shapes(slide, top, links=bool(drawn))


def link_connectors(slide: Any, links: list[dict[str, Any]], shapes: dict[Any, Any]) -> list[Any]:
    """The influence `links` between the slide's cards (`chart_links.picture_links`) as straight
    connectors glued to two of their sides (`link_sites`: move a card and its links follow), coloured,
    dashed and as wide as `look.link_look` says (the web's 2..4 px as 1..2 pt), an arrowhead at the
    target; laid under the cards, so they never cover a name. Returns the connectors."""
    out = []
    under = next(iter(shapes.values()))._element  # the first card: links go before it in z-order
    boxes = {pid: Box(sh.left, sh.top, sh.width, sh.height) for pid, sh in shapes.items()}
    cards = Cards(boxes)
    for link in links:
        source, target = shapes[link["from"]], shapes[link["to"]]
        begin, end = link_sites(boxes[link["from"]], boxes[link["to"]], cards)
        connector = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
        connector.begin_connect(source, begin)
        connector.end_connect(target, end)
        look = link_look(link.get("kind") or "", link.get("strength"))
        arrow_line(connector, look.colour, Pt(look.width / 2), look.dashed, PRINT_OPACITY[look.dashed])
        connector.name = f"influence {link['from']} to {link['to']}"
        under.addprevious(connector._element)
        out.append(connector)
    return out


def link_sites(a: Box, b: Box, cards: Cards) -> tuple[int, int]:
    """The connection sites a link from card `a` to card `b` joins: those of the two cards that face each
    other, unless that line passes behind another card (seen going in and out of it, it would read as
    two links of that card); then the two sites whose line passes behind least (`passes_behind`)."""
    facing = facing_sites(a, b)
    options = [facing, *((i, j) for i in range(4) for j in range(4) if (i, j) != facing)]
    return min(
        options,
        key=lambda pair: passes_behind(_line(_site(a, pair[0]), _site(b, pair[1]), a.w), cards, (a, b)),
    )


def facing_sites(source: Box, target: Box) -> tuple[int, int]:
    """The connection sites of two cards that face each other: bottom to top when the target is a level
    below, top to bottom when above, else the sides (right to left, or left to right). Box.y is the top."""
    if target.y >= source.y + source.h:
        return BOTTOM, TOP
    if source.y >= target.y + target.h:
        return TOP, BOTTOM
    return (RIGHT, LEFT) if target.x > source.x else (LEFT, RIGHT)


def _site(box: Box, site: int) -> tuple[float, float]:
    """A connection site's point (EMU): the middle of the top, left, bottom or right side."""
    return {
        TOP: (box.x + box.w / 2, box.y),
        LEFT: (box.x, box.y + box.h / 2),
        BOTTOM: (box.x + box.w / 2, box.y + box.h),
        RIGHT: (box.x + box.w, box.y + box.h / 2),
    }[site]


def _line(p: tuple[float, float], q: tuple[float, float], card_w: float) -> list[tuple[float, float]]:
    """Points along the straight line from p to q, a quarter of a card apart (its ends left out)."""
    n = max(8, int(((q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2) ** 0.5 / max(card_w / 4, 1)))
    return [(p[0] + (q[0] - p[0]) * i / n, p[1] + (q[1] - p[1]) * i / n) for i in range(1, n)]


def connect(slide: Any, boss: Any, child: Any, kind: str) -> Any:
    """An elbow connector from a manager's card to a report's, glued to both cards and drawn on a
    route that passes no other card (the stored geometry is what PowerPoint shows until a card moves):
    "tree" — down from the manager's bottom centre, across half-way between the levels, down into the
    report's top centre; "stack" (leaves listed under their manager) — down a spine just inside the
    manager's left edge, left of every stacked card, then across into the report's left side."""
    connector = slide.shapes.add_connector(MSO_CONNECTOR.ELBOW, 0, 0, 0, 0)
    connector.line.color.rgb = RGBColor.from_string("607D8B")
    connector.line.width = Pt(0.75)
    sp_pr = connector._element.spPr
    xfrm = sp_pr.get_or_add_xfrm()
    if kind == "stack":
        # bentConnector2 flipped both ways: from the report's left side across, then up the spine
        x1, y1 = boss.left + int(boss.width * 0.05), boss.top + boss.height
        x2, y2 = child.left, child.top + child.height // 2
        connector._connect_begin_to(child, LEFT)
        sp_pr.prstGeom.set("prst", "bentConnector2")
        xfrm.set("flipH", "1")
        xfrm.set("flipV", "1")
        xfrm.off.x, xfrm.off.y, xfrm.ext.cx, xfrm.ext.cy = x1, y1, max(x2 - x1, 0), max(y2 - y1, 0)
    else:
        # bentConnector3 turned a quarter: down, across, down (flipped when the report is to the right)
        x1, y1 = boss.left + boss.width // 2, boss.top + boss.height
        x2, y2 = child.left + child.width // 2, child.top
        connector._connect_begin_to(boss, BOTTOM)
        connector._connect_end_to(child, TOP)
        w, h = abs(x2 - x1), max(y2 - y1, 0)
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        xfrm.set("rot", "5400000")
        if x2 > x1:
            xfrm.set("flipV", "1")
        xfrm.off.x, xfrm.off.y, xfrm.ext.cx, xfrm.ext.cy = cx - h // 2, cy - w // 2, h, w
    return connector
