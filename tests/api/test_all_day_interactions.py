"""An interaction sent with a day alone (`"occurred_at": "2026-12-05"`) was stored at midnight, not all day, and read
back in UTC as the day before (`2026-12-04T16:00:00Z`), while a calendar's all-day event or a date-only row of an
activity log is all day at 09:00 (a reviewer's trial). Now a day alone, or `all_day: true`, is all day: 09:00 of
that day in the installation's time zone, its day the same read anywhere near."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _day(days_ago: int) -> str:
    return (timezone.localdate() - timedelta(days=days_ago)).isoformat()


def test_a_day_alone_is_an_all_day_interaction_on_its_own_day(world, owner_api):
    made = owner_api.post(
        f"/api/accounts/{world.cn.slug}/interactions",
        {"occurred_at": _day(2), "participants": [world.cn_boss.pk], "summary": "拜访"},
    )
    assert made.status_code == 201, made.json()
    read = owner_api.get(f"/api/interactions/{made.json()['id']}").json()
    moment = datetime.fromisoformat(read["occurred_at"].replace("Z", "+00:00"))
    assert read["all_day"] is True
    assert timezone.localtime(moment).date().isoformat() == _day(2) and timezone.localtime(moment).hour == 9
    assert moment.astimezone(timezone.get_fixed_timezone(0)).date().isoformat() == _day(
        2
    )  # the same day in UTC


def test_all_day_is_written_by_patch_and_a_time_stays_a_time(world, owner_api):
    url = f"/api/accounts/{world.cn.slug}/interactions"
    timed = owner_api.post(
        url, {"occurred_at": f"{_day(3)}T14:30", "participants": [world.cn_boss.pk]}
    ).json()
    assert (
        timed["all_day"] is False
        and timezone.localtime(datetime.fromisoformat(timed["occurred_at"])).strftime("%H:%M") == "14:30"
    )
    whole = owner_api.patch(
        f"/api/interactions/{timed['id']}", {"all_day": True, "version": timed["version"]}
    )
    assert whole.status_code == 200 and whole.json()["all_day"] is True
    assert timezone.localtime(datetime.fromisoformat(whole.json()["occurred_at"])).strftime(
        "%Y-%m-%d %H:%M"
    ) == (f"{_day(3)} 09:00")
    # GET, change, PUT back keeps it all day
    put = owner_api.put(f"/api/interactions/{timed['id']}", {**whole.json(), "summary": "全天研讨"})
    assert put.status_code == 200 and put.json()["all_day"] is True


def test_a_time_makes_an_all_day_interaction_a_meeting_and_a_day_alone_makes_it_all_day(world, owner_api):
    """A PATCH with a time on an all-day interaction kept 09:00 and all day without a word; a PATCH with a day alone
    stored midnight, not all day (a reviewer's trial). How `occurred_at` is written says it, on every write."""
    url = f"/api/accounts/{world.cn.slug}/interactions"
    whole = owner_api.post(url, {"occurred_at": _day(4), "participants": [world.cn_boss.pk]}).json()
    path = f"/api/interactions/{whole['id']}"
    timed = owner_api.patch(path, {"occurred_at": f"{_day(4)}T15:30", "version": whole["version"]})
    assert timed.status_code == 200 and timed.json()["all_day"] is False
    assert (
        timezone.localtime(datetime.fromisoformat(timed.json()["occurred_at"])).strftime("%H:%M") == "15:30"
    )
    again = owner_api.patch(path, {"occurred_at": _day(5), "version": timed.json()["version"]})
    assert again.status_code == 200 and again.json()["all_day"] is True
    moment = timezone.localtime(datetime.fromisoformat(again.json()["occurred_at"]))
    assert (moment.date().isoformat(), moment.strftime("%H:%M")) == (_day(5), "09:00")


def test_a_put_of_an_all_day_interaction_with_a_time_is_refused_not_dropped(world, owner_api):
    url = f"/api/accounts/{world.cn.slug}/interactions"
    whole = owner_api.post(url, {"occurred_at": _day(4), "participants": [world.cn_boss.pk]}).json()
    path = f"/api/interactions/{whole['id']}"
    whole = owner_api.get(path).json()
    refused = owner_api.put(
        path, {**whole, "occurred_at": f"{_day(4)}T16:45"}, headers={"Accept-Language": "en"}
    )
    assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == ["all_day"]
    assert "all_day false with its time" in refused.json()["errors"][0]["message"]
    assert owner_api.get(path).json() == whole
    timed = owner_api.put(path, {**whole, "occurred_at": f"{_day(4)}T16:45", "all_day": False})
    assert timed.status_code == 200 and timed.json()["all_day"] is False


def test_a_create_answers_its_moments_as_a_get_does(world, owner_api):
    """The answer to a POST gave `2026-12-01T14:30:00+08:00`, a GET of the same interaction `…T06:30:00Z` (a
    reviewer's trial): every answer gives a moment in UTC."""
    made = owner_api.post(
        f"/api/accounts/{world.cn.slug}/interactions",
        {"occurred_at": f"{_day(3)}T14:30", "participants": [world.cn_boss.pk]},
    ).json()
    read = owner_api.get(f"/api/interactions/{made['id']}").json()
    assert made["occurred_at"] == read["occurred_at"] and made["occurred_at"].endswith("Z")
