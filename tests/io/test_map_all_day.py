"""An all-day interaction (a calendar's all-day visit, a date-only row of an activity log) keeps its day alone
through the map format — export-map, the API's map and import-map: it came back as a meeting at 09:00. A map
written before `all_day` was kept reads as before."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

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
    assert {all_day for all_day, _when in _imported(tmp_path, exported).values()} == {False}


def test_an_all_day_that_is_no_true_or_false_is_refused_naming_it(exported, tmp_path):
    exported["interactions"][0]["all_day"] = "yes"
    with pytest.raises(CommandError, match=rf"interactions {exported['interactions'][0]['id']}\.all_day"):
        _imported(tmp_path, exported)
    assert not Account.objects.filter(slug="copy").exists()
