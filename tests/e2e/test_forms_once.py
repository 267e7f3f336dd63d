"""A form is sent once, in Chromium: a double click on "Add person" adds one person (the button is
disabled once the form is sent, and the server's one-time token would catch a second POST anyway); a
form that comes back with an error has its button again; a name with a bidi override does not reverse
the timeline."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.conftest import login, screenshot

PERSON_PAGE = re.compile(r"/people/\d+/$")
DEAL_ROOM = re.compile(r"/deals/\d+/$")


def test_a_double_click_on_add_person_adds_one_person(page, small):
    from battlemap.people.models import Person

    login(page)
    page.goto(f"{page.base_url}/accounts/small/people/new/")
    page.fill("#id_name", "赵丽")
    page.locator("#person-form button[type=submit]").dblclick()
    page.wait_for_url(PERSON_PAGE)
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_contain_text("赵丽")
    assert Person.objects.filter(account=small, name="赵丽").count() == 1


def test_a_double_click_on_a_plain_form_makes_one_deal_and_an_error_gives_the_button_back(page, small):
    from battlemap.deals.models import Deal

    login(page)
    page.goto(f"{page.base_url}/accounts/small/deals/new/")
    page.fill("#id_name", "二期")
    page.locator("#deal-form button[type=submit]").dblclick()
    page.wait_for_url(DEAL_ROOM)
    page.wait_for_load_state("networkidle")
    assert Deal.objects.filter(account=small, name="二期").count() == 1

    page.goto(f"{page.base_url}/accounts/small/people/new/")  # htmx form: 422 swaps the form back in
    page.locator("#person-form button[type=submit]").click()
    expect(page.locator("#field-name.has-error")).to_have_count(1)
    button = page.locator("#person-form button[type=submit]")
    expect(button).to_be_enabled()
    page.fill("#id_name", "钱七")
    button.click()
    page.wait_for_url(PERSON_PAGE)
    page.wait_for_load_state("networkidle")
    screenshot(page, "forms_once_person_added")


def test_a_bidi_override_in_a_name_stays_inside_the_name(page, small):
    login(page)
    page.goto(f"{page.base_url}/accounts/small/people/new/")
    page.fill("#id_name", "Evil\u202eRLO name")
    page.locator("#person-form button[type=submit]").click()
    page.wait_for_url(PERSON_PAGE)
    page.wait_for_load_state("networkidle")
    page.goto(f"{page.base_url}/accounts/small/timeline/")
    entry = page.locator("#timeline li", has_text="RLO name").first
    expect(entry).to_contain_text("EvilRLO name")
    screenshot(page, "forms_once_timeline_bidi")


def test_a_stale_edit_shows_the_current_header_beside_the_kept_input(page, small):
    from battlemap.people.services import person_update

    boss = small.people.get(name="王总")
    login(page)
    page.goto(f"{page.base_url}/accounts/small/people/{boss.pk}/")
    person_update(person=boss, version=boss.version, title="CIO tab1")  # another tab saves first
    page.fill("#id_title", "CIO tab2")
    page.locator("#person-form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("CIO tab1")
    expect(page.locator("#id_title")).to_have_value("CIO tab2")
    expect(page.locator("#person-form button[type=submit]")).to_be_enabled()
    screenshot(page, "forms_stale_edit")


def test_the_deal_rooms_forms_are_each_sent_once_and_a_replayed_post_makes_nothing(page, small):
    """The room's action form (htmx, answered in place) double-clicked adds one item, and the fresh room
    it brings back adds the next; a comment form posted twice by a script (a replay: the button
    cannot stop it) makes one comment. A name in another script is isolated in the flash message."""
    from battlemap.comments.models import Comment
    from battlemap.deals.models import ActionItem

    deal = f.deal(account=small, name="一期", stage="evaluation")
    # Back fetches the page again, as behind the app's own server: the back/forward cache would hand back the
    # page as it was, token and all (an unload listener keeps Chromium from caching it)
    page.context.add_init_script("window.addEventListener('unload', function () {})")
    login(page)
    room = f"{page.base_url}/accounts/small/deals/{deal.pk}/"
    page.goto(room)
    page.fill("#action-form input[name=text]", "约王总看演示")
    page.locator("#action-form button[type=submit]").dblclick()
    expect(page.locator("#deal-room")).to_contain_text("约王总看演示")
    page.wait_for_load_state("networkidle")
    assert ActionItem.objects.filter(deal=deal, text="约王总看演示").count() == 1
    page.fill("#action-form input[name=text]", "发送 ROI 测算")  # the swapped-in form has a new token
    page.locator("#action-form button[type=submit]").click()
    expect(page.locator("#deal-room")).to_contain_text("发送 ROI 测算")
    page.wait_for_load_state("networkidle")
    assert ActionItem.objects.filter(deal=deal).count() == 2

    statuses = page.evaluate(
        """async () => {
            const form = document.querySelector('form.comment-form');
            form.querySelector('textarea').value = '王总说预算要到明年';
            const send = () => fetch(form.action, {method: 'POST', body: new FormData(form), redirect: 'manual'});
            const first = await send();
            const second = await send();  // the same form, token and all, once more
            return [first.type, second.type];
        }"""
    )
    assert statuses == ["opaqueredirect", "opaqueredirect"]  # both sent on to the comment's page
    assert Comment.objects.filter(deal=deal, body="王总说预算要到明年").count() == 1

    page.goto(f"{page.base_url}/accounts/small/people/new/")
    page.fill("#id_name", "علي (Ali)")
    page.locator("#person-form button[type=submit]").click()
    page.wait_for_url(PERSON_PAGE)
    message = page.locator(".message").first
    expect(message.locator("bdi")).to_have_text("علي (Ali)")
    screenshot(page, "forms_once_flash_rtl_name")
    page.goto(room)
    screenshot(page, "forms_once_room_two_items")


def test_back_after_logging_an_interaction_and_saving_again_logs_it_once(page, small):
    # a tester: Back from the deal room brought the filled form back, and a second save logged the meeting,
    # the person met for the first time and the action item twice
    from battlemap.interactions.models import Interaction

    deal = f.deal(account=small, name="一期", stage="evaluation")
    # Back fetches the page again, as behind the app's own server: the back/forward cache would hand back the
    # page as it was, token and all (an unload listener keeps Chromium from caching it)
    page.context.add_init_script("window.addEventListener('unload', function () {})")
    login(page)
    page.goto(f"{page.base_url}/accounts/small/deals/{deal.pk}/")
    page.get_by_role("link", name="记录互动").click()
    page.locator("#interaction-form").wait_for()
    page.fill("#id_summary", "演示产线方案")
    page.fill("#id_new_name", "钱伟")
    page.fill("#id_new_title", "IT 架构师")
    page.fill("#id_next_step", "安排产线演示")
    page.locator("#interaction-form button[type=submit]").click()
    page.wait_for_url(DEAL_ROOM)
    page.wait_for_load_state("networkidle")
    assert Interaction.objects.filter(account=small).count() == 1
    page.go_back()
    page.wait_for_load_state("networkidle")
    screenshot(page, "interaction-after-back")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.locator("#interaction-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "interaction-saved-again")
    assert Interaction.objects.filter(account=small).count() == 1
    assert small.people.filter(name="钱伟").count() == 1
    assert deal.action_items.count() == 1


def test_a_form_sent_from_a_page_left_open_too_long_shows_why_not_nothing(page, small):
    """htmx does not swap a 403: the form stayed as it was, its button back, nothing said. The page of ours
    the server sent (core.errors.csrf_failure) replaces it, as a plain post would show it."""
    from battlemap.people.models import Person

    login(page)
    page.goto(f"{page.base_url}/accounts/small/people/new/")
    page.fill("#id_name", "孙八")
    # the session's token changed since the page was drawn (a log-in in another tab, an expired session)
    page.evaluate(
        "document.querySelectorAll('[name=csrfmiddlewaretoken]').forEach(i => i.value = 'x'.repeat(64))"
    )
    page.locator("#person-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(re.compile("页面已过期|The page had expired"))
    expect(page.locator("#person-form")).to_have_count(0)
    screenshot(page, "expired-form-page")
    assert not Person.objects.filter(account=small, name="孙八").exists()


def test_deleting_an_interaction_asks_first_and_no_keeps_it(page, small):
    """One click on "Delete this interaction" deleted it at once (a tester lost a meeting): the page asks,
    in its language; "no" keeps it, "yes" deletes it."""
    from battlemap.interactions.models import Interaction

    meeting = f.interaction(account=small, people=[small.people.get()], summary="首次拜访")
    login(page)
    page.goto(f"{page.base_url}/accounts/small/interactions/{meeting.pk}/")
    asked = []

    def answer(dialog, accept):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.locator("#interaction-delete button[type=submit]").click()
    page.wait_for_timeout(300)
    assert asked and Interaction.objects.filter(pk=meeting.pk).exists()
    page.once("dialog", lambda dialog: answer(dialog, True))
    page.locator("#interaction-delete button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("#interaction-delete")).to_have_count(0)
    assert not Interaction.objects.filter(pk=meeting.pk).exists()
    assert len(asked) == 2 and asked[0] == asked[1]
