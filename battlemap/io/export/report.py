"""What an account review shows, gathered once from a map-format dict (and an analysis dict when given).

The PDF and PPTX exporters draw this; the analysis dict is shaped like `battlemap analyze --json`
(issue 3) and is optional, so exports work without it (flags, health and playbook then say so).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from battlemap.analysis.vocab import MEETING_KINDS, ROLES

KEY_INFLUENCE = 4


@dataclass
class CoverageRow:
    role: str
    people: list[dict[str, Any]]  # {name, attitude, influence, relationship, met}


@dataclass
class Report:
    account: dict[str, Any]
    people: list[dict[str, Any]]
    by_id: dict[Any, dict[str, Any]]
    deal: dict[str, Any] | None
    roles_by_person: dict[Any, dict[str, Any]]
    coverage: list[CoverageRow]
    win_win: list[dict[str, Any]]
    flags: list[dict[str, Any]] | None  # None: no analysis given
    health: dict[str, Any] | None
    playbook: list[Any] | None
    actions: list[dict[str, Any]]
    influence_scores: dict[Any, Any] = field(default_factory=dict)


def pick_deal(data: dict[str, Any], deal_id: int | None) -> dict[str, Any] | None:
    deals = data.get("deals") or []
    if deal_id is not None:
        for d in deals:
            if d.get("id") == deal_id:
                return d
        raise KeyError(deal_id)
    open_deals = [d for d in deals if d.get("status", "open") == "open"]
    return (open_deals or deals or [None])[0]


def build_report(
    data: dict[str, Any], deal_id: int | None = None, analysis: dict[str, Any] | None = None
) -> Report:
    people = list(data.get("people") or [])
    by_id = {p["id"]: p for p in people}
    deal = pick_deal(data, deal_id)
    roles_by_person = {r["person"]: r for r in (deal or {}).get("roles", [])}
    met = _met_people(data, deal)
    coverage = []
    for code in ROLES:
        holders = []
        for pid, r in roles_by_person.items():
            if code in (r.get("roles") or []) and pid in by_id:
                holders.append(
                    {
                        "id": pid,
                        "name": by_id[pid]["name"],
                        "attitude": r.get("attitude"),
                        "influence": r.get("influence"),
                        "relationship": r.get("relationship"),
                        "met": pid in met,
                    }
                )
        coverage.append(CoverageRow(code, holders))
    win_win = []
    for pid, r in roles_by_person.items():
        roles = r.get("roles") or []
        if pid in by_id and (
            "decision_maker" in roles or "champion" in roles or (r.get("influence") or 0) >= KEY_INFLUENCE
        ):
            win_win.append({"id": pid, "name": by_id[pid]["name"], "roles": roles, "win": r.get("win") or ""})
    a_deal = _analysis_deal(analysis, deal)
    actions = [a for a in (deal or {}).get("action_items", []) if not a.get("done")]
    scores = {}
    for p in (analysis or {}).get("people", []) or []:
        inf = p.get("influence")
        scores[p.get("id")] = inf.get("score") if isinstance(inf, dict) else inf
    return Report(
        account=data.get("account") or {},
        people=people,
        by_id=by_id,
        deal=deal,
        roles_by_person=roles_by_person,
        coverage=coverage,
        win_win=win_win,
        flags=a_deal.get("flags") if a_deal is not None else None,
        health=a_deal.get("health") if a_deal is not None else None,
        playbook=a_deal.get("playbook") if a_deal is not None else None,
        actions=actions,
        influence_scores=scores,
    )


def _met_people(data: dict[str, Any], deal: dict[str, Any] | None) -> set[Any]:
    met: set[Any] = set()
    for i in data.get("interactions") or []:
        if i.get("kind") in MEETING_KINDS:
            met.update(i.get("participants") or [])
    return met


def _analysis_deal(analysis: dict[str, Any] | None, deal: dict[str, Any] | None) -> dict[str, Any] | None:
    if not analysis or deal is None:
        return None
    for d in analysis.get("deals") or []:
        if d.get("id") == deal.get("id"):
            return d
    return None


def money(amount: Any, currency: Any) -> str:
    """`12,000,000 CNY`; empty when there is no amount."""
    if amount is None or amount == "":
        return ""
    text = f"{amount:,}" if isinstance(amount, (int, float)) else str(amount)
    return f"{text} {currency or ''}".strip()


def item_text(item: Any) -> str:
    """Readable text of an analysis list item whose exact shape may vary (playbook step, health part)."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        for key in ("text", "action", "label", "reason", "name", "code"):
            if item.get(key):
                return str(item[key])
    return str(item)


def part_points(part: Any) -> str:
    if isinstance(part, dict):
        for key in ("points", "value", "weight"):
            if part.get(key) is not None:
                value = part[key]
                return f"{value:.0f}" if isinstance(value, float) else str(value)
    return ""


def children_of(people: list[dict[str, Any]]) -> tuple[list[Any], dict[Any, list[Any]]]:
    """Roots and children of the reporting tree (people whose manager is outside the map are roots)."""
    ids = {p["id"] for p in people}
    kids: dict[Any, list[Any]] = {p["id"]: [] for p in people}
    roots = []
    for p in people:
        boss = p.get("reports_to")
        if boss in ids and boss != p["id"]:
            kids[boss].append(p["id"])
        else:
            roots.append(p["id"])
    return roots, kids
