"""Adding a person whose name is already on the map: the form names the record(s) already there with a link,
and adds the new person only when the user says it is another person; an e-mail already on the map is refused
on the e-mail, naming who has it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from battlemap.people.models import Person
from battlemap.users.models import Profile
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_name_already_on_the_map_asks_before_adding_a_second(owner_client, world, lang):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": lang})
    there = f.person(account=world.cn, name="张伟", title="财务总监")
    f.person(account=world.cn, name="章伟")  # sounds the same (zhangwei), is not the same name
    url = reverse("person_new", args=[world.cn.slug])

    response = owner_client.post(url, {"name": "张 伟", "status": "active"})  # spaced as some CRMs write it
    assert response.status_code == 422
    body = response.content.decode()
    box = body.split('id="already-on-map"')[1].split("</div>")[0]
    assert reverse("person", args=[world.cn.slug, there.pk]) in box and "财务总监" in box
    assert "章伟" not in box
    with translation.override(lang):
        assert gettext("Already on the map: open that record, or tick below to add another.") in body
    assert Person.objects.filter(account=world.cn, name="张伟").count() == 1

    response = owner_client.post(url, {"name": "张伟", "status": "active", "another_person": "on"})
    assert response.status_code == 302
    assert Person.objects.filter(account=world.cn, name="张伟").count() == 2


def test_the_same_e_mail_under_another_name_is_caught_too(owner_client, world):
    there = f.person(account=world.cn, name="Wei Zhang", email="wei.zhang@example.com")
    url = reverse("person_new", args=[world.cn.slug])
    response = owner_client.post(
        url, {"name": "Zhang Wei", "email": "Wei.Zhang@Example.com", "status": "active"}
    )
    assert response.status_code == 422
    [error] = response.context["form"].errors["email"]  # on the e-mail, naming who has it
    assert "Wei Zhang" in error and f"id {there.pk}" in error
    assert "name" not in response.context["form"].errors
    # an unrelated name and e-mail goes straight in; editing the existing person is not asked
    assert owner_client.post(url, {"name": "李娜", "status": "active"}).status_code == 302
    edit = owner_client.post(
        reverse("person", args=[world.cn.slug, there.pk]),
        {"name": "Wei Zhang", "email": "wei.zhang@example.com", "status": "active", "version": there.version},
    )
    assert edit.status_code == 302


def test_another_person_never_takes_an_e_mail_the_account_has(owner_client, world):
    """Another person of the same name may be added; one with someone's e-mail may not, new or edited: the
    error is on the e-mail and names who has it (mail and imports find people by e-mail)."""
    there = f.person(account=world.cn, name="Wei Zhang", email="wei.zhang@example.com")
    other = f.person(account=world.cn, name="李娜", email="li.na@example.com")
    response = owner_client.post(
        reverse("person_new", args=[world.cn.slug]),
        {"name": "Wei Zhang", "email": "WEI.ZHANG@example.com", "status": "active", "another_person": "on"},
    )
    assert response.status_code == 422
    [error] = response.context["form"].errors["email"]
    assert "Wei Zhang" in error and f"id {there.pk}" in error and "wei.zhang@example.com" in error
    edit = owner_client.post(
        reverse("person", args=[world.cn.slug, other.pk]),
        {"name": "李娜", "email": "wei.zhang@example.com", "status": "active", "version": other.version},
    )
    assert edit.status_code == 422 and "Wei Zhang" in edit.context["form"].errors["email"][0]
    assert Person.objects.filter(account=world.cn, email__iexact="wei.zhang@example.com").count() == 1
    # two people who shared an e-mail before the rule: an edit of another field goes through
    Person.objects.filter(pk=other.pk).update(email="wei.zhang@example.com")
    other.refresh_from_db()
    kept = owner_client.post(
        reverse("person", args=[world.cn.slug, other.pk]),
        {
            "name": "李娜",
            "title": "采购经理",
            "email": other.email,
            "status": "active",
            "version": other.version,
        },
    )
    assert kept.status_code == 302
    # the same name with an e-mail of its own is another person
    response = owner_client.post(
        reverse("person_new", args=[world.cn.slug]),
        {"name": "Wei Zhang", "email": "wzhang2@example.com", "status": "active", "another_person": "on"},
    )
    assert response.status_code == 302


def test_people_of_another_account_are_not_named(owner_client, world):
    outsider_account = f.account(slug="elsewhere", owner=world.outsider)
    f.person(account=outsider_account, name="王芳")
    url = reverse("person_new", args=[world.cn.slug])
    assert owner_client.post(url, {"name": "王芳", "status": "active"}).status_code == 302


@pytest.mark.parametrize(
    ("there", "typed"),
    [
        ("Aisha Khan", "ＡＩＳＨＡ　ｋｈａｎ"),
        ("Aisha Khan", "Aisha　Khan"),
        ("ＡＩＳＨＡ　ｋｈａｎ", "Aisha Khan"),
    ],
)
def test_full_width_forms_are_the_same_name(owner_client, world, there, typed):
    """As typed with a Chinese input method (full-width letters, the ideographic space), either way round."""
    existing = f.person(account=world.cn, name=there)
    response = owner_client.post(
        reverse("person_new", args=[world.cn.slug]), {"name": typed, "status": "active"}
    )
    assert response.status_code == 422
    assert reverse("person", args=[world.cn.slug, existing.pk]) in response.content.decode()
