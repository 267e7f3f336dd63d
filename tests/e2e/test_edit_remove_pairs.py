"""Every edit / remove pair is one pair: the deal room's action items drew Edit 25 px high beside Delete 23 px, its
decision bodies and the influence links a small 12 px "edit" link beside a bordered 37 px "remove" button, the
outside factors two underlined words. One rule (app.css `.row-actions`) draws them alike: the same height, font,
border and line, on a desktop and, at 44 px, on a phone."""

from __future__ import annotations

from battlemap.deals.models import Deal
from tests.e2e.conftest import login, phone, screenshot

# each pair of the page — a form's button right after an edit link, as every pair is written — [its edit's box and look,
# its remove's], drawn ones only
PAIRS = """() => [...document.querySelectorAll('form')].filter(f => f.getClientRects().length
    && f.previousElementSibling && f.previousElementSibling.matches('a') && f.querySelector('button')
    && ['edit', '编辑'].includes(f.previousElementSibling.textContent.trim())).map(f => {
  const look = (e) => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return {text: e.textContent.trim(), h: Math.round(r.height), top: Math.round(r.top), font: s.fontSize,
            border: s.borderTopWidth, line: s.textDecorationLine}; };
  return [look(f.previousElementSibling), look(f.querySelector('button'))]; })"""


def _pages() -> dict[str, tuple[str, int]]:
    """Where pairs are, with how many the demo draws there at least."""
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    return {
        "deal room (action items, decision bodies)": (f"/accounts/hdny/deals/{deal.pk}/", 4),
        "people (influence links)": ("/accounts/hdny/people/", 4),
        "influence circle (outside factors)": ("/accounts/hdny/circle/", 2),
    }


def _check(page, least_height: int, most_height: int) -> None:
    for name, (url, least) in _pages().items():
        page.goto(page.base_url + url)
        pairs = page.evaluate(PAIRS)
        assert len(pairs) >= least, name
        for edit, remove in pairs:
            assert edit["h"] == remove["h"] and abs(edit["top"] - remove["top"]) <= 1, (name, edit, remove)
            assert least_height <= edit["h"] <= most_height, (name, edit)
            assert (edit["font"], edit["border"], edit["line"]) == (
                remove["font"],
                remove["border"],
                remove["line"],
            )
            assert edit["border"] == "1px" and edit["line"] == "none", (name, edit)


def test_an_edit_and_its_remove_look_alike_on_a_desktop(page, demo_world):
    login(page)
    _check(page, 20, 32)
    screenshot(page, "edit-remove-pairs-1366")


def test_an_edit_and_its_remove_look_alike_on_a_phone(browser, live_server, demo_world):
    with phone(browser, live_server) as small:
        _check(small, 44, 60)
