"""A person added by mistake is deleted on the web (a sales director's trial found only the PIPL erase, which leaves a
placeholder): the page says what goes with them and that leaving the company is a status; their reports and
meetings stay, each edited as its own change; readers and outsiders cannot."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.deals.models import StakeholderRole
from battlemap.interactions.models import Interaction
from battlemap.people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db


def _url(world):
    return reverse("person_delete", args=[world.cn.slug, world.cn_boss.pk])


def test_the_owner_deletes_a_person_and_what_named_them_moves_on(client, world):
    boss = world.cn_boss
    meeting = f.interaction(
        account=world.cn, people=[boss, Person.objects.get(name="李明")], deal=world.cn_deal
    )
    client.force_login(world.owner)
    page = client.get(reverse("person", args=[world.cn.slug, boss.pk])).content.decode()
    assert _url(world) in page
    confirm = client.get(_url(world)).content.decode()
    assert "1 个商机" in confirm and "1 人" in confirm  # their part in one deal; 李明 reports to them
    response = client.post(_url(world), {"version": boss.version})
    assert response.status_code == 302 and response["Location"] == reverse("people", args=[world.cn.slug])
    assert not Person.objects.filter(pk=boss.pk).exists()
    assert not StakeholderRole.objects.filter(person_id=boss.pk).exists()
    li = Person.objects.get(name="李明")
    assert li.reports_to_id is None and li.version == 2  # an edit of its own
    assert Interaction.objects.filter(pk=meeting.pk).exists()
    assert Person.history.filter(id=boss.pk, history_type="-").exists()  # history keeps them


def test_a_stale_page_deletes_nothing(client, world):
    client.force_login(world.owner)
    assert client.post(_url(world), {"version": world.cn_boss.version - 1}).status_code == 302
    assert Person.objects.filter(pk=world.cn_boss.pk).exists()


@pytest.mark.parametrize(("who", "status"), [("manager", 403), ("outsider", 404)])
def test_readers_and_outsiders_may_not(client, world, who, status):
    client.force_login(getattr(world, who))
    assert client.get(_url(world)).status_code == status
    assert client.post(_url(world), {"version": world.cn_boss.version}).status_code == status
    assert Person.objects.filter(pk=world.cn_boss.pk).exists()
