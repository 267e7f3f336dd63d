"""On a phone (390 px) the top bar is two rows, not four: brand, language and user above, the menu below on one
line that scrolls sideways with the current page's entry in sight; in both languages."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import login, screenshot


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_on_a_phone_the_top_bar_is_two_rows_with_the_current_entry_in_sight(
    browser, live_server, demo_world, locale
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale=locale, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.base_url = live_server.url
    try:
        login(page)
        page.goto(live_server.url + "/teams/")  # the fifth entry of six: off a 390 px line unless scrolled
        bar = page.locator(".topbar").bounding_box()
        assert bar["height"] <= 120, bar
        current = page.locator(".mainnav [aria-current=page]").bounding_box()
        assert current["x"] >= 0 and current["x"] + current["width"] <= 390, current
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, f"topbar-390-{locale}")
    finally:
        context.close()
