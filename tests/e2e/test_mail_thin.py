"""The mail page on a thin, fresh archive in Chromium (issue 15's evidence floor), at 1366 and 390 px in both
languages: no score below the floor ("—", no confidence), no comparison in the evidence, and no accept-all
offered while only new people are suggested (it takes reporting lines and decision makers)."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.e2e.conftest import login, screenshot

CASES = [(1366, "zh-CN"), (1366, "en-US"), (390, "zh-CN"), (390, "en-US")]


@pytest.fixture
def thin_world(transactional_db, tmp_path):
    from django.core.cache import cache

    from tests.mail.thin import ingest_thin

    cache.clear()
    demo = f.user("demo", password="demo")
    account = f.account(owner=demo, slug="thin", name="华东省能源投资集团")
    ingest_thin(account, tmp_path)
    return account


@pytest.mark.parametrize(("width", "locale"), CASES)
def test_a_thin_archive_shows_no_scores_and_accept_all_says_why(
    browser, live_server, thin_world, width, locale
):

    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 800 else 844}, locale=locale, is_mobile=width < 800
    )
    page = context.new_page()
    page.base_url = live_server.url
    try:
        login(page)
        page.goto(page.base_url + f"/accounts/{thin_world.slug}/mail/")
        page.wait_for_load_state("networkidle")
        table = page.inner_text("#inferred-people")
        assert "confidence" not in table and "置信度" not in table
        assert "%" not in table  # no "more than N% of the others" below the floor
        assert "OA System" not in page.inner_text("body") and "Zhang Wei" in table
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
        )
        name = f"mail-thin-{width}-{locale[:2]}"
        screenshot(page, name)
        # only new people are suggested: accept-all (reporting lines, decision makers) is not offered
        assert page.locator("#accept-above").count() == 0 and page.locator("#suggestions").count() == 1
    finally:
        context.close()
