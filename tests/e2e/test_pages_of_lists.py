"""The pipeline and the portfolio a page at a time, in Chromium at 1280 and 390 px: the manager sorts his
pipeline, clicks to page 2 and finds the next deals under the same sort and the same totals."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from battlemap.accounts import views as account_views
from battlemap.deals import views_pipeline
from tests import factories as f
from tests.e2e.conftest import login, screenshot

WIDTHS = [(1280, 800), (390, 844)]


@pytest.fixture
def many_deals(demo_world, monkeypatch):
    """Ten more open deals on the demo rep's accounts, four deals and one account a page."""
    from battlemap.accounts.models import Account

    monkeypatch.setattr(views_pipeline, "PIPELINE_PAGE", 4)
    monkeypatch.setattr(account_views, "PORTFOLIO_PAGE", 1)
    accounts = list(Account.objects.filter(owner__username="demo").order_by("slug"))
    today = timezone.localdate()
    for n in range(10):
        f.deal(
            account=accounts[n % len(accounts)],
            name=f"扩容二期 {n + 1}",
            stage="evaluation",
            amount=Decimal(10000 * (n + 1)),
            currency="CNY",
            expected_close=today + timedelta(days=30 + n),
        )


def _deal_ids(page) -> list[str]:
    return page.locator("#pipeline tbody tr[data-deal]").evaluate_all("rows => rows.map(r => r.dataset.deal)")


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_the_manager_pages_through_his_pipeline_and_portfolio(page, many_deals, width, height):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_viewport_size({"width": width, "height": height})
    login(page, "manager")
    page.goto(f"{page.base_url}/deals/?sort=-amount")
    first = _deal_ids(page)
    assert len(first) == 4
    count = page.locator("#deals-title").inner_text()
    totals = page.locator("#pipeline-totals").inner_text()
    pager = page.locator("nav.pager")
    expect(pager).to_be_visible()
    screenshot(page, f"pipeline_pages_1_{width}")
    pager.locator("a[rel=next]").click()
    page.wait_for_url("**page=2*")
    assert "sort=-amount" in page.url
    second = _deal_ids(page)
    assert len(second) == 4 and not set(first) & set(second)
    assert page.locator("#deals-title").inner_text() == count  # every deal counted, not the page's
    assert page.locator("#pipeline-totals").inner_text() == totals
    expect(page.locator("#pipeline a[aria-sort=descending]")).to_have_count(1)  # the sort kept
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    screenshot(page, f"pipeline_pages_2_{width}")

    page.goto(f"{page.base_url}/accounts/")
    name = page.locator("#portfolio tbody tr td a").first.inner_text()
    page.locator("nav.pager a[rel=next]").click()
    page.wait_for_url("**page=2*")
    assert page.locator("#portfolio tbody tr td a").first.inner_text() != name
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    screenshot(page, f"portfolio_pages_2_{width}")
    assert errors == []
