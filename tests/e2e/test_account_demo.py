"""The demo accounts read as battle maps in both languages: each view of each account, with screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot, speak

VIEWS = [
    ("", "org"),
    ("circle/", "circle"),
    ("chain/", "chain"),
    ("power/", "power"),
    ("portrait/", "portrait"),
    ("timeline/", "timeline"),
]


@pytest.mark.parametrize("slug", ["hdny", "northwind"])
def test_demo_account_views(page, demo_world, slug):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page)
    for lang in ("zh", "en"):
        for path, name in VIEWS:
            response = page.goto(f"{page.base_url}/accounts/{slug}/{path}")
            assert response.status == 200
            if name == "org":
                page.wait_for_selector("#orgchart[data-layout-done]", timeout=15000)
                drawn = page.evaluate("() => window.battlemapOrgChart.size()")
                bodies = len(page.evaluate("() => window.battlemapOrgChart.bodies()"))  # decision bodies
                assert drawn - bodies == page.locator("#org-table tbody tr[data-person]").count() > 3
            screenshot(page, f"demo_{slug}_{name}_{lang}")
        if lang == "zh":
            speak(page, "en")
    assert errors == []


def test_demo_portfolio(page, demo_world):
    login(page)
    page.goto(f"{page.base_url}/accounts/")
    rows = page.locator("#portfolio tbody tr")
    assert rows.count() >= 2
    page.fill("input[name=q]", "huadong")
    page.click(".filters button.primary")
    # The click navigates: wait for the filtered page, not the one being left.
    expect(page.locator("#portfolio tbody tr")).to_have_count(1)
    assert "华东省能源投资集团" in page.locator("#portfolio").inner_text()
    screenshot(page, "demo_portfolio_search")
