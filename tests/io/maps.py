"""A hand-built map in the map format (docs/map-format.md) for the exporter tests."""

from __future__ import annotations

from typing import Any

SCRIPT_NAME = "<script>alert(1)</script>"


def _person(pid: int, name: str, title: str, boss: int | None, **extra: Any) -> dict[str, Any]:
    person = {
        "id": pid,
        "name": name,
        "title": title,
        "org_unit": None,
        "reports_to": boss,
        "dotted_line_to": [],
        "email": f"p{pid}@example.cn",
        "phone": None,
        "status": "active",
        "left_on": None,
        "placeholder": False,
        "external": False,
        "external_kind": None,
        "organisation": "",
        "external_id": None,
        "portrait": {
            "duties": "",
            "concerns": "",
            "decision_style": None,
            "needs_level": None,
            "traits": {"power": None, "expertise": None, "budget_control": None, "network": None},
            "personal_win": "",
            "notes": "",
        },
    }
    person.update(extra)
    return person


def sample_map() -> dict[str, Any]:
    people = [
        _person(1, "王建国", "董事长", None),
        _person(2, "李明", "总经理", 1),
        _person(3, "张伟", "信息中心主任", 2),
        _person(4, "刘芳", "采购部经理", 2),
        _person(5, "陈静", "财务总监", 2),
        _person(6, SCRIPT_NAME, "IT 安全主管", 3),
        _person(7, "赵磊", "运维工程师", 3),
        _person(8, "孙丽", "采购专员", 4),
        _person(9, "周杰", "会计", 5),
        _person(
            10, "吴强", "设计院顾问", None, external=True, external_kind="consultant", organisation="省设计院"
        ),
        _person(11, "Anna Smith", "Project lead", 3, status="left", left_on="2026-01-02"),
    ]
    for i in range(12, 22):
        people.append(_person(i, f"员工{i}号", "工程师", 7 if i % 2 else 8))
    deal = {
        "id": 7,
        "name": "智慧工厂平台",
        "amount": 3200000,
        "currency": "CNY",
        "expected_close": "2026-12-31",
        "status": "open",
        "stage": "evaluation",
        "stage_history": [],
        "decision_factors": {"price": 3},
        "channels": {},
        "competitors": ["华为云"],
        "customer_win": "降本增效",
        "our_win": "省内标杆",
        "roles": [
            {
                "person": 1,
                "roles": ["decision_maker"],
                "attitude": "neutral",
                "influence": 5,
                "relationship": 1,
                "win": "",
                "favoured_competitor": "华为云",
                "plan": "",
                "covered_by": ["demo"],
            },
            {
                "person": 3,
                "roles": ["influencer", "champion"],
                "attitude": "advocate",
                "influence": 4,
                "relationship": 3,
                "win": "升任副总",
                "favoured_competitor": "",
                "plan": "",
                "covered_by": [],
            },
            {
                "person": 4,
                "roles": ["purchaser"],
                "attitude": "skeptic",
                "influence": 3,
                "relationship": 2,
                "win": "",
                "favoured_competitor": "",
                "plan": "",
                "covered_by": [],
            },
            {
                "person": 6,
                "roles": ["gatekeeper"],
                "attitude": "opponent",
                "influence": 4,
                "relationship": 0,
                "win": "",
                "favoured_competitor": "",
                "plan": "",
                "covered_by": [],
            },
            {
                "person": 7,
                "roles": ["user"],
                "attitude": "supporter",
                "influence": 2,
                "relationship": 2,
                "win": "",
                "favoured_competitor": "",
                "plan": "",
                "covered_by": [],
            },
        ],
        "action_items": [
            {
                "id": 1,
                "text": "约王董做 ROI 汇报",
                "person": 1,
                "owner": "demo",
                "due": "2026-12-01",
                "done": False,
            },
            {
                "id": 2,
                "text": "Send the security white paper",
                "person": 6,
                "owner": "demo",
                "due": None,
                "done": False,
            },
        ],
    }
    return {
        "format_version": 1,
        "account": {
            "slug": "sd-energy",
            "name": "山东能源集团",
            "industry": "能源",
            "size": "10000+",
            "region": "山东",
            "segments": ["国企"],
            "potential_value": 5000000,
            "currency": "CNY",
            "lifecycle": "growing",
            "owner": "demo",
            "team": None,
            "portrait": {
                "strategic_goals": "数字化转型",
                "needs": "统一物联网平台",
                "pains": "系统孤岛",
                "buying_behaviour": "公开招标",
                "notes": "",
            },
        },
        "org_units": [],
        "people": people,
        "influence_links": [{"from": 3, "to": 1, "kind": "advises", "strength": 3, "note": ""}],
        "external_factors": [{"id": 1, "kind": "policy", "description": "国资委数字化政策", "effect": 1}],
        "deals": [deal],
        "interactions": [
            {
                "id": 1,
                "date": "2026-10-01T10:00:00+08:00",
                "kind": "meeting",
                "deal": 7,
                "summary": "方案交流",
                "outcome": "",
                "next_step": "",
                "source": "manual",
                "participants": [3, 7],
                "our_participants": ["demo"],
            },
        ],
    }


