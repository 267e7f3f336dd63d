"""Trial 23 on a phone (390 px) and on the power map: the power map keeps a readable size and scrolls
sideways in its own box (it shrank to ~330 px with ~5 px labels), its table and the deal room's coverage grid
become a card per person (names broke as 刘志/强; the grid was 808 px wide with attitude, influence and last
contact off the screen), and no label stands in a marked zone that is not its dot's (a neutral decision
maker's label inside the pink 强势反对者 area)."""

from __future__ import annotations

from playwright.sync_api import expect

from battlemap.accounts.models import Account
from battlemap.deals.models import Deal
from tests.e2e.conftest import login, screenshot
from tests.e2e.test_polish_narrow import _fits, _phone

# each label's box and its dot's zone, against the drawn band and pink area (in the SVG's own units)
LABEL_ZONES = """() => {
  const svg = document.querySelector('svg.power-chart');
  const box = r => { const b = r.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
  const band = box(svg.querySelector('rect.unknown-band')), pink = box(svg.querySelector('rect.danger'));
  const inside = (x, y, r) => r[0] <= x && x <= r[2] && r[1] <= y && y <= r[3];
  const meets = (a, r) => a[0] < r[2] && r[0] < a[2] && a[1] < r[3] && r[1] < a[3];
  const wrong = [];
  for (const g of svg.querySelectorAll('g')) {
    const label = g.querySelector('text[data-label]'), dot = g.querySelector('circle');
    if (!label || !dot) continue;
    const x = +dot.getAttribute('cx'), y = +dot.getAttribute('cy'), b = box(label);
    const zone = inside(x, y, band) ? 'band' : inside(x, y, pink) ? 'pink' : 'field';
    if (zone !== 'band' && meets(b, band)) wrong.push(label.textContent + ' over the Not known yet band');
    if (zone === 'field' && meets(b, pink)) wrong.push(label.textContent + ' in the powerful opponents area');
    if (zone === 'band' && (b[0] < band[0] || b[2] > band[2])) wrong.push(label.textContent + ' out of its band');
  }
  return wrong;
}"""


def _on_a_phone(browser, live_server, path: str, what: str):
    """A 390 px phone signed in on `path` of the demo's first deal, the page not scrolling sideways."""
    deal = Deal.objects.filter(account__slug="hdny").order_by("pk").first()
    context, page = _phone(browser, live_server)
    login(page)
    page.goto(page.base_url + path.format(deal=deal.pk))
    _fits(page, what)
    return context, page


def test_power_map_labels_stay_in_their_own_zone(page, demo_world):
    login(page)
    for account in Account.objects.all():
        for deal in account.deals.all():
            page.goto(f"{page.base_url}/accounts/{account.slug}/power/?deal={deal.pk}")
            assert page.evaluate(LABEL_ZONES) == [], f"{account.slug} deal {deal.pk}"
    screenshot(page, "power_zones")


def test_at_390px_the_power_map_is_readable_and_its_table_keeps_names_whole(browser, live_server, demo_world):
    context, page = _on_a_phone(browser, live_server, "/accounts/hdny/power/?deal={deal}", "power map")
    chart = page.locator("svg.power-chart")
    width = chart.evaluate("el => el.getBoundingClientRect().width")
    assert width >= 600, f"the power map is drawn {width} px wide"
    size = page.locator("svg.power-chart text[data-label]").first.evaluate(
        "el => el.getBoundingClientRect().height"
    )
    assert size >= 10, f"its labels are {size} px high"
    expect(page.locator("#power-swipe")).to_be_visible()
    scroller = page.locator(".chart-scroll")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")  # scrolls in its own box
    # every name in the table on one line: as high as one line of its text
    broken = page.evaluate(
        """() => [...document.querySelectorAll('#power-table a.name')].filter(a => {
             const line = parseFloat(getComputedStyle(a).lineHeight) || a.getBoundingClientRect().height;
             return a.getClientRects().length > 1 || a.getBoundingClientRect().height > line * 1.5;
           }).map(a => a.textContent)"""
    )
    assert broken == []
    screenshot(page, "power_390")
    context.close()


# the smallest text of an SVG chart as drawn: its labels' 12 px scaled to the drawn width of its viewBox
DRAWN_TEXT_PX = """svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
  * Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize)))"""


def test_at_390px_the_influence_circle_is_readable_and_swipes_as_the_power_map(
    browser, live_server, demo_world
):
    # the trial: the circle shrank to 366 px with 7-8 px labels and no swipe, beside a power map that swipes
    context, page = _on_a_phone(
        browser, live_server, "/accounts/hdny/circle/?deal={deal}", "influence circle"
    )
    chart = page.locator("svg.chart")
    assert chart.evaluate(DRAWN_TEXT_PX) >= 10, "the circle's labels are under 10 px"
    expect(page.locator("#circle-swipe")).to_be_visible()
    assert page.locator(".chart-scroll").evaluate("el => el.scrollWidth > el.clientWidth")
    screenshot(page, "circle_390")
    context.close()
    # on a desktop it stays as wide as its column, beside its table: no hint, nothing to swipe
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.base_url = live_server.url
    login(page)
    page.goto(live_server.url + "/accounts/hdny/circle/")
    expect(page.locator("#circle-swipe")).to_be_hidden()
    assert page.locator(".chart-scroll").evaluate("el => el.scrollWidth <= el.clientWidth")
    context.close()


def test_at_390px_the_coverage_grid_is_a_card_per_person_with_everything_in_sight(
    browser, live_server, demo_world
):
    context, page = _on_a_phone(browser, live_server, "/accounts/hdny/deals/{deal}/", "deal room")
    grid = page.locator("table.coverage")
    sizes = grid.evaluate("t => [t.scrollWidth, t.parentElement.clientWidth]")
    assert sizes[0] <= sizes[1], f"the coverage grid is {sizes[0]} px wide in {sizes[1]} px"
    first = grid.locator("tbody tr").first
    for what in (".att", "td[data-label]"):
        box = first.locator(what).first.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390, what
    held = first.locator("td.cell[data-role]").first
    role = held.get_attribute("data-role")
    assert role and role in held.evaluate("td => getComputedStyle(td, '::before').content")
    screenshot(page, "coverage_390")
    context.close()
