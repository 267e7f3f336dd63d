"""A row a colleague deleted while it was open: the save says it was deleted, by whom and when, and that nothing
was saved (a team's trial: the full-page "There is nothing here, or it is not yours to see" read like an access
problem); an outsider still gets the plain 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.people.models import Person
from battlemap.people.services import person_delete
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_saving_a_person_deleted_meanwhile_says_so(client, world):
    person = f.person(account=world.cn, name="赵敏")
    url = reverse("person", args=[world.cn.slug, person.pk])
    client.force_login(world.teammate)
    assert client.get(url).status_code == 200  # the seller opens it
    person_delete(person=person)  # a colleague deletes it (a page's request records who: here, by hand)
    Person.history.filter(id=person.pk, history_type="-").update(history_user=world.owner)
    answer = client.post(url, {"name": "赵敏", "phone": "13900000000"}, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 410
    page = answer.content.decode()
    assert "赵敏" in page and "was deleted by <bdi>alice</bdi>" in page and "was not saved" in page
    assert "not yours to see" not in page
    client.force_login(world.outsider)
    assert client.post(url, {"name": "x"}).status_code == 404  # an outsider learns nothing


def test_a_link_deleted_with_its_person_is_said_deleted_not_a_500(client, world):
    """A fresh reviewer: the influence link went with the person at one end, and the 410 page, naming the link
    by its two people, crashed."""
    li = f.person(account=world.cn, name="李明远")
    link = f.link(source=li, target=world.cn_boss)
    person_delete(person=li)
    client.force_login(world.owner)
    answer = client.get(reverse("link_edit", args=[world.cn.slug, link.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 410
    assert "Influence link" in answer.content.decode()  # the kind, its first letter a capital
