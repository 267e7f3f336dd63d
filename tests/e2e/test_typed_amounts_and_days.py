"""Chromium, as the tester typed it (trial 21, finding 13): "1,200万" into the deal's amount and
"2026/12/31" into its close date are stored as 12,000,000 and that day, on a 1280-px screen and a 390-px phone;
the edit form shows the amount back grouped."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories as f
from tests.e2e.conftest import login, phone, screenshot


@pytest.fixture
def hospital(transactional_db):
    demo = f.user("demo", password="demo")
    return f.account(owner=demo, slug="hospital", name="江南省人民医院")


def _create(page, name: str, year: int) -> None:
    page.goto(f"{page.base_url}/accounts/hospital/deals/new/")
    page.fill("#id_name", name)
    page.locator("#id_amount").press_sequentially("1,200万")  # typed key by key, as a seller does
    page.locator("#id_expected_close").press_sequentially(f"{year}/12/31")
    page.click("#deal-form button[type=submit]")
    page.wait_for_url(re.compile(r"/deals/\d+/$"))


def test_the_deal_form_stores_what_a_chinese_seller_types(page, browser, live_server, hospital):
    from battlemap.deals.models import Deal

    year = timezone.localdate().year + 1
    login(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    _create(page, "全院智慧医疗信息平台", year)
    deal = Deal.objects.get(name="全院智慧医疗信息平台")
    assert deal.amount == Decimal(12000000) and deal.expected_close == date(year, 12, 31)
    said = " ".join(page.locator(".message[role=status]").all_inner_texts())
    assert "12,000,000 CNY" in said, said
    screenshot(page, "typed-amount-1280-room")
    page.goto(f"{page.base_url}/accounts/hospital/deals/{deal.pk}/edit/")
    assert page.input_value("#id_amount") == "12,000,000"
    assert page.input_value("#id_expected_close") == f"{year}-12-31"
    screenshot(page, "typed-amount-1280-edit")
    page.fill("#id_amount", "1,2")  # not read exactly: refused beside the field, nothing saved
    page.click("#deal-form button[type=submit]")
    assert "120万" in page.locator("#field-amount").inner_text()
    screenshot(page, "typed-amount-1280-refused")
    assert Deal.objects.get(pk=deal.pk).amount == Decimal(12000000)
    with phone(browser, live_server) as small:
        _create(small, "二期", year)
        assert Deal.objects.get(name="二期").amount == Decimal(12000000)
        small.goto(f"{small.base_url}/accounts/hospital/deals/new/")
        screenshot(small, "typed-amount-390-new")
        width = small.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, width
