"""On a phone, deleting an action item far down the deal room brings its "deleted … Undo" message into
sight (the room is answered in place, the message at its top); Undo brings the item back."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import phone, screenshot


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_undo_of_a_deleted_action_item_is_in_sight(browser, live_server, demo_world, locale):
    from playwright.sync_api import expect

    from battlemap.deals.models import ActionItem

    deal = ActionItem.objects.filter(deal__account__slug="hdny").values_list("deal_id", flat=True).first()
    before = ActionItem.objects.filter(deal_id=deal).count()
    with phone(browser, live_server, locale) as page:
        page.goto(f"{live_server.url}/accounts/hdny/deals/{deal}/")
        page.on("dialog", lambda d: d.accept())
        delete = page.locator("form[action$='/delete/'][action*='/actions/'] button").first
        delete.scroll_into_view_if_needed()
        delete.tap()
        message = page.locator(".message", has=page.locator("form[action$='/restore/']"))
        expect(message).to_be_in_viewport()
        screenshot(page, f"undo-in-sight-390-{locale}")
        assert ActionItem.objects.filter(deal_id=deal).count() == before - 1
        message.locator("button").tap()
        page.wait_for_function("() => !document.querySelector('.message form[action$=\"/restore/\"]')")
        assert ActionItem.objects.filter(deal_id=deal).count() == before
