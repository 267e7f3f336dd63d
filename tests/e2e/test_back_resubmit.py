"""Back, then the same create form sent again, makes nothing a second time (a team's trial, in a real browser:
create a deal, press Back, press "Create deal" again → two deals). Back draws the no-store form again with a
fresh one-time token; the page's history entry remembers the token it sent and what was typed (app.js), so the
same form sent again goes with the first token and the server sends it to what the first one made, saying it was
saved already. Every create form carries the token, so each shares this."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.conftest import login, screenshot

DEAL_ROOM = re.compile(r"/deals/(\d+)/$")
ALREADY = re.compile("这个表单已经提交过|This form had been sent already")


def test_back_and_create_deal_again_makes_one_deal_and_shows_it(page, small):
    from battlemap.deals.models import Deal

    login(page)
    page.goto(f"{page.base_url}/accounts/small/deals/new/")
    page.fill("#id_name", "二期扩容")
    page.fill("#id_amount", "120万")
    page.locator("#deal-form button[type=submit]").click()
    page.wait_for_url(DEAL_ROOM)
    first = page.url
    page.go_back()
    page.wait_for_load_state("networkidle")
    # the form as the user had sent it (a browser restoring it, autofill, or typed again)
    page.fill("#id_name", "二期扩容")
    page.fill("#id_amount", "120万")
    page.locator("#deal-form button[type=submit]").click()
    page.wait_for_url(DEAL_ROOM)
    page.wait_for_load_state("networkidle")
    assert page.url == first  # the deal made the first time
    expect(page.locator(".message", has_text=ALREADY)).to_have_count(1)
    expect(page.locator("h1")).to_contain_text("二期扩容")
    screenshot(page, "back-resubmit-deal-already-saved")
    assert Deal.objects.filter(account=small, name="二期扩容").count() == 1

    # another deal typed on that page is another deal
    page.go_back()
    page.wait_for_load_state("networkidle")
    page.fill("#id_name", "三期")
    page.locator("#deal-form button[type=submit]").click()
    page.wait_for_url(DEAL_ROOM)
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_contain_text("三期")
    assert Deal.objects.filter(account=small).count() == 2

    # Back, the first deal's name again with another amount: no replay (other values), and not a second 二期扩容
    # unasked — the form shows the deal already made, to open, or a tick to add another of that name
    page.go_back()
    page.wait_for_load_state("networkidle")
    page.fill("#id_name", "二期扩容")
    page.fill("#id_amount", "130万")
    page.locator("#deal-form button[type=submit]").click()
    already = page.locator("#already-in-account")
    expect(already).to_be_visible()
    expect(already.get_by_role("link", name="二期扩容")).to_have_attribute(
        "href", re.compile(r"/deals/\d+/$")
    )
    screenshot(page, "deal-name-already-in-account")
    assert Deal.objects.filter(account=small, name="二期扩容").count() == 1
    already.get_by_role("link", name="二期扩容").click()
    page.wait_for_url(first)


def test_back_and_log_the_meeting_again_logs_it_once(page, small):
    from battlemap.interactions.models import Interaction

    deal = f.deal(account=small, name="一期", stage="evaluation")
    login(page)
    room = f"{page.base_url}/accounts/small/deals/{deal.pk}/"
    page.goto(room)
    page.get_by_role("link", name="记录互动").click()
    page.locator("#interaction-form").wait_for()

    def fill():
        page.fill("#id_summary", "演示产线方案")
        page.fill("#id_new_name", "钱伟")
        page.fill("#id_new_title", "IT 架构师")
        page.fill("#id_next_step", "安排产线演示")

    fill()
    page.locator("#interaction-form button[type=submit]").click()
    page.wait_for_url(DEAL_ROOM)
    page.wait_for_load_state("networkidle")
    assert Interaction.objects.filter(account=small).count() == 1
    page.go_back()
    page.locator("#interaction-form").wait_for()
    page.wait_for_load_state("networkidle")
    fill()
    page.locator("#interaction-form button[type=submit]").click()
    page.wait_for_url(room)
    page.wait_for_load_state("networkidle")
    expect(page.locator(".message", has_text=ALREADY)).to_have_count(1)
    screenshot(page, "back-resubmit-meeting-already-saved")
    assert Interaction.objects.filter(account=small).count() == 1
    assert small.people.filter(name="钱伟").count() == 1
    assert deal.action_items.count() == 1


def test_back_and_add_the_person_again_adds_one(page, small):
    """An htmx create (the person form, sent on by HX-Redirect) shares the one mechanism."""
    from battlemap.people.models import Person

    login(page)
    page.goto(f"{page.base_url}/accounts/small/people/new/")
    page.fill("#id_name", "赵丽")
    page.locator("#person-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/people/\d+/$"))
    first = page.url
    page.go_back()
    page.wait_for_load_state("networkidle")
    page.fill("#id_name", "赵丽")
    page.locator("#person-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/people/\d+/$"))
    page.wait_for_load_state("networkidle")
    assert page.url == first
    expect(page.locator(".message", has_text=ALREADY)).to_have_count(1)
    assert Person.objects.filter(account=small, name="赵丽").count() == 1
