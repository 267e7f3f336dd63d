"""The org chart page's people on a 390 px phone: their cards run down the page. They scrolled inside a 640 px box
inside the scrolling page, so a thumb scrolling the page got stuck in the table (a new rep's first hour, session 43);
a wide screen keeps its table in the box beside the page."""

from __future__ import annotations

from tests import factories as f
from tests.e2e.conftest import login, phone, screenshot

BOX = """() => { const wrap = document.querySelector('#org-table').closest('.table-wrap');
  return [wrap.scrollHeight - wrap.clientHeight, getComputedStyle(wrap).overflowY,
          document.documentElement.scrollWidth]; }"""


def test_the_people_cards_run_down_the_page_on_a_phone(browser, live_server, small):
    boss = small.people.get()
    for i in range(24):
        f.person(
            account=small, name=f"Member {i:02d}", title="Regional Fleet Manager, South", reports_to=boss
        )
    with phone(browser, live_server, locale="en-US") as page:
        page.goto(f"{page.base_url}/accounts/{small.slug}/")
        page.locator("#org-table tbody tr").last.wait_for()
        screenshot(page, "org-table-phone")
        hidden, overflow, width = page.evaluate(BOX)
        assert (hidden, overflow) == (0, "visible")
        assert width <= 390

    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US")
    try:
        wide = context.new_page()
        wide.base_url = live_server.url
        login(wide)
        wide.goto(f"{live_server.url}/accounts/{small.slug}/")
        wide.locator("#org-table tbody tr").last.wait_for()
        hidden, overflow, _ = wide.evaluate(BOX)
        assert hidden > 0 and overflow == "auto"  # 25 rows in the 640 px box, as before
    finally:
        context.close()
