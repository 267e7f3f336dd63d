"""The API reads an amount or a day sent as text by the web forms' rule (core.money.read_amount,
core.dates.read_day): "120万" is 1200000, "2027/06/30" is that day; what cannot be read exactly is refused
naming the field (422), never stored as another number or day."""

from __future__ import annotations

from decimal import Decimal

import pytest

from battlemap.deals.models import Deal

pytestmark = pytest.mark.django_db


def _fields(response) -> list[str]:
    return [e["field"] for e in response.json()["errors"]]


@pytest.mark.parametrize(
    ("sent", "stored"),
    [("120万", "1200000"), ("1.2亿", "120000000"), ("1,200,000", "1200000"), ("1200000.00", "1200000"),
     (1200000, "1200000"), (12.0, "12"), ("12.34", "12.34"), ("1.500万", "15000")],
)  # fmt: skip
def test_a_deal_amount_sent_as_text_is_read_as_the_seller_wrote_it(world, owner_api, sent, stored):
    made = owner_api.post("/api/accounts/guodian/deals", {"name": "二期", "amount": sent})
    assert made.status_code == 201, made.json()
    assert Deal.objects.get(name="二期").amount == Decimal(stored)
    deal = Deal.objects.get(name="二期")
    patched = owner_api.patch(f"/api/deals/{deal.pk}", {"amount": "1.5亿", "version": deal.version})
    assert patched.status_code == 200 and Decimal(str(patched.json()["amount"])) == Decimal(150000000)


@pytest.mark.parametrize("sent", ["1,2", "1.200,50", "about 1M", "¥120万", "", "1e6", "12.000", "1.200"])
def test_an_amount_the_api_cannot_read_exactly_is_refused_naming_the_field(world, owner_api, sent):
    made = owner_api.post("/api/accounts/guodian/deals", {"name": "二期", "amount": sent})
    assert made.status_code == 422 and _fields(made) == ["amount"], made.json()
    account = owner_api.patch("/api/accounts/guodian", {"potential_value": sent, "version": world.cn.version})
    assert account.status_code == 422 and _fields(account) == ["potential_value"], account.json()
    assert not Deal.objects.filter(name="二期").exists()


def test_the_potential_value_sent_as_text_is_read(world, owner_api):
    account = owner_api.patch(
        "/api/accounts/guodian", {"potential_value": "3.5亿", "version": world.cn.version}
    )
    assert account.status_code == 200
    assert Decimal(str(account.json()["potential_value"])) == Decimal(350000000)


@pytest.mark.parametrize("sent", ["2027/06/30", "2027-06-30", "2027年6月30日", "2027.06.30"])
def test_a_day_sent_as_written_is_that_day(world, owner_api, sent):
    made = owner_api.post("/api/accounts/guodian/deals", {"name": "二期", "expected_close": sent})
    assert made.status_code == 201, made.json()
    assert made.json()["expected_close"] == "2027-06-30"
    item = owner_api.post(f"/api/deals/{made.json()['id']}/action-items", {"text": "约王总", "due": sent})
    assert item.status_code == 201 and item.json()["due"] == "2027-06-30", item.json()


@pytest.mark.parametrize("sent", ["61231-02-02", "31/12/2026", "2027-02-30"])
def test_an_absurd_or_unreadable_day_is_refused_naming_the_field(world, owner_api, sent):
    made = owner_api.post("/api/accounts/guodian/deals", {"name": "二期", "expected_close": sent})
    assert made.status_code == 422 and _fields(made) == ["expected_close"], made.json()
    assert not Deal.objects.filter(name="二期").exists()
