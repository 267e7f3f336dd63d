"""Adding a person already on the map in Chromium, on a phone (390 px) in both languages: the long form is
sent from its bottom, and the answer shows the record already there, in sight, with a link to it; ticking
"another person" adds the second one."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import phone, screenshot


@pytest.mark.parametrize(
    ("locale", "tick"), [("zh-CN", "仍然新增"), ("en-US", "Add a new person all the same")]
)
def test_on_a_phone_a_name_already_on_the_map_is_shown_in_sight(
    browser, live_server, demo_world, locale, tick
):
    from playwright.sync_api import expect

    from battlemap.people.models import Person

    with phone(browser, live_server, locale) as page:
        page.goto(live_server.url + "/accounts/hdny/people/new/")
        page.fill("input[name=name]", "陈国强")
        page.locator("#person-form button[type=submit]").tap()
        warning = page.locator("#already-on-map")
        expect(warning).to_be_in_viewport()
        expect(warning.get_by_role("link", name="陈国强")).to_be_visible()
        screenshot(page, f"same-name-390-{locale}")
        assert Person.objects.filter(account__slug="hdny", name="陈国强").count() == 1

        warning.get_by_label(tick).check()
        page.locator("#person-form button[type=submit]").tap()
        page.wait_for_url(re.compile(r"/people/\d+/$"))
        assert Person.objects.filter(account__slug="hdny", name="陈国强").count() == 2
