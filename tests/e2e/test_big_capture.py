"""The meeting form of a big account (over 200 active people) in Chromium: it lists the deal's
stakeholders and says how many people the account has; typing a name searches the account, a ticked
person joins the list and stays when searching for the next one; the meeting records both people and
the attitude changed. At 390 px the form fits the width. Names stay text."""

from __future__ import annotations

import pytest

from battlemap.deals.models import StakeholderRole
from battlemap.interactions.models import Interaction
from tests import factories as f
from tests.bigaccount import build
from tests.e2e.conftest import login, screenshot

PEOPLE = 260


@pytest.mark.parametrize("width", [1366, 390])
def test_the_big_meeting_form_searches_people_and_records_them(browser, live_server, transactional_db, width):
    from django.core.cache import cache

    cache.clear()
    account = build(owner=f.user("demo", password="demo"), people=PEOPLE, interactions=300, slug="big")
    deal = account.deals.order_by("pk").first()
    outside = account.people.filter(status="active").exclude(deal_roles__deal=deal).order_by("pk")
    first, second = outside[10], outside[20]
    first.name = "<script>alert(1)</script>甲"
    first.save()
    context = browser.new_context(
        viewport={"width": width, "height": 844}, locale="zh-CN", is_mobile=width < 500
    )
    page = context.new_page()
    page.base_url = live_server.url
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login(page)
    page.goto(f"{page.base_url}/accounts/big/interactions/new/?deal={deal.pk}")
    form = page.locator("#interaction-form")
    assert (
        str(account.people.filter(status="active").count()) in form.locator("#participants-note").inner_text()
    )
    chosen = form.locator("#participants-chosen tr")
    stakeholders = chosen.count()
    assert 0 < stakeholders < PEOPLE  # the deal's stakeholders, not every person
    search = form.locator("input.people-search")
    search.fill("script")
    found = form.locator("#participants-found tr")
    found.filter(has_text="<script>alert(1)</script>甲").wait_for()
    found.filter(has_text="<script>").locator("input[type=checkbox]").check()
    page.select_option(f"select[name=attitude_{first.pk}]", "advocate")
    assert chosen.count() == stakeholders + 1  # the ticked person joined the list
    search.fill(second.name)
    found.filter(has_text=second.name).first.wait_for()
    screenshot(page, f"big_capture_{width}_search")
    found.filter(has_text=second.name).first.locator("input[type=checkbox]").check()
    search.fill("")
    assert chosen.count() == stakeholders + 2
    assert page.locator(f"#participants-chosen input[value='{first.pk}']").is_checked()
    form.locator("textarea[name=summary]").fill("大客户的会议")
    form.locator("input[name=next_step]").fill("")
    screenshot(page, f"big_capture_{width}")
    if width < 500:
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll <= 390, f"the meeting form scrolls sideways ({scroll} > 390)"
    form.locator("button.primary[type=submit]").click()
    page.wait_for_url(lambda url: "/interactions/new/" not in url, timeout=20000)
    meeting = Interaction.objects.get(summary="大客户的会议")
    assert set(meeting.participants.values_list("person_id", flat=True)) == {first.pk, second.pk}
    assert StakeholderRole.objects.get(deal=deal, person=first).attitude == "advocate"
    assert not dialogs
    context.close()


def test_the_people_list_of_a_big_account_pages_and_searches_at_390px(browser, live_server, transactional_db):
    build(owner=f.user("demo", password="demo"), people=PEOPLE, interactions=300, slug="big")
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    page.base_url = live_server.url
    login(page)
    page.goto(f"{page.base_url}/accounts/big/people/")
    rows = page.locator("#people-table tbody tr")
    assert rows.count() == 100
    first = rows.first.inner_text()
    page.locator("nav.pager a[rel=next]").first.click()
    page.wait_for_url("**page=2**")
    assert rows.count() == 100 and rows.first.inner_text() != first
    assert "101" in page.locator("#people-count").inner_text()
    page.fill("form.list-filter input[name=q]", "总经理")
    page.locator("form.list-filter button").click()
    page.wait_for_url("**q=**")
    assert 0 < rows.count() <= 100
    assert all("总经理" in rows.nth(i).inner_text() for i in range(min(rows.count(), 5)))
    screenshot(page, "big_people_390")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    context.close()
