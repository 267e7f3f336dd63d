"""The manager's pipeline and map-quality report on the demo, in Chinese and English, wide and narrow."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot, speak

WIDTHS = [(1440, 900), (390, 844)]


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_the_manager_reviews_the_pipeline_and_map_quality(page, demo_world, width, height):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_viewport_size({"width": width, "height": height})
    login(page, "manager", "manager")
    for lang in ("zh", "en"):
        page.goto(f"{page.base_url}/deals/")
        rows = page.locator("#pipeline tbody tr[data-deal]")
        expect(rows.first).to_be_visible()
        assert rows.count() >= 2  # the demo rep's open deals: the manager's default
        assert page.locator("#pipeline svg.spark").count() >= 1
        assert page.locator("#pipeline-totals tbody tr").count() >= 1
        nav = page.locator(".mainnav a[aria-current=page]")
        assert nav.inner_text() == ("商机管道" if lang == "zh" else "Pipeline")
        # no sideways page scroll, even with every entry of the top navigation
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        screenshot(page, f"pipeline_{lang}_{width}")
        page.goto(f"{page.base_url}/deals/quality/")
        expect(page.locator("#quality tbody tr[data-deal]").first).to_be_visible()
        assert page.locator("#quality-owners tbody tr[data-owner]").count() >= 1
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        screenshot(page, f"map_quality_{lang}_{width}")
        # a deal cell opens the deal room
        page.locator("#quality tbody tr[data-deal] a.qband").first.click()
        page.wait_for_url("**/deals/*/")
        if lang == "zh":
            page.goto(f"{page.base_url}/deals/")
            speak(page, "en")
    assert errors == []


def test_filtering_the_pipeline_by_stage(page, demo_world):
    login(page, "manager", "manager")
    page.goto(f"{page.base_url}/deals/")
    stage = page.locator("#pipeline tbody tr[data-deal]").first.locator("td").nth(3).inner_text()
    page.select_option("select[name=stage]", label=stage)
    page.click(".filters button.primary")
    page.wait_for_url("**stage=*")
    cells = page.locator("#pipeline tbody tr[data-deal] td:nth-child(4)")
    expect(cells.first).to_have_text(stage)
    assert set(cells.all_inner_texts()) == {stage}
