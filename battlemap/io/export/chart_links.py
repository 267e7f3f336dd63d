"""The influence links of an exported org chart (PDF, PNG and deck), as the web's org chart draws them
(`look.link_look`): an arrow from the one who sways to the one swayed, from card edge to card edge,
under the cards so it never covers a name. A gentle bend keeps a link clear of the straight reporting
lines and parts the two arrows of a pair who sway each other. A dotted-line manager's line is routed the
same way, dashed slate and without an arrowhead, as the web draws it (`draw_dotted`)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from battlemap.look import DOTTED_COLOUR, LinkLook, link_look

BEND = 0.15  # the curve's control point lies this share of the link's length to its left
MAX_BEND = 0.8  # …but the control point lies no further off than this many card heights
CLEARANCE = 0.1  # a line passes other cards at least this share of a card's height away
SAMPLES = 24  # straight pieces of a drawn curve, at least
# a curve that passes behind a card tries these bends in turn (control point so many card heights off)
DETOURS = (0.6, -0.6, 1.2, -1.2, 2.0, -2.0, 3.0, -3.0)
# the cards a link no bend clears tries to go round (`_past`: 24 curves each, so a big chart stays quick)
PAST_CARDS = 3
PICTURE_LINKS = 30  # the most influence links one exported picture draws (`picture_links`)
# the web's opacities (0.3, 0.6) are for a screen's bright purple on white: printed, 0.3 is too pale to see
PRINT_OPACITY = {False: 0.55, True: 0.85}


@dataclass
class Box:
    """A card: `y` is its lower edge in a ReportLab drawing (y grows upwards), its top on a slide (y grows
    downwards); `holds` and `centre` read the same either way."""

    x: float  # left
    y: float
    w: float
    h: float

    def holds(self, px: float, py: float, pad: float = 0.0) -> bool:
        return self.x - pad <= px <= self.x + self.w + pad and self.y - pad <= py <= self.y + self.h + pad

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2


@dataclass
class Route:
    points: list[tuple[float, float]]  # the line, from the source card's edge to the arrow's base
    arrow: list[tuple[float, float]]  # the arrowhead's triangle, its tip on the target card's edge
    look: LinkLook


def links_between(links: list[dict[str, Any]], shown: Any) -> list[dict[str, Any]]:
    """The links between two cards a chart shows (ids in `shown`)."""
    return [link for link in links if link["from"] in shown and link["to"] in shown]


def links_across(report: Any, shown: Any) -> int:
    """How many links join a card `shown` to a person not shown: on a deck's slide of a chart split over
    several (`pptx_pages.chart_pages`), those to people on the other slides, which no slide can draw."""
    return sum((link["from"] in shown) != (link["to"] in shown) for link in report.links)


def picture_links(report: Any, shown: Any) -> tuple[list[dict[str, Any]], int]:
    """(the links a picture of `report` draws between the cards `shown`, how many it leaves out).

    A printed chart cannot switch its links off as the web's can (it starts without them over
    orgchart.js MANY_LINKS), and 120 arrows on 60 cards hide the tree: a picture draws at most PICTURE_LINKS,
    those that matter most to the deal — every `opposes` first, then the strongest, then those of the
    deal's people — supportive ones before, so an `opposes` arrow lies on top."""
    between = links_between(report.links, shown)
    deal_people = set(report.roles_by_person)
    ranked = sorted(
        between,
        key=lambda link: (
            link.get("kind") != "opposes",
            -(link.get("strength") or 1),
            link["from"] not in deal_people and link["to"] not in deal_people,
        ),
    )
    drawn = sorted(ranked[:PICTURE_LINKS], key=lambda link: link.get("kind") == "opposes")
    return drawn, len(between) - len(drawn)


class Cards:
    """The cards of a chart on a grid of card-sized cells, so the cards near a point are found at once
    (a 2,000-card chart has curves of a thousand points, each tried with several bends)."""

    def __init__(self, boxes: dict[Any, Box], frame: Box | None = None):
        self.frame = frame  # the picture: a line that leaves it would run over the legend or off the page
        self.cell = max((max(box.w, box.h) for box in boxes.values()), default=1.0) or 1.0
        self.pad = CLEARANCE * max((box.h for box in boxes.values()), default=0.0)
        self.grid: dict[tuple[int, int], list[Box]] = defaultdict(list)
        for box in boxes.values():
            for i in range(self._at(box.x - self.pad), self._at(box.x + box.w + self.pad) + 1):
                for j in range(self._at(box.y - self.pad), self._at(box.y + box.h + self.pad) + 1):
                    self.grid[(i, j)].append(box)

    def _at(self, v: float) -> int:
        return math.floor(v / self.cell)

    def near(self, x: float, y: float) -> list[Box]:
        """The cards that reach, with their clearance, the cell of (x, y)."""
        return self.grid.get((self._at(x), self._at(y)), [])


