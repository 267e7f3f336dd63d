"""A reviewer's /deals/?sort=-amount ran 12,000,000 CNY, 3,000,000 CNY, 2,998,000 USD…: raw amounts compared across
currencies, while the totals are kept per currency. Amounts sort within their currency, and the column says so.
The Owner column showed "Demo Rep" while the owner filters of /deals/ and /accounts/ listed "demo": one name."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def _deal_names(html: str) -> list[str]:
    table = html[html.index('id="pipeline"') :]
    return re.findall(r'<a href="/accounts/[^"]+/deals/\d+/">([^<]+)</a>', table)


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("-amount", ["CNY 12M", "CNY 3M", "USD 5M", "USD 1M"]),
        ("amount", ["CNY 3M", "CNY 12M", "USD 1M", "USD 5M"]),
    ],
)
def test_amounts_sort_within_their_currency(client, world, sort, order):
    world.cn_deal.delete()
    for name, amount, currency in (
        ("USD 5M", 5_000_000, "USD"),
        ("CNY 12M", 12_000_000, "CNY"),
        ("USD 1M", 1_000_000, "USD"),
        ("CNY 3M", 3_000_000, "CNY"),
    ):
        f.deal(account=world.cn, name=name, stage="evaluation", amount=amount, currency=currency)
    client.force_login(world.owner)
    html = client.get(
        reverse("pipeline"), {"sort": sort, "owner": "all"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert [n for n in _deal_names(html) if n in order] == order
    assert 'title="Sorted by currency, then by amount within each currency' in html


def _owner_options(html: str) -> list[str]:
    select = html[html.index('<select name="owner"') :]
    select = select[: select.index("</select>")]
    return re.findall(r'<option value="alice"[^>]*>([^<]+)</option>', select)


@pytest.mark.parametrize("page", ["pipeline", "portfolio"])
def test_the_owner_filter_names_owners_as_the_owner_column_does(client, world, page):
    world.owner.first_name, world.owner.last_name = "Alice", "Smith"
    world.owner.save()
    client.force_login(world.owner)
    html = client.get(reverse(page), {"owner": "all"} if page == "pipeline" else {}).content.decode()
    assert _owner_options(html) == ["Alice Smith"]
    assert ">Alice Smith</td>" in html  # the column, as before
