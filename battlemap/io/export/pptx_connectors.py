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

from .chart_links import PRINT_OPACITY
from .link_route import Box, Cards, passes_behind
from .pptx_slide import arrow_line, dotted_line

# connection points of a rectangle in python-pptx: 0 top, 1 left, 2 bottom, 3 right
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3
# a further line between two cards passes this many card heights from the first at its middle, where the cards'
# sides leave room (the web's linkroute.js SPREAD)
SPREAD = 0.2
# where along a card's side a further line may end (`beside`): off the rounded corners (a sixth of the height)
SIDE_STOPS = (0.2, 0.35, 0.5, 0.65, 0.8)

Point = tuple[float, float]
# the lines drawn between two cards so far: {frozenset of their ids: [{id: (connection site or None, point)}]}
Ways = dict[frozenset, list[dict[Any, tuple[int | None, Point]]]]


def link_connectors(
    slide: Any, links: list[dict[str, Any]], shapes: dict[Any, Any], ways: Ways | None = None
) -> list[Any]:
    """The influence `links` between the slide's cards (`chart_links.picture_links`) as straight
    connectors glued to two of their sides (`link_sites`: move a card and its links follow), coloured,
    dashed and as wide as `look.link_look` says (the web's 2..4 px as 1..2 pt), an arrowhead at the
    target; laid under the cards, so they never cover a name. The second line between the same two cards
    (the two arrows of a pair who sway each other) takes its own path (`straight`); `ways` holds the lines
    drawn so far, shared with `dotted_connectors`. Returns the connectors."""
    out = []
    if not links:
        return out
    under = next(iter(shapes.values()))._element  # the first card: links go before it in z-order
    boxes = {pid: Box(sh.left, sh.top, sh.width, sh.height) for pid, sh in shapes.items()}
    cards = Cards(boxes)
    ways = {} if ways is None else ways
    for link in links:
        connector = straight(slide, shapes, boxes, cards, (link["from"], link["to"]), ways)
        look = link_look(link.get("kind") or "", link.get("strength"))
        arrow_line(connector, look.colour, Pt(look.width / 2), look.dashed, PRINT_OPACITY[look.dashed])
        connector.name = f"influence {link['from']} to {link['to']}"
        under.addprevious(connector._element)
        out.append(connector)
    return out


def dotted_connectors(
    slide: Any, pairs: list[tuple[Any, Any]], shapes: dict[Any, Any], ways: Ways | None = None
) -> list[Any]:
    """Each dotted line (person, dotted-line manager) between the slide's cards (`chart_links.dotted_lines`) as a
    straight connector glued to two of their sides, as an influence link is (`link_sites`), drawn as the web draws
    a dotted line: slate, dashed, no arrowhead (`pptx_slide.dotted_line`); under the cards. Beside an influence
    link between the same two people (in `ways`, from `link_connectors`) it takes its own path (`straight`): on
    one path, the grey dashes hid under the red *opposes* arrow. Returns them."""
    out = []
    if not pairs:
        return out
    under = next(iter(shapes.values()))._element  # the first card: the lines go before it in z-order
    boxes = {pid: Box(sh.left, sh.top, sh.width, sh.height) for pid, sh in shapes.items()}
    cards = Cards(boxes)
    ways = {} if ways is None else ways
    for person, manager in pairs:
        connector = straight(slide, shapes, boxes, cards, (person, manager), ways)
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


def straight(
    slide: Any, shapes: dict[Any, Any], boxes: dict[Any, Box], cards: Cards, ends: tuple[Any, Any], ways: Ways
) -> Any:
    """A straight connector from the card of `ends[0]` to that of `ends[1]`, added to `ways`. The first line
    between two cards is glued to the sites `link_sites` picks; a further one (a dotted line beside an influence
    link, the second arrow of a pair who sway each other) goes where `beside` says: glued to other sites, or an
    end left unglued where no site gives it a path of its own. Glued to the same two sites, PowerPoint and LibreOffice draw it on the first one's
    path (LibreOffice redraws a glued connector from its sites, whatever geometry is stored)."""
    one, two = ends
    a, b = boxes[one], boxes[two]
    drawn = ways.setdefault(frozenset(ends), [])
    if drawn:
        begin, end, p, q = beside(a, b, cards, [(way[one], way[two]) for way in drawn])
    else:
        begin, end = link_sites(a, b, cards)
        p, q = _site(a, begin), _site(b, end)
    drawn.append({one: (begin, p), two: (end, q)})
    connector = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, *map(round, (*p, *q)))
    if begin is not None:  # glued: move the card and this end follows
        connector.begin_connect(shapes[one], begin)
    if end is not None:
        connector.end_connect(shapes[two], end)
    return connector