def route(
    source: Box, target: Box, link: dict[str, Any], arrow_len: float, cards: Cards | None = None
) -> Route | None:
    """The curve from `source`'s edge to `target`'s, ending in an arrowhead `arrow_len` long; None when
    the cards overlap (no line to draw between them). A curve that would pass behind another of `cards`
    bends further, to one side or the other, until it clears them; else it is drawn through the gap beside
    a card it passes behind (`_past`: a report under his manager linked to the boss above goes round the
    manager's card, between it and the next); else the curve that passes behind least. A line seen going
    into a card and out of it again would read as two links of that card."""
    (ax, ay), (bx, by) = source.centre, target.centre
    dx, dy = bx - ax, by - ay
    length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    mx, my = (ax + bx) / 2, (ay + by) / 2
    # a long link bends no more than about a card's height: it stays among the cards it joins
    first = min(BEND, MAX_BEND * source.h / length)
    shares = (first, *(k * source.h / length for k in DETOURS))
    best: tuple[int, Route] | None = None  # (how much it passes behind cards, route)
    for control in [(mx - dy * share, my + dx * share) for share in shares]:
        way = _curve(source, target, link, arrow_len, control)
        if way is None:
            return None
        hidden = passes_behind(way.points, cards, (source, target)) if cards is not None else 0
        if best is None or hidden < best[0]:
            best = (hidden, way)
        if hidden == 0:
            return way
    if best is None or cards is None:
        return best[1] if best else None
    for _round in range(2):  # round the cards the best curve so far passes, then those its successor passes
        tried = best
        for wx, wy in _past(tried[1].points, cards, (source, target)):
            # the curve through (wx, wy) halfway: its control point mirrors the link's middle in it
            way = _curve(source, target, link, arrow_len, (2 * wx - mx, 2 * wy - my))
            if way is None:
                continue
            hidden = passes_behind(way.points, cards, (source, target))
            if hidden < best[0]:
                best = (hidden, way)
            if hidden == 0:
                return way
        if best is tried:
            break
    return best[1]


def _past(
    points: list[tuple[float, float]], cards: Cards, ends: tuple[Box, Box]
) -> list[tuple[float, float]]:
    """Points just outside the first PAST_CARDS cards a line passes behind (besides its `ends`), to draw it
    through instead: beside each side and off each corner, two, four and eight times the clearance away."""
    hit: list[Box] = []
    for x, y in points:
        for box in cards.near(x, y):
            if box is not ends[0] and box is not ends[1] and box not in hit and box.holds(x, y, cards.pad):
                hit.append(box)
    around = []
    for gap in (2 * cards.pad, 4 * cards.pad, 8 * cards.pad):
        for box in hit[:PAST_CARDS]:
            left, right, low, high = box.x - gap, box.x + box.w + gap, box.y - gap, box.y + box.h + gap
            cx, cy = box.centre
            around += [(right, cy), (left, cy), (cx, low), (cx, high)]
            around += [(right, low), (right, high), (left, low), (left, high)]
    return around


def passes_behind(points: list[tuple[float, float]], cards: Cards, ends: tuple[Box, Box]) -> int:
    """How much of a line (its `points`) passes behind cards besides its two `ends`, or too near them:
    0 when none."""
    # every point behind a card counts twice, one that only grazes it (CLEARANCE: a line grazing a card's
    # corner reads as touching it) once: a curve that must pass some card is the one that shows least
    # of its line going in and out of it; a point off the picture counts three times
    behind = 0
    for x, y in points:
        for box in cards.near(x, y):
            if box is not ends[0] and box is not ends[1] and box.holds(x, y, cards.pad):
                behind += 2 if box.holds(x, y) else 1
    frame = cards.frame
    return behind + (3 * sum(1 for x, y in points if not frame.holds(x, y)) if frame else 0)


def _curve(
    source: Box, target: Box, link: dict[str, Any], arrow_len: float, control: tuple[float, float]
) -> Route | None:
    """The quadratic curve from `source`'s centre to `target`'s with the `control` point, cut at their edges;
    None when it cannot leave one card before reaching the other."""
    (ax, ay), (bx, by) = source.centre, target.centre
    cx, cy = control

    def at(t: float) -> tuple[float, float]:
        u = 1 - t
        return u * u * ax + 2 * u * t * cx + t * t * bx, u * u * ay + 2 * u * t * cy + t * t * by

    middle = at(0.5)
    if source.holds(*middle) or target.holds(*middle):
        return None
    start = _edge(at, source, 0.0, 0.5)
    end = _edge(at, target, 1.0, 0.5)
    if end <= start:
        return None
    tip = at(end)
    u = 1 - end  # the curve's direction at the tip
    tx, ty = 2 * u * (cx - ax) + 2 * end * (bx - cx), 2 * u * (cy - ay) + 2 * end * (by - cy)
    norm = (tx * tx + ty * ty) ** 0.5 or 1.0
    tx, ty = tx / norm, ty / norm
    base = tip[0] - tx * arrow_len, tip[1] - ty * arrow_len
    half = arrow_len * 0.45
    arrow = [tip, (base[0] - ty * half, base[1] + tx * half), (base[0] + ty * half, base[1] - tx * half)]
    # the line stops at the arrow's base, so its end never pokes through the tip
    long = _length(at, start, end)
    stop = start + (end - start) * max(0.0, 1 - arrow_len / max(long, 1e-9))
    # pieces no longer than a third of a card, so no card a line passes behind is missed
    n = max(SAMPLES, int(long / max(source.w / 3, 1e-9)) + 1)
    points = [at(start + (stop - start) * i / n) for i in range(n + 1)]
    return Route(points, arrow, link_look(link.get("kind") or "", link.get("strength")))


