"""The lines from a decision body's card to its members' cards on the exported org charts (the PDF's and the
PNG's, `chart.draw_members`): routed around the cards, not across them. A line drawn straight from the body
under the chart to a member near its top ran behind other people's cards, and a trial user read the line from
评标委员会 to 郑海涛 as ending at 韩磊, whose card it passed under.

A route is made of straight runs, across and up, along the gaps between the cards: it leaves the top of the
body's card and ends at the foot of the member's card (or beside it, or at its top, when the foot has no room —
a leaf listed right above another — or holds a reporting line). The runs it may take are the lines a little
outside each card's edges (`pad`), lines across the gaps between them, and the lines through its doors (a
Hanan grid); it is searched with a weighted A*: a run costs its length (more along a card's edge, along a
reporting line, or where another body's line runs; less where a line of the same body runs, so they share a
trunk), a turn a card's height. A chart of thousands of cards (a grid over GRID points, or its searches past
BUDGET) draws its lines straight, as before: its cards are a few points wide, and the search would take minutes."""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from typing import Any

from .chart_links import Box

Point = tuple[float, float]

TURN = 1.0  # a turn costs as much as a run this many card heights long: few turns, but never a long detour
HUG = 0.3  # a run along a card's edge (its clearance away) costs this share more than one further into a gap
ALONG = 3.0  # a run along a reporting line costs this share more: laid over it, the two lines read as one
# Grid points the searches of one chart may visit, all its lines together (a demo chart's take a few thousand):
# a chart of thousands of cards, its cards a few points wide, draws the lines past that straight, in seconds
BUDGET = 40_000
GRID = 250_000  # a chart whose grid has more points (a demo chart's 12,000; 2,000 cards' 750,000) routes none
# The search leans this much towards the member (weighted A*): its route costs at most so many times the cheapest,
# found visiting a share of the grid (the runs cost more than their length, so the plain guess lags far behind)
GREED = 2.0
SHARED = 3.0  # a run another body's line takes costs this share more: the lines of two bodies stay apart
OWN = 0.3  # a run a line of the same body takes costs this share less: its lines share a trunk, not run side by side
FREE = object()  # a run no line takes yet
# where runs may lie across a gap between cards wider than four clearances, besides half-way across it (the only
# line in a narrower one): a line either side of the middle, for when a reporting line lies half-way down it
ASIDE_LINES = (0.25, 0.75)
ASIDE = 0.1  # a run a quarter of the way across a gap costs this share more than one half-way across
# A door's place along a card's side (a share of it) and its extra cost, in card heights: the line ends at the
# member's foot, as the web's chart draws it, unless the foot has no room (a leaf listed right above another),
# is far out of the way, or holds a reporting line (a manager's, at the middle of the foot): then beside it
DOORS = (
    ("foot", 0.5, 0.0),
    ("foot", 0.75, 0.1),
    ("left", 0.5, 0.5),
    ("right", 0.5, 0.5),
    ("left", 0.25, 0.6),
    ("right", 0.25, 0.6),
    ("top", 0.5, 1.0),
    ("top", 0.75, 1.1),
)
Segment = tuple[float, float, float, float]  # a straight line drawn on the chart: x1, y1, x2, y2


