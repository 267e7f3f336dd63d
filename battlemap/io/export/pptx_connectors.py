"""The lines of the deck's org chart slides (`pptx_chart`), as connectors glued to the cards: the reporting
lines routed between the cards (`connect`), the influence links (`link_connectors`), the dotted lines to a
dotted-line manager (`dotted_connectors`) and the decision bodies' lines to their members (`member_connectors`)."""

from __future__ import annotations

from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.util import Pt

from battlemap.look import MEMBER_COLOUR, link_look

from .chart_links import PRINT_OPACITY, Box, Cards, passes_behind
from .pptx_slide import arrow_line, dotted_line

# connection points of a rectangle in python-pptx: 0 top, 1 left, 2 bottom, 3 right
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3


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


def dotted_connectors(slide: Any, pairs: list[tuple[Any, Any]], shapes: dict[Any, Any]) -> list[Any]:
    """Each dotted line (person, dotted-line manager) between the slide's cards (`chart_links.dotted_lines`) as a
    straight connector glued to two of their sides, as an influence link is (`link_sites`), drawn as the web draws
    a dotted line: slate, dashed, no arrowhead (`pptx_slide.dotted_line`); under the cards. Returns them."""
    out = []
    if not pairs:
        return out
    under = next(iter(shapes.values()))._element  # the first card: the lines go before it in z-order
    boxes = {pid: Box(sh.left, sh.top, sh.width, sh.height) for pid, sh in shapes.items()}
    cards = Cards(boxes)
    for person, manager in pairs:
        begin, end = link_sites(boxes[person], boxes[manager], cards)
        connector = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
        connector.begin_connect(shapes[person], begin)
        connector.end_connect(shapes[manager], end)
        dotted_line(connector)
        connector.name = f"dotted line {person} to {manager}"
        under.addprevious(connector._element)
        out.append(connector)
    return out


MEMBER_WIDTH = (Pt(0.75), Pt(1.5))  # the line to a member, to the chair (the web's 1.5 and 3 px)


def member_connectors(slide: Any, r: Any, bodies: dict[Any, Any], shapes: dict[Any, Any]) -> list[Any]:
    """Each decision body's line to each of its members on the slide, as the web's org chart joins them: teal
    (look.MEMBER_COLOUR) and dotted, the chair's twice as wide, a straight connector glued to the top of the
    body's card (the bodies are a row under the tree) and the foot of the member's; laid under the cards.
    Returns the connectors."""
    out = []
    if not shapes:
        return out
    under = next(iter(shapes.values()))._element  # the first card: the lines go before it in z-order
    for bid, body in bodies.items():
        record = r.bodies.get(bid) or {}
        for pid in record.get("members") or []:
            if pid not in shapes:  # a member whose card is on another slide (a team's)
                continue
            connector = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
            connector.begin_connect(body, TOP)
            connector.end_connect(shapes[pid], BOTTOM)
            connector.line.color.rgb = RGBColor.from_string(MEMBER_COLOUR.lstrip("#"))
            connector.line.width = MEMBER_WIDTH[pid == record.get("chair")]
            connector.line.dash_style = MSO_LINE.ROUND_DOT
            connector.name = f"member {bid} to {pid}"
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
