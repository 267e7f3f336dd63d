"""The deal room's "People and influence links" (人员与影响关系) opened the account's people page with no trace of
the deal: no crumb, no way back, and nothing said that the list is the whole account's. It now carries the
deal (`?deal=`): the crumbs end on it and a line says whose list it is, with a link back to the room."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_people_page_opened_from_a_deal_says_it_is_the_accounts_list_and_leads_back(owner_client, world):
    room = reverse("deal", args=[world.cn.slug, world.cn_deal.pk])
    people = reverse("people", args=[world.cn.slug])
    link = f"{people}?deal={world.cn_deal.pk}"
    assert f'href="{link}"' in owner_client.get(room).content.decode()  # the room's button keeps the deal
    page = owner_client.get(link).content.decode()
    assert "这是本客户的全部人员，不限于商机" in page and world.cn_deal.name in page
    assert page.count(f'href="{room}"') >= 2  # the crumbs and 返回商机
    assert "返回商机" in page


def test_a_deal_of_another_account_or_none_adds_nothing(owner_client, world):
    people = reverse("people", args=[world.cn.slug])
    other = f.deal(account=world.other, name="别家的商机")
    for asked in ("", f"?deal={other.pk}", "?deal=x"):
        page = owner_client.get(people + asked).content.decode()
        assert "不限于商机" not in page and "别家的商机" not in page
