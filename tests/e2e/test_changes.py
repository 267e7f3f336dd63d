"""What changed, in Chromium: the manager's week in Chinese and in English (his reps' stage moves,
attitude changes, health moves, overdue items), and the map as of a past day with what differs marked."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from battlemap.deals.models import ActionItem, Deal, StakeholderRole
from tests.e2e.conftest import login, screenshot, speak
from tests.e2e.test_deal_room import watch  # noqa: F401 (fixture: script errors, alerts, 404s and 500s)


def _a_week_of_work() -> Deal:
    """This week the rep moved a deal on, an opponent came round, and one of her action items slipped."""
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    role = StakeholderRole.objects.filter(deal=deal).exclude(attitude="supporter").order_by("id").first()
    role.attitude = "supporter"
    role.save()
    deal.stage = "purchase_decision" if deal.stage != "purchase_decision" else "post_purchase"
    deal.save()
    ActionItem.objects.create(
        deal=deal,
        owner=deal.account.owner,
        text="发送 ROI 测算给财务总监",
        due=timezone.localdate() - timedelta(days=4),
    )
    return deal


def test_the_managers_week_in_chinese_and_english(page, demo_world, watch):  # noqa: F811
    _a_week_of_work()
    login(page, "manager", "manager")
    page.goto(page.base_url + "/")
    team = page.locator("#team-overdue")
    assert team.is_visible() and "发送 ROI 测算给财务总监" in team.inner_text()
    moves = page.locator("#week-moves")
    assert "阶段变化" in moves.inner_text() and "角色与态度" in moves.inner_text()
    assert moves.locator("#week-roles .att-supporter").count() >= 1
    screenshot(page, "changes-01-manager-week-zh")
    speak(page, "en")
    moves = page.locator("#week-moves")
    assert "What moved since last week" in moves.inner_text()
    assert "My reps' overdue action items" in page.locator("#team-overdue").inner_text()
    screenshot(page, "changes-02-manager-week-en")
    assert watch == []


def test_what_changed_and_the_map_as_of_a_day(page, demo_world, watch):  # noqa: F811
    deal = _a_week_of_work()
    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/changes/?deal={deal.pk}")
    assert page.locator("#role-changes .att-supporter").count() >= 1
    page.fill("#since", (timezone.localdate() - timedelta(days=40)).isoformat())
    page.click(".changes-since button")
    page.wait_for_url(re.compile(r"since="))
    assert page.locator("#c-people").is_visible()
    screenshot(page, "changes-03-account-what-changed")
    # the org chart's date picker opens the map as it was 40 days ago
    page.goto(f"{page.base_url}/accounts/hdny/?deal={deal.pk}")
    page.fill("#asof-on", (timezone.localdate() - timedelta(days=40)).isoformat())
    page.click("#asof-pick button")
    page.wait_for_url(re.compile(r"/as-of/\?on="))
    tree = page.locator("#asof-tree")
    assert tree.locator("li").count() > 5
    assert tree.locator("li.asof-changed, li.asof-gone").count() >= 1  # what differs from today is marked
    assert page.locator("#asof-tree button, #asof-tree input").count() == 0  # read only
    screenshot(page, "changes-04-map-as-of")
    assert watch == []
