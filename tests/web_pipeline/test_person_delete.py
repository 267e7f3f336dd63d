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
    confirm = client.get(_url(world))
    assert (
        "1 个商机" in confirm.content.decode() and "1 人" in confirm.content.decode()
    )  # a deal; 李明 reports
    response = client.post(_url(world), {"version": boss.version, "shown": confirm.context["shown"]})
    assert response.status_code == 302 and response["Location"] == reverse("people", args=[world.cn.slug])
    assert not Person.objects.filter(pk=boss.pk).exists()
    assert not StakeholderRole.objects.filter(person_id=boss.pk).exists()
    li = Person.objects.get(name="李明")
    assert li.reports_to_id is None and li.version == 2  # an edit of its own
    assert Interaction.objects.filter(pk=meeting.pk).exists()
    assert Person.history.filter(id=boss.pk, history_type="-").exists()  # history keeps them


def test_a_stale_page_deletes_nothing(client, world):
    client.force_login(world.owner)
    shown = client.get(_url(world)).context["shown"]
    assert client.post(_url(world), {"version": world.cn_boss.version - 1, "shown": shown}).status_code == 302
    assert Person.objects.filter(pk=world.cn_boss.pk).exists()


@pytest.mark.parametrize(("who", "status"), [("manager", 403), ("outsider", 404)])
def test_readers_and_outsiders_may_not(client, world, who, status):
    client.force_login(getattr(world, who))
    assert client.get(_url(world)).status_code == status
    assert client.post(_url(world), {"version": world.cn_boss.version}).status_code == status
    assert Person.objects.filter(pk=world.cn_boss.pk).exists()


def test_a_confirmation_from_a_page_that_listed_less_deletes_nothing_and_shows_it_again(client, world):
    """A team's trial: the delete page listed nothing; a colleague then made the person the deal's decision maker
    and logged a meeting with them; the confirmation removed the person and the role without a word."""
    client.force_login(world.owner)
    boss = world.cn_boss
    shown = client.get(_url(world)).context["shown"]
    f.interaction(account=world.cn, people=[boss], deal=world.cn_deal)  # a colleague, meanwhile
    again = client.post(_url(world), {"version": boss.version, "shown": shown}, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 409
    page = again.content.decode()
    assert "nothing was deleted" in page and "they leave 1 logged interaction" in page
    assert Person.objects.filter(pk=boss.pk).exists()
    done = client.post(_url(world), {"version": boss.version, "shown": again.context["shown"]})
    assert done.status_code == 302 and not Person.objects.filter(pk=boss.pk).exists()
