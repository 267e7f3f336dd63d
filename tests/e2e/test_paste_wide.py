"""The paste preview at 1366 px: the table ran ~60 px past its card, the Duties column cut off behind a sideways
scroll a seller had to find. Its columns share the card's width now, each field as wide as its column, in both
languages (a phone keeps the sideways scroll: test_paste_phone)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import login, paste_preview, screenshot

PASTED = (
    "Our leadership\n\nZhang Wei\nChairman\nPresides over the board's work and oversees procurement and logistics\n"
    "zhang.wei@hdny.cn\n+86 139 1234 5678\n\n"
    "钱思远 | 华东能源集团有限公司 | 党委书记、董事长 | 分管财务部、审计部、信息中心、采购部 | qiansiyuan@hdny.cn\n\n"
    "Jane Doe | Contoso Ltd | CIO at Northwind Logistics International | jane.doe@contoso.example"
)


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_at_1366_px_the_paste_preview_fits_its_card(browser, live_server, demo_world, locale):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale=locale)
    page = context.new_page()
    page.base_url = live_server.url
    try:
        login(page)
        table = paste_preview(page, PASTED)
        box = page.locator("#paste-add-form .table-scroll")
        width = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
        assert width[0] <= width[1], width  # no sideways scroll
        card = page.locator("#paste-add-form").bounding_box()
        duties = table.locator("textarea[name^=duties_]").first.bounding_box()
        assert duties["x"] + duties["width"] <= card["x"] + card["width"], (duties, card)  # in sight
        assert duties["width"] >= 180, duties  # a line of duties still reads
        for field in table.locator("input[name^=name_], input[name^=email_]").all():
            assert field.bounding_box()["width"] >= 90  # a name, an address's start, still read
        screenshot(page, f"paste-preview-1366-{locale}")
    finally:
        context.close()
