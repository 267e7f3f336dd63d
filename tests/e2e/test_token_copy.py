"""A new API token is shown only once, and on a phone it ran past the screen in its <code>: it now sits in a
read-only box with the Copy button the questionnaire links have (app.js, button[data-copy]), which puts the
whole token on the clipboard and says it did."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import phone, screenshot


@pytest.mark.parametrize(
    ("locale", "create", "copy", "copied"),
    [("zh-CN", "创建令牌", "复制令牌", "已复制"), ("en-US", "Create token", "Copy token", "Copied")],
    ids=["zh", "en"],
)
def test_a_new_token_shown_once_has_a_button_that_copies_it_whole(
    browser, live_server, demo_world, locale, create, copy, copied
):
    with phone(browser, live_server, locale) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.base_url)
        page.goto(f"{page.base_url}/settings/tokens/")
        page.locator("form.token-form input[name=name]").fill("BI")
        page.get_by_role("button", name=create).click()
        box = page.locator("section.new-token #new-token")
        token = box.input_value()
        assert token.startswith("bm_")
        button = page.locator("section.new-token").get_by_role("button", name=copy)
        where = button.bounding_box()
        assert where["x"] + where["width"] <= 390 and where["height"] >= 44  # in sight, a thumb's size
        button.click()
        expect(page.locator("section.new-token").get_by_role("button", name=copied)).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()") == token
        screenshot(page, f"token-copy-{locale}")
