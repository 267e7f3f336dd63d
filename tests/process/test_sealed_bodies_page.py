"""The decision bodies page says a member of a tender's bid evaluation committee deciding a deal, unmet, is "not to be
met: the tender is won on paper", as the deal room does, where it said the red "never met" (招标投标法 第四十四条: no
bidder may meet its experts); a member of 院长办公会, deciding too, never met, keeps the gap."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.process import services
from tests import factories as f
from tests.io.test_sealed_body_export import SEALED, tender

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "never"), [("zh-hans", "从未见面"), ("en", "never met")])
def test_the_bodies_page_says_a_committee_member_is_not_to_be_met(owner_client, world, lang, never):
    head = f.person(account=world.cn, name="李院长", title="院长")
    office = services.body_create(
        account=world.cn, name="院长办公会", kind="executive_meeting", members=[head]
    )
    services.body_role_create(deal=world.cn_deal, body=office, roles=["decision_maker"])
    expert = tender(world)
    owner_client.cookies["django_language"] = lang
    html = owner_client.get(reverse("bodies", args=[world.cn.slug])).content.decode()

    def member(person) -> str:
        return re.search(rf'<li><a href="[^"]*/{person.pk}/">.*?</li>', html, re.S).group(0)

    assert (
        SEALED[lang] in member(expert) and never not in member(expert) and 'class="gap"' not in member(expert)
    )
    assert never in member(head) and SEALED[lang] not in member(head)
