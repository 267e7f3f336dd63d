"""How a line between two cards of an exported org chart (PDF, PNG) runs: a quadratic curve from card edge to card
edge, clear of the other cards, leaving and entering its two cards on the sides that face each other.

One rule with the web's org chart, which routes its lines in the browser where its cards are laid out
(core/static/battlemap/linkroute.js): the same named steps — `off_ends` (offEnds), `passes_behind` (passes),
`_past` (past), `route`, `beside` — and the same constants CLEARANCE, DETOURS, PAST_CARDS and SPREAD; change one
file, change the other. What differs is the curve each draws: Cytoscape cuts its curve where the line from a
card's centre to the control point leaves the card, this one where the curve from centre to centre leaves it, and
a link of the exported charts bends gently (BEND) even where a straight line would be clear."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from battlemap.look import LinkLook, link_look

BEND = 0.15  # the curve's control point lies this share of the link's length to its left
MAX_BEND = 0.8  # …but the control point lies no further off than this many card heights
CLEARANCE = 0.1  # a line passes other cards at least this share of a card's height away
SAMPLES = 24  # straight pieces of a drawn curve, at least
# a curve that passes behind a card tries these bends in turn (control point so many card heights off the
# straight line; 1.6: the rows of a chart are about 1.6 card heights apart), above a row first (`route`)
DETOURS = (0.6, 1.2, 1.6, 2.0, 3.0)
# the cards a link no bend clears tries to go round (`_past`: 24 curves each, so a big chart stays quick)
PAST_CARDS = 3
SPREAD = 0.2  # lines between the same two cards are so many card heights apart at their middle (`beside`)
INSET = 1.0  # points: a line's point this far inside its own card's border is over the card (`off_ends`)


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
    control: tuple[float, float]  # the curve's control point (`beside` moves it aside)


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
    """The curve from `source`'s edge to `target`'s on a ReportLab drawing (y grows upwards), ending in an
    arrowhead `arrow_len` long; None when no curve can leave one card before reaching the other (the cards
    overlap). A curve never crosses its own two cards and leaves and enters them on the sides facing each other
    (`off_ends`). First a gentle bend (BEND); a curve that would pass behind another of `cards` bends further
    (DETOURS: a link along a row every bend above it before any below, where the cards' reports hang; others one
    side then the other) until it clears them; else it is drawn through the gap beside a card it passes behind
    (`_past`: a report under his manager linked to the boss above goes round the manager's card, between it and the
    next); else the curve that passes behind least (`passes_behind`), at last the straight one. A line seen going
    into a card and out of it again would read as two links of that card. As linkroute.js `route` on the web."""
    (ax, ay), (bx, by) = source.centre, target.centre
    dx, dy = bx - ax, by - ay
    length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    nx, ny = -dy / length, dx / length  # the link's left
    mx, my = (ax + bx) / 2, (ay + by) / 2
    up = -1.0 if ny < 0 else 1.0  # the sign of an offset to the left that goes up the drawing
    above = [up * k * source.h for k in DETOURS]
    below = [-off for off in above]
    if abs(dx) > abs(dy):
        detours = [*above, *below]
    else:
        detours = [off for pair in zip(above, below, strict=True) for off in pair]
    # a long link bends no more than about a card's height: it stays among the cards it joins
    offsets = (min(BEND * length, MAX_BEND * source.h), *detours, 0.0)
    best: tuple[int, Route] | None = None  # (how much it passes behind cards, route)
    for off in offsets:
        way = _curve(source, target, link, arrow_len, (mx + nx * off, my + ny * off))
        if way is None:
            continue
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


def beside(
    source: Box,
    target: Box,
    link: dict[str, Any],
    arrow_len: float,
    cards: Cards | None,
    first: Route | None,
    i: int,
) -> Route | None:
    """The `i`-th further line between two cards (a dotted line beside an influence link, the second arrow of a
    pair who sway each other), from `source` to `target` whichever way the `first` line (`route`'s, None when it
    found none) runs: its curve with the middle moved i × SPREAD card heights aside, to the side that stays off
    both cards (`off_ends`) and passes behind fewest others; where neither does, on the first line's path. Drawn
    on one path, a grey dotted line under a red *opposes* arrow is never seen (a reviewer's James → Linda). As
    linkroute.js `beside` on the web. None when no curve joins the two cards."""
    (ax, ay), (bx, by) = source.centre, target.centre
    dx, dy = bx - ax, by - ay
    length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    nx, ny = -dy / length, dx / length
    cx, cy = first.control if first else ((ax + bx) / 2, (ay + by) / 2)
    step = 2 * SPREAD * i * source.h  # a curve's middle moves half as far as its control point
    best: tuple[int, Route] | None = None
    for side in (1, -1) if i % 2 else (-1, 1):
        way = _curve(source, target, link, arrow_len, (cx + side * step * nx, cy + side * step * ny))
        if way is None:
            continue
        hidden = passes_behind(way.points, cards, (source, target)) if cards is not None else 0
        if best is None or hidden < best[0]:
            best = (hidden, way)
    if best is None:
        return _curve(source, target, link, arrow_len, (cx, cy))
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
    0 when none. A point behind a card counts more than all the points of a line that only graze cards
    (CLEARANCE: a line grazing a card's corner reads as touching it): a line in the gap between two rows that
    comes near both is drawn clear of their names, one through a card's corner is not. A point off the picture
    (`Cards.frame`: over the legend, off the page) counts as one behind a card. As linkroute.js `passes`."""
    behind = 0
    hidden = len(points) + 1
    for x, y in points:
        for box in cards.near(x, y):
            if box is not ends[0] and box is not ends[1] and box.holds(x, y, cards.pad):
                behind += hidden if box.holds(x, y) else 1
    frame = cards.frame
    return behind + (hidden * sum(1 for x, y in points if not frame.holds(x, y)) if frame else 0)


def off_ends(points: list[tuple[float, float]], a: Box, b: Box) -> bool:
    """Whether a line (its points, from `a`'s border to `b`'s) stays off its own two cards: it leaves `a` on the
    half of its border that faces `b`, enters `b` on the half that faces `a`, and passes over neither on the way
    (INSET inside a border). A bend that leaves a card by its far side, or overshoots the card it ends at and
    comes back, crosses that card and its arrow points at the empty side (a reviewer's James → Linda looped round
    her card into its far edge). As linkroute.js `offEnds` on the web."""
    (ax, ay), (bx, by) = a.centre, b.centre
    dx, dy = bx - ax, by - ay
    (fx, fy), (lx, ly) = points[0], points[-1]
    if (fx - ax) * dx + (fy - ay) * dy < 0 or (lx - bx) * dx + (ly - by) * dy > 0:
        return False
    return not any(a.holds(x, y, -INSET) or b.holds(x, y, -INSET) for x, y in points[1:-1])


def _curve(
    source: Box, target: Box, link: dict[str, Any], arrow_len: float, control: tuple[float, float]
) -> Route | None:
    """The quadratic curve from `source`'s centre to `target`'s with the `control` point, cut at their edges;
    None when it cannot leave one card before reaching the other, or would cross one of them (`off_ends`)."""
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
    if not off_ends([*points, tip], source, target):
        return None
    return Route(points, arrow, link_look(link.get("kind") or "", link.get("strength")), control)


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
