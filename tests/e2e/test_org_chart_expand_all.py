"""A big org chart opens on its top levels (over 80 people); beside Fit, "Expand all" draws every card at once
and "Top levels" folds the chart back to that first view — before, reaching everyone meant selecting each
collapsed manager and pressing Expand team, one team at a time (a 150-person group: 30 of them). The two
buttons are 44 px touch targets on a phone, in Chinese, and absent from a chart that opened whole."""

from __future__ import annotations

from playwright.sync_api import expect

from tests import factories as f
from tests.bigaccount import build
from tests.e2e.conftest import phone, screenshot, small_targets

PEOPLE = 150
HOSTILE = "<img src=x onerror=alert(1)>"


def _drawn(page, slug: str) -> int:
    page.goto(f"{page.base_url}/accounts/{slug}/")
    page.wait_for_selector("#orgchart[data-layout-done]", timeout=30000)
    return page.evaluate("() => window.battlemapOrgChart.size()")


def _redrawn(page, before: str) -> None:
    page.wait_for_function(
        "t => document.getElementById('orgchart').dataset.layoutDone !== t", arg=before, timeout=30000
    )


def test_expand_all_draws_every_card_and_top_levels_folds_back(browser, live_server, transactional_db):
    from django.core.cache import cache

    cache.clear()
    owner = f.user("demo", password="demo")
    account = build(owner=owner, people=PEOPLE, slug="big", deals=1)
    hostile = account.people.order_by("pk")[1]
    hostile.name = HOSTILE
    hostile.save()
    build(owner=owner, people=20, slug="small", deals=1, seed=3)
    with phone(browser, live_server) as page:
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        first = _drawn(page, "big")
        bodies = len(page.evaluate("() => window.battlemapOrgChart.bodies()"))
        assert first - bodies < PEOPLE  # opened on its top levels
        expand, top = page.locator("[data-org=expand-all]"), page.locator("[data-org=top-levels]")
        expect(expand).to_have_text("全部展开")
        expect(top).to_have_text("只看上层")
        # the status line names the button beside Fit, not only Expand team one card at a time
        expect(page.locator("#org-status")).to_contain_text("“全部展开”")
        assert small_targets(page, "[data-org]") == []

        was = page.locator("#orgchart").get_attribute("data-layout-done")
        expand.click()
        _redrawn(page, was)
        assert page.evaluate("() => window.battlemapOrgChart.size()") == PEOPLE + bodies  # every card
        labels = page.evaluate("() => window.battlemapOrgChart.labels()")
        assert not [label for label in labels if "▸ +" in label]  # no team left collapsed
        assert (
            any("<img src=x" in label for label in labels) and not dialogs
        )  # a name stays text (cut to the card)
        assert "▸" not in page.locator("#org-status").inner_text()  # no longer says teams are collapsed
        screenshot(page, "org_big_expand_all")

        was = page.locator("#orgchart").get_attribute("data-layout-done")
        top.click()
        _redrawn(page, was)
        assert page.evaluate("() => window.battlemapOrgChart.size()") == first  # the first view again
        assert any("▸ +" in label for label in page.evaluate("() => window.battlemapOrgChart.labels()"))
        assert "▸" in page.locator("#org-status").inner_text()

        _drawn(page, "small")  # 20 people: drawn whole, nothing to expand or fold back
        expect(page.locator("[data-org=expand-all]")).to_be_hidden()
        expect(page.locator("[data-org=top-levels]")).to_be_hidden()
