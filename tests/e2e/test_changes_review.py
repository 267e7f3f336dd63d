"""What changed since a review made today, in Chromium at 1366 and 390 px: the rep marks the account
reviewed, then loses the deal and reopens it; "since the last review" (the page's default) shows both
moves with when and by whom, in Chinese and in English, and the page does not scroll sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.deals.models import Deal
from tests.e2e.conftest import login, screenshot
from tests.e2e.test_deal_room import watch  # noqa: F401 (fixture: script errors, alerts, 404s and 500s)


@pytest.mark.parametrize("width", [1366, 390])
def test_a_deal_lost_and_reopened_after_today_s_review_shows(browser, live_server, demo_world, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.base_url = live_server.url
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    login(page)

    page.goto(page.base_url + reverse("account_reviews", args=["hdny"]))
    with page.expect_navigation():
        page.click("form.card button.primary")  # Mark reviewed: back to the account page
    assert "/reviews/" not in page.url
    changes_url = page.base_url + reverse("account_changes", args=["hdny"])
    page.goto(changes_url)
    assert "自上次评审" in page.locator("#changes-window").inner_text()

    page.goto(page.base_url + reverse("deal_close", args=["hdny", deal.pk]))
    page.check("input[name=outcome][value=lost]")
    page.fill("textarea[name=close_reason]", "预算冻结，项目暂停")
    page.fill("input[name=lost_to]", "华为云")
    with page.expect_navigation():
        page.click("#close-form button.primary")
    assert Deal.objects.get(pk=deal.pk).status == "lost"
    with page.expect_navigation():
        page.click("#reopen-link")  # reopening asks why, as closing does
    page.fill("textarea[name=reopen_reason]", "客户追加二期预算")
    with page.expect_navigation():
        page.click("#reopen-form button.primary")
    page.locator("text=关闭（赢单/丢单）").first.wait_for()  # the room again offers to close it
    assert Deal.objects.get(pk=deal.pk).status == "open"

    page.goto(changes_url)
    moves = page.locator("#stage-moves li.status-change")
    assert moves.count() == 2
    text = page.locator("#c-stage").locator("xpath=..").inner_text()
    assert "丢单" in text and "重新打开" in text and "预算冻结" in text and "华为云" in text
    assert "客户追加二期预算" in text  # why it was reopened, as why it was lost
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page scrolls sideways ({scroll} > {width})"
    screenshot(page, f"changes-review-zh-{width}")
    page.goto(page.base_url + "/")  # This week: the same two moves beside the stage moves
    assert page.locator("#week-outcomes li").count() == 2
    page.locator("#week-outcomes").scroll_into_view_if_needed()
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"This week scrolls sideways ({scroll} > {width})"
    screenshot(page, f"changes-review-week-zh-{width}")
    page.goto(changes_url)

    with page.expect_navigation():
        page.click("form.lang button")
    text = page.locator("#c-stage").locator("xpath=..").inner_text()
    assert "Stages and outcomes" in text and "reopened" in text and "lost" in text
    assert "Since the last review" in page.locator("#changes-window").inner_text()
    screenshot(page, f"changes-review-en-{width}")
    assert errors == []
    context.close()
