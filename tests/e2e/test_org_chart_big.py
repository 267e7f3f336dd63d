"""A big org chart (over 80 people) opens with its deep teams collapsed, each collapsed manager
showing how many people are under them; Expand team brings the team into the chart and keeps the
card where it was on screen; Collapse team takes it out again. Names stay text."""

from __future__ import annotations

from tests import factories as f
from tests.bigaccount import build
from tests.e2e.conftest import login, screenshot

PEOPLE = 400


def test_a_big_chart_opens_with_deep_teams_collapsed_and_a_team_expands(page, transactional_db):
    from django.core.cache import cache

    cache.clear()
    account = build(owner=f.user("demo", password="demo"), people=PEOPLE, slug="big")
    hostile = account.people.order_by("pk")[1]
    hostile.name = "<script>alert(1)</script>"
    hostile.save()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login(page)
    page.goto(f"{page.base_url}/accounts/big/")
    page.wait_for_selector("#orgchart[data-layout-done]", timeout=30000)
    shown = page.evaluate("() => window.battlemapOrgChart.size()")
    assert 1 < shown <= 200  # the first levels only
    assert "▸" in page.locator("#org-status").inner_text()  # the reader is told teams are collapsed
    labels = page.evaluate("() => window.battlemapOrgChart.labels()")
    counted = [label for label in labels if "▸ +" in label]
    assert counted  # a collapsed manager says how many people are under them
    assert any(label.startswith("<script>") or "\n<script>" in label for label in labels) and not dialogs
    screenshot(page, "org_big_collapsed")

    folded = page.evaluate(
        "() => { const v = window.battlemapOrgChart.visible();"
        " return v.find(id => window.battlemapOrgChart.labelOf(id).includes('▸ +')); }"
    )
    page.evaluate("id => window.battlemapOrgChart.select(id)", folded)
    before = page.evaluate("id => window.battlemapOrgChart.renderedCentre(id)", folded)
    fold = page.locator("#org-actions [data-act=fold]")
    fold.click()
    page.wait_for_function("n => window.battlemapOrgChart.size() > n", arg=shown, timeout=10000)
    after = page.evaluate("id => window.battlemapOrgChart.renderedCentre(id)", folded)
    assert abs(after["x"] - before["x"]) < 2 and abs(after["y"] - before["y"]) < 2  # the card stays put
    assert "▸ +" not in page.evaluate("id => window.battlemapOrgChart.labelOf(id)", folded)
    screenshot(page, "org_big_expanded")
    fold.click()
    page.wait_for_function("n => window.battlemapOrgChart.size() === n", arg=shown, timeout=10000)
