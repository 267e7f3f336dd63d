"""A seller types an amount and a day as they write them (trial 21, findings 13 and 15): `120万` is 1,200,000,
never the 1200 a number box left of "1,200万"; `2026/12/31` is that day, never 61231-02-02. What cannot be
read exactly is refused naming the field; a past close date of an open deal is saved and said at once."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import lxml.html
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from battlemap.deals.models import Deal

pytestmark = pytest.mark.django_db

LATER = date(timezone.localdate().year + 1, 6, 30)  # a close date to come, within the model's range


def _new(client, world, **fields):
    body = {"name": "二期", "currency": "CNY", "stage": "need_recognition", **fields}
    return client.post(reverse("deal_new", args=[world.cn.slug]), body)


def _said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1,200,000", "1200000"),
        ("1 200 000", "1200000"),
        ("1200000.00", "1200000"),
        ("120万", "1200000"),
        ("1,200万", "12000000"),
        ("120万元", "1200000"),
        ("1.2亿", "120000000"),
        ("¥1,200,000", "1200000"),
        ("￥１，２００，０００", "1200000"),
        ("RMB 1,234.50", "1234.50"),
        ("1.5", "1.5"),
        ("12.34", "12.34"),
        ("1.500万", "15000"),
        ("0.500", "0.5"),
        ("1234.000", "1234"),
        ("1,200.000", "1200"),
    ],
)
def test_the_deal_form_stores_the_amount_the_seller_typed(owner_client, world, typed, stored):
    response = _new(owner_client, world, amount=typed)
    assert response.status_code == 302, response.content.decode()[:2000]
    deal = Deal.objects.get(name="二期")
    assert deal.amount == Decimal(stored)
    shown = f"{Decimal(stored):,.{0 if Decimal(stored) == Decimal(stored).to_integral() else 2}f} CNY"
    assert any(shown in said for said in _said(response)), _said(response)


@pytest.mark.parametrize("typed", ["1,2", "1.200,50", "1,200万美元万", "about 1M", "1e6", "12 00"])
def test_an_amount_that_cannot_be_read_exactly_is_refused_naming_the_field(owner_client, world, typed):
    response = _new(owner_client, world, amount=typed)
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["amount"]
    assert "120万" in response.context["form"].errors["amount"][0]
    assert not Deal.objects.filter(name="二期").exists()


@pytest.mark.parametrize(
    ("typed", "currency", "thousands", "decimals"),
    [
        ("12.000", "EUR", "12,000", "12"),
        ("1.200", "EUR", "1,200", "1.2"),
        ("€1.200", "EUR", "1,200", "1.2"),
        ("1.200 €", "EUR", "1,200", "1.2"),
        ("EUR 2.500", "EUR", "2,500", "2.5"),
        ("3.000 USD", "USD", "3,000", "3"),
        ("1.234", "CNY", "1,234", None),
    ],
)
def test_a_point_before_three_digits_is_refused_saying_how_to_write_either(
    owner_client, world, typed, currency, thousands, decimals
):
    """12.000 is twelve thousand where a point groups thousands (EUR), twelve where it is the decimal point: the
    seller says which, never stored as 12 without a word."""
    response = _new(owner_client, world, amount=typed, currency=currency)
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["amount"]
    [said] = response.context["form"].errors["amount"]
    assert f"“{typed}”" in said and thousands in said and thousands.replace(",", "") in said
    assert decimals is None or re.search(rf"(?<![\d,.]){re.escape(decimals)}(?![\d,.])", said)
    assert not Deal.objects.filter(name="二期").exists()


def test_a_sign_of_another_currency_is_refused_on_the_amount(owner_client, world):
    response = _new(owner_client, world, amount="$1,200,000")
    assert response.status_code == 422 and list(response.context["form"].errors) == ["amount"]
    assert "CNY" in response.context["form"].errors["amount"][0]
    assert _new(owner_client, world, amount="$1,200,000", currency="USD").status_code == 302
    assert Deal.objects.get(name="二期").amount == Decimal(1200000)


def test_the_edit_form_shows_the_stored_amount_grouped_in_a_text_box(owner_client, world):
    Deal.objects.filter(pk=world.cn_deal.pk).update(amount=Decimal(12000000))
    page = lxml.html.fromstring(
        owner_client.get(reverse("deal_edit", args=[world.cn.slug, world.cn_deal.pk])).content
    )
    (box,) = page.xpath("//input[@name='amount']")
    assert box.get("type") == "text" and box.get("value") == "12,000,000"
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    body = {"name": deal.name, "currency": "CNY", "amount": "12,000,000", "version": deal.version}
    saved = owner_client.post(reverse("deal_edit", args=[world.cn.slug, deal.pk]), body)
    assert saved.status_code == 302
    assert Deal.objects.get(pk=deal.pk).amount == Decimal(12000000)
    assert not any("saved as" in said for said in _said(saved))  # the amount did not change: nothing to say


@pytest.mark.parametrize(
    "typed", ["{y}/12/31", "{y}-12-31", "{y}年12月31日", "{y}.12.31", "{y} 年 12 月 31 日"]
)
def test_the_expected_close_reads_the_day_as_written(owner_client, world, typed):
    response = _new(owner_client, world, expected_close=typed.format(y=LATER.year))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Deal.objects.get(name="二期").expected_close == date(LATER.year, 12, 31)


@pytest.mark.parametrize("typed", ["61231-02-02", "1231-02-02", "31/12/2026", "2026-02-30"])
def test_an_absurd_or_unreadable_expected_close_is_refused_naming_the_field(owner_client, world, typed):
    response = _new(owner_client, world, expected_close=typed)
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["expected_close"]
    assert not Deal.objects.filter(name="二期").exists()


def test_the_day_boxes_are_text_boxes_showing_the_stored_day(owner_client, world):
    Deal.objects.filter(pk=world.cn_deal.pk).update(expected_close=LATER)
    page = lxml.html.fromstring(
        owner_client.get(reverse("deal_edit", args=[world.cn.slug, world.cn_deal.pk])).content
    )
    (box,) = page.xpath("//input[@name='expected_close']")
    assert box.get("type") == "text" and box.get("value") == LATER.isoformat()
    assert box.get("placeholder")


def test_a_past_close_date_of_an_open_deal_is_saved_and_said(owner_client, world):
    owner_client.cookies["django_language"] = "en"  # the words asserted below; the Chinese is in the catalog
    past = timezone.localdate() - timedelta(days=17)
    response = _new(owner_client, world, expected_close=past.isoformat())
    assert response.status_code == 302
    assert Deal.objects.get(name="二期").expected_close == past
    assert any(past.isoformat() in said and "passed" in said for said in _said(response)), _said(response)
    deal = world.cn_deal
    body = {"name": deal.name, "currency": "CNY", "expected_close": past.isoformat(), "version": deal.version}
    edited = owner_client.post(reverse("deal_edit", args=[world.cn.slug, deal.pk]), body)
    assert edited.status_code == 302 and any("passed" in said for said in _said(edited))


def test_a_close_date_to_come_is_not_warned_about(owner_client, world):
    owner_client.cookies["django_language"] = "en"
    response = _new(owner_client, world, expected_close=LATER.isoformat())
    assert response.status_code == 302 and not any("passed" in said for said in _said(response))
