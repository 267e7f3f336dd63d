"""The meeting form on a 390 px phone refuses a date after today and a new person whose name is already on the
map, each next to its field, in one answer; ticking "another person with this name" then adds them (a new
user's trial: `champ` for Champ made a second person, a meeting typed in 2031 was kept and counted nowhere)."""

from __future__ import annotations

from battlemap.deals.models import Deal
from battlemap.interactions.models import Interaction
from battlemap.people.models import Person
from tests.e2e.conftest import phone, screenshot


def test_the_phone_form_names_both_refusals_then_adds_the_namesake_on_purpose(
    browser, live_server, demo_world
):
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    there = Person.objects.get(account__slug="hdny", name="陈国强")
    with phone(browser, live_server) as page:
        page.goto(f"{page.base_url}/accounts/hdny/interactions/new/?deal={deal.pk}")
        form = page.locator("#interaction-form")
        form.locator("input[name=occurred_at]").fill("2031-05-05")
        form.locator("input[name=occurred_time]").fill("10:00")
        form.locator("label.check-label", has_text="陈国强").first.locator("input").check()
        form.locator("textarea[name=summary]").fill("电话沟通")
        form.locator("input[name=new_name]").fill("陈 国强")
        form.locator("input[name=next_step]").fill("")
        form.locator("button[type=submit]").click()

        date_error = page.locator("#field-occurred_at .errorlist")
        date_error.wait_for()
        assert "2031-05-05" in date_error.inner_text()
        assert f"id {there.pk}" in page.locator("#field-new_name .errorlist").inner_text()
        another = page.locator("input[name=new_another_person]")
        assert another.is_visible()
        scroll = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert scroll <= 0
        screenshot(page, "capture-refusals-390")

        page.locator("input[name=occurred_at]").fill("2026-11-20")
        another.check()
        page.locator("#interaction-form button[type=submit]").click()
        page.wait_for_url(f"**/deals/{deal.pk}/")
    assert Person.objects.filter(account__slug="hdny", name__in=["陈国强", "陈 国强"]).count() == 2
    assert Interaction.objects.filter(account__slug="hdny", summary="电话沟通").count() == 1
