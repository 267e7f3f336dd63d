"""Undo a person's deletion: the "off the map" message carries an Undo that brings them back with the same id and
everything their deletion took — roles and coverage, influence links both ways, dotted lines, participations, seats,
their reports' solid line — so the map is as it was (review s40 rev3: deleting a person had no undo; their rows
survived only in history). An edit made since wins, and is said; what is no deleted person of this account is refused."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from battlemap.demo.loader import load_demo
from battlemap.people.models import DottedLine, InfluenceLink, Person
from battlemap.people.services import (
    people_bulk_delete,
    people_restore,
    person_delete,
    person_restore,
    person_update,
)
from tests import factories as f
from tests.restored import map_state

pytestmark = pytest.mark.django_db


def test_deleting_wang_jianming_and_undoing_it_on_the_web_gives_the_map_back_as_it_was(client):
    load_demo()
    client.login(username="demo", password="demo")
    wang = Person.objects.get(account__slug="hdny", name="王建明")
    assert wang.influences.exists() and wang.participations.exists() and wang.reports.exists()
    before = map_state("hdny")
    url = reverse("person_delete", args=["hdny", wang.pk])
    shown = client.get(url).context["shown"]
    people = client.post(url, {"version": wang.version, "shown": shown}, follow=True).content.decode()
    assert not Person.objects.filter(pk=wang.pk).exists() and map_state("hdny") != before
    assert "王建明" in people and "撤销" in people  # "王建明 is off the map." with its Undo
    undo = re.search(r'<form method="post" action="([^"]*/restore/)"', people)
    assert undo and undo.group(1) == reverse("person_restore", args=["hdny", wang.pk])
    page = client.post(undo.group(1), follow=True)
    assert page.redirect_chain[-1][0] == reverse("person", args=["hdny", wang.pk])
    assert "王建明 </bdi>" in page.content.decode() or "王建明</bdi>" in page.content.decode()
    assert map_state("hdny") == before  # every table's rows and the whole map export: as before the deletion


def test_an_edit_made_since_wins_and_is_said(world):
    boss, li = world.cn_boss, Person.objects.get(name="李明")
    link = f.link(source=li, target=boss, kind="trusts")
    person_delete(person=boss)
    li.refresh_from_db()
    person_update(person=li, version=li.version, title="CIO")  # a colleague's edit, after the deletion
    with translation.override("en"):
        back = person_restore(account=world.cn, person_id=boss.pk)
        notes = back.notes()
    li.refresh_from_db()
    assert li.reports_to_id is None and li.title == "CIO"  # their edit stands
    assert notes == ["李明 was edited since: its reports to was left as it is now."]
    assert InfluenceLink.objects.filter(pk=link.pk).exists()
    assert world.cn_deal.roles.filter(person=boss).exists()


def test_people_deleted_together_come_back_with_their_lines_to_one_another(world):
    boss, li = world.cn_boss, Person.objects.get(name="李明")
    other = f.person(account=world.cn, name="周总监")
    DottedLine.objects.create(person=li, manager=other)
    link = f.link(source=boss, target=li, kind="trusts")
    people_bulk_delete(account=world.cn, people=[boss, li])
    people_restore(account=world.cn, person_ids=[li.pk, boss.pk])  # the undo of deleting both
    li.refresh_from_db()
    assert li.reports_to_id == boss.pk
    assert InfluenceLink.objects.filter(pk=link.pk).exists()  # its other end back: the link too
    assert DottedLine.objects.filter(person=li, manager=other).exists()


def test_what_is_no_deleted_person_of_this_account_is_refused(world):
    boss = world.cn_boss
    with translation.override("en"), pytest.raises(ValidationError, match="on the map already"):
        person_restore(account=world.cn, person_id=boss.pk)
    person_delete(person=boss)
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="not a deleted person of this account"),
    ):
        person_restore(account=world.en, person_id=boss.pk)
    person_restore(account=world.cn, person_id=boss.pk)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as twice:
        person_restore(account=world.cn, person_id=boss.pk)
    assert "王建国" in twice.value.messages[0] and "已" in twice.value.messages[0]


@pytest.mark.parametrize(("who", "status"), [("manager", 403), ("outsider", 404)])
def test_readers_and_outsiders_may_not_undo(client, world, who, status):
    person_delete(person=world.cn_boss)
    client.force_login(getattr(world, who))
    assert (
        client.post(reverse("person_restore", args=[world.cn.slug, world.cn_boss.pk])).status_code == status
    )
    assert client.get(reverse("person_restore", args=[world.cn.slug, world.cn_boss.pk])).status_code in (
        405,
        status,
    )
    assert not Person.objects.filter(pk=world.cn_boss.pk).exists()
