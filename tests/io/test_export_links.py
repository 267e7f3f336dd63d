"""Influence links on the exported org charts, read back from the files: the PDF's org chart page and the
PNG rendered to pixels (a purple arrow between the cards of a link, a red dashed one for `opposes`,
none without links), the deck's connectors read back with python-pptx (colour, dash, glued to the two
cards, under them); a chart with more links than a picture holds draws the ones that matter and says so."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.core.cache import cache
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE
from pptx.oxml.ns import qn

from battlemap.io.export import export_account
from battlemap.io.export.chart_links import PICTURE_LINKS, Box, Cards, picture_links, route
from battlemap.io.export.report import MapView
from tests import factories as f

# What the files draw: their reads are those tests/io/test_exports.py and test_export_consistency.py run on
# PostgreSQL too, so the PostgreSQL run leaves these to the SQLite run.
pytestmark = pytest.mark.sqlite_run
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")

ADVOCATE, SKEPTIC = (27, 127, 59), (246, 181, 82)  # look.ATTITUDE_SWATCHES fills of the two cards


@pytest.fixture
def pair(world):
    """Jane Doe's account: Anna (advocate) manages Ben (skeptic), Cara beside Anna; no link yet."""
    root = world.en.people.get()
    anna = f.person(account=world.en, name="Anna Berg", title="CIO", reports_to=root)
    ben = f.person(account=world.en, name="Ben Cole", title="Architect", reports_to=anna)
    f.person(account=world.en, name="Cara Dunn", title="CFO", reports_to=root)
    deal = f.deal(account=world.en, name="Fleet platform")
    f.role(deal=deal, person=anna, roles=["influencer"], attitude="advocate")
    f.role(deal=deal, person=ben, roles=["user"], attitude="skeptic")
    return world.en, anna, ben


def _purple(r: int, g: int, b: int) -> bool:  # look.INFLUENCE_COLOUR #7c3aed, on white at any opacity
    return b >= 200 and b - g >= 60 and r - g >= 15 and b - r >= 35


def _red(r: int, g: int, b: int) -> bool:  # look.OPPOSES_COLOUR #d32f2f, on white at any opacity
    return r >= 170 and r - g >= 80 and abs(g - b) <= 30


