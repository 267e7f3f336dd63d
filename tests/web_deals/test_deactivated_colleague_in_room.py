"""A colleague who left (deactivated) is marked so where the deal room and a person's page name them as at work on
the deal: the owner of an open action item and who covers a stakeholder. A manager's trial: a rep left, and the
deal room still said "Covered by: bob" and listed bob's open item as if he would do it; the forms already marked
him ("bob (deactivated)"), the room did not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.deals.models import Coverage
from battlemap.users.services import profile_language_set, user_deactivate
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def left(world):
    """bob covers 王建国 and owns an open item about him, then leaves."""
    role = world.cn_deal.roles.get(person=world.cn_boss)
    Coverage.objects.create(stakeholder=role, user=world.teammate)
    f.action(deal=world.cn_deal, person=world.cn_boss, owner=world.teammate, text="Call 王建国")
    user_deactivate(user=world.teammate)
    return world.teammate


@pytest.mark.parametrize(("language", "mark"), [("en", "bob (deactivated)"), ("zh-hans", "bob（已停用）")])
@pytest.mark.parametrize("reader", ["owner", "manager"])
def test_the_room_marks_a_colleague_who_left(client, world, left, language, mark, reader):
    profile_language_set(user=getattr(world, reader), language=language)
    client.force_login(getattr(world, reader))
    room = client.get(reverse("deal", args=["guodian", world.cn_deal.pk])).content.decode()
    assert f'<span class="name">{mark}</span>' in room  # covered by, in the coverage grid
    assert f'<span class="muted owner nowrap">{mark}</span>' in room  # the item's owner


def test_a_persons_page_marks_the_owner_who_left(client, world, left):
    profile_language_set(user=world.owner, language="en")
    client.force_login(world.owner)
    page = client.get(reverse("person", args=["guodian", world.cn_boss.pk])).content.decode()
    assert '<span class="muted owner">bob (deactivated)</span>' in page


def test_an_active_colleague_is_not_marked(client, world):
    role = world.cn_deal.roles.get(person=world.cn_boss)
    Coverage.objects.create(stakeholder=role, user=world.teammate)
    client.force_login(world.owner)
    room = client.get(reverse("deal", args=["guodian", world.cn_deal.pk])).content.decode()
    assert '<span class="name">bob</span>' in room and "已停用" not in room and "(deactivated)" not in room
