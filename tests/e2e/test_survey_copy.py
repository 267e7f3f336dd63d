"""The questionnaire links are shown once: on a 390-px phone each one is cut off in its box, so each has a
Copy link button that puts the whole link on the clipboard and says it did."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from battlemap.people.models import Person
from tests.e2e.conftest import phone, screenshot


@pytest.mark.parametrize(
    ("locale", "copy", "copied"),
    [("zh-CN", "复制链接", "已复制"), ("en-US", "Copy link", "Copied")],
    ids=["zh", "en"],
)
def test_on_a_phone_each_link_shown_once_has_a_button_that_copies_it_whole(
    browser, live_server, demo_world, locale, copy, copied
):
    people = Person.objects.filter(account__slug="hdny", placeholder=False, external=False).order_by("id")[:2]
    with phone(browser, live_server, locale) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.base_url)
        page.goto(f"{page.base_url}/accounts/hdny/surveys/")
        form = page.locator("form.sendform")
        for person in people:
            form.locator(f"input[name=people][value='{person.pk}']").check()
        form.locator("button.primary").click()
        links = page.locator("section.sent li")
        links.first.wait_for()
        assert links.count() == 2
        for i in range(2):
            row = links.nth(i)
            box, button = row.locator("input.linkbox"), row.get_by_role("button", name=copy)
            url = box.input_value()
            assert page.evaluate("(e) => e.scrollWidth > e.clientWidth", box.element_handle())  # cut off
            where = button.bounding_box()
            assert where["x"] + where["width"] <= 390 and where["height"] >= 44  # in sight, a thumb's size
            button.click()
            expect(row.get_by_role("button", name=copied)).to_be_visible()
            assert page.evaluate("navigator.clipboard.readText()") == url
        screenshot(page, f"survey-copy-{locale}")