class MemberRouter:
    """Routes between the cards `boxes` (every card of one chart: people and bodies) inside `frame`, each
    route `pad` points clear of the cards it passes."""

    def __init__(self, boxes: list[Box], frame: Box, pad: float, tree: list[Segment] = ()):
        self.pad = pad
        self.unit = max((box.h for box in boxes), default=1.0) or 1.0  # a card's height: the cost of a turn
        xs: set[float] = set()
        ys: set[float] = set()
        for box in boxes:
            xs |= {box.x - pad, box.x + box.w + pad}
            ys |= {box.y - pad, box.y + box.h + pad}
        self.hug = (frozenset(xs), frozenset(ys))  # the lines just outside a card's edges
        aside_x, aside_y = _between(xs, pad), _between(ys, pad)
        xs |= {*aside_x[0], *aside_x[1]}
        ys |= {*aside_y[0], *aside_y[1]}
        self.aside = (frozenset(aside_x[0]), frozenset(aside_y[0]))  # a quarter of the way across a gap
        for box in boxes:  # the doors' lines
            xs |= {box.x + box.w * share for _side, share, _cost in DOORS}
            ys |= {box.y + box.h * share for _side, share, _cost in DOORS}
        self.xs = sorted(x for x in xs if frame.x <= x <= frame.x + frame.w)
        self.ys = sorted(y for y in ys if frame.y <= y <= frame.y + frame.h)
        self.budget = BUDGET  # grid points the searches of this chart may still visit
        # a run (0 across, 1 up; i, j) → the body whose line took it first
        self.taken: dict[tuple[int, int, int], Any] = {}
        self.tree = list(tree)
        if len(self.xs) * len(self.ys) > GRID:  # thousands of cards: every line straight, as it was
            self.budget, self.xs, self.ys = 0, [], []
        self.at_x = {x: i for i, x in enumerate(self.xs)}
        self.at_y = {y: j for j, y in enumerate(self.ys)}
        # what lies strictly inside a card (with its pad): grid points, runs across, runs up. Every card's
        # padded edges are grid lines, so a run between two neighbouring lines is inside a card or clear of it
        self.inside: set[tuple[int, int]] = set()
        self.across: set[tuple[int, int]] = set()  # (i, j): the run from (i, j) to (i + 1, j)
        self.up: set[tuple[int, int]] = set()  # (i, j): the run from (i, j) to (i, j + 1)
        for box in boxes:
            x0, x1, y0, y1 = box.x - pad, box.x + box.w + pad, box.y - pad, box.y + box.h + pad
            inner_i = range(bisect_right(self.xs, x0), bisect_left(self.xs, x1))
            inner_j = range(bisect_right(self.ys, y0), bisect_left(self.ys, y1))
            for j in inner_j:
                self.inside |= {(i, j) for i in inner_i}
                self.across |= {
                    (i, j) for i in range(bisect_left(self.xs, x0), bisect_right(self.xs, x1) - 1)
                }
            for i in inner_i:
                self.up |= {(i, j) for j in range(bisect_left(self.ys, y0), bisect_right(self.ys, y1) - 1)}
        # the runs that lie on a reporting line, or nearer it than a line's clearance
        self.along_across: set[tuple[int, int]] = set()
        self.along_up: set[tuple[int, int]] = set()
        for x1, y1, x2, y2 in self.tree:
            if y1 == y2:
                runs = range(bisect_left(self.xs, min(x1, x2)) - 1, bisect_right(self.xs, max(x1, x2)))
                for j in range(bisect_right(self.ys, y1 - pad), bisect_left(self.ys, y1 + pad)):
                    self.along_across |= {(i, j) for i in runs}
            elif x1 == x2:
                runs = range(bisect_left(self.ys, min(y1, y2)) - 1, bisect_right(self.ys, max(y1, y2)))
                for i in range(bisect_right(self.xs, x1 - pad), bisect_left(self.xs, x1 + pad)):
                    self.along_up |= {(i, j) for j in runs}

    def route(self, body: Box, member: Box, owner: Any = None) -> list[Point] | None:
        """The line from the top of `body`'s card to `member`'s card, as its corner points; None when no route
        keeps clear of the cards (the caller draws it straight). `owner` (the body's id) marks the runs taken."""
        if self.budget <= 0:
            return None
        start = self._node(body.x + body.w / 2, body.y + body.h + self.pad)
        if start is None or start in self.inside:
            return None
        doors: dict[tuple[int, int], tuple[float, int, Point]] = {}  # node → (extra cost, way in, end point)
        for side, share, extra in DOORS:
            (x, y), way, end = _door(member, side, share, self.pad)
            node = self._node(x, y)
            if node is None or node in self.inside or node in doors or self._on_tree((x, y), end):
                continue
            doors[node] = (extra * self.unit, way, end)
        if not doors:
            return None
        found = self._search(start, doors, owner)
        if found is None:
            return None
        nodes, end = found
        points = [(body.x + body.w / 2, body.y + body.h), *((self.xs[i], self.ys[j]) for i, j in nodes), end]
        for a, b in zip(nodes, nodes[1:], strict=False):
            self._take(a, b, owner)
        return _corners(points)

    def _take(self, a: tuple[int, int], b: tuple[int, int], owner: Any) -> None:
        """Mark the run from grid point `a` to its neighbour `b`, and the runs beside it nearer than a line's
        clearance, as `owner`'s: another body's line keeps off them where it can."""
        pad = self.pad
        if a[1] == b[1]:
            y = self.ys[a[1]]
            for j in range(bisect_right(self.ys, y - pad), bisect_left(self.ys, y + pad)):
                self.taken.setdefault((0, min(a[0], b[0]), j), owner)
        else:
            x = self.xs[a[0]]
            for i in range(bisect_right(self.xs, x - pad), bisect_left(self.xs, x + pad)):
                self.taken.setdefault((1, i, min(a[1], b[1])), owner)

    def _on_tree(self, a: Point, b: Point) -> bool:
        """Whether the short line from `a` to `b` (a door's, into its card) lies on a reporting line."""
        pad = self.pad
        for x1, y1, x2, y2 in self.tree:
            if a[0] == b[0] and x1 == x2 and abs(x1 - a[0]) < pad:
                if min(y1, y2) < max(a[1], b[1]) and min(a[1], b[1]) < max(y1, y2):
                    return True
            if a[1] == b[1] and y1 == y2 and abs(y1 - a[1]) < pad:
                if min(x1, x2) < max(a[0], b[0]) and min(a[0], b[0]) < max(x1, x2):
                    return True
        return False

    def _node(self, x: float, y: float) -> tuple[int, int] | None:
        i, j = self.at_x.get(x), self.at_y.get(y)
        return None if i is None or j is None else (i, j)

    def _search(
        self, start: tuple[int, int], doors: dict[tuple[int, int], tuple[float, int, Point]], owner: Any
    ) -> tuple[list[tuple[int, int]], Point] | None:
        """A* from `start` (leaving the body upwards) to the cheapest of `doors`: runs by their length (more when
        another body's line took them), a card's height per turn, each door's extra cost and the turn into it."""
        xs, ys, turn = self.xs, self.ys, TURN * self.unit
        hug, aside = (self.hug[1], self.hug[0]), (self.aside[1], self.aside[0])  # by the way a run goes
        blocked, along, inside, taken = (
            (self.across, self.up),
            (self.along_across, self.along_up),
            self.inside,
            self.taken,
        )
        last_i, last_j = len(xs) - 1, len(ys) - 1
        targets = [(xs[i], ys[j]) for i, j in doors]

        def guess(i: int, j: int) -> float:
            x, y = xs[i], ys[j]
            return GREED * min(abs(tx - x) + abs(ty - y) for tx, ty in targets)

        UP = 1
        best: dict[tuple[int, int, int], float] = {(*start, UP): 0.0}
        came: dict[tuple[int, int, int], tuple[int, int, int]] = {}
        heap: list[tuple[float, float, tuple[int, int, int]]] = [(guess(*start), 0.0, (*start, UP))]
        done: tuple[float, tuple[int, int, int], Point] | None = None
        while heap:
            f, cost, state = heapq.heappop(heap)
            if done is not None and f >= done[0]:
                break
            if cost > best[state]:
                continue
            self.budget -= 1
            if self.budget < 0:  # a chart of thousands of cards: the lines left are drawn straight
                return None
            i, j, way = state
            if (i, j) in doors:
                extra, way_in, end = doors[(i, j)]
                total = cost + extra + (turn if way != way_in else 0.0)
                if done is None or total < done[0]:
                    done = (total, state, end)
            for ni, nj, nway, ri, rj in (
                (i + 1, j, 0, i, j),
                (i - 1, j, 0, i - 1, j),
                (i, j + 1, 1, i, j),
                (i, j - 1, 1, i, j - 1),
            ):
                if ni < 0 or nj < 0 or ni > last_i or nj > last_j or (ni, nj) in inside:
                    continue
                if (ri, rj) in blocked[nway]:
                    continue
                if nway == 0:
                    step, line = abs(xs[ni] - xs[i]), ys[j]
                else:
                    step, line = abs(ys[nj] - ys[j]), xs[i]
                if line in hug[nway]:
                    step *= 1 + HUG
                elif line in aside[nway]:
                    step *= 1 + ASIDE
                if (ri, rj) in along[nway]:
                    step *= 1 + ALONG
                if taken:
                    taker = taken.get((nway, ri, rj), FREE)
                    if taker is not FREE:
                        step *= (1 - OWN) if taker == owner else (1 + SHARED)
                new = cost + step + (turn if nway != way else 0.0)
                key = (ni, nj, nway)
                if new < best.get(key, float("inf")):
                    best[key] = new
                    came[key] = state
                    heapq.heappush(heap, (new + guess(ni, nj), new, key))
        if done is None:
            return None
        _total, state, end = done
        path = [state]
        while path[-1] in came:
            path.append(came[path[-1]])
        return [(i, j) for i, j, _way in reversed(path)], end


