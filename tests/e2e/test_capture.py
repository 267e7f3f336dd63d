"""Capture after a meeting in Chromium, in Chinese and in English (issue 11, journeys 2 and 4): on a demo
account, log a meeting with two people, a next step and an attitude change — the action item is on
"This week" and the flag the meeting answers is gone; at 390 px the deal room, the account map, This
week and the meeting form have no horizontal page scroll."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from battlemap.deals.models import ActionItem, Deal, StakeholderRole
from battlemap.people.models import Person
from tests.e2e.conftest import login, screenshot, speak
from tests.e2e.test_deal_room import watch as watch  # noqa: F401  (the fixture: no script errors, no 404/500)

JOURNEYS = {
    # language, account, deal, the two people met, whose attitude changes, the flag that clears
    "zh": ("hdny", "智慧能源物联网平台一期", ("陈国强", "王建明"), "陈国强", "decision_maker_not_met"),
    "en": (
        "northwind",
        "Fleet telematics rollout",
        ("David Okafor", "Tom Becker"),
        "Tom Becker",
        "single_threaded",
    ),
}
NEXT_STEP = {"zh": "下周三前把POC方案送陈董审阅", "en": "Send Tom the security whitepaper by Wednesday"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_log_a_meeting_the_next_step_lands_on_this_week_and_the_flag_clears(page, demo_world, watch, lang):
    slug, deal_name, met, changed, flag = JOURNEYS[lang]
    deal = Deal.objects.get(account__slug=slug, name=deal_name)
    login(page)
    if lang == "en":
        speak(page, "en")
    room = f"{page.base_url}/accounts/{slug}/deals/{deal.pk}/"
    page.goto(room)
    assert page.locator(f"li.flag[data-code={flag}]").count() == 1
    page.click(f"a.button[href*='/interactions/new/?deal={deal.pk}']")
    form = page.locator("#interaction-form")
    form.wait_for()
    form.locator("select[name=kind]").select_option("visit")
    for name in met:
        search = form.locator("input.people-filter")
        search.fill(name)  # the filter box narrows the list to that person
        assert form.locator("#participants-table tbody tr:visible").count() >= 1
        assert form.locator("#participants-table tbody tr:not([hidden])").count() < 5
        form.locator("label.check-label", has_text=name).locator("input").check()
    search.fill("")
    assert form.locator("#participants-table tbody tr[hidden]").count() == 0
    person = Person.objects.get(account__slug=slug, name=changed)
    form.locator(f"select[name=attitude_{person.pk}]").select_option("supporter")
    form.locator("textarea[name=summary]").fill(
        "现场拜访，汇报一期方案" if lang == "zh" else "Site visit: walked through the rollout plan"
    )
    form.locator("textarea[name=outcome]").fill("同意进入POC" if lang == "zh" else "Agreed to a pilot")
    form.locator("input[name=next_step]").fill(NEXT_STEP[lang])
    due = timezone.localdate() + timedelta(days=2)
    form.locator("input[name=action_due]").fill(due.isoformat())
    assert form.locator("input[name=make_action]").is_checked()
    screenshot(page, f"capture-01-meeting-form-{lang}")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/deals/{deal.pk}/$"))

    assert page.locator(f"li.flag[data-code={flag}]").count() == 0
    assert page.locator("ul.action-items li", has_text=NEXT_STEP[lang]).count() == 1
    assert page.locator(".interactions .outcome").first.is_visible()
    role = StakeholderRole.objects.get(deal=deal, person=person)
    assert role.attitude == "supporter"
    screenshot(page, f"capture-02-room-after-{lang}")

    page.goto(f"{page.base_url}/accounts/{slug}/people/{person.pk}/")
    meetings = page.locator("#meetings")
    assert (
        meetings.locator("li", has_text="同意进入POC" if lang == "zh" else "Agreed to a pilot").count() == 1
    )
    assert page.locator("#influence table.parts tr").count() == 3  # formal, informal, role in the deals
    screenshot(page, f"capture-03-person-{lang}")

    page.goto(page.base_url + "/")
    line = page.locator("#w-actions ~ ul li", has_text=NEXT_STEP[lang])
    assert line.count() == 1
    assert due.isoformat() in line.inner_text()
    screenshot(page, f"capture-04-this-week-{lang}")
    assert ActionItem.objects.get(text=NEXT_STEP[lang]).owner.username == "demo"
    assert watch == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_overdue_item_stands_out_then_is_deleted(page, demo_world, lang):
    """Its due day moved to yesterday on the edit page: red in the room and on This week; deleted after
    the confirmation."""
    slug, deal_name, *_rest = JOURNEYS[lang]
    deal = Deal.objects.get(account__slug=slug, name=deal_name)
    late = ActionItem.objects.filter(deal=deal, done=False).first()
    login(page)
    if lang == "en":
        speak(page, "en")
    page.goto(f"{page.base_url}/accounts/{slug}/deals/{deal.pk}/")
    page.locator("ul.action-items li", has_text=late.text).locator(".item-actions a").click()
    form = page.locator("#action-edit-form")
    form.wait_for()
    yesterday = timezone.localdate() - timedelta(days=1)
    form.locator("input[name=due]").fill(yesterday.isoformat())
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/deals/{deal.pk}/"))
    item = page.locator("ul.action-items li", has_text=late.text)
    assert "overdue" in (item.get_attribute("class") or "")
    assert item.locator(".due.overdue").count() == 1
    screenshot(page, f"capture-05-overdue-{lang}")
    page.goto(page.base_url + "/")
    assert page.locator("#w-actions ~ ul li", has_text=late.text).locator(".due.overdue").count() == 1
    page.goto(f"{page.base_url}/accounts/{slug}/deals/{deal.pk}/")
    page.once("dialog", lambda d: d.accept())
    page.locator("ul.action-items li", has_text=late.text).locator(".item-actions button").click()
    page.locator("ul.action-items li", has_text=late.text).wait_for(state="detached")
    assert not ActionItem.objects.filter(pk=late.pk).exists()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_at_390px_the_pages_of_the_loop_fit_the_width(browser, live_server, demo_world, lang):
    slug, deal_name, *_rest = JOURNEYS[lang]
    deal = Deal.objects.get(account__slug=slug, name=deal_name)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    page.base_url = live_server.url
    login(page)
    if lang == "en":
        speak(page, "en")
    pages = {
        "room": f"/accounts/{slug}/deals/{deal.pk}/",
        "map": f"/accounts/{slug}/",
        "week": "/",
        "meeting": f"/accounts/{slug}/interactions/new/?deal={deal.pk}",
        "person": f"/accounts/{slug}/people/{deal.roles.order_by('pk').first().person_id}/",
        "qualification": f"/accounts/{slug}/deals/{deal.pk}/qualification/",
    }
    for name, url in pages.items():
        page.goto(page.base_url + url)
        page.wait_for_load_state("networkidle")
        # against the phone's width, not innerWidth: a mobile browser widens its layout viewport to fit
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll <= 390, f"{url}: the page scrolls sideways ({scroll} > 390)"
        screenshot(page, f"capture-06-phone-{name}-{lang}")
    context.close()
