"""Person pickers of a big account (over 200 people) in Chromium, at 1366 and 390 px: a person found
on the meeting form is offered at once in the action item's "about" list; the deal room adds a
stakeholder found by search; the interaction edit page adds a participant found by search. A ticked
person stays when searching again; names stay text; nothing scrolls sideways at 390 px."""

from __future__ import annotations

import pytest

from battlemap.deals.models import ActionItem, StakeholderRole
from battlemap.interactions.models import Interaction
from tests import factories as f
from tests.bigaccount import build
from tests.e2e.conftest import login, screenshot

PEOPLE = 260


@pytest.fixture
def big(transactional_db):
    from django.core.cache import cache

    cache.clear()
    account = build(owner=f.user("demo", password="demo"), people=PEOPLE, interactions=300, slug="big")
    deal = account.deals.order_by("pk").first()
    outside = list(account.people.filter(status="active").exclude(deal_roles__deal=deal).order_by("pk"))
    outside[10].name = "<script>alert(1)</script>甲"
    outside[10].save()
    return account, deal, outside


def _page(browser, live_server, width):
    context = browser.new_context(
        viewport={"width": width, "height": 844}, locale="zh-CN", is_mobile=width < 500
    )
    page = context.new_page()
    page.base_url = live_server.url
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    login(page)
    return context, page


def _no_sideways(page, width):
    if width < 500:
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll <= width, f"the page scrolls sideways ({scroll} > {width})"


@pytest.mark.parametrize("width", [1366, 390])
def test_a_person_found_on_the_meeting_form_is_offered_at_once_as_the_action_items_subject(
    browser, live_server, big, width
):
    account, deal, outside = big
    found_person = outside[10]
    context, page = _page(browser, live_server, width)
    page.goto(f"{page.base_url}/accounts/big/interactions/new/?deal={deal.pk}")
    form = page.locator("#interaction-form")
    about = form.locator("select[name=action_person]")
    assert about.locator(f"option[value='{found_person.pk}']").count() == 0
    form.locator("input.people-search").fill("script")
    row = form.locator("#participants-found tr").filter(has_text="<script>alert(1)</script>甲")
    row.wait_for()
    row.locator("input[type=checkbox]").check()
    option = about.locator(f"option[value='{found_person.pk}']")
    assert (
        option.count() == 1 and option.inner_text() == "<script>alert(1)</script>甲 · " + found_person.title
    )
    about.select_option(str(found_person.pk))
    form.locator("textarea[name=summary]").fill("大客户的拜访")
    form.locator("input[name=next_step]").fill("发送方案")
    screenshot(page, f"big_pickers_meeting_about_{width}")
    _no_sideways(page, width)
    form.locator("button.primary[type=submit]").click()
    page.wait_for_url(lambda url: "/interactions/new/" not in url, timeout=20000)
    assert ActionItem.objects.get(text="发送方案").person_id == found_person.pk
    assert not page.dialogs
    context.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_the_deal_room_adds_a_stakeholder_found_by_search(browser, live_server, big, width):
    account, deal, outside = big
    person = outside[20]
    context, page = _page(browser, live_server, width)
    page.goto(f"{page.base_url}/accounts/big/deals/{deal.pk}/")
    page.locator("#role-editor-box > summary").click()
    picker = page.locator("#id_person-picker")
    assert str(PEOPLE) in picker.locator(".picker-note").inner_text()
    assert picker.locator(".picker-chosen li").count() == 0  # nobody listed: a search
    picker.locator("input.people-search").fill(person.name)
    found = picker.locator(".picker-found li").filter(has_text=person.name)
    found.wait_for()
    found.locator("input[type=radio]").check()
    assert picker.locator(".picker-chosen li").filter(has_text=person.name).count() == 1
    picker.locator("input.people-search").fill("script")  # searching again keeps the one ticked
    picker.locator(".picker-found li").filter(has_text="<script>").wait_for()
    assert picker.locator(f".picker-chosen input[value='{person.pk}']").is_checked()
    screenshot(page, f"big_pickers_role_{width}")
    _no_sideways(page, width)
    page.locator("#role-form .att-supporter").click()
    with page.expect_response(lambda r: r.request.method == "POST"):  # the name is on the page already
        page.locator("#role-form button.primary[type=submit]").click()
    assert StakeholderRole.objects.get(deal=deal, person=person).attitude == "supporter"
    assert not page.dialogs
    context.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_the_interaction_edit_page_adds_a_participant_found_by_search(browser, live_server, big, width):
    account, deal, outside = big
    was, joins = outside[30], outside[40]
    meeting = f.interaction(account=account, deal=deal, people=[was], summary="周例会")
    context, page = _page(browser, live_server, width)
    page.goto(f"{page.base_url}/accounts/big/interactions/{meeting.pk}/")
    picker = page.locator("#id_people-picker")
    assert picker.locator(".picker-chosen li").count() == 1
    assert picker.locator(f".picker-chosen input[value='{was.pk}']").is_checked()
    picker.locator("input.people-search").fill(joins.name)
    found = picker.locator(".picker-found li").filter(has_text=joins.name)
    found.wait_for()
    found.locator("input[type=checkbox]").check()
    assert picker.locator(".picker-chosen li").count() == 2
    screenshot(page, f"big_pickers_edit_{width}")
    _no_sideways(page, width)
    page.locator("#interaction-form button.primary[type=submit]").click()
    page.wait_for_url(lambda url: f"/interactions/{meeting.pk}/" not in url, timeout=20000)
    assert set(Interaction.objects.get(pk=meeting.pk).participants.values_list("person_id", flat=True)) == {
        was.pk,
        joins.pk,
    }
    context.close()
