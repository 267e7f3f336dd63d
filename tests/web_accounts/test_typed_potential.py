"""The account form reads the potential value as a seller writes it (120万, 1.2亿, ¥…: core.money.read_amount)
and says what it stored (trial 21, finding 13)."""

from __future__ import annotations

from decimal import Decimal

import lxml.html
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from battlemap.accounts.models import Account

pytestmark = pytest.mark.django_db


def _edit(client, account, **fields):
    body = {"name": account.name, "currency": account.currency, "lifecycle": account.lifecycle,
            "version": account.version, "owner": account.owner_id, **fields}  # fmt: skip
    return client.post(reverse("account_edit", args=[account.slug]), body)


@pytest.mark.parametrize(
    ("typed", "stored"), [("1.2亿", 120000000), ("¥3,000万", 30000000), ("1 200 000", 1200000)]
)
def test_the_potential_value_is_stored_as_typed_and_said(owner_client, world, typed, stored):
    response = _edit(owner_client, world.cn, potential_value=typed)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Account.objects.get(pk=world.cn.pk).potential_value == Decimal(stored)
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(f"{stored:,} CNY" in s for s in said), said
    page = lxml.html.fromstring(owner_client.get(reverse("account_edit", args=[world.cn.slug])).content)
    assert page.xpath("//input[@name='potential_value']/@value") == [f"{stored:,}"]


@pytest.mark.parametrize("typed", ["1,2", "US$1,200"])
def test_a_potential_value_not_read_exactly_is_refused_naming_the_field(owner_client, world, typed):
    response = _edit(owner_client, world.cn, potential_value=typed)
    assert response.status_code == 422 and list(response.context["form"].errors) == ["potential_value"]
    assert Account.objects.get(pk=world.cn.pk).potential_value is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2.4m", 2400000),
        ("2.4 million", 2400000),
        ("USD 2.4M", 2400000),
        ("1.5bn", 1500000000),
        ("800K", 800000),
    ],
)
def test_an_english_seller_writes_millions_as_he_says_them(owner_client, world, typed, stored):
    """A sales director's trial: "€2.4M" was taken, "2.4m" and "2.4 million" refused."""
    world.en.currency = "USD"
    world.en.save()
    response = _edit(owner_client, world.en, potential_value=typed)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Account.objects.get(pk=world.en.pk).potential_value == Decimal(stored)


@pytest.mark.parametrize("typed", ["2.4 b", "2.4 miles", "2.4mw"])
def test_a_word_that_is_no_magnitude_is_still_refused(owner_client, world, typed):
    response = _edit(owner_client, world.en, potential_value=typed)
    assert response.status_code == 422 and list(response.context["form"].errors) == ["potential_value"]
