"""How a line of the exported org charts (PDF, PNG) runs, on the route functions (`io/export/link_route.py`, one rule
with the web's linkroute.js): it never crosses its own two cards and leaves and enters them on the sides facing each
other; two lines between the same two people are drawn side by side, not on one path (a reviewer's Meridian map:
James O'Neil opposes Linda Park-Henderson and is her dotted-line manager)."""

from __future__ import annotations

import random

from battlemap.io.export.chart_links import chart_lines
from battlemap.io.export.link_route import SPREAD, Box, Cards, route
from battlemap.io.export.report import MapView

W, H = 150.0, 70.0  # a card, in points (y grows upwards, as on a ReportLab drawing)


def _faces(point, card: Box, other: Box) -> bool:
    """Whether `point` lies on the half of `card`'s border that faces `other`."""
    (cx, cy), (ox, oy) = card.centre, other.centre
    return (point[0] - cx) * (ox - cx) + (point[1] - cy) * (oy - cy) >= 0


def _over(points, *cards: Box) -> list:
    """The points that lie over one of `cards`, a point or more inside its border."""
    return [p for p in points if any(card.holds(*p, pad=-1.0) for card in cards)]


def _assert_off_its_cards(way, a: Box, b: Box) -> None:
    assert _faces(way.points[0], a, b), way.points[0]  # leaves `a` on the side facing `b`
    assert _faces(way.arrow[0], b, a), way.arrow[0]  # the arrow's tip on the side of `b` facing `a`
    assert _over([*way.points, way.arrow[0]], a, b) == []


def test_a_link_up_and_across_the_chart_enters_its_card_from_the_side_facing_it():
    # a bend that passed under the card beside the target overshot it and came back up into its far half:
    # the arrow pointed at the empty side, as James → Linda's wide loop round her card on the reviewer's PNG
    source, target = Box(20, 170, W, H), Box(720, 285, W, H)
    boxes = {"source": source, "target": target, "beside": Box(560, 285, W, H), "below": Box(540, 170, W, H)}
    way = route(
        source, target, {"kind": "opposes", "strength": 2}, 6.0, Cards(boxes, Box(-10, -10, 940, 520))
    )
    assert way is not None
    _assert_off_its_cards(way, source, target)
    assert _over(way.points, boxes["beside"], boxes["below"]) == []


def test_no_link_of_a_chart_crosses_its_own_two_cards():
    rng = random.Random(1)
    for _chart in range(300):
        boxes = {
            (row, col): Box(col * 180 + rng.choice((0, 20)), 400 - row * 115, W, H)
            for row in range(3)
            for col in range(5)
            if rng.random() < 0.7
        }
        if len(boxes) < 3:
            continue
        one, two = rng.sample(sorted(boxes), 2)
        a, b = boxes[one], boxes[two]
        way = route(a, b, {"kind": "advises", "strength": 1}, 6.0, Cards(boxes, Box(-10, -10, 940, 520)))
        assert way is not None, (one, two)
        _assert_off_its_cards(way, a, b)


def _distance(point, line) -> float:
    """From `point` to the nearest piece of the polyline `line`."""
    best = float("inf")
    for (x1, y1), (x2, y2) in zip(line, line[1:], strict=False):
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((point[0] - x1) * dx + (point[1] - y1) * dy) / max(dx * dx + dy * dy, 1e-9)))
        best = min(best, ((point[0] - x1 - t * dx) ** 2 + (point[1] - y1 - t * dy) ** 2) ** 0.5)
    return best


def test_a_dotted_line_and_the_links_between_the_same_two_people_are_drawn_side_by_side():
    # the export's Meridian chart: Linda under Anita, James beside Anita, Tom under James; Linda has James as her
    # dotted-line manager, James opposes her and she advises him (the same way as her dotted line)
    people = [
        {"id": "sarah", "name": "Sarah Klein"},
        {"id": "anita", "name": "Anita Rao", "reports_to": "sarah"},
        {"id": "james", "name": "James O'Neil", "reports_to": "sarah"},
        {"id": "linda", "name": "Linda Park-Henderson", "reports_to": "anita", "dotted_line_to": ["james"]},
        {"id": "tom", "name": "Tom Fischer", "reports_to": "james"},
    ]
    links = [
        {"from": "james", "to": "linda", "kind": "opposes", "strength": 2},
        {"from": "linda", "to": "james", "kind": "advises", "strength": 1},
    ]
    view = MapView({}, people, {p["id"]: p for p in people}, None, {}, [], links=links)
    boxes = {
        "sarah": Box(290, 460, W, H),
        "anita": Box(290, 345, W, H),
        "james": Box(560, 345, W, H),
        "linda": Box(290, 230, W, H),
        "tom": Box(585, 230, W, H),
    }
    ways, dotted = chart_lines(view, boxes, Box(0, 0, 900, 560))
    assert len(ways) == 2 and len(dotted) == 1
    lines = [*ways, *dotted]
    for way in lines:
        _assert_off_its_cards(way, *sorted((boxes["james"], boxes["linda"]), key=lambda b: _rank(way, b)))
    for i, one in enumerate(lines):
        for other in lines[i + 1 :]:
            middle = one.points[len(one.points) // 2]
            assert _distance(middle, other.points) >= 0.8 * SPREAD * H, (one.look, other.look)


def _rank(way, card: Box) -> int:
    """0 for the card a line leaves, 1 for the one it enters."""
    return 0 if card.holds(*way.points[0], pad=0.5) else 1
