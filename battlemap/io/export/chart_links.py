"""The influence links of an exported org chart (PDF, PNG and deck), as the web's org chart draws them
(`look.link_look`): an arrow from the one who sways to the one swayed, from card edge to card edge,
under the cards so it never covers a name. A gentle bend keeps a link clear of the straight reporting
lines. A dotted-line manager's line is routed the same way, dashed slate and without an arrowhead, as the web
draws it (`draw_dotted`); two lines between the same two people are drawn side by side (`chart_lines`). How a
line runs is link_route.py's, one rule with the web's linkroute.js."""

from __future__ import annotations

from typing import Any

from battlemap.look import DOTTED_COLOUR, link_look

from .link_route import Box, Cards, Route, beside, route

PICTURE_LINKS = 30  # the most influence links one exported picture draws (`picture_links`)
# the web's opacities (0.3, 0.6) are for a screen's bright purple on white: printed, 0.3 is too pale to see
PRINT_OPACITY = {False: 0.55, True: 0.85}


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


def chart_lines(report: Any, boxes: dict[Any, Box], frame: Box) -> tuple[list[Route], list[Route]]:
    """(the routes of the influence links drawn between the cards of `boxes` (`picture_links`), those of the
    dotted lines between them (`dotted_lines`)), in drawing order. The first line between two people takes
    `route`'s way, every further one — a dotted line beside an influence link, the second arrow of a pair who sway
    each other — goes `beside` it, the influence links first, as the web's orgchart-links.js pairs them: on one path a
    grey dotted line lay under James O'Neil's red *opposes* arrow to Linda. A line no curve joins is left out.
    An arrowhead is as long as its line is wide, relative to the card (`line_width`)."""
    if not boxes:
        return [], []
    box_w = next(iter(boxes.values())).w
    cards = Cards(boxes, frame)
    taken: dict[frozenset, list[Route | None]] = {}

    def way(one: Any, two: Any, link: dict[str, Any], arrow_len: float) -> Route | None:
        drawn = taken.setdefault(frozenset((one, two)), [])
        a, b = boxes[one], boxes[two]
        line = (
            beside(a, b, link, arrow_len, cards, drawn[0], len(drawn))
            if drawn
            else route(a, b, link, arrow_len, cards)
        )
        drawn.append(line)
        return line

    links = []
    for link in picture_links(report, boxes)[0]:
        width = line_width(link_look(link.get("kind") or "", link.get("strength")).width, box_w)
        links.append(way(link["from"], link["to"], link, max(3.0, width * 3, box_w * 0.07)))
    dotted = [way(person, manager, {}, 1e-6) for person, manager in dotted_lines(report, boxes)]
    return [w for w in links if w is not None], [w for w in dotted if w is not None]


def line_width(pixels: float, box_w: float) -> float:
    """A link's width on a picture, as on the web relative to the card: `link_look`'s pixels on a 150-px card."""
    return max(0.5, min(3.5, pixels * box_w / 150))


def draw_links(drawing: Any, ways: list[Route], box_w: float) -> None:
    """Draw the influence links' routes (`chart_lines`) into a ReportLab drawing of cards `box_w` wide, before
    the cards, so a card hides any part of a line that must pass behind it."""
    from reportlab.graphics.shapes import Polygon, PolyLine  # after chart.py has turned shape checks off
    from reportlab.lib import colors

    for way in ways:
        look_width = line_width(way.look.width, box_w)
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


def draw_dotted(drawing: Any, ways: list[Route]) -> None:
    """Draw the dotted lines' routes (`chart_lines`: clear of the other cards as an influence link, beside one
    between the same two people) into a ReportLab drawing, before the cards: dashed slate curves from card edge
    to card edge, with no arrowhead."""
    from reportlab.graphics.shapes import PolyLine  # after chart.py has turned shape checks off
    from reportlab.lib import colors

    colour = colors.HexColor(DOTTED_COLOUR)
    for way in ways:
        line = PolyLine(
            [c for point in way.points for c in point],
            strokeColor=colour,
            strokeWidth=DOTTED_WIDTH,
            strokeLineCap=0,
        )
        line.strokeDashArray = DOTTED_DASH
        drawing.add(line)
