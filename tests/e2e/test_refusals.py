"""In Chromium: a refusal (403) is the app's page in the reader's language with the reason and a way back
(the demo's manager opening *Delete the account*); the admin shows map records read-only, without Save or Delete."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from battlemap.deals.models import Deal
from battlemap.users.services import profile_language_set
from tests import factories as f
from tests.e2e.conftest import login, screenshot
from tests.e2e.test_polish_narrow import _fits, _phone

REASON = {
    "zh-hans": "只有此客户的负责人或管理员可以执行此操作。",
    "en": "Only the account's owner or an administrator may do this.",
}


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_manager_opening_delete_the_account_reads_why_and_goes_back(browser, live_server, demo_world, lang):
    profile_language_set(user=get_user_model().objects.get(username="manager"), language=lang)
    context, page = _phone(browser, live_server)
    login(page, "manager", "manager")
    response = page.goto(f"{page.base_url}/accounts/hdny/delete/")
    assert response.status == 403
    expect(page.locator("#forbidden-reason")).to_have_text(REASON[lang])
    assert "403 Forbidden" not in page.content()
    _fits(page, f"403 page ({lang})")
    screenshot(page, f"refusal-390-delete-{lang}")
    page.click("#forbidden-back")
    page.wait_for_url("**/accounts/hdny/")
    context.close()


def test_the_admin_shows_a_deal_read_only(page, demo_world):
    f.user("root", password="root-pw-1", is_superuser=True, is_staff=True)
    login(page, "root", "root-pw-1")
    deal = Deal.objects.filter(account__slug="hdny").order_by("pk").first()
    page.goto(f"{page.base_url}/admin/deals/deal/{deal.pk}/change/")
    expect(page.locator("#content h1, #content h2").first).to_be_visible()
    assert page.locator("input[name=_save]").count() == 0 and page.locator("a.deletelink").count() == 0
    assert page.locator("select[name=stage]").count() == 0  # the stage is text, not a field
    screenshot(page, "refusal-1366-admin-deal-read-only")
    page.goto(f"{page.base_url}/admin/deals/deal/{deal.pk}/history/")
    expect(page.locator("#change-history, table#change-history, .results, #content")).not_to_have_count(0)
    screenshot(page, "refusal-1366-admin-deal-history")
