"""Coverage, playbook, circle, win-win, changes and the JSON / snapshot files."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest

from battlemap.analysis import (
    SnapshotError,
    analysis_json,
    analyze,
    changes_between,
    snapshot_from_dict,
    snapshot_to_dict,
)
from battlemap.analysis.types import ExternalFactorInfo, PersonInfo

from .builders import (
    CHEN,
    LI,
    SUN,
    WANG,
    ZHANG,
    ZHAO,
    days_ago,
    healthy_snapshot,
    with_deal,
    with_person,
    with_stakeholder,
)


def test_coverage_lists_holders_met_attitude_and_last_contact():
    coverage = {row.role: row for row in analyze(healthy_snapshot()).deals[0].coverage}
    assert [h.name for h in coverage["influencer"].holders] == ["李工", "赵博士"]
    dm = coverage["decision_maker"].holders[0]
    assert dm.met and dm.engaged and dm.attitude == "supporter" and dm.last_contact == days_ago(5)
    assert not coverage["coach"].held
    assert "purchase_decision" in coverage["purchaser"].stages


def test_playbook_puts_flag_actions_first_and_names_people():
    snap = with_stakeholder(healthy_snapshot(), ZHAO, attitude="opponent", influence=5)
    playbook = analyze(snap).deals[0].playbook
    assert playbook[0].flag == "unaddressed_opponent" and "赵博士" in playbook[0].text
    assert [p.impact for p in playbook] == sorted((p.impact for p in playbook), reverse=True)
    codes = [p.code for p in playbook]
    # 王总 supports us: keep his support rather than win him with an ROI case
    assert "keep_support" in codes and "roi_case" not in codes
    assert "competitive_quote" in codes and "hands_on_demo" in codes


def test_playbook_follows_the_stage():
    evaluation = analyze(with_deal(healthy_snapshot(), stage="evaluation")).deals[0].playbook
    assert "custom_demo" in [p.code for p in evaluation]
    won = analyze(with_deal(healthy_snapshot(), status="won")).deals[0].playbook
    assert "follow_up" in [p.code for p in won]


def test_circle_places_people_and_factors_on_rings_with_a_reason():
    snap = replace(healthy_snapshot(), external_factors=(ExternalFactorInfo(1, "policy", "信创政策", 2),))
    rings = {(r.kind, r.id): r for r in analyze(snap).rings}
    assert rings[("person", WANG)].ring == "decision_unit"
    assert rings[("person", LI)].ring == "deal_roles"
    assert rings[("person", SUN)].ring == "organisation"
    assert rings[("factor", 1)].ring == "environment" and "+2" in rings[("factor", 1)].reason
    loose = replace(
        snap, people=(*snap.people, PersonInfo(99, "Dr Lee", external=True, external_kind="industry_expert"))
    )
    assert {(r.kind, r.id): r for r in analyze(loose).rings}[("person", 99)].ring == "outside"


def test_win_win_shows_the_gaps_first():
    rows = analyze(with_person(healthy_snapshot(), LI, personal_win="")).deals[0].win_win
    assert rows[0].name == "李工" and rows[0].personal_win == ""
    assert rows[1].personal_win == "三年内上市" and rows[1].our_win == "Reference in retail"


def test_changes_show_new_and_resolved_flags_health_people_and_stage():
    before = healthy_snapshot()
    after = with_stakeholder(before, WANG, favoured_competitor="Acme", attitude="neutral")
    after = with_deal(after, stage="post_purchase")
    after = with_person(after, CHEN, status="left")
    after = replace(after, people=(*after.people, PersonInfo(77, "新人")), today=days_ago(-7))
    changes = changes_between(analyze(before), analyze(after))
    assert {f.code for f in changes.new_flags} == {
        "competitor_favoured",
        "key_person_left",
        "users_not_engaged",
    }
    assert changes.resolved_flags == ()
    assert changes.health[0].before > changes.health[0].after
    assert [p.name for p in changes.people_added] == ["新人"]
    assert [p.person_id for p in changes.people_left] == [CHEN]
    assert any(p.person_id == WANG and "supporter → neutral" in p.detail for p in changes.people_rerated)
    assert (
        changes.stage_moves[0].before == "purchase_decision"
        and changes.stage_moves[0].after == "post_purchase"
    )
    resolved = changes_between(analyze(after), analyze(before))
    assert "competitor_favoured" in {f.code for f in resolved.resolved_flags}


def _score_values(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "score":
                yield value
            yield from _score_values(value)
    elif isinstance(node, list):
        for value in node:
            yield from _score_values(value)


def test_json_has_the_documented_shape_and_every_score_is_0_to_100():
    snap = with_stakeholder(healthy_snapshot(), ZHANG, roles=())
    data = json.loads(json.dumps(analysis_json(analyze(snap, lang="zh"))))
    assert data["account"] == "acme-retail" and data["as_of"] == "2026-11-23"
    person = data["people"][0]
    assert set(person) >= {"id", "name", "influence", "ring"} and set(person["influence"]) >= {
        "score",
        "parts",
    }
    deal = data["deals"][0]
    assert set(deal) >= {"id", "name", "stage", "health", "coverage", "flags", "playbook", "win_win"}
    assert set(deal) >= {"qualification", "blue_sheet"}
    assert deal["flags"][0] == {
        "code": "purchaser_unknown",
        "severity": "medium",
        "title": "采购者不明",
        "people": [],
        "reason": "商机已到购买决策阶段，仍不清楚由谁负责采购。",
        "action": "找出采购负责人，为其准备成本、合同条款和供应商资质材料。",
        "costs": True,  # health counts it
    }
    scores = list(_score_values(data))
    assert len(scores) == len(data["people"]) + 2  # influence per person, health and qualification per deal
    assert all(isinstance(s, int) and 0 <= s <= 100 for s in scores)


def test_snapshot_round_trips_through_json():
    snap = healthy_snapshot()
    assert snapshot_from_dict(json.loads(json.dumps(snapshot_to_dict(snap)))) == snap


@pytest.mark.parametrize(
    "path,value,message",
    [
        (
            ("deals", 0, "stakeholders", 1, "influence"),
            9,
            r"deals\[0\]\.stakeholders\[1\]\.influence: 9 is outside 1\.\.5",
        ),
        (
            ("deals", 0, "stakeholders", 0, "attitude"),
            "fan",
            r"deals\[0\]\.stakeholders\[0\]\.attitude: unknown code 'fan'",
        ),
        (("interactions", 2, "occurred_on"), "yesterday", r"interactions\[2\]\.occurred_on: expected a date"),
        (("people", 0, "id"), "one", r"people\[0\]\.id: expected an integer"),
    ],
)
def test_a_bad_snapshot_names_the_field(path, value, message):
    data = snapshot_to_dict(healthy_snapshot())
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(SnapshotError, match=message):
        snapshot_from_dict(data)


def test_module_runs_on_a_snapshot_file(tmp_path):
    path = tmp_path / "snap.json"
    path.write_text(json.dumps(snapshot_to_dict(healthy_snapshot()), ensure_ascii=False), encoding="utf-8")
    run = [sys.executable, "-m", "battlemap.analysis", str(path)]
    text = subprocess.run([*run, "--lang", "zh"], capture_output=True, text=True, check=True).stdout
    assert "健康度" in text and "王总" in text
    data = json.loads(subprocess.run([*run, "--json"], capture_output=True, text=True, check=True).stdout)
    assert data["deals"][0]["health"]["score"] > 50
    path.write_text("{}", encoding="utf-8")
    bad = subprocess.run(run, capture_output=True, text=True)
    assert bad.returncode != 0 and "account: required" in bad.stderr


@pytest.mark.parametrize("offset", [0, 50_000_000])  # small ids use a lookup table, huge ones a search
def test_contacts_ignore_people_not_on_the_map_and_future_meetings(offset):
    from battlemap.analysis.contacts import build_contact_index
    from battlemap.analysis.settings import DEFAULT_SETTINGS
    from battlemap.analysis.types import AccountInfo, InteractionInfo, MapSnapshot

    people = (PersonInfo(offset + 1, "A"), PersonInfo(offset + 2, "B"))
    snap = MapSnapshot(
        AccountInfo(1, "a", "A"),
        days_ago(0),
        people=people,
        interactions=(
            InteractionInfo(1, days_ago(3), "email", (offset + 1, offset + 999)),
            InteractionInfo(2, days_ago(9), "meeting", (offset + 1,)),
            InteractionInfo(3, days_ago(-2), "meeting", (offset + 2,)),  # not happened yet
        ),
    )
    index = build_contact_index(snap, DEFAULT_SETTINGS)
    assert index.last_contact == {offset + 1: days_ago(3)}
    assert index.last_met == {offset + 1: days_ago(9)}
