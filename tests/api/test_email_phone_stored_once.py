"""A person's e-mail and phone are stored the same whichever road they came by (`Person.text_cleaners`): a new
maintainer's trial found the import storing `zhao.min@example.com` and the web form and API `Zhao.Min@Example.COM`,
so re-importing the unchanged value counted as "updated" with a history line; a full-width ＠ (a Chinese input
method's) was refused by the web and accepted by the import; `a@localhost` was the reverse."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person

TYPED = "Zhao.Min＠Example.COM"  # as a Chinese input method may leave it
STORED = "zhao.min@example.com"


def _person(world, name):
    return Person.objects.get(account=world.cn, name=name)


def test_the_web_form_stores_an_email_and_phone_as_the_import_does(world, owner_client):
    response = owner_client.post(
        reverse("person_new", args=[world.cn.slug]),
        {"name": "赵敏", "status": "active", "email": TYPED, "phone": "１３８ ０００ ０１２３"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person = _person(world, "赵敏")
    assert (person.email, person.phone) == (STORED, "138 000 0123")


def test_the_api_stores_them_the_same(world, owner_api):
    response = owner_api.post(f"/api/accounts/{world.cn.slug}/people", {"name": "赵敏", "email": TYPED})
    assert response.status_code == 201 and response.json()["email"] == STORED


def test_a_reimport_of_the_same_address_is_no_change(world, owner_api):
    owner_api.post(f"/api/accounts/{world.cn.slug}/people", {"name": "赵敏", "email": "Zhao.Min@Example.COM"})
    person = _person(world, "赵敏")
    before = (person.version, person.history.count())
    data = "姓名,邮箱\n赵敏,Zhao.Min@Example.COM\n".encode()
    result = people_import(account=world.cn, data=data, filename="people.csv", user=world.owner)
    assert (result.updated, result.unchanged) == (0, 1)
    person.refresh_from_db()
    assert (person.version, person.history.count()) == before


def test_one_rule_says_what_an_email_is(world, owner_client):
    """What the web form takes, a file takes: `a@localhost` on both (Django's validate_email, the model's)."""
    data = "姓名,邮箱\n本机,ops@localhost\n".encode()
    people_import(account=world.cn, data=data, filename="people.csv", user=world.owner)
    assert _person(world, "本机").email == "ops@localhost"
    response = owner_client.post(
        reverse("person_new", args=[world.cn.slug]),
        {"name": "本机二", "status": "active", "email": "ops2@localhost"},
    )
    assert response.status_code == 302 and _person(world, "本机二").email == "ops2@localhost"


def test_the_upgrade_stores_earlier_addresses_the_same(world):
    """Addresses a form stored before this release are brought to the one form by the migration (people 0006)."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("battlemap.people.migrations.0006_person_email_key")
    Person.objects.filter(pk=world.cn_boss.pk).update(
        email="Wang.JG@Example.COM", phone="＋86 １０ 6512 3456"
    )
    migration.store_as_keyed(apps, None)
    world.cn_boss.refresh_from_db()
    assert (world.cn_boss.email, world.cn_boss.phone) == ("wang.jg@example.com", "+86 10 6512 3456")


def test_a_space_inside_an_address_is_refused_not_taken_out(world, owner_client):
    """A fresh reviewer: `li ming@x.cn` was stored as liming@x.cn — another address — without a word."""
    from battlemap.io.tabular.problems import ImportFailed

    page = owner_client.post(
        reverse("person_new", args=[world.cn.slug]),
        {"name": "李明二", "status": "active", "email": "li ming@x.cn"},
    )
    assert page.status_code == 422 and not Person.objects.filter(name="李明二").exists()
    data = "姓名,邮箱\n李明三,li ming@x.cn\n".encode()
    with pytest.raises(ImportFailed) as refused:
        people_import(account=world.cn, data=data, filename="people.csv", user=world.owner)
    assert [(p.column, p.code) for p in refused.value.problems] == [("email", "invalid_email")]
    assert not Person.objects.filter(email="liming@x.cn").exists()
