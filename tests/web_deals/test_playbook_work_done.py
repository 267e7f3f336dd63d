"""The deal room's playbook does not ask for a demo the user already had: it asks to follow it up (a sales
director's trial)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db


def _playbook(client, world) -> str:
    room = client.get(reverse("deal", args=[world.cn.slug, world.cn_deal.pk])).content.decode()
    room = room[room.index('id="playbook-title"') :]
    return room[: room.index("</ol>")]


def test_the_deal_room_proposes_the_demo_follow_up_to_a_user_who_had_the_demo(owner_client, world):
    li = Person.objects.get(name="李明")
    f.role(deal=world.cn_deal, person=li, roles=("user",), attitude="neutral")
    before = _playbook(owner_client, world)
    assert "李明" in before and ("hands-on demo" in before or "上手演示" in before)
    f.interaction(account=world.cn, people=[li], days_ago=6, deal=world.cn_deal, summary="现场上手演示")
    after = _playbook(owner_client, world)
    assert "hands-on demo" not in after and "上手演示" not in after
    assert "跟进李明的演示" in after or "Follow up on the demo with 李明" in after
