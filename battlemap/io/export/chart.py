"""The pictures of the review as ReportLab drawings, used in the PDF review and the PNG export: the
org chart (its decision bodies joined to their members) and its legend — in the one visual language of
battlemap.look (the PDF's influence circle, in the same language: pdf_circle.py). What each card of the org chart says is cards.py's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab import rl_config

# ReportLab checks every attribute set on a shape (a third of drawing 2,000 cards); the shapes here are
# built from numbers and colours already checked, as ReportLab's docs advise for production.
rl_config.shapeChecking = 0

from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String  # noqa: E402
from reportlab.lib import colors  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402

from battlemap.core.multilingual import active_language  # noqa: E402
from battlemap.look import MEMBER_COLOUR, legend  # noqa: E402

from .cards import body_text, card_text, look_of  # noqa: E402
from .chart_links import DOTTED_WIDTH, Box, chart_lines, draw_dotted, draw_links  # noqa: E402
from .member_routes import MemberRouter, Segment  # noqa: E402
from .orgchart import BOX_H, BOX_W, INDENT, LEVEL, STACK, layout  # noqa: E402
from .report import MapView  # noqa: E402
from .scripts import strings  # noqa: E402
from .scripts import width as text_width  # noqa: E402
from .textfit import SMALLEST_SHARE  # noqa: E402

GREY = "#607d8b"
# The PDF's org chart draws its names at CHART_NAME_PT or more (its marks, notes and titles at 80 % of the
# names' size: 6.4 pt or more): a chart that would draw them smaller goes on on more pages, team by team
# (`pdf_chart.chart_pages`) — the whole chart of a 119-person account on one A4 page was 1.4–3 pt, unreadable
# printed. No text of a card, the PDF's or the PNG's, is smaller than CHART_MIN_PT: a name or title shrinks to
# stay whole on its card (`textfit.SMALLEST_SHARE` of its size), no further, and then a name ends with "…" there,
# a title at its own size, never small and cut (`cards.card_text`; the demo's "Chief Financial Officer" is whole
# at 5.7 pt on a card of Northwind's one-page chart).
CHART_NAME_PT = 8.0
CHART_MIN_PT = SMALLEST_SHARE * CHART_NAME_PT


def _hex(code: str) -> Any:
    return colors.HexColor(code)


def draw_text(
    drawing: Drawing, x: float, y: float, text: str, size: float, fill: Any, anchor: str = "start"
) -> None:
    """One line of text in any script (scripts.py: a run per font, right-to-left in order)."""
    for shape in strings(x, y, text, size, fill, anchor):
        drawing.add(shape)


@dataclass
class ChartScale:
    lay: Any  # orgchart.Layout
    sx: float  # points per layout unit across
    sy: float  # points per layout unit down
    size: float  # the names' size in points


def chart_scale(
    report: MapView, width: float, height: float, font: str, unit: tuple[float, float]
) -> ChartScale:
    """The layout scaled into width × height points (a unit at most `unit` points), the names' size with it;
    the decision bodies' cards as tall as the tallest one's text needs (`body_text`): a taller row of bodies
    takes its room from the scale down, measured again until their text holds."""
    body_h = BOX_H
    for _attempt in range(8):  # a row taller by a share of the chart: the scale settles in a few steps
        lay = layout(report.people, list(report.bodies), body_h, wrap=True)
        sx = min(width / lay.width, unit[0])
        sy = min(height / lay.height, unit[1])
        box_w = BOX_W * sx
        size = max(min(BOX_H * sy / 4.2, box_w / 6, 10.0), 3.0)
        need = max(
            (
                body_text(report, bid, font, size, box_w * 0.9, CHART_MIN_PT)[1].height / sy
                for bid in lay.bodies
            ),
            default=0.0,
        )
        if need <= body_h * 1.001:
            break
        body_h = need
    return ChartScale(lay, sx, sy, size)


def chart_drawing(
    report: MapView,
    width: float,
    height: float,
    font: str,
    unit: tuple[float, float] = (150.0, 110.0),
    notes: dict[Any, str] | None = None,
) -> Drawing:
    """Draw the reporting tree into a width × height drawing (points), scaled to fit, a layout unit at most
    `unit` points across and down (the PNG's cards grow to hold their text: png.card_unit_height). Cards carry the
    attitude colour and mark, the role badges, the never-met marker; names wrap on up to three lines (a longer
    one ends in "…": the people table has it whole), no text under CHART_MIN_PT; `notes` says on a card where its
    team goes on ("team on p. 4", `pdf_chart`). The influence links and the dotted lines to a dotted-line manager
    lie under the cards, side by side where they join the same two people (`chart_links.chart_lines`)."""
    scale = chart_scale(report, width, height, font, unit)
    lay, sx, sy, size = scale.lay, scale.sx, scale.sy, scale.size
    notes = notes or {}
    drawing = Drawing(width, height)
    if not lay.boxes and not lay.bodies:
        return drawing
    box_w, box_h = BOX_W * sx, BOX_H * sy

    def top_left(pid: Any) -> tuple[float, float]:
        x, y = lay.boxes[pid]
        return x * sx, height - y * sy

    grey = _hex(GREY)
    tree: list[Segment] = []  # the reporting lines: the members' lines keep off them (`member_routes`)

    def reporting(x1: float, y1: float, x2: float, y2: float) -> None:
        drawing.add(Line(x1, y1, x2, y2, strokeColor=grey, strokeWidth=0.6))
        tree.append((x1, y1, x2, y2))

    for boss, report_id, kind in lay.edges:
        bx, by = top_left(boss)
        rx, ry = top_left(report_id)
        if kind == "stack":
            spine = bx + box_w * 0.05
            if (
                rx - bx > sx
            ):  # a column of wrapped leaves right of the first: across under the manager, then down
                mid = by - box_h - (LEVEL - BOX_H) * sy / 2
                reporting(spine, by - box_h, spine, mid)
                reporting(spine, mid, rx - INDENT * sx / 2, mid)
                spine, top = rx - INDENT * sx / 2, mid
            else:
                top = by - box_h
            reporting(spine, top, spine, ry - box_h / 2)
            reporting(spine, ry - box_h / 2, rx, ry - box_h / 2)
        else:
            mid = (by - box_h + ry) / 2
            reporting(bx + box_w / 2, by - box_h, bx + box_w / 2, mid)
            reporting(bx + box_w / 2, mid, rx + box_w / 2, mid)
            reporting(rx + box_w / 2, mid, rx + box_w / 2, ry)
    boxes = {}
    for pid in lay.boxes:
        x, y = top_left(pid)
        boxes[pid] = Box(x, y - box_h, box_w, box_h)
    body_h = lay.body_h * sy
    body_boxes = {
        bid: Box(bx * sx, height - by * sy - body_h, box_w, body_h) for bid, (bx, by) in lay.bodies.items()
    }
    # a line keeps this clear of the cards it passes: near the middle of the narrowest gap between two cards
    pad = 0.45 * min((1.0 - BOX_W) * sx, (STACK - BOX_H) * sy)
    draw_members(drawing, report, body_boxes, boxes, Box(0, 0, width, height), pad, tree)
    links, dotted = chart_lines(report, boxes, Box(0, 0, width, height))
    draw_dotted(drawing, dotted)
    draw_links(drawing, links, box_w)
    for pid in lay.boxes:
        look = look_of(report, pid)
        x, y = top_left(pid)
        rect = Rect(
            x,
            y - box_h,
            box_w,
            box_h,
            rx=2,
            ry=2,
            fillColor=_hex(look.fill),
            strokeColor=_hex(look.border),
            strokeWidth=1.6 if look.never_met else 0.7,
        )
        if look.dashed:
            rect.strokeDashArray = [2, 2]
        drawing.add(rect)
        ink = _hex(look.ink)
        pad = box_w * 0.05
        text = card_text(report, pid, font, size, box_w - 2 * pad, box_h, notes.get(pid, ""), CHART_MIN_PT)
        for line in text.lines:
            draw_text(drawing, x + pad, y - line.down, line.text, line.size, ink)
            if line.struck:
                w = text_width(line.text, line.size, font)
                drawing.add(
                    Line(
                        x + pad,
                        y - line.down + line.size * 0.3,
                        x + pad + w,
                        y - line.down + line.size * 0.3,
                        strokeColor=ink,
                        strokeWidth=0.5,
                    )
                )
    for bid, (bx, by) in lay.bodies.items():
        pad = box_w * 0.05
        look, text = body_text(report, bid, font, size, box_w - 2 * pad, CHART_MIN_PT)
        x, y = bx * sx, height - by * sy
        drawing.add(
            Rect(x, y - body_h, box_w, body_h, rx=2, ry=2, fillColor=_hex(look.fill), strokeColor=_hex(look.border),
                 strokeWidth=1.6 if look.never_met else 0.7)
        )  # fmt: skip
        for line in text.lines:
            draw_text(drawing, x + pad, y - line.down, line.text, line.size, _hex(look.ink))
    return drawing


MEMBER_LINE = (0.8, 1.6)  # points: the line to a member, to the chair (the web's 1.5 and 3 px)
MEMBER_OPACITY = 0.7  # the web's 0.45 is for a screen: printed, a dotted line that pale is lost


def draw_members(
    drawing: Drawing,
    report: MapView,
    bodies: dict[Any, Box],
    cards: dict[Any, Box],
    frame: Box,
    pad: float,
    tree: list[Segment] = (),
) -> None:
    """Each decision body's dotted teal line (look.MEMBER_COLOUR) to each of its members drawn on the chart, the
    chair's twice as wide, as the web's org chart joins them: from the top of the body's card (the bodies are a
    row under the tree) to the foot of the member's, routed along the gaps between the cards so it passes behind
    none, and off the reporting lines `tree` (`member_routes`; straight only when no route is clear). Drawn
    before the cards."""
    if not any(pid in cards for bid in bodies for pid in (report.bodies.get(bid) or {}).get("members") or []):
        return  # no line to draw: the routes' grid is not built
    colour = _hex(MEMBER_COLOUR)
    router = MemberRouter([*cards.values(), *bodies.values()], frame, pad, tree)
    for bid, body in bodies.items():
        record = report.bodies.get(bid) or {}
        chair = record.get("chair")
        # the chair's line first: the other members' lines follow the runs it takes
        for pid in sorted(record.get("members") or [], key=lambda pid: pid != chair):
            card = cards.get(pid)
            if card is None:  # a member whose card is on another picture (a team's panel)
                continue
            points = router.route(body, card, bid) or [
                (body.x + body.w / 2, body.y + body.h),
                (card.x + card.w / 2, card.y),
            ]
            line = PolyLine(
                [c for point in points for c in point],
                strokeColor=colour,
                strokeOpacity=MEMBER_OPACITY,
                strokeWidth=MEMBER_LINE[pid == chair],
                strokeLineCap=1,
                strokeLineJoin=1,
            )
            line.strokeDashArray = [0.1, 2.4]  # round dots
            drawing.add(line)


def legend_drawing(
    width: float, font: str, size: float = 8, links: bool = False, dotted: bool = False
) -> Drawing:
    """The legend of every picture, in the active language: attitude swatches with their marks, no
    role, never met, left, the influence lines (`links`: an org chart that draws some), the dotted line
    (`dotted`: an org chart that draws a dotted-line manager's), then the role badges with their names;
    wrapped into rows."""
    items = legend(active_language(), links=links, dotted=dotted)
    gap, sw = size * 1.2, size * 2.4
    x, row = 0.0, 0
    placed = []
    for item in items:
        w = sw + 3 + stringWidth(item.label, font, size) + gap
        if x + w > width and x > 0:
            x, row = 0.0, row + 1
        placed.append((x, row, item))
        x += w
    line_h = size * 1.9
    drawing = Drawing(width, (row + 1) * line_h)
    for x, row, item in placed:
        top = drawing.height - row * line_h - size * 1.5
        if item.kind == "dotted":  # a dashed line in its colour, no arrowhead, as the chart draws it
            mid = top + size * 0.68
            line = Line(x, mid, x + sw, mid, strokeColor=_hex(item.border), strokeWidth=DOTTED_WIDTH * 1.4)
            line.strokeDashArray = [3, 2]
            drawing.add(line)
            draw_text(drawing, x + sw + 3, top + size * 0.35, item.label, size, colors.black)
            continue
        if item.kind == "link":  # a line in the link's colour with its arrowhead, dashed for `opposes`
            mid = top + size * 0.68
            line = Line(x, mid, x + sw - size * 0.6, mid, strokeColor=_hex(item.border), strokeWidth=1.4)
            if item.dashed:
                line.strokeDashArray = [3, 2]
            drawing.add(line)
            tip = [
                x + sw,
                mid,
                x + sw - size * 0.7,
                mid + size * 0.35,
                x + sw - size * 0.7,
                mid - size * 0.35,
            ]
            drawing.add(Polygon(tip, fillColor=_hex(item.border), strokeColor=None))
            draw_text(drawing, x + sw + 3, top + size * 0.35, item.label, size, colors.black)
            continue
        rect = Rect(
            x,
            top,
            sw,
            size * 1.35,
            rx=1.5,
            ry=1.5,
            fillColor=_hex(item.fill),
            strokeColor=_hex(item.border),
            strokeWidth=0.8,
        )
        if item.dashed:
            rect.strokeDashArray = [2, 1.5]
        drawing.add(rect)
        if item.mark:
            drawing.add(
                String(
                    x + sw / 2,
                    top + size * 0.35,
                    item.mark,
                    fontName=font,
                    fontSize=size * 0.85,
                    fillColor=_hex(item.ink),
                    textAnchor="middle",
                )
            )
        drawing.add(
            String(
                x + sw + 3,
                top + size * 0.35,
                item.label,
                fontName=font,
                fontSize=size,
                fillColor=colors.black,
            )
        )
    return drawing
