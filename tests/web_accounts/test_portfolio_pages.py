"""The portfolio a page at a time (accounts.views.PORTFOLIO_PAGE accounts a page): the next accounts on the
next page, filters and sort kept in the page links, the count of every account listed, a page out of range,
an outsider's accounts on no page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.accounts import views
from tests import factories as f

PER_PAGE = 2


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "PORTFOLIO_PAGE", PER_PAGE)


@pytest.fixture
def more(world):
    """Four more accounts of alice's (Acme 1–4; 1 and 3 growing) and two more of mallory's."""
    mine = [
        f.account(
            owner=world.owner, slug=f"acme{n}", name=f"Acme {n}", lifecycle="growing" if n % 2 else "prospect"
        )
        for n in range(1, 5)
    ]
    for n in (1, 2):
        f.account(owner=world.outsider, slug=f"evil{n}", name=f"Evil {n}")
    return mine


def _names(client, **query) -> list[str]:
    response = client.get(reverse("portfolio"), query)
    assert response.status_code == 200
    return [row.account.name for row in response.context["rows"]]


def _html(client, **query) -> str:
    return client.get(reverse("portfolio"), query).content.decode()


def test_page_two_shows_the_next_accounts(owner_client, world, more):
    assert _names(owner_client) == ["Acme 1", "Acme 2"]
    assert _names(owner_client, page=2) == ["Acme 3", "Acme 4"]
    assert _names(owner_client, page=3) == ["国电智慧能源集团", "Northwind Logistics"]
    assert _names(owner_client, sort="-name", page=2) == ["Acme 4", "Acme 3"]


def test_the_page_links_keep_the_filters_and_the_sort(owner_client, world, more):
    html = _html(owner_client, lifecycle="growing", sort="-name", q="")
    href = re.search(r'<a rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "lifecycle=growing" in href and "sort=-name" in href and "page=2" in href
    response = owner_client.get(reverse("portfolio") + href)
    assert [r.account.name for r in response.context["rows"]] == ["Acme 1"]  # growing: 国电, Acme 3, Acme 1


def test_the_count_is_of_every_account_listed_on_any_page(owner_client, world, more):
    for number in (1, 2, 3):
        assert 'id="accounts-count">(6)</span>' in _html(owner_client, page=number)
    assert 'id="accounts-count">(3)</span>' in _html(owner_client, lifecycle="growing", page=2)


def test_a_page_out_of_range_shows_the_last_page_and_not_a_number_the_first(owner_client, world, more):
    assert _names(owner_client, page=99) == _names(owner_client, page=3)
    assert _names(owner_client, page="abc") == _names(owner_client) == ["Acme 1", "Acme 2"]


def test_no_page_shows_an_account_the_user_may_not_see(owner_client, client, world, more):
    seen = [name for number in (1, 2, 3) for name in _names(owner_client, page=number)]
    assert sorted(seen) == sorted(
        ["Acme 1", "Acme 2", "Acme 3", "Acme 4", "国电智慧能源集团", "Northwind Logistics"]
    )
    client.force_login(world.teammate)  # bob: the team's 国电 only
    assert _names(client) == ["国电智慧能源集团"] and 'class="pager"' not in _html(client)
    for number in (1, 2, 99):
        assert "Mallory Corp" not in _html(client, page=number) and "Evil" not in _html(client, page=number)
