"""The org chart's "查看某日的地图" and the map-as-of page take a day as the rest of the app does (core.dates.DayInput):
a text box showing YYYY-MM-DD, whatever the browser's language. It was the browser's date box, which an English
browser laid out as mm/dd/yyyy in the Chinese UI, and which made "2026/11/30" typed key by key into another day.
A day that cannot be read is refused beside the box, naming it ("日期：…")."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from tests.e2e.conftest import login, phone, screenshot, speak


def _english_browser(browser, live_server, width: int):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="en-US")
    page = context.new_page()
    page.base_url = live_server.url
    login(page)
    speak(page, "zh-hans")  # the Chinese UI, chosen in the top bar (kept for the user)
    return context, page


def test_the_as_of_day_is_typed_as_yyyy_mm_dd_in_the_chinese_ui(browser, live_server, small):
    day = timezone.localdate() - timedelta(days=3)
    context, page = _english_browser(browser, live_server, 1366)
    try:
        page.goto(f"{page.base_url}/accounts/small/")
        box = page.locator("#asof-on")
        assert box.get_attribute("type") == "text" and box.get_attribute("placeholder") == "YYYY-MM-DD"
        box.press_sequentially(day.strftime("%Y/%m/%d"))  # as a Chinese seller types it
        page.locator("#asof-pick button").click()
        page.wait_for_url(re.compile(r"/as-of/"))
        assert f"{day.isoformat()} 时的地图" in page.locator("h2").first.inner_text()
        assert page.input_value("#asof-day") == day.isoformat()
        screenshot(page, "as-of-day-1366")
        page.fill("#asof-day", day.strftime("%m/%d/%Y"))  # month first: two days, refused, not guessed
        page.locator("#asof-form button").click()
        alert = page.locator("#asof-error").inner_text()
        assert alert.startswith("日期：") and day.strftime("%m/%d/%Y") in alert, alert
    finally:
        context.close()
    with phone(browser, live_server, locale="en-US") as small_screen:
        small_screen.goto(f"{small_screen.base_url}/accounts/small/as-of/?on={day.isoformat()}")
        assert small_screen.input_value("#asof-day") == day.isoformat()
        screenshot(small_screen, "as-of-day-390")
        width = small_screen.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, width