def _card(image: Image.Image, fill: tuple[int, int, int]) -> tuple[int, int, int, int]:
    """The box (x0, y0, x1, y1) of the topmost card of `fill` (the legend's swatch lies below)."""
    px = image.load()
    rows = [
        y
        for y in range(image.height)
        if any(
            all(abs(a - b) <= 6 for a, b in zip(px[x, y], fill, strict=True))
            for x in range(0, image.width, 2)
        )
    ]
    first = [rows[0]]
    for y in rows[1:]:
        if y != first[-1] + 1:
            break
        first.append(y)
    xs = [
        x
        for x in range(image.width)
        if all(abs(a - b) <= 6 for a, b in zip(px[x, first[len(first) // 2]], fill, strict=True))
    ]
    return xs[0], first[0], xs[-1], first[-1]


def _rows_with(image: Image.Image, colour, a, b) -> tuple[int, int]:
    """(rows of the gap between cards a (above) and b that hold a pixel of `colour`, rows of the gap)."""
    px = image.load()
    x0, x1 = min(a[0], b[0]), max(a[2], b[2])
    gap = range(a[3] + 3, b[1] - 2)
    hit = sum(1 for y in gap if any(colour(*px[x, y][:3]) for x in range(x0, x1)))
    return hit, len(gap)


def _pictures(account, lang="en"):
    """The PNG export and the PDF's org chart page (page 2) as RGB images, and that page's text."""
    cache.clear()
    png = Image.open(io.BytesIO(export_account(account, fmt="png", lang=lang))).convert("RGB")
    pdf = export_account(account, fmt="pdf", lang=lang)
    page = subprocess.run(
        ["pdftoppm", "-f", "2", "-l", "2", "-r", "150", "-png", "-singlefile"], input=pdf, capture_output=True
    ).stdout
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-", "-"], input=pdf, capture_output=True
    ).stdout
    return [png, Image.open(io.BytesIO(page)).convert("RGB")], text.decode()


@needs_poppler
def test_an_influence_link_is_a_solid_purple_arrow_between_its_two_cards(pair):
    account, anna, ben = pair
    f.link(source=anna, target=ben, kind="advises", strength=3)
    images, text = _pictures(account)
    assert "Organisation chart" in text and "influences" in text  # the legend names the line
    for image in images:
        a, b = _card(image, ADVOCATE), _card(image, SKEPTIC)
        hit, rows = _rows_with(image, _purple, a, b)
        assert rows > 20 and hit >= rows * 0.9, (hit, rows)  # unbroken, from Anna's card to Ben's
        assert _rows_with(image, _red, a, b)[0] == 0


@needs_poppler
def test_an_opposes_link_is_red_and_dashed(pair):
    account, anna, ben = pair
    f.link(source=anna, target=ben, kind="opposes", strength=2)
    images, text = _pictures(account)
    assert "opposes" in text  # the legend names the line
    for image in images:
        a, b = _card(image, ADVOCATE), _card(image, SKEPTIC)
        hit, rows = _rows_with(image, _red, a, b)
        assert rows * 0.3 <= hit <= rows * 0.85, (hit, rows)  # red, with gaps: dashed
        assert _rows_with(image, _purple, a, b)[0] == 0


@needs_poppler
def test_a_map_without_links_draws_none_and_its_legend_has_no_link_lines(pair):
    account, _anna, _ben = pair
    images, text = _pictures(account)
    assert "influences" not in text and "opposes" not in text
    for image in images:
        a, b = _card(image, ADVOCATE), _card(image, SKEPTIC)
        assert _rows_with(image, _purple, a, b)[0] == 0
        assert _rows_with(image, _red, a, b)[0] == 0


def _chart_slide(account, lang="en"):
    cache.clear()
    prs = Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang)))
    return next(s for s in prs.slides if any(sh.name.startswith("person ") for sh in s.shapes))


def _links(slide):
    colours = {RGBColor.from_string("7C3AED"), RGBColor.from_string("D32F2F")}
    return [
        sh
        for sh in slide.shapes
        if sh.shape_type is not None
        and sh._element.tag == qn("p:cxnSp")
        and not sh.name.startswith("legend")
        and sh.line.color.rgb in colours
    ]


def test_the_decks_org_chart_has_a_glued_connector_per_link_under_the_cards(pair):
    account, anna, ben = pair
    f.link(source=anna, target=ben, kind="advises", strength=1)
    f.link(source=ben, target=anna, kind="opposes", strength=3)
    slide = _chart_slide(account)
    cards = {sh.name: sh for sh in slide.shapes if sh.name.startswith("person ")}
    order = [sh.shape_id for sh in slide.shapes]
    first_card = min(order.index(c.shape_id) for c in cards.values())
    links = _links(slide)
    assert len(links) == 2
    by_colour = {str(sh.line.color.rgb): sh for sh in links}
    ids = {"anna": cards[f"person {anna.id}"].shape_id, "ben": cards[f"person {ben.id}"].shape_id}
    for colour, (start, end), dash in (
        ("7C3AED", ("anna", "ben"), None),
        ("D32F2F", ("ben", "anna"), MSO_LINE.DASH),
    ):
        connector = by_colour[colour]
        assert connector.line.dash_style == dash
        c_nv = connector._element.find(qn("p:nvCxnSpPr")).find(qn("p:cNvCxnSpPr"))
        glued = [(c_nv.find(qn(tag)), ids[who]) for tag, who in (("a:stCxn", start), ("a:endCxn", end))]
        # move a card and its link follows; the second arrow of the pair takes its own path (tests/io/
        # test_deck_line_pairs.py), an end no connection site gives one left unglued
        assert all(int(at.get("id")) == card for at, card in glued if at is not None)
        assert colour != "7C3AED" or all(at is not None for at, _card in glued)
        assert connector.line._get_or_add_ln().find(qn("a:tailEnd")).get("type") == "triangle"
        assert order.index(connector.shape_id) < first_card  # under the cards: it never covers a name
    assert by_colour["D32F2F"].line.width > by_colour["7C3AED"].line.width  # strength 3 against 1
    legend = {sh.name for sh in slide.shapes if sh.name.startswith("legend ")}
    assert {"legend influences", "legend opposes"} <= legend


