"""An all-day interaction (a calendar's all-day visit, a date-only row of an activity log) keeps its day alone
through the map format — export-map, the API's map and import-map: it came back as a meeting at 09:00. A map
written before `all_day` was kept reads as before."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone, translation

from battlemap.accounts.models import Account
from battlemap.io.mapformat import export_map
from tests import factories as f


@pytest.fixture
def exported(world) -> dict:
    li = world.cn.people.get(name="李明")
    visit = timezone.make_aware(datetime(2026, 11, 5, 9, 0))
    f.interaction(
        account=world.cn,
        people=[li],
        kind="visit",
        summary="现场拜访（全天）",
        occurred_at=visit,
        all_day=True,
    )
    f.interaction(account=world.cn, people=[li], summary="方案汇报", occurred_at=visit)
    data = json.loads(json.dumps(export_map(world.cn)))
    data["account"]["slug"] = "copy"
    return data


def _imported(tmp_path, data: dict) -> dict[str, tuple[bool, str]]:
    path = tmp_path / "map.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    call_command("import-map", str(path), "--owner", "alice")
    copy = Account.objects.get(slug="copy")
    return {
        i.summary: (i.all_day, timezone.localtime(i.occurred_at).strftime("%m-%d %H:%M"))
        for i in copy.interactions.all()
    }


def test_the_map_says_which_interactions_are_all_day(exported):
    by_summary = {i["summary"]: i["all_day"] for i in exported["interactions"]}
    assert by_summary == {"现场拜访（全天）": True, "方案汇报": False}


def test_the_api_map_says_it_too(world, client, exported):
    client.force_login(world.owner)
    body = client.get(f"/api/accounts/{world.cn.slug}/map").json()
    assert {i["summary"]: i["all_day"] for i in body["interactions"]}["现场拜访（全天）"] is True


def test_an_all_day_visit_imports_all_day(exported, tmp_path):
    assert _imported(tmp_path, exported) == {
        "现场拜访（全天）": (True, "11-05 09:00"),
        "方案汇报": (False, "11-05 09:00"),
    }


def test_a_map_written_before_all_day_was_kept_reads_as_before(exported, tmp_path):
    for i in exported["interactions"]:
        del i["all_day"]
        i["date"] = "2026-11-05T01:00:00+00:00"  # such a map wrote every interaction's moment
    assert {all_day for all_day, _when in _imported(tmp_path, exported).values()} == {False}


def test_an_all_day_that_is_no_true_or_false_is_refused_naming_it(exported, tmp_path):
    exported["interactions"][0]["all_day"] = "yes"
    with pytest.raises(CommandError, match=rf"interactions {exported['interactions'][0]['id']}\.all_day"):
        _imported(tmp_path, exported)
    assert not Account.objects.filter(slug="copy").exists()


# --- in another time zone: the day is kept (a reviewer's trial: Shanghai's all-day 1 December read as 30 November
# in New York, and a GET then PUT of it there was a 422 on all_day) ------------------------------------------


def test_the_map_writes_an_all_day_interactions_day_alone(exported):
    dates = {i["summary"]: i["date"] for i in exported["interactions"]}
    assert dates["现场拜访（全天）"] == "2026-11-05"
    assert dates["方案汇报"] == "2026-11-05T01:00:00+00:00"  # a meeting keeps its moment


@override_settings(TIME_ZONE="America/New_York")
def test_it_keeps_its_day_in_another_time_zone_and_saves_back(exported, tmp_path, world, client):
    assert _imported(tmp_path, exported) == {
        "现场拜访（全天）": (True, "11-05 09:00"),  # 09:00 in New York, on its day
        "方案汇报": (False, "11-04 20:00"),  # the same moment as in Shanghai
    }
    visit = Account.objects.get(slug="copy").interactions.get(all_day=True)
    path = f"/api/interactions/{visit.pk}"
    client.force_login(world.owner)
    body = {**client.get(path).json(), "outcome": "已确认"}
    put = client.put(path, json.dumps(body), content_type="application/json")
    assert put.status_code == 200, put.json()
    visit.refresh_from_db()
    assert (visit.outcome, timezone.localtime(visit.occurred_at).strftime("%m-%d %H:%M")) == (
        "已确认",
        "11-05 09:00",
    )


@override_settings(TIME_ZONE="America/New_York")
def test_a_map_written_before_keeps_its_day_too(exported, tmp_path):
    """A map of an earlier version wrote the 09:00 in Shanghai as a moment: 2026-11-05T01:00:00+00:00."""
    for i in exported["interactions"]:
        if i["all_day"]:
            i["date"] = "2026-11-05T01:00:00+00:00"
    assert _imported(tmp_path, exported)["现场拜访（全天）"] == (True, "11-05 09:00")


def test_a_date_that_is_neither_a_day_nor_a_moment_is_refused_naming_it(exported, tmp_path):
    exported["interactions"][0]["date"] = "2026-11-31"
    where = f"interactions {exported['interactions'][0]['id']}.date"
    with (
        translation.override("zh-hans"),
        pytest.raises(CommandError, match=rf"{where}：应为 YYYY-MM-DD 格式的日期（全天）"),
    ):
        _imported(tmp_path, exported)
    assert not Account.objects.filter(slug="copy").exists()
