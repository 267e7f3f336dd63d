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


def test_adding_a_person_from_the_org_chart_returns_there(owner_client, world):
    org = reverse("account", args=[world.cn.slug])
    url = reverse("person_new", args=[world.cn.slug]) + f"?next={org}"
    assert f'name="next" value="{org}"' in owner_client.get(url).content.decode()
    response = owner_client.post(url, {"name": "赵丽", "status": "active", "next": org})
    assert response.status_code == 302 and response["Location"] == org


def test_it_never_redirects_off_site(owner_client, world):
    url = reverse("person_new", args=[world.cn.slug])
    response = owner_client.post(url, {"name": "赵丽", "status": "active", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/guodian/people/")
