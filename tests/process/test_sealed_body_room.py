"""A bid evaluation committee deciding the deal is not to be met (招标投标法 第三十七条, 第四十四条): the deal room says so
beside it instead of the red "no member met" / "members unknown" gap; a body we may meet keeps its gap."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.process import services

pytestmark = pytest.mark.django_db


def _item(html: str, body) -> str:
    return re.search(rf'<li class="deal-body" data-body="{body.pk}">.*?</li>', html, re.S).group(0)


@pytest.mark.parametrize(
    ("lang", "sealed", "gap"),
    [
        ("zh-hans", "不应约见：招标要在纸面上赢", "未知"),
        ("en", "not to be met: the tender is won on paper", "unknown"),
    ],
)
def test_the_deal_room_says_a_bid_committee_is_not_to_be_met(owner_client, world, lang, sealed, gap):
    committee = services.body_create(account=world.cn, name="评标委员会", kind="bid_committee")
    office = services.body_create(account=world.cn, name="院长办公会", kind="executive_meeting")
    for body in (committee, office):
        services.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    owner_client.cookies["django_language"] = lang
    html = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert sealed in _item(html, committee) and 'class="gap"' not in _item(html, committee)
    assert sealed not in _item(html, office) and 'class="gap"' in _item(html, office)
