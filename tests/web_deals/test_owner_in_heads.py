"""The deal room's and the account page's heads name the owner as every list and export does
(`core.text.user_name`, the `user_name` filter): a director checking a deal in review saw it on the pipeline,
the portfolio, the XLSX and the PDF, never on the deal or the account (review h4b, finding 1)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.accounts.services.handover import account_handover

pytestmark = pytest.mark.django_db


def _named(world) -> None:
    world.owner.first_name, world.owner.last_name = "芳", "王"
    world.owner.save()


def _text(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</', html, re.S)
    assert found, element_id
    return found.group(1)


@pytest.mark.parametrize(("lang", "said"), [("en", "owner: 王芳"), ("zh-hans", "负责人：王芳")])
def test_the_deal_room_and_the_account_page_name_the_owner(client, world, lang, said):
    _named(world)
    client.force_login(world.manager)  # a director reviewing, read only
    client.cookies["django_language"] = lang
    room = client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert _text(room, "deal-owner") == said
    account = client.get(reverse("account", args=[world.cn.slug])).content.decode()
    assert _text(account, "head-owner") == said


def test_the_heads_follow_a_handover(owner_client, world):
    account_handover(account=world.cn, to=world.teammate, by=world.owner, note="李强离职")
    room = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    shown = world.teammate.get_full_name() or world.teammate.get_username()
    assert shown in _text(room, "deal-owner")
    assert shown in _text(
        owner_client.get(reverse("account", args=[world.cn.slug])).content.decode(), "head-owner"
    )


def test_the_heads_name_the_owner_as_the_pipeline_does(owner_client, world):
    _named(world)
    pipeline = owner_client.get(reverse("pipeline"), {"owner": "all"}).content.decode()
    cells = set(re.findall(r'data-label="(?:Owner|负责人)">([^<]*)</td>', pipeline))
    room = owner_client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    assert cells == {"王芳"} and _text(room, "deal-owner").endswith("王芳")