def test_the_decks_org_chart_without_links_has_no_link_connector_nor_legend_line(pair):
    slide = _chart_slide(pair[0])
    assert _links(slide) == []
    assert not {sh.name for sh in slide.shapes} & {"legend influences", "legend opposes"}


def test_a_picture_draws_the_links_that_matter_most_and_counts_the_rest():
    people = [{"id": i, "name": f"p{i}"} for i in range(20)]
    links = [{"from": i, "to": (i + 1) % 20, "kind": "advises", "strength": 1} for i in range(20)]
    links += [{"from": i, "to": (i + 2) % 20, "kind": "trusts", "strength": 3} for i in range(20)]
    links += [{"from": 5, "to": 9, "kind": "opposes", "strength": 1}]
    view = MapView({}, people, {}, None, {3: {"person": 3}}, [], links=links)
    drawn, left_out = picture_links(view, {p["id"] for p in people})
    assert len(drawn) == PICTURE_LINKS and left_out == len(links) - PICTURE_LINKS
    assert drawn[-1]["kind"] == "opposes"  # kept however weak, and laid on top
    assert sum(1 for link in drawn if link["strength"] == 3) == 20  # then the strongest
    assert {(3, 4), (2, 3)} <= {(link["from"], link["to"]) for link in drawn}  # then the deal's people's


def test_a_link_between_cards_of_a_row_goes_round_the_cards_between_them():
    """Drawn through a card, a line seen going in and out of it reads as two links of that card."""
    row = {i: Box(i * 100.0, 0.0, 90.0, 50.0) for i in range(4)}
    way = route(row[0], row[3], {"kind": "advises", "strength": 2}, 6.0, Cards(row))
    assert way is not None
    assert not any(row[i].holds(x, y) for i in (1, 2) for x, y in way.points)
    assert row[0].holds(*way.points[0], pad=0.5) and row[3].holds(*way.arrow[0], pad=0.5)  # edge to edge


@needs_poppler
@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "42 more influence links are not drawn"), ("zh-hans", "另有 42 条影响关系未画出")],
)
def test_a_chart_with_more_links_than_a_picture_holds_says_how_many_it_leaves_out(world, lang, said):
    root = world.en.people.get()
    people = [root] + [f.person(account=world.en, name=f"Person {i}", reports_to=root) for i in range(8)]
    for a in people:
        for b in people:
            if a != b:
                f.link(source=a, target=b, kind="advises", strength=2)
    assert len(people) * (len(people) - 1) - PICTURE_LINKS == 42
    _images, text = _pictures(world.en, lang)
    assert said in " ".join(text.split())
    slide = _chart_slide(world.en, lang)
    assert len(_links(slide)) == PICTURE_LINKS
    assert any(said in sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)


def test_a_link_from_a_report_to_the_boss_above_his_manager_goes_round_the_cards_between():
    # the trial's chart: 张伟, listed under his manager 李明, sways 王建国 above them, and a colleague's card
    # stands beside 李明's; every bend of the one curve passed behind one of the two — it read as 李明's link
    boss, manager, beside = Box(150, 0, 210, 120), Box(20, 200, 210, 120), Box(278, 200, 210, 120)
    reports = [Box(42, 390 + 150 * i, 210, 120) for i in range(3)]
    cards = Cards(
        {"boss": boss, "m": manager, "b": beside, **{i: r for i, r in enumerate(reports)}},
        Box(0, -20, 520, 900),
    )
    for report in reports:
        way = route(report, boss, {"kind": "opposes", "strength": 3}, 6.0, cards)
        assert way is not None
        # through a gap narrower than the clearance it may graze an edge, never pass behind a card
        assert not any(
            card.holds(x, y, pad=-2.0)
            for card in (manager, beside, *reports)
            if card is not report
            for x, y in way.points
        )
        assert report.holds(*way.points[0], pad=0.5) and boss.holds(*way.arrow[0], pad=0.5)
