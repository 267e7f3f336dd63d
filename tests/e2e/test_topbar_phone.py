"""On a phone (390 px) the top bar is two rows, not four: brand, language and user above, the menu below on one
line that scrolls sideways with the current page's entry in sight; in both languages."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import phone, screenshot


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_on_a_phone_the_top_bar_is_two_rows_with_the_current_entry_in_sight(
    browser, live_server, demo_world, locale
):
    with phone(browser, live_server, locale) as page:
        page.goto(live_server.url + "/teams/")  # the fifth entry of six: off a 390 px line unless scrolled
        bar = page.locator(".topbar").bounding_box()
        assert bar["height"] <= 120, bar
        current = page.locator(".mainnav [aria-current=page]").bounding_box()
        assert current["x"] >= 0 and current["x"] + current["width"] <= 390, current
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, f"topbar-390-{locale}")
        page.goto(live_server.url + "/accounts/")  # whole in sight already: the menu is not scrolled
        assert page.evaluate("document.querySelector('.mainnav').scrollLeft") == 0