def _between(lines: set[float], pad: float) -> tuple[list[float], list[float]]:
    """Lines inside each gap between two neighbouring `lines` (half-way and ASIDE_LINES across a gap wider than four clearances,
    half-way across one wider than two): runs further from the cards than their edges' lines, and a choice of
    them, to keep off a reporting line that lies half-way down a gap between two levels: (the lines a quarter of
    the way across, the lines half-way)."""
    ordered = sorted(lines)
    aside: list[float] = []
    middle: list[float] = []
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b - a > 4 * pad:
            aside.extend(a + (b - a) * share for share in ASIDE_LINES)
        if b - a > 2 * pad:
            middle.append((a + b) / 2)
    return aside, middle


def _door(card: Box, side: str, share: float, pad: float) -> tuple[Point, int, Point]:
    """A door into `card` on its `side`, `share` of the way along it (from the left, or up from the foot): the
    grid point a line's clearance outside, the way the last run goes in (0 across, 1 up or down), the point on
    the card's edge where the line ends."""
    x, y = card.x + card.w * share, card.y + card.h * share
    if side == "foot":
        return (x, card.y - pad), 1, (x, card.y)
    if side == "top":
        return (x, card.y + card.h + pad), 1, (x, card.y + card.h)
    if side == "left":
        return (card.x - pad, y), 0, (card.x, y)
    return (card.x + card.w + pad, y), 0, (card.x + card.w, y)


def _corners(points: list[Point]) -> list[Point]:
    """The points where the line turns (and its two ends): a run's points in between are dropped."""
    out: list[Point] = []
    for p in points:
        if out and p == out[-1]:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (ax == bx == p[0]) or (ay == by == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return out
