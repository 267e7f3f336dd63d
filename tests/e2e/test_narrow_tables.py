"""At 390 px, in Chinese and in English, the mail page's "Recent ingests" after an ingest and the API tokens
page are a card per row (the shared `table.stack`), and neither page scrolls sideways."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from battlemap.users.services import profile_language_set, token_create
from tests.e2e.conftest import login, screenshot
from tests.e2e.test_polish_narrow import _fits, _phone

ARCHIVE = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "12_exchange_x500.mbox"


def _cards(page, table: str) -> None:
    """Each row is laid out as a card (a grid), not a table row."""
    displays = page.evaluate(
        f"[...document.querySelectorAll('{table} tbody tr')].map(r => getComputedStyle(r).display)"
    )
    assert displays and set(displays) == {"grid"}, displays


def _speak(lang: str) -> None:
    profile_language_set(user=get_user_model().objects.get(username="demo"), language=lang)


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_recent_ingests_fit_a_phone(browser, live_server, demo_world, lang):
    _speak(lang)
    context, page = _phone(browser, live_server)
    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/mail/")
    page.set_input_files("input[name=files]", str(ARCHIVE))
    page.fill("input[name=our_domains]", "ourco.example")
    page.click("form[enctype] button.primary")
    page.wait_for_load_state("networkidle")
    page.goto(f"{page.base_url}/accounts/hdny/mail/")
    runs = page.locator("#ingest-runs tbody tr")
    expect(runs).to_have_count(1)
    assert "12_exchange_x500.mbox" in runs.inner_text()
    _cards(page, "#ingest-runs")
    label = {"zh-hans": "文件", "en": "Files"}[lang]
    before = page.evaluate(
        "[...document.querySelectorAll('#ingest-runs tbody tr:first-child td')]"
        ".map(td => getComputedStyle(td, '::before').content.replace(/\"/g, ''))"
    )
    assert before[0] in {"时间", "Time"} and before[2] == label  # each card labels its cells…
    assert not page.locator("#ingest-runs thead").is_visible()  # …so no head row above the cards
    _fits(page, f"mail page ({lang})")
    page.locator("#ingest-runs").scroll_into_view_if_needed()
    screenshot(page, f"narrow-390-mail-ingests-{lang}")
    context.close()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_api_tokens_fit_a_phone(browser, live_server, demo_world, lang):
    _speak(lang)
    demo = get_user_model().objects.get(username="demo")
    token_create(user=demo, name="<script>alert(1)</script>", expires_in_days=90)
    token_create(user=demo, name="CRM nightly sync (production)")
    context, page = _phone(browser, live_server)
    login(page)
    page.goto(f"{page.base_url}/settings/tokens/")
    rows = page.locator("#tokens tbody tr")
    expect(rows).to_have_count(2)
    assert "<script>alert(1)</script>" in page.inner_text("#tokens")  # the name is text, not markup
    _cards(page, "#tokens")
    _fits(page, f"API tokens ({lang})")
    screenshot(page, f"narrow-390-tokens-{lang}")
    context.close()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_deleted_accounts_fit_a_phone_and_say_who_deleted_each(browser, live_server, demo_world, lang):
    """A fresh reviewer: at 390 px Deleted accounts hid "deleted by" and the owner (`hide-narrow` cells)."""
    from battlemap.accounts.models import Account
    from battlemap.accounts.services import account_delete
    from battlemap.core.text import user_name

    _speak(lang)
    demo = get_user_model().objects.get(username="demo")
    account_delete(account=Account.objects.get(slug="hdny"), by=demo)
    context, page = _phone(browser, live_server)
    login(page)
    page.goto(f"{page.base_url}/deleted-accounts/")
    rows = page.locator("#deleted-accounts tbody tr")
    expect(rows).to_have_count(1)
    _cards(page, "#deleted-accounts")
    cells = page.locator("#deleted-accounts tbody tr:first-child td")
    labels = {"zh-hans": "删除人", "en": "Deleted by"}[lang]
    assert any(
        labels in t
        for t in cells.evaluate_all("tds => tds.map(td => getComputedStyle(td, '::before').content)")
    )
    deleted_by = page.locator("#deleted-accounts tbody tr:first-child td").nth(3)
    expect(deleted_by).to_be_visible()
    assert user_name(demo) in deleted_by.inner_text()
    _fits(page, f"deleted accounts ({lang})")
    screenshot(page, f"narrow-390-deleted-accounts-{lang}")
    context.close()