def link_sites(a: Box, b: Box, cards: Cards) -> tuple[int, int]:
    """The connection sites a link from card `a` to card `b` joins: those of the two cards that face each
    other, unless that line passes behind another card (seen going in and out of it, it would read as
    two links of that card); then the two sites whose line passes behind least (`passes_behind`) of those that
    leave both cards outwards (`_off_ends`)."""
    facing = facing_sites(a, b)
    options = [facing, *((i, j) for i in range(4) for j in range(4) if (i, j) != facing)]

    def cost(pair: tuple[int, int]) -> tuple[bool, int]:
        p, q = _site(a, pair[0]), _site(b, pair[1])
        points = _line(p, q, a.w)
        return not _off_ends(points, (a, pair[0], p), (b, pair[1], q)), passes_behind(points, cards, (a, b))

    return min(options, key=cost)


def beside(
    a: Box, b: Box, cards: Cards, taken: list[tuple[tuple[int | None, Point], tuple[int | None, Point]]]
) -> tuple[int | None, int | None, Point, Point]:
    """(site on `a` or None, site on `b` or None, start, end) of a further straight line from card `a` to card `b`
    beside those `taken` ((site, point) at `a`, at `b`, each). Of the lines from a side of `a` to a side of `b`,
    ending at SIDE_STOPS along the sides (glued where a stop is a connection site, a side's middle; never to the
    two sites of a taken line), the one that leaves both cards outwards (`_off_ends`), passes behind fewest other
    cards (`passes_behind`), and whose middle lies furthest from the taken lines, up to SPREAD card heights; then
    the one sharing fewest ends with them, with fewest ends unglued, the shortest. Two lines on one path read as
    one: a grey dotted line under a red *opposes* arrow (a reviewer's James → Linda)."""
    sites = {(p[0], q[0]) for p, q in taken}
    options = [
        (i, sa, p, j, sb, q)
        for i, sa, p in _stops(a)
        for j, sb, q in _stops(b)
        if i is None or j is None or (i, j) not in sites
    ]
    lines = [(p[1], q[1]) for p, q in taken]
    ends = {point for line in lines for point in line}
    room = SPREAD * a.h

    def cost(option: tuple[Any, ...]) -> tuple[Any, ...]:
        i, sa, p, j, sb, q = option
        points = _line(p, q, a.w)
        middle = ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
        apart = min(min(_from_segment(middle, line) for line in lines), room)
        length = ((q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2) ** 0.5
        return (
            not _off_ends(points, (a, sa, p), (b, sb, q)),
            passes_behind(points, cards, (a, b)),
            -apart,
            (p in ends) + (q in ends),
            (i is None) + (j is None),
            length,
        )

    i, _sa, p, j, _sb, q = min(options, key=cost)
    return i, j, p, q


def _stops(box: Box) -> list[tuple[int | None, int, Point]]:
    """(connection site or None, side, point) at SIDE_STOPS along each side of a card: a side's middle is its
    site."""
    out: list[tuple[int | None, int, Point]] = []
    for f in SIDE_STOPS:
        x, y = box.x + box.w * f, box.y + box.h * f
        points = {TOP: (x, box.y), LEFT: (box.x, y), BOTTOM: (x, box.y + box.h), RIGHT: (box.x + box.w, y)}
        for side, point in points.items():
            out.append((side, side, _site(box, side)) if f == 0.5 else (None, side, point))
    return out


OUTWARD = {TOP: (0, -1), LEFT: (-1, 0), BOTTOM: (0, 1), RIGHT: (1, 0)}  # each side's outward direction


def _off_ends(points: list[Point], start: tuple[Box, int, Point], end: tuple[Box, int, Point]) -> bool:
    """Whether a straight line (its `points`) from a side of a card (`start`: card, side, point) to a side of
    another (`end`) leaves each card outwards and passes over neither: one that runs along a card's side or
    through it strikes through its name, or hides under its border (linkroute.js `offEnds` on the web)."""
    (a, side_a, p), (b, side_b, q) = start, end
    dx, dy = q[0] - p[0], q[1] - p[1]
    norm = (dx * dx + dy * dy) ** 0.5 or 1.0
    out_a, out_b = OUTWARD[side_a], OUTWARD[side_b]
    if (dx * out_a[0] + dy * out_a[1]) / norm <= 0.01 or (-dx * out_b[0] - dy * out_b[1]) / norm <= 0.01:
        return False
    inset = -0.02 * min(a.h, b.h)
    return not any(a.holds(x, y, inset) or b.holds(x, y, inset) for x, y in points)


def _from_segment(point: Point, segment: tuple[Point, Point]) -> float:
    """The distance from `point` to the straight segment between two points."""
    (px, py), ((x1, y1), (x2, y2)) = point, segment
    dx, dy = x2 - x1, y2 - y1
    t = max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / max(dx * dx + dy * dy, 1e-9)))
    return ((px - x1 - t * dx) ** 2 + (py - y1 - t * dy) ** 2) ** 0.5


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
