"""The deck's org chart draws two lines between the same two people on two paths: a reviewer's dotted line from
Linda Park-Henderson to James O'Neil and his red dashed *opposes* arrow to her shared one straight connector, so
the slide (converted with LibreOffice) showed one line of red and grey dashes. Read back from the slide XML: where
each connector starts and ends as stored — and, where an end is glued, that it sits on the site LibreOffice and
PowerPoint draw it from."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from pptx import Presentation
from pptx.oxml.ns import qn

from battlemap.io.export import export_account
from battlemap.io.export.chart_links import Box, Cards
from battlemap.io.export.pptx_connectors import SPREAD, beside
from battlemap.people.services import dotted_line_create
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]

EDGE = 12700  # EMU (1 pt): an end lies on its card's border


@pytest.fixture
def meridian(world):
    """The reviewer's map: Sarah at the top; Anita, Robert and James report to her; Linda and Grace to Anita, Maria
    to Robert, Tom to James. Linda has James as dotted-line manager."""
    cache.clear()
    acc = f.account(owner=world.owner, slug="meridian", name="Meridian Health Systems Inc.")

    def person(name, title, boss=None):
        return f.person(account=acc, name=name, title=title, reports_to=boss)

    sarah = person("Sarah Klein", "Chief Executive Officer")
    anita = person("Anita Rao", "Chief Marketing Officer", sarah)
    robert = person("Robert Hughes", "Chief Financial Officer", sarah)
    james = person("James O'Neil", "Chief Information Officer", sarah)
    linda = person(
        "Linda Park-Henderson", "Vice President, Clinical Operations and Patient Experience", anita
    )
    person("Grace Liu", "Patient Experience Lead", anita)
    person("Maria Gonzalez", "Controller", robert)
    person("Tom Fischer", "Director of IT", james)
    deal = f.deal(account=acc, name="Patient flow platform", stage="information_search")
    f.role(deal=deal, person=james, roles=["gatekeeper"], attitude="opponent", influence=4)
    f.role(deal=deal, person=linda, roles=["champion"], attitude="advocate", influence=4)
    yield acc, james, linda
    cache.clear()


def _slide(account):
    cache.clear()
    deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", lang="en")))
    return next(s for s in deck.slides if any(sh.name.startswith("person ") for sh in s.shapes))


def _ends(connector) -> tuple[tuple[float, float], tuple[float, float]]:
    """A straight connector's start and end as stored (its box, flipped)."""
    xfrm = connector._element.spPr.xfrm
    x, y, w, h = xfrm.off.x, xfrm.off.y, xfrm.ext.cx, xfrm.ext.cy
    (x1, x2) = (x + w, x) if xfrm.get("flipH") == "1" else (x, x + w)
    (y1, y2) = (y + h, y) if xfrm.get("flipV") == "1" else (y, y + h)
    return (x1, y1), (x2, y2)


def _on_border(point, card) -> bool:
    x, y = point
    left, top, right, bottom = card.left, card.top, card.left + card.width, card.top + card.height
    near = left - EDGE <= x <= right + EDGE and top - EDGE <= y <= bottom + EDGE
    deep = left + EDGE < x < right - EDGE and top + EDGE < y < bottom - EDGE
    return near and not deep


SITES = {0: (0.5, 0.0), 1: (0.0, 0.5), 2: (0.5, 1.0), 3: (1.0, 0.5)}  # python-pptx: top, left, bottom, right


def _assert_runs_between(connector, shapes, source, target) -> None:
    """The connector runs from `source`'s card's border to `target`'s; an end glued is glued to that card, at the
    connection site it is drawn from."""
    start, end = _ends(connector)
    by_id = {sh.shape_id: sh for sh in shapes.values()}
    assert _on_border(start, source) and _on_border(end, target), (connector.name, start, end)
    c_nv = connector._element.find(qn("p:nvCxnSpPr")).find(qn("p:cNvCxnSpPr"))
    for tag, card, point in (("a:stCxn", source, start), ("a:endCxn", target, end)):
        glued = c_nv.find(qn(tag))
        if glued is None:
            continue
        assert by_id[int(glued.get("id"))] is card
        fx, fy = SITES[int(glued.get("idx"))]
        site = (card.left + card.width * fx, card.top + card.height * fy)
        assert abs(site[0] - point[0]) <= EDGE and abs(site[1] - point[1]) <= EDGE, (connector.name, tag)


def _assert_two_paths(one, two, card) -> None:
    """Connector `two` ends a tenth of a card's width or more from where `one` ends, at one card or both (the
    reviewer saw one path: the same two ends), and its middle lies off `one`'s line."""
    ends = {_ends(one)[0], _ends(one)[1]}
    off = max(min(((x - u) ** 2 + (y - v) ** 2) ** 0.5 for u, v in ends) for x, y in _ends(two))
    assert off >= 0.1 * card.width, (off, card.width)
    assert _apart(one, two) >= 0.02 * card.height, _apart(one, two)


def _apart(one, two) -> float:
    """How far the middle of connector `two` lies from the straight line `one`."""
    (x1, y1), (x2, y2) = _ends(one)
    (p1, q1), (p2, q2) = _ends(two)
    mx, my = (p1 + p2) / 2, (q1 + q2) / 2
    dx, dy = x2 - x1, y2 - y1
    t = max(0.0, min(1.0, ((mx - x1) * dx + (my - y1) * dy) / (dx * dx + dy * dy)))
    return ((mx - x1 - t * dx) ** 2 + (my - y1 - t * dy) ** 2) ** 0.5


@pytest.mark.parametrize("second", ["dotted line", "advises"])
def test_a_second_line_between_two_people_takes_a_path_of_its_own(meridian, second):
    """James → Linda *opposes*, and beside it Linda's dotted line to James, or her own arrow back to him."""
    account, james, linda = meridian
    f.link(source=james, target=linda, kind="opposes", strength=3)
    if second == "dotted line":
        dotted_line_create(person=linda, manager=james)
    else:
        f.link(source=linda, target=james, kind=second, strength=2)
    shapes = {sh.name: sh for sh in _slide(account).shapes}
    arrow = shapes[f"influence {james.pk} to {linda.pk}"]
    back = shapes[f"{'dotted line' if second == 'dotted line' else 'influence'} {linda.pk} to {james.pk}"]
    card_j, card_l = shapes[f"person {james.pk}"], shapes[f"person {linda.pk}"]
    _assert_runs_between(arrow, shapes, card_j, card_l)
    _assert_runs_between(back, shapes, card_l, card_j)
    _assert_two_paths(arrow, back, card_j)


def test_a_line_beside_another_between_a_manager_and_her_report_runs_parallel_a_fifth_of_a_card_away():
    """Anna right above Ben, the first line straight down between their middles: the second leaves Anna's foot
    and enters Ben's head, SPREAD card heights or more to one side, over neither card."""
    anna, ben = Box(0, 0, 200, 100), Box(0, 200, 200, 100)
    taken = [((2, (100.0, 100.0)), (0, (100.0, 200.0)))]
    _i, _j, p, q = beside(anna, ben, Cards({1: anna, 2: ben}), taken)
    assert p[1] == 100 and q[1] == 200  # Anna's lower side, Ben's upper one
    assert abs((p[0] + q[0]) / 2 - 100) >= SPREAD * 100
