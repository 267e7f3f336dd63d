"""The influence circle as the trial's hospital account drew it (finding 8): labels beside the wrong dots
("吴涛 ? 把关" beside 刘芳's dot), a numbering that differed between the page and the PDF, an outside expert
with a role in ring 2 while the outside ring said "empty", and decision bodies on no surface at all."""

from __future__ import annotations

import math
import re

import pytest
from django.core.cache import cache
from django.utils import translation

from battlemap.accounts.chart_labels import FONT
from battlemap.accounts.charts import circle_layout
from battlemap.look import look_for
from battlemap.vocab import RINGS
from tests import factories as f

# the trial's account, deal 5: name, ring, attitude, roles, key, met
HOSPITAL = [
    ("李卫东", "decision_unit", "supporter", ["decision_maker"], True, True),
    ("周建国", "decision_unit", "unknown", ["decision_maker"], True, False),
    ("王海燕", "deal_roles", "neutral", ["influencer", "coach"], True, True),
    ("陈思远", "deal_roles", "skeptic", ["influencer"], False, True),
    ("阿卜杜·热合曼", "deal_roles", "advocate", ["champion"], True, True),
    ("赵明", "deal_roles", "skeptic", ["influencer"], True, False),
    ("吴涛", "deal_roles", "unknown", ["gatekeeper"], False, True),
    ("刘芳", "deal_roles", "supporter", ["user"], False, True),
    ("张强", "deal_roles", "opponent", ["user"], False, True),
    ("孙丽", "deal_roles", "neutral", ["purchaser"], False, True),
    ("钱伟", "deal_roles", "neutral", ["gatekeeper"], False, True),
    ("张强", "deal_roles", "supporter", ["user"], False, True),
    ("黄静", "deal_roles", "unknown", ["user"], False, True),
    ("马丽娜", "organisation", None, [], False, True),
    ("郑教授", "outside", "supporter", ["influencer"], True, False),
]
BODIES = [
    {"id": 1, "name": "院党委会", "kind": "party_committee", "ring": "decision_unit", "met_members": [1]},
    {"id": 2, "name": "院长办公会", "kind": "executive_meeting", "ring": "organisation", "met_members": []},
]
FACTORS = [
    {
        "description": "国家卫健委电子病历系统应用水平分级评价（五级）要求",
        "kind": "policy",
        "ring": "environment",
    },
    {"description": "东软在省内多家三甲有HIS存量", "kind": "competitor", "ring": "environment"},
    {"description": "DRG/DIP医保支付改革", "kind": "market_trend", "ring": "environment"},
]


def _surface_fonts() -> tuple[float, ...]:
    """The label size in chart units of the page, the PDF (9 pt on its A4 page, as pdf.circle_section
    sizes it) and the deck (10 pt, as pptx_circle sizes it)."""
    from pptx.util import Inches, Pt
    from reportlab.lib.pagesizes import A4, landscape

    from battlemap.io.export.pdf_circle import CIRCLE_LABEL_PT
    from battlemap.io.export.pptx_slide import MIN_PT, SLIDE_H

    width, height = landscape(A4)
    side = min((width - 68) * 0.75, (height - 68 - 90) * 840 / 640)
    return (FONT, max(FONT, CIRCLE_LABEL_PT * 840 / side), Pt(MIN_PT) / ((SLIDE_H - Inches(2.1)) / 640))


SURFACE_FONTS = _surface_fonts()


def _hospital():
    analysis = {
        "lang": "zh-hans",
        "people": [
            {"id": i, "name": n, "ring": r, "influence": {"score": 90 - i}, "status": "active"}
            for i, (n, r, *_rest) in enumerate(HOSPITAL)
        ],
        "decision_bodies": BODIES,
        "deals": [{"id": 5, "status": "open", "body_roles": [{"body": 1, "roles": ["decision_maker"]}]}],
        "external_factors": FACTORS,
    }
    looks = {
        i: look_for(attitude=a, roles=roles, key=key, met=met, lang="zh-hans")
        for i, (_n, _r, a, roles, key, met) in enumerate(HOSPITAL)
    }
    return analysis, looks


def _layout(font: float):
    analysis, looks = _hospital()
    with translation.override("zh-hans"):
        return circle_layout(analysis, looks=looks, font=font, deal_id=5)


def _gap(box, x: float, y: float) -> float:
    return math.hypot(max(box[0] - x, 0.0, x - box[2]), max(box[1] - y, 0.0, y - box[3]))


@pytest.mark.parametrize("font", SURFACE_FONTS)
def test_every_dot_carries_exactly_one_number_and_each_label_is_nearest_its_own_dot(font):
    _rings, dots = _layout(font)
    assert sorted(d.number for d in dots) == list(range(1, len(HOSPITAL) + len(BODIES) + len(FACTORS) + 1))
    for dot in dots:
        assert dot.show_label, dot  # the number at least, beside the dot
        assert re.findall(r"\[\d+\]", dot.text) == [f"[{dot.number}]"]
        assert dot.text.startswith(f"[{dot.number}]")
        box = dot.label_box()
        own = _gap(box, dot.x, dot.y)
        for other in dots:
            if other is not dot:  # 吴涛's label sat 6 px from 刘芳's dot and 11 px from his own
                assert _gap(box, other.x, other.y) > own, (dot.text, other.name)
        if dot.listed:  # only numbered on the chart: listed under it with the same number
            assert dot.listed.startswith(f"[{dot.number}] {dot.name[:1]}")