def _holder(
    pid: int, name: str, attitude: str, influence: int, relationship: int, **extra: Any
) -> dict[str, Any]:
    holder = {
        "id": pid,
        "name": name,
        "met": False,
        "engaged": False,
        "attitude": attitude,
        "relationship": relationship,
        "last_contact": None,
        "days_since_contact": None,
        "influence": influence,
        "key": influence >= 4,
        "stale": True,
        "stale_soon": True,
    }
    holder.update(extra)
    return holder


def sample_analysis() -> dict[str, Any]:
    """The analysis of `sample_map()` in the JSON shape of docs/analysis.md (hand-made, abridged)."""
    boss = _holder(1, "王建国", "neutral", 5, 1, key=True)
    zhang = _holder(3, "张伟", "advocate", 4, 3, met=True, engaged=True, stale=False, stale_soon=False)
    coverage = {
        "decision_maker": [boss],
        "influencer": [zhang],
        "user": [_holder(7, "赵磊", "supporter", 2, 2, met=True, engaged=True, stale=False)],
        "purchaser": [_holder(4, "刘芳", "skeptic", 3, 2)],
        "champion": [zhang],
        "coach": [],
        "gatekeeper": [_holder(6, SCRIPT_NAME, "opponent", 4, 0)],
    }
    return {
        "account": "sd-energy",
        "people": [
            {"id": 1, "name": "王建国", "influence": {"score": 91, "parts": []}, "ring": "decision_unit"}
        ],
        "deals": [
            {
                "id": 7,
                "name": "智慧工厂平台",
                "stage": "evaluation",
                "status": "open",
                "health": {
                    "score": 48,
                    "band": "fair",
                    "parts": [
                        {"name": "coverage", "label": "覆盖", "points": 20.0, "weight": 45.0},
                        {"name": "freshness", "label": "新鲜度", "points": 8.0, "weight": 20.0},
                    ],
                },
                "key_people": [1, 3, 6],
                "coverage": [
                    {
                        "role": role,
                        "held": bool(people),
                        "met": any(h["met"] for h in people),
                        "people": people,
                    }
                    for role, people in coverage.items()
                ],
                "flags": [
                    {
                        "code": "decision_maker_not_met",
                        "severity": "high",
                        "title": "未见过决策者",
                        "people": [1],
                        "reason": "决策者王建国从未见面",
                        "action": "安排高层拜访王建国",
                    }
                ],
                "playbook": [
                    {
                        "code": "roi_case",
                        "text": "为王建国准备 ROI 案例",
                        "impact": 10.0,
                        "people": [1],
                        "flag": None,
                    },
                    {
                        "code": "hands_on_demo",
                        "text": "Hands-on demo for 赵磊",
                        "impact": 3.0,
                        "people": [7],
                        "flag": None,
                    },
                ],
                "win_win": [
                    {
                        "person": 1,
                        "name": "王建国",
                        "roles": ["decision_maker"],
                        "business_win": "降本增效",
                        "personal_win": "",
                        "our_win": "省内标杆",
                        "gap": True,
                    },
                    {
                        "person": 3,
                        "name": "张伟",
                        "roles": ["influencer", "champion"],
                        "business_win": "降本增效",
                        "personal_win": "升任副总",
                        "our_win": "省内标杆",
                        "gap": False,
                    },
                ],
            }
        ],
    }
