"""A member of a decision body who left the customer is shown as departed and does not carry the body as
a member we have met (trial 23: "钱红 院办主任 ✓ 已见面" with no 已离职, "4 名成员 · 见过 3 人", the power-map
table without the departed badge the chart shows): the bodies page, the org-chart card, the flag
`approving_body_not_met` and the power-map table read one rule (analysis.coverage.met_members)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.process import services
from battlemap.users.models import Profile
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def body_with_a_departed_member(world):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    qian = f.person(account=world.cn, name="钱红", title="院办主任", status="left")
    f.interaction(account=world.cn, people=[qian], days_ago=20)  # met while she was there
    f.role(deal=world.cn_deal, person=qian, roles=["gatekeeper"], attitude="neutral", influence=3)
    body = services.body_create(
        account=world.cn, name="院长办公会", kind="executive_meeting", chair=world.cn_boss, members=[qian]
    )
    services.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    return qian, body


def test_a_departed_member_is_marked_left_on_the_bodies_page_not_met(
    owner_client, world, body_with_a_departed_member
):
    html = owner_client.get(reverse("bodies", args=[world.cn.slug])).content.decode()
    item = re.search(r"<li><a [^>]*>钱红</a>.*?</li>", html)
    assert item is not None
    assert "left the company" in item.group(0) and "✓" not in item.group(0)


def test_an_approving_body_whose_only_met_member_left_is_flagged(
    owner_client, world, body_with_a_departed_member
):
    html = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert 'data-code="approving_body_not_met"' in html


def test_the_org_chart_card_counts_no_departed_member_as_met(
    owner_client, world, body_with_a_departed_member
):
    _qian, body = body_with_a_departed_member
    graph = owner_client.get(reverse("account_graph", args=[world.cn.slug])).json()
    card = next(n["data"] for n in graph["nodes"] if n["data"].get("bid") == body.pk)
    assert card["met_count"] == 0


def test_the_power_map_table_marks_a_departed_stakeholder(owner_client, world, body_with_a_departed_member):
    html = owner_client.get(reverse("account_power", args=[world.cn.slug])).content.decode()
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*钱红(?:(?!</tr>).)*</tr>", html, re.S)
    assert row is not None and "left the company" in row.group(0)
