"""The mail upload in Chromium: an Outlook/Exchange archive uploaded into the demo account, the summary naming
the customer domain it chose, the user correcting it on the page and the archive linked on the second upload."""

from __future__ import annotations

from pathlib import Path

from battlemap.interactions.models import Interaction
from tests.e2e.conftest import login, screenshot

ARCHIVE = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "12_exchange_x500.mbox"


def _upload(page, customer: str | None = None) -> str:
    page.set_input_files("input[name=files]", str(ARCHIVE))
    page.fill("input[name=our_domains]", "ourco.example")
    if customer is not None:
        page.fill("input[name=customer_domains]", customer)
    page.click("form[enctype] button.primary")
    page.wait_for_load_state("networkidle")
    return page.inner_text("body")


def test_the_customer_domain_is_named_and_can_be_corrected(demo_world, page):
    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/mail/")
    text = _upload(page)
    # the demo's people are at hdny.com.cn: that is chosen, never the Outlook relay of the X.500 addresses
    assert "hdny.com.cn" in text and "outlook" not in text.lower()
    assert "Zhou, Min" in text
    screenshot(page, "mail-upload-zh-first")
    assert "hdny.com.cn" in page.input_value("input[name=customer_domains]")  # the page offers to change it
    text = _upload(page, customer="hdny.example")
    assert page.input_value("input[name=customer_domains]") == "hdny.example"
    assert Interaction.objects.filter(account__slug="hdny", source="mail").count() == 3
    screenshot(page, "mail-upload-zh-corrected")
    assert "未匹配到任何人的 Exchange 地址（已跳过，不作为建议）：Zhou, Min" in text
    page.click("text=English")
    page.wait_for_load_state("networkidle")
    page.goto(f"{page.base_url}/accounts/hdny/mail/")
    text = page.inner_text("body")
    assert "Customer domains: hdny.example" in text and "Wrong? Change them in the form below." in text
    screenshot(page, "mail-upload-en")
