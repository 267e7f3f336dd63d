"""A tender's bid evaluation committee deciding the deal is not to be met (招标投标法 第四十四条), so its own card on the
web's pictures gets neither the "!" nor the red never-met outline: the org chart's card (graph.json's look, which
orgchart-cards.js draws) and its diamond on the influence circle (SVG). 院长办公会, deciding too with no member met,
keeps both."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.look import BODY, NEVER_MET_COLOUR
from battlemap.process import services
from tests import factories as f
from tests.io.test_sealed_body_export import tender

pytestmark = pytest.mark.django_db

COMMITTEE, OFFICE = "评标委员会", "院长办公会"
NEVER_MET_LABEL = 'class="label-never-met"'


@pytest.fixture
def office(world):
    """院长办公会, deciding the deal too, its one member 李院长 never met: a gap."""
    head = f.person(account=world.cn, name="李院长", title="院长")
    body = services.body_create(account=world.cn, name="院长办公会", kind="executive_meeting", members=[head])
    services.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    tender(world)  # 评标委员会 (张专家), deciding; clears the cached analysis
    return body


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_org_chart_draws_the_committee_without_the_never_met_marks(owner_client, world, office, lang):
    owner_client.cookies["django_language"] = lang
    graph = owner_client.get(
        reverse("account_graph", args=[world.cn.slug]), {"deal": world.cn_deal.pk}
    ).json()
    looks = {n["data"]["name"]: n["data"]["look"] for n in graph["nodes"] if n["data"].get("body")}
    committee, meeting = looks[COMMITTEE], looks[OFFICE]
    assert not committee["never_met"] and committee["border"] == BODY.border
    assert meeting["never_met"] and meeting["border"] == NEVER_MET_COLOUR


def _diamond(svg: str, name: str) -> str:
    group = next(g for g in re.findall(r"<g><title>(.*?)</g>", svg, re.S) if g.startswith(name))
    return re.search(r"<rect[^>]*data-body[^>]*>", group).group(0)


def test_the_influence_circle_draws_the_committee_without_the_red_outline(owner_client, world, office):
    page = owner_client.get(reverse("account_circle", args=[world.cn.slug]), {"deal": world.cn_deal.pk})
    svg = page.content.decode().split('<svg class="chart circle-chart"')[1].split("</svg>")[0]
    committee, meeting = _diamond(svg, COMMITTEE), _diamond(svg, OFFICE)
    assert f"stroke:{BODY.border};stroke-width:1.5" in committee
    assert f"stroke:{NEVER_MET_COLOUR};stroke-width:3" in meeting
    groups = {
        name: re.search(rf"<g><title>{name}.*?</g>", svg, re.S).group(0) for name in (COMMITTEE, OFFICE)
    }
    # the label in the never-met red ("!" beside a name; a label numbered [2] where the names do not fit)
    assert NEVER_MET_LABEL not in groups[COMMITTEE] and NEVER_MET_LABEL in groups[OFFICE]
