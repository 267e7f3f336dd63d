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
    # the summary's domains, to the end of their sentence (the form's help below names Outlook's .msg files)
    summary = text.split("客户域名：", 1)[1].split("。", 1)[0]
    assert "hdny.com.cn" in summary and "outlook" not in summary.lower()
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


OWN = Path(__file__).resolve().parents[1] / "fixtures" / "realworld_own"


def test_own_archive_calendar_and_an_undecided_activity_log(demo_world, page):
    """Files unlike the shared cases (issue #14): an Exchange archive with relay addresses, reused ids and a
    message without Date; an Outlook calendar with RRULE+EXDATE, a cancelled occurrence, declined and
    tentative attendees; an activity log whose day-month order only the user can tell."""
    from django.contrib.auth import get_user_model

    from tests import factories as f

    account = f.account(owner=get_user_model().objects.get(username="demo"), slug="cust", name="星河客户")
    for name, email in (("郑国", "zheng.guo"), ("冯雪", "feng.xue"), ("陈晨", "chen.chen")):
        f.person(account=account, name=name, email=f"{email}@cust.example")
    login(page)
    page.goto(f"{page.base_url}/accounts/cust/mail/")
    files = [str(OWN / n) for n in ("k6_exchange_relay.mbox", "k7a_outlook.ics", "k5g_activity_ambig.csv")]
    page.set_input_files("input[name=files]", files)
    page.fill("input[name=our_domains]", "ourco.example")
    page.click("form[enctype] button.primary")
    page.wait_for_load_state("networkidle")
    text = page.inner_text("body")
    assert "k5g_activity_ambig.csv" in text and "03/11/2026" in text  # refused by row, nothing written
    assert not Interaction.objects.filter(account=account).exists()
    screenshot(page, "mail-upload-own-undecided-zh")
    page.set_input_files("input[name=files]", files)
    page.fill("input[name=our_domains]", "ourco.example")
    page.select_option("select[name=date_order]", "dmy")
    page.click("form[enctype] button.primary")
    page.wait_for_load_state("networkidle")
    text = page.inner_text("body")
    assert "客户域名：cust.example（" in text  # never the outlook.com / exchangelabs.com relays
    screenshot(page, "mail-upload-own-done-zh")
    meetings = Interaction.objects.filter(account=account, kind="meeting")
    assert not meetings.filter(participants__person__name="冯雪").exists()  # declined, never met
    assert meetings.filter(participants__person__name="郑国").count() >= 6
    page.click("text=English")
    page.wait_for_load_state("networkidle")
    page.goto(f"{page.base_url}/accounts/cust/mail/")
    assert "Customer domains: cust.example" in page.inner_text("body")
    screenshot(page, "mail-upload-own-en")
