"""Every page of the deal room and the editing forms opens for the owner."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _pages(world):
    cn, deal, boss = world.cn, world.cn_deal, world.cn_boss
    return [
        reverse("home"),
        reverse("deal", args=[cn.slug, deal.pk]),
        reverse("deal_new", args=[cn.slug]),
        reverse("deal_role", args=[cn.slug, deal.pk, boss.pk]),
        reverse("deal_role_new", args=[cn.slug, deal.pk]),
        reverse("people", args=[cn.slug]),
        reverse("person_new", args=[cn.slug]),
        reverse("person", args=[cn.slug, boss.pk]),
        reverse("people_paste", args=[cn.slug]),
        reverse("people_merge", args=[cn.slug]),
        reverse("link_new", args=[cn.slug]),
        reverse("interaction_new", args=[cn.slug]),
    ]


def test_it_opens_every_page_for_the_owner(owner_client, world):
    for url in _pages(world):
        response = owner_client.get(url)
        assert response.status_code == 200, url