def _edge(at: Any, box: Box, inside: float, outside: float) -> float:
    """The curve parameter where it crosses `box`'s border, between a point inside and one outside."""
    for _ in range(30):
        mid = (inside + outside) / 2
        if box.holds(*at(mid)):
            inside = mid
        else:
            outside = mid
    return outside


def _length(at: Any, t0: float, t1: float) -> float:
    pts = [at(t0 + (t1 - t0) * i / 8) for i in range(9)]
    return sum(
        ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 for (x1, y1), (x2, y2) in zip(pts, pts[1:], strict=False)
    )


def draw_links(drawing: Any, report: Any, boxes: dict[Any, Box], frame: Box) -> None:
    """Draw the influence links between the cards of `boxes` (`picture_links`) into a ReportLab drawing,
    before the cards, so a card hides any part of a line that must pass behind it. Widths as on the web,
    relative to the card: `link_look`'s pixels on a 150-px card."""
    from reportlab.graphics.shapes import Polygon, PolyLine  # after chart.py has turned shape checks off
    from reportlab.lib import colors

    if not boxes:
        return
    box_w = next(iter(boxes.values())).w
    cards = Cards(boxes, frame)
    for link in picture_links(report, boxes)[0]:
        look = link_look(link.get("kind") or "", link.get("strength"))
        look_width = max(0.5, min(3.5, look.width * box_w / 150))
        way = route(
            boxes[link["from"]], boxes[link["to"]], link, max(3.0, look_width * 3, box_w * 0.07), cards
        )
        if way is None:
            continue
        colour = colors.HexColor(way.look.colour)
        line = PolyLine(
            [c for point in way.points for c in point],
            strokeColor=colour,
            strokeWidth=look_width,
            strokeOpacity=PRINT_OPACITY[way.look.dashed],
            strokeLineCap=1,
        )
        if way.look.dashed:  # butt ends: round ones would close the gaps between the dashes
            line.strokeDashArray = [look_width * 3, look_width * 2]
            line.strokeLineCap = 0
        drawing.add(line)
        drawing.add(
            Polygon(
                [c for point in way.arrow for c in point],
                fillColor=colour,
                fillOpacity=PRINT_OPACITY[way.look.dashed],
                strokeColor=None,
            )
        )


# A dotted-line manager (people.DottedLine), drawn as the web's org chart draws it (`look.DOTTED_COLOUR`): dashed,
# no arrow — apart from the solid reporting lines, the purple or red influence arrows and the teal dots of a
# decision body's members.
DOTTED_WIDTH = 1.0  # points, on the PDF and the PNG (a reporting line is 0.6)
DOTTED_DASH = [3.0, 2.0]


def dotted_lines(report: Any, shown: Any) -> list[tuple[Any, Any]]:
    """(person, dotted-line manager) of each dotted line between two cards a chart shows (ids in `shown`), from
    the map format's `dotted_line_to`."""
    return [
        (p["id"], manager)
        for p in report.people
        if p["id"] in shown
        for manager in p.get("dotted_line_to") or ()
        if manager in shown and manager != p["id"]
    ]


def dotted_across(report: Any, shown: Any) -> int:
    """How many dotted lines join a card `shown` to a person of the map not shown (on another page or slide of a
    chart split over several): as `links_across`, those no picture of it can draw."""
    ids = {p["id"] for p in report.people}
    return sum(
        (p["id"] in shown) != (manager in shown)
        for p in report.people
        for manager in p.get("dotted_line_to") or ()
        if manager in ids and manager != p["id"]
    )


def draw_dotted(drawing: Any, report: Any, boxes: dict[Any, Box], frame: Box) -> None:
    """Draw each dotted line between two cards of `boxes` into a ReportLab drawing, before the cards: a dashed
    slate curve from card edge to card edge, routed as an influence link is (`route`: clear of the other cards),
    with no arrowhead."""
    from reportlab.graphics.shapes import PolyLine  # after chart.py has turned shape checks off
    from reportlab.lib import colors

    pairs = dotted_lines(report, boxes)
    if not pairs:
        return
    cards = Cards(boxes, frame)
    colour = colors.HexColor(DOTTED_COLOUR)
    for person, manager in pairs:
        way = route(boxes[person], boxes[manager], {}, 1e-6, cards)
        if way is None:
            continue
        line = PolyLine(
            [c for point in way.points for c in point],
            strokeColor=colour,
            strokeWidth=DOTTED_WIDTH,
            strokeLineCap=0,
        )
        line.strokeDashArray = DOTTED_DASH
        drawing.add(line)
