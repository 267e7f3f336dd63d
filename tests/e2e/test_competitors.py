"""The competitor view in Chromium: the deal's competitors with who favours them, a note edited in place,
and win/loss by competitor with a cell opening its deals — in Chinese and English, and at 390 px."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from battlemap.accounts.models import Account
from battlemap.deals.models import Deal
from battlemap.deals.services import deal_close, deal_create
from tests.e2e.conftest import login, screenshot, speak

DEAL = "智慧能源物联网平台一期"


def _closed_deals() -> None:
    account = Account.objects.get(slug="hdny")
    for name, outcome, lost_to, reason, amount in (
        ("二期储能监控", "lost", "华为云", "对方报价低 20%，并承诺驻场团队", "3600000"),
        ("园区能耗平台", "won", "", "行业案例更完整，试点效果好", "1800000"),
        ("<script>alert(1)</script>", "lost", "阿里云 ", "<b>价格</b>", "500000"),
    ):
        deal = deal_create(
            account=account, name=name, amount=Decimal(amount), competitors=["华为云", "阿里云"]
        )
        deal_close(deal=deal, version=deal.version, outcome=outcome, reason=reason, lost_to=lost_to)


def _fits(page, url: str) -> None:
    scroll, inner = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert scroll <= inner, f"{url}: the page scrolls sideways ({scroll} > {inner})"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deal_competitors_and_win_loss(browser, live_server, demo_world, lang):
    _closed_deals()
    deal = Deal.objects.get(account__slug="hdny", name=DEAL)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    problems: list[str] = []
    page.on("dialog", lambda d: (problems.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.base_url = live_server.url
    login(page)
    if lang == "en":
        speak(page, "en")
    page.goto(f"{page.base_url}/accounts/hdny/deals/{deal.pk}/")
    page.click(f"a[href='/accounts/hdny/deals/{deal.pk}/competitors/']")
    page.wait_for_url(re.compile(r"/competitors/$"))
    cards = page.locator("section.competitor")
    assert cards.count() == 3  # 华为云, 阿里云, 浪潮
    huawei = cards.filter(has_text="华为云")
    assert huawei.locator(".favoured li").count() >= 1  # the demo's 赵 favours 华为云
    huawei.locator("summary").click()
    huawei.locator("textarea[name=strengths]").fill("本地交付团队，报价灵活")
    huawei.locator("textarea[name=offer]").fill("一期报价 980 万，三年免费运维")
    huawei.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/competitors/#c-[0-9a-f]{8}$"))
    huawei = page.locator("section.competitor").filter(has_text="华为云")
    assert "三年免费运维" in huawei.locator("dd.offer").inner_text()
    screenshot(page, f"competitors-01-deal-{lang}")

    page.click("nav.mainnav a[href='/competitors/']")
    page.wait_for_url(re.compile(r"/competitors/$"))
    row = page.locator("#win-loss tbody tr").filter(has_text="华为云")
    assert row.locator("td").nth(1).inner_text().startswith("1")  # lost to them once
    row.locator("td").nth(1).locator("a").click()
    page.wait_for_url(re.compile(r"o=lost_to_them"))
    assert page.locator(".closed-deals li").count() == 1
    assert "对方报价低 20%" in page.locator(".closed-deals").inner_text()
    screenshot(page, f"competitors-02-win-loss-{lang}")

    page.set_viewport_size({"width": 390, "height": 844})
    for name, url in (
        ("deal", f"/accounts/hdny/deals/{deal.pk}/competitors/"),
        ("win-loss", "/competitors/?c=华为云"),
        ("account", "/accounts/hdny/competitors/"),
    ):
        page.goto(page.base_url + url)
        page.wait_for_load_state("networkidle")
        _fits(page, url)
        screenshot(page, f"competitors-03-phone-{name}-{lang}")
    assert problems == []
    context.close()
