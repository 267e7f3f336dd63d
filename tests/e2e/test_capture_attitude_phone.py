"""Log an interaction on a 390 px phone: each attitude box shows its whole choice. Capped at 9.5rem, the boxes read
"— unchanged ·" (a new rep's first hour, session 43)."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.e2e.conftest import phone, screenshot, speak

# how wide each attitude box is, and how wide it is with room for its longest choice
WIDTHS = """() => [...document.querySelectorAll('#participants-table select')].map(s => {
  const drawn = s.offsetWidth;
  const kept = s.style.cssText;
  s.style.cssText = 'width: max-content !important; max-width: none !important; min-width: 0 !important';
  const needed = s.offsetWidth;
  s.style.cssText = kept;
  return [s.name, drawn, needed];
})"""


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_attitude_boxes_show_their_whole_choice_on_a_phone(browser, live_server, small, language):
    f.person(account=small, name="Margaret Hale", title="Chief Executive Officer")
    f.person(account=small, name="Priya Raman", title="Chief Operating Officer")
    with phone(browser, live_server, locale="en-US") as page:
        speak(page, language)
        page.goto(f"{page.base_url}/accounts/{small.slug}/interactions/new/")
        page.locator("#participants-table select").first.wait_for()
        screenshot(page, f"capture-attitude-phone-{language}")
        widths = page.evaluate(WIDTHS)
        assert len(widths) == 3
        assert [w for w in widths if w[1] < w[2]] == [], widths
        # and the page does not widen for them
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
