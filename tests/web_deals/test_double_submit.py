"""A create form sent twice (a double click, a second tab, a replayed POST) makes one row: the form
carries a one-time token (once.web), the second POST with it is sent to what the first one made."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.accounts.models import Account
from battlemap.deals.models import Deal
from battlemap.interactions.models import Interaction
from battlemap.once.models import FormToken
from battlemap.people.models import Person

TOKEN = "tok_" + "a" * 28


def _token_in(html: str) -> str:
    found = re.search(r'<input type="hidden" name="form_token" value="([A-Za-z0-9_-]+)">', html)
    assert found, "the form carries no one-time token"
    return found.group(1)


def test_the_person_form_sent_twice_adds_one_person(owner_client, world):
    url = reverse("person_new", args=[world.cn.slug])
    token = _token_in(owner_client.get(url).content.decode())
    body = {"name": "赵丽", "status": "active", "form_token": token}
    first = owner_client.post(url, body)
    second = owner_client.post(url, body)
    person = Person.objects.get(account=world.cn, name="赵丽")  # one, not two
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == reverse("person", args=[world.cn.slug, person.pk])
    again = owner_client.post(url, body, headers={"HX-Request": "true"})  # the htmx form's replay
    assert again.status_code == 204 and again["HX-Redirect"] == first["Location"]
    assert Person.objects.filter(account=world.cn, name="赵丽").count() == 1
    fresh = _token_in(owner_client.get(url).content.decode())
    assert fresh != token  # each form a new token: adding a second 赵丽 on purpose still works
    assert owner_client.post(url, {**body, "form_token": fresh, "another_person": "on"}).status_code == 302
    assert Person.objects.filter(account=world.cn, name="赵丽").count() == 2


def test_a_refused_form_releases_its_token_and_may_be_sent_again(owner_client, world):
    url = reverse("person_new", args=[world.cn.slug])
    refused = owner_client.post(url, {"name": "", "status": "active", "form_token": TOKEN})
    html = refused.content.decode()
    assert refused.status_code == 422 and 'has-error" id="field-name"' in html
    # the form comes back with a fresh token (a page rendered after a POST never repeats the posted one)
    assert _token_in(html) != TOKEN and not FormToken.objects.exists()
    fixed = owner_client.post(url, {"name": "钱七", "status": "active", "form_token": TOKEN})
    assert fixed.status_code == 302 and Person.objects.filter(name="钱七").count() == 1


@pytest.mark.parametrize("times", [4])
def test_deal_and_interaction_forms_sent_many_times_make_one(owner_client, world, times):
    deal_url = reverse("deal_new", args=[world.cn.slug])
    assert _token_in(owner_client.get(deal_url).content.decode())
    body = {"name": "二期", "currency": "CNY", "stage": "need_recognition", "form_token": TOKEN}
    answers = {owner_client.post(deal_url, body)["Location"] for _ in range(times)}
    assert Deal.objects.filter(name="二期").count() == 1 and len(answers) == 1
    url = reverse("interaction_new", args=[world.cn.slug])
    assert _token_in(owner_client.get(url).content.decode())
    meeting = {
        "occurred_at": "2026-11-20",
        "occurred_time": "10:00",
        "kind": "visit",
        "people": [world.cn_boss.pk],
        "summary": "拜访王总",
        "form_token": "tok_" + "b" * 28,
    }
    assert {owner_client.post(url, meeting).status_code for _ in range(times)} == {302}
    assert Interaction.objects.filter(summary="拜访王总").count() == 1


def test_back_a_field_changed_and_sent_again_shows_the_deal_already_made(owner_client, world):
    """Back to the new-deal form, the amount changed and sent again: the form carries a fresh token and other
    values, so it is no replay — the deal's name, already in the account, is refused with a link to the deal
    (case and full-width forms aside), until the seller ticks that they mean another deal of that name."""
    url = reverse("deal_new", args=[world.cn.slug])
    body = {"name": "Smart Water 二期", "currency": "CNY", "stage": "need_recognition", "amount": "100万"}
    assert owner_client.post(url, {**body, "form_token": TOKEN}).status_code == 302
    first = Deal.objects.get(account=world.cn, name="Smart Water 二期")
    again = {**body, "name": "ＳＭＡＲＴ  water 二期", "amount": "120万", "form_token": "tok_" + "c" * 28}
    refused = owner_client.post(url, again)
    html = refused.content.decode()
    assert refused.status_code == 422 and 'id="already-in-account"' in html
    assert reverse("deal", args=[world.cn.slug, first.pk]) in html and "1,000,000 CNY" in html
    assert Deal.objects.filter(account=world.cn).count() == 2  # the fixture's deal and the first
    another = owner_client.post(url, {**again, "another_deal": "on"})
    assert another.status_code == 302 and Deal.objects.filter(account=world.cn).count() == 3
    # another account's deal of that name is no question
    elsewhere = owner_client.post(reverse("deal_new", args=[world.en.slug]), {**body, "currency": "USD"})
    assert elsewhere.status_code == 302


def test_the_new_account_form_with_a_blank_slug_sent_twice_makes_one_account(owner_client, world):
    token = _token_in(owner_client.get(reverse("account_new")).content.decode())
    body = {"name": "Xylo", "slug": "", "currency": "CNY", "lifecycle": "prospect", "form_token": token}
    first = owner_client.post(reverse("account_new"), body)
    second = owner_client.post(reverse("account_new"), body)
    assert first["Location"] == second["Location"] == reverse("account", args=["xylo"])
    assert list(Account.objects.filter(name="Xylo").values_list("slug", flat=True)) == ["xylo"]


def test_the_guard_opens_no_door(client, world):
    url = reverse("person_new", args=[world.cn.slug])
    body = {"name": "Eve", "status": "active", "form_token": TOKEN}
    anonymous = client.post(url, body)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client.force_login(world.outsider)
    assert client.post(url, body).status_code == 404
    assert not FormToken.objects.exists() and not Person.objects.filter(name="Eve").exists()
    client.force_login(world.owner)  # the same token is the owner's own: not taken by the outsider's try
    assert client.post(url, body).status_code == 302
    client.force_login(world.teammate)  # one user's token does not send another user to their result
    assert client.post(url, {**body, "another_person": "on"}).status_code == 302  # a second Eve, on purpose
    assert Person.objects.filter(name="Eve").count() == 2


def test_the_second_send_is_told_it_was_saved_already(owner_client, world):
    url = reverse("deal_new", args=[world.cn.slug])
    body = {"name": "二期", "currency": "CNY", "stage": "need_recognition", "form_token": TOKEN}
    first = owner_client.post(url, body, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "had been sent already" not in first.content.decode()
    second = owner_client.post(url, body, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert second.redirect_chain[-1][0] == first.redirect_chain[-1][0]
    assert "This form had been sent already" in second.content.decode()
    assert Deal.objects.filter(account=world.cn, name="二期").count() == 1
