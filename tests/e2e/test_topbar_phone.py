"""On a phone (390 px) the top bar shows every entry of the menu: brand, language and user above, the menu
below, wrapping to a second line where its words are long (English) instead of running off the screen with
no sign that it scrolls; in both languages."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import phone, screenshot


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_on_a_phone_every_menu_entry_is_in_sight_and_the_bar_stays_short(
    browser, live_server, demo_world, locale
):
    with phone(browser, live_server, locale) as page:
        page.goto(live_server.url + "/teams/")
        screenshot(page, f"topbar-390-{locale}")
        bar = page.locator(".topbar").bounding_box()
        assert bar["height"] <= 160, bar  # the user row and at most two lines of 44 px touch targets
        entries = page.locator(".mainnav a")
        assert entries.count() == 6
        for i in range(entries.count()):
            box = entries.nth(i).bounding_box()
            text = entries.nth(i).inner_text()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (text, box)
            assert entries.nth(i).evaluate("e => e.scrollWidth <= e.clientWidth"), text  # not cut ("Tea…")
        assert page.evaluate("document.querySelector('.mainnav').scrollWidth") <= 390
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
