"""The account's map as it was at the end of a past day, beside today's: the reads behind the read-only
"map as of" page. The map then is `maps.map_as_of` (the recorded history), its flags the analysis as of
that day (`maps.account_analysis(as_of=)`); this only lays the org chart out and marks what differs
from today. Access has been checked by the caller."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from battlemap import vocab
from battlemap.accounts.models import Account
from battlemap.core.dates import end_of_day
from battlemap.core.multilingual import active_language
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.maps import account_analysis, map_as_of
from battlemap.people.models import Person
from battlemap.process.body_names import body_kind_shown
from battlemap.process.models import DecisionBody
from battlemap.punctuation import join_names


def _tree_order(people: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int]]:
    """People in org-chart order (each manager followed by his reports, by name), with their depth."""
    ids = {p["id"] for p in people}
    reports: dict[int | None, list[dict[str, Any]]] = {}
    for p in people:
        boss = p["reports_to"] if p["reports_to"] in ids else None
        reports.setdefault(boss, []).append(p)
    for group in reports.values():
        group.sort(key=lambda p: p["name"])
    ordered: list[tuple[dict[str, Any], int]] = []
    seen: set[int] = set()
    stack = [(p, 0) for p in reversed(reports.get(None, []))]
    while stack:
        person, depth = stack.pop()
        if person["id"] in seen:
            continue
        seen.add(person["id"])
        ordered.append((person, depth))
        stack.extend((p, depth + 1) for p in reversed(reports.get(person["id"], [])))
    ordered.extend((p, 0) for p in people if p["id"] not in seen)  # a reporting loop: listed at the end
    return ordered


def _flags(account: Account, day: date | None, deal_id: int) -> list[dict[str, Any]] | None:
    try:
        deals = account_analysis(account=account, as_of=day, deal_id=deal_id)["deals"]
    except ValueError:  # the deal did not exist yet that day
        return None
    return deals[0]["flags"] if deals else None


def map_then(*, account: Account, day: date, deal_id: int | None) -> dict[str, Any] | None:
    """The map at the end of `day` beside today's, or None when the account did not exist yet:
    {"rows": [{"id", "name", "title", "depth", "left", "gone", "left_since", "roles", "attitude",
    "attitude_label", "changes": [text]}], "added": [{"id", "name", "title"}], "bodies": [{"id", "name",
    "kind_label", "members": [name], "roles": [label], "gone"}], "bodies_added": [{"id", "name"}],
    "flags": [...] | None, "flags_now": codes, "deal_existed": bool, "account_then", "deals_then"
    (`_head_then`)}. Roles, attitudes and flags are those of deal `deal_id`; a body's roles are its roles
    in that deal then."""
    then = map_as_of(account=account, when=end_of_day(day))
    if then is None:
        return None
    lang = active_language()
    now = {
        p["id"]: p
        for p in Person.objects.filter(account=account).values(
            "id", "name", "title", "status", "reports_to_id"
        )
    }
    deal_then = next((d for d in then["deals"] if d["id"] == deal_id), None)
    roles_then = {r["person"]: r for r in deal_then["roles"]} if deal_then else {}
    roles_now = {
        r["person_id"]: r
        for r in StakeholderRole.objects.filter(deal_id=deal_id).values("person_id", "roles", "attitude")
    }
    names = {p["id"]: p["name"] for p in then["people"]}
    rows = []
    for person, depth in _tree_order(then["people"]):
        pid, today = person["id"], now.get(person["id"])
        role, role_now = roles_then.get(pid), roles_now.get(pid)
        changes = []
        if today is not None:
            if role is not None and role_now is not None and role["attitude"] != role_now["attitude"]:
                changes.append(("attitude", vocab.ATTITUDES.label(role_now["attitude"], lang)))
            if role is not None and role_now is not None and list(role["roles"]) != list(role_now["roles"]):
                labels = [vocab.BUYING_ROLES.label(code, lang) for code in role_now["roles"]]
                changes.append(("roles", join_names(lang, labels) or "—"))
            if role is None and role_now is not None:
                changes.append(("joined", ""))
            if role is not None and role_now is None and deal_then is not None:
                changes.append(("dropped", ""))
            if today["title"] != person["title"]:
                changes.append(("title", today["title"]))
            if today["reports_to_id"] != person["reports_to"]:
                changes.append(
                    ("manager", now[today["reports_to_id"]]["name"] if today["reports_to_id"] in now else "—")
                )
        rows.append(
            {
                "id": pid,
                "name": person["name"],
                "title": person["title"],
                "depth": min(depth, 12),
                "left": person["status"] == "left",
                "gone": today is None,
                "left_since": today is not None and person["status"] != "left" and today["status"] == "left",
                "roles": [vocab.BUYING_ROLES.label(code, lang) for code in (role["roles"] if role else [])],
                "attitude": role["attitude"] if role else "",
                "attitude_label": vocab.ATTITUDES.label(role["attitude"], lang) if role else "",
                "changes": changes,
            }
        )
    then_ids = {p["id"] for p in then["people"]}
    added = sorted((p for pid, p in now.items() if pid not in then_ids), key=lambda p: p["name"])
    flags = _flags(account, day, deal_id) if deal_id is not None and deal_then is not None else None
    flags_now = {f["code"] for f in (_flags(account, None, deal_id) or [])} if deal_id is not None else set()
    # a flag gone because everyone it named left since is not resolved (analysis.changes_between's rule): their
    # rows say they left
    left = {r["id"] for r in rows if r["gone"] or r["left_since"]}
    for flag in flags or []:
        flag["names"] = [names.get(pid, "") for pid in flag["people"]]
        gone = bool(flag["people"]) and set(flag["people"]) <= left
        flag["resolved"] = flag["code"] not in flags_now and not gone
    bodies, bodies_added = _bodies_then(account, then, deal_then, names, lang)
    return {
        **_head_then(then),
        "rows": rows,
        "added": added,
        "bodies": bodies,
        "bodies_added": bodies_added,
        "flags": flags,
        "deal_existed": deal_then is not None,
        "differs": sum(1 for r in rows if r["gone"] or r["left_since"] or r["changes"])
        + len(added)
        + sum(1 for b in bodies if b["gone"])
        + len(bodies_added),
    }


def _head_then(then: dict[str, Any]) -> dict[str, Any]:
    """What the page head shows as it was then, instead of today's (trial on a fresh clone: a past day read
    today's lifecycle stage and deals): {"account_then": the account's facts then (an unsaved Account: its
    lifecycle stage, industry, region, segments, potential value), "deals_then": its deals then (unsaved
    Deals: name, stage and status then, by name)}."""
    row = then["account"]
    value = row["potential_value"]
    account = Account(
        name=row["name"],
        industry=row["industry"],
        region=row["region"],
        segments=row["segments"] or [],
        lifecycle=row["lifecycle"],
        currency=row["currency"],
        potential_value=Decimal(str(value)) if value is not None else None,
    )
    deals = [
        Deal(id=d["id"], name=d["name"], stage=d["stage"], status=d["status"])
        for d in sorted(then["deals"], key=lambda d: d["name"])
    ]
    return {"account_then": account, "deals_then": deals}


def _bodies_then(
    account: Account, then: dict[str, Any], deal_then: dict[str, Any] | None, names: dict[int, str], lang: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The decision bodies of the map then (members by name, their roles in the deal then, whether
    they are gone since), and the bodies added since."""
    now = dict(DecisionBody.objects.filter(account=account).values_list("id", "name"))
    roles = {r["body"]: r["roles"] for r in (deal_then or {}).get("body_roles", [])}
    bodies = [
        {
            "id": body["id"],
            "name": body["name"],
            "kind_label": body_kind_shown(body["name"], body["kind"], lang),  # "" when the name says it
            "members": sorted(names[pid] for pid in body["members"] if pid in names),
            "roles": [vocab.BUYING_ROLES.label(code, lang) for code in roles.get(body["id"], [])],
            "gone": body["id"] not in now,
        }
        for body in sorted(then["decision_bodies"], key=lambda b: b["name"])
    ]
    then_ids = {b["id"] for b in bodies}
    added = sorted(
        ({"id": i, "name": n} for i, n in now.items() if i not in then_ids), key=lambda b: b["name"]
    )
    return bodies, added
