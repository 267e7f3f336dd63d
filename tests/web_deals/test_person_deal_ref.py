"""The person page's "add to a deal" refuses a deal that is not one of this account's (another
account's, or one the person is already on) with 422 naming the field — also when no deal is left to
offer (before, the box was hidden and the refusal said nothing)."""

from __future__ import annotations

import re

from django.urls import reverse

from battlemap.deals.models import StakeholderRole
from tests import factories as f


def _deal_error(html: str) -> str:
    block = re.search(r'class="field has-error" id="field-deal">(.*?)</div>', html, re.S)
    assert block, "the deal field carries no error"
    return block.group(1)


def test_a_foreign_deal_is_refused_naming_the_field(owner_client, world):
    foreign = f.deal(account=world.other, name="Mallory deal")
    li = world.cn.people.get(name="李明")
    url = reverse("person_deal_add", args=[world.cn.slug, li.pk])
    response = owner_client.post(url, {"deal": foreign.pk, "attitude": "unknown", "influence": 3})
    assert response.status_code == 422 and 'role="alert"' in _deal_error(response.content.decode())
    assert not StakeholderRole.objects.filter(person=li).exists()
    ok = owner_client.post(url, {"deal": world.cn_deal.pk, "attitude": "supporter", "influence": 3})
    assert ok.status_code == 302 and StakeholderRole.objects.filter(person=li, deal=world.cn_deal).exists()


def test_the_refusal_shows_when_the_person_is_on_every_deal_already(owner_client, world):
    foreign = f.deal(account=world.other, name="Mallory deal")
    boss = world.cn_boss  # on the account's only deal: nothing is left to offer
    url = reverse("person_deal_add", args=[world.cn.slug, boss.pk])
    response = owner_client.post(url, {"deal": foreign.pk, "attitude": "unknown", "influence": 3})
    assert response.status_code == 422 and _deal_error(response.content.decode())
    assert not StakeholderRole.objects.filter(person=boss, deal=foreign).exists()


def test_outsider_and_anonymous(client, world):
    url = reverse("person_deal_add", args=[world.cn.slug, world.cn_boss.pk])
    body = {"deal": world.cn_deal.pk, "attitude": "unknown", "influence": 3}
    anonymous = client.post(url, body)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client.force_login(world.outsider)
    assert client.post(url, body).status_code == 404
