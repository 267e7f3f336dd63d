"""A decision body's kind is shown beside its name only when it adds something (trial 23: "党委会 党委会",
"◆ 院长办公会 总经理办公会" on the deal room and the org-chart cards): one rule, process.body_names."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.process import services
from battlemap.process.body_names import body_kind_shown

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "kind", "lang", "shown"),
    [
        ("党委会", "party_committee", "zh-hans", ""),
        ("院长办公会", "executive_meeting", "zh-hans", ""),
        ("Executive Board", "board", "en", ""),
        ("Party committee", "party_committee", "zh-hans", ""),  # said in the other language
        ("招标小组", "bid_committee", "zh-hans", "评标委员会"),
        ("Tech review", "expert_panel", "en", "expert panel"),
        ("信息化小组", "other_body", "zh-hans", ""),  # "other body" says nothing the ◆ mark does not
    ],
)
def test_the_kind_is_shown_only_when_the_name_does_not_say_it(name, kind, lang, shown):
    assert body_kind_shown(name, kind, lang) == shown


@pytest.fixture
def bodies(world):
    party = services.body_create(account=world.cn, name="党委会", kind="party_committee")
    office = services.body_create(account=world.cn, name="院长办公会", kind="executive_meeting")
    panel = services.body_create(account=world.cn, name="技术评审组", kind="bid_committee")
    for body in (party, office, panel):
        services.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    return party, office, panel


def test_the_deal_room_names_each_body_once(owner_client, world, bodies):
    html = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    items = {
        b.name: re.search(rf'<li class="deal-body" data-body="{b.pk}">.*?</small>', html, re.S).group(0)
        for b in bodies
    }
    assert items["党委会"].count("党委会") == 1
    assert "总经理办公会" not in items["院长办公会"]
    assert "评标委员会" in items["技术评审组"]  # the name does not say it: the kind is shown


def test_the_org_chart_card_carries_the_kind_only_when_it_adds_something(owner_client, world, bodies):
    graph = owner_client.get(reverse("account_graph", args=[world.cn.slug])).json()
    titles = {n["data"]["name"]: n["data"]["title"] for n in graph["nodes"] if n["data"].get("body")}
    assert titles == {"党委会": "", "院长办公会": "", "技术评审组": "评标委员会"}


def test_the_map_as_of_a_day_names_each_body_once(owner_client, world, bodies):
    from django.utils import timezone

    day = timezone.localdate().isoformat()
    html = owner_client.get(reverse("account_as_of", args=[world.cn.slug]), {"on": day}).content.decode()
    listed = html[html.index('id="asof-body-list"') : html.index("</ul>", html.index('id="asof-body-list"'))]
    assert listed.count("党委会") == 1 and "总经理办公会" not in listed and "评标委员会" in listed


def test_the_bodies_page_names_each_body_once(owner_client, world, bodies):
    html = owner_client.get(reverse("bodies", args=[world.cn.slug])).content.decode()
    heads = {b.name: re.search(rf'<h2 id="body-{b.pk}-name">.*?</h2>', html, re.S).group(0) for b in bodies}
    assert heads["党委会"].count("党委会") == 1 and "总经理办公会" not in heads["院长办公会"]
    assert "评标委员会" in heads["技术评审组"]