def test_the_page_the_pdf_and_the_deck_give_each_person_the_same_number():
    numbers = [{(d.kind, d.pid, d.name): d.number for d in _layout(font)[1]} for font in SURFACE_FONTS]
    assert numbers[0] == numbers[1] == numbers[2]
    # ring by ring from the centre: the decision unit's people, then its body
    first = sorted(numbers[0].items(), key=lambda item: item[1])[:3]
    assert [name for (_k, _p, name), _n in first] == ["李卫东", "周建国", "院党委会"]


def test_decision_bodies_are_drawn_on_their_ring_in_the_body_look():
    rings, dots = _layout(FONT)
    centre = 320
    of = {r.code: r for r in rings}
    bodies = {d.name: d for d in dots if d.kind == "body"}
    assert set(bodies) == {"院党委会", "院长办公会"}
    for dot, ring in ((bodies["院党委会"], "decision_unit"), (bodies["院长办公会"], "organisation")):
        assert dot.ring == ring
        assert of[ring].inner <= math.hypot(dot.x - centre, dot.y - centre) <= of[ring].radius
        assert dot.look["mark"] == "◆"
    assert bodies["院党委会"].look["roles"] == ["decision_maker"]  # its role in the open deal 5
    assert bodies["院长办公会"].look["roles"] == []


@pytest.fixture
def hospital_page(owner_client, world):
    """The world's Chinese account with an outside expert holding a role and two decision bodies."""
    from battlemap.process.services import body_create, body_role_create

    cache.clear()
    expert = f.person(
        account=world.cn,
        name="郑教授",
        external=True,
        external_kind="industry_expert",
        organisation="江南省卫健委",
    )
    f.role(deal=world.cn_deal, person=expert, roles=["influencer"], attitude="supporter", influence=4)
    committee = body_create(
        account=world.cn, name="院党委会", kind="party_committee", members=[world.cn_boss]
    )
    body_create(account=world.cn, name="院长办公会", kind="executive_meeting")
    body_role_create(deal=world.cn_deal, body=committee, roles=["decision_maker"])
    page = owner_client.get(f"/accounts/{world.cn.slug}/circle/?deal={world.cn_deal.pk}").content.decode()
    return page


def _ring_row(page: str, number: int) -> str:
    table = page.split('id="circle-table"')[1].split("</table>")[0]
    return table.split("<tr>")[number + 1].split("</tr>")[0]


def test_the_page_shows_the_outside_expert_on_the_outside_ring_not_a_gap(hospital_page):
    outside = _ring_row(hospital_page, RINGS.codes.index("outside") + 1)
    assert "郑教授" in outside and 'class="gap"' not in outside
    assert "郑教授" not in _ring_row(hospital_page, RINGS.codes.index("deal_roles") + 1)


def test_the_page_shows_decision_bodies_in_the_picture_and_in_the_ring_table(hospital_page):
    assert "院党委会" in _ring_row(hospital_page, RINGS.codes.index("decision_unit") + 1)
    assert "院长办公会" in _ring_row(hospital_page, RINGS.codes.index("organisation") + 1)
    svg = hospital_page.split('<svg class="chart circle-chart"')[1].split("</svg>")[0]
    assert svg.count("data-body") == 2
    assert "<title>院党委会" in svg and "<title>院长办公会" in svg


def test_the_page_and_the_pdf_number_the_circle_alike(hospital_page, world):
    from battlemap.io.export.fonts import register_pdf_font
    from battlemap.io.export.pdf_circle import circle_drawing
    from battlemap.io.export.report import build_report
    from battlemap.io.mapformat import export_map
    from battlemap.maps import account_analysis

    svg = hospital_page.split('<svg class="chart circle-chart"')[1].split("</svg>")[0]
    on_page = {}
    for group in re.findall(r"<g><title>(.*?)</g>", svg, re.S):
        number = re.search(r"data-label[^>]*>\[(\d+)\]", group)
        on_page[group.split(" · ")[0].split("<")[0].strip()] = int(number.group(1)) if number else None
    analysis = account_analysis(account=world.cn, lang="en")
    report = build_report(export_map(world.cn), analysis, world.cn_deal.pk)
    _drawing, _listed = circle_drawing(report, 600, register_pdf_font())
    _rings, dots = circle_layout(
        report.analysis, looks=report.circle_looks, font=SURFACE_FONTS[1], deal_id=world.cn_deal.pk
    )
    in_pdf = {d.name: d.number for d in dots if d.kind != "factor"}
    assert None not in on_page.values()
    assert on_page == in_pdf
    assert {"郑教授", "院党委会", "院长办公会", "王建国"} <= set(in_pdf)
