"""Reads for the account pages: the portfolio rows and the org-chart graph (the timeline: `accounts.timeline`).
Callers pass an account already reached through `core.access`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import F
from django.utils import timezone

from battlemap.accounts.models import Account
from battlemap.accounts.selectors import account_owners, matching
from battlemap.core.access import accounts_visible_to
from battlemap.core.api import asked_id
from battlemap.core.multilingual import active_language
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.look import Look, body_look, circle_shows_deal, person_looks, sealed_bodies
from battlemap.maps import account_summaries, severity_rank, view_people
from battlemap.people.models import DottedLine, InfluenceLink, Person
from battlemap.process.body_names import body_kind_shown
from battlemap.process.models import BodyRole
from battlemap.vocab import ATTITUDES, BUYING_ROLES, DECISION_RULES

PORTFOLIO_SORTS = ("name", "lifecycle", "segments", "owner", "open_deals", "health", "flag", "last_contact")


@dataclass
class PortfolioRow:
    account: Account
    open_deals: int
    health: int | None
    band: str
    flag: dict[str, Any] | None
    last_contact: datetime | None
    segments: list[str] = field(default_factory=list)


def portfolio_rows(
    *,
    user,
    search: str = "",
    segment: str = "",
    lifecycle: str = "",
    owner: str = "",
    health: str = "",
    sort: str = "name",
    descending: bool = False,
) -> list[PortfolioRow]:
    """The portfolio page (`/accounts/`): one PortfolioRow per account `user` may see (core.access), matching
    `search` (name characters or pinyin) and each filter given (segment, lifecycle code, owner's username,
    health band "good"/"fair"/"poor"), sorted by `sort` (a PortfolioRow column; unknown: name). Health, worst
    flag and last contact come from the cached analysis summaries (maps.account_summaries)."""
    accounts = matching(accounts_visible_to(user).select_related("owner", "team"), search)
    if lifecycle:
        accounts = accounts.filter(lifecycle=lifecycle)
    if owner:
        accounts = accounts.filter(owner__username=owner)
    accounts = [a for a in accounts if not segment or segment in (a.segments or [])]
    summaries = account_summaries(accounts=accounts)  # cached: a few queries for any number of accounts
    rows = [
        PortfolioRow(
            account,
            s["open_deals"],
            s["health"],
            s["band"],
            s["flag"],
            s["last_contact"],
            list(account.segments or []),
        )
        for account in accounts
        for s in (summaries[account.pk],)
    ]
    if health:
        rows = [r for r in rows if r.band == health]
    return _sorted(rows, sort, descending)


def _sorted(rows: list[PortfolioRow], sort: str, descending: bool) -> list[PortfolioRow]:
    keys = {
        "name": lambda r: r.account.name_key,
        "lifecycle": lambda r: r.account.lifecycle,
        "segments": lambda r: ", ".join(r.segments),
        "owner": lambda r: r.account.owner.get_username(),
        "open_deals": lambda r: r.open_deals,
        "health": lambda r: -1 if r.health is None else r.health,
        "flag": lambda r: severity_rank((r.flag or {}).get("severity")),
        "last_contact": lambda r: (
            r.last_contact or datetime.min.replace(tzinfo=timezone.get_current_timezone())
        ),
    }
    return sorted(rows, key=keys.get(sort, keys["name"]), reverse=descending)


def portfolio_filter_options(*, user) -> dict[str, list]:
    """{"segments": [...], "owners": [(username, name)]} over the accounts `user` may see, sorted: the
    portfolio's filter choices (owners as `accounts.selectors.account_owners` lists them)."""
    segments = sorted({s for a in accounts_visible_to(user) for s in (a.segments or [])})
    return {"segments": segments, "owners": account_owners(user)}


def deal_asked(account: Account, deal_id: str | None) -> Deal | None:
    """The account's deal that `deal_id` (the `?deal=` text) names; None for any other text or deal."""
    pk = asked_id(deal_id)
    return account.deals.filter(pk=pk).first() if pk is not None else None


def selected_deal(account: Account, deal_id: str | None) -> Deal | None:
    """The deal a map page draws: `deal_id` (the `?deal=` text) when it is one of the account's, else the
    biggest open deal by amount (then by name), else any deal; None when the account has none."""
    chosen = deal_asked(account, deal_id)
    if chosen is not None:
        return chosen
    deals = account.deals.all()
    # By default the biggest open deal: the one the map is usually drawn for.
    return (
        deals.filter(status="open").order_by(F("amount").desc(nulls_last=True), "name").first()
        or deals.first()
    )


def deal_looks(deal: Deal | None, analysis: dict[str, Any], *, circle: bool = False) -> dict[int, Look]:
    """How each person is drawn on every picture of this deal (battlemap.look); `circle`: on the influence
    circle, which draws an open deal's roles only (`look.circle_shows_deal`)."""
    if circle and deal is not None and not circle_shows_deal(deal.status):
        deal = None
    roles = {}
    if deal is not None:
        roles = {
            r["person_id"]: r
            for r in StakeholderRole.objects.filter(deal=deal).values("person_id", "roles", "attitude")
        }
    return person_looks(analysis, roles, deal_id=deal.pk if deal else None, lang=active_language())


GRAPH_PEOPLE = 2000  # people in the org chart's data; a bigger account sends the top of its tree


def chart_people(tree: list[tuple[int, int | None]], keep: set[int], limit: int) -> set[int]:
    """Of `tree` ((person id, manager id) pairs), at most `limit` ids (all under the limit): `keep`
    (the deal's stakeholders) with their chains of managers, then the reporting tree level by level
    from the top."""
    if len(tree) <= limit:
        return {pid for pid, _m in tree}
    manager = dict(tree)
    chosen: set[int] = set()
    for pid in keep:
        while pid is not None and pid not in chosen and len(chosen) < limit:
            chosen.add(pid)
            pid = manager.get(pid)
    reports: dict[int | None, list[int]] = {}
    for pid, boss in tree:
        reports.setdefault(boss if boss in manager else None, []).append(pid)
    level = sorted(reports.get(None, []))
    while level and len(chosen) < limit:
        for pid in level:
            if len(chosen) >= limit:
                break
            chosen.add(pid)
        level = sorted(r for pid in level for r in reports.get(pid, []))
    return chosen


def org_graph(account: Account, deal: Deal | None, view: dict[str, Any]) -> dict[str, Any]:
    """Nodes and edges for the org chart (Cytoscape's element format, plain data only) from the
    account's `maps.map_view`; an account of more than GRAPH_PEOPLE people sends that many
    (`chart_people`) and `hidden`, the number left out."""
    everyone = Person.objects.filter(account=account)
    tree = list(everyone.values_list("id", "reports_to_id"))
    roles = {}
    if deal is not None:
        roles = {r.person_id: r for r in StakeholderRole.objects.filter(deal=deal)}
    total = len(tree)
    big = total > GRAPH_PEOPLE
    if big:  # the details of the people sent only (at most GRAPH_PEOPLE ids in a query)
        everyone = everyone.filter(pk__in=chart_people(tree, set(roles), GRAPH_PEOPLE))
    people = list(everyone.values("id", "name", "title", "status", "external", "reports_to_id", "version"))
    sent = view_people(view, {p["id"] for p in people})  # the analysis of the people sent only
    looks = deal_looks(deal, {**view, "people": sent})
    scores = {p["id"]: p for p in sent}
    nodes = []
    for p in people:
        role = roles.get(p["id"])
        info = scores.get(p["id"], {})
        nodes.append(
            {
                "data": {
                    "id": f"p{p['id']}",
                    "pid": p["id"],
                    "name": p["name"],
                    "title": p["title"],
                    "left": p["status"] == "left",
                    "external": p["external"],
                    "version": p["version"],
                    "attitude": role.attitude if role else "",
                    "attitude_label": ATTITUDES.label(role.attitude, active_language()) if role else "",
                    "roles": [BUYING_ROLES.label(code, active_language()) for code in role.roles]
                    if role
                    else [],
                    "score": info.get("influence", {}).get("score", 0),
                    "drivers": info.get("influence", {}).get("drivers", [])[:3],
                    "look": looks[p["id"]].as_dict() if p["id"] in looks else None,
                }
            }
        )
    ids = {p["id"] for p in people}
    edges = [
        {
            "data": {
                "id": f"r{p['id']}",
                "source": f"p{p['reports_to_id']}",
                "target": f"p{p['id']}",
                "kind": "reports",
            }
        }
        for p in people
        if p["reports_to_id"] in ids
    ]
    dotted = DottedLine.objects.filter(person__account=account).values_list("id", "person_id", "manager_id")
    for line_id, person_id, manager_id in dotted:
        if person_id not in ids or manager_id not in ids:
            continue
        edges.append(
            {
                "data": {
                    "id": f"d{line_id}",
                    "source": f"p{manager_id}",
                    "target": f"p{person_id}",
                    "kind": "dotted",
                }
            }
        )
    links = InfluenceLink.objects.filter(account=account)
    if big:
        links = links.filter(source_id__in=ids)
    links = links.values_list("id", "source_id", "target_id", "strength", "kind")
    for link_id, source_id, target_id, strength, kind in links:
        if source_id not in ids or target_id not in ids:
            continue
        edges.append(
            {
                "data": {
                    "id": f"i{link_id}",
                    "source": f"p{source_id}",
                    "target": f"p{target_id}",
                    "kind": "influence",
                    "link_kind": kind,
                    "strength": strength,
                }
            }
        )
    body_nodes, member_edges = body_graph(account, deal, view)
    cards = {f"p{i}" for i in ids}
    member_edges = [e for e in member_edges if e["data"]["target"] in cards]
    return {"nodes": nodes + body_nodes, "edges": edges + member_edges, "hidden": total - len(people)}


def body_graph(account: Account, deal: Deal | None, view: dict[str, Any]) -> tuple[list, list]:
    """The decision bodies as org-chart cards (`b<id>`), each with a `member` line to every member;
    drawn with `battlemap.look.body_look` (its roles in `deal`, met and sealed from the account's map view)."""
    lang = active_language()
    roles = dict(BodyRole.objects.filter(deal=deal).values_list("body_id", "roles")) if deal else {}
    shut = sealed_bodies(view, deal.pk) if deal else set()
    bodies = view.get("decision_bodies", [])
    members = {pid for b in bodies for pid in (*b["members"], b["chair"])}
    names = {p["id"]: p["name"] for p in view_people(view, members)} if bodies else {}
    nodes, edges = [], []
    for b in bodies:
        held = roles.get(b["id"], [])
        nodes.append(
            {
                "data": {
                    "id": f"b{b['id']}",
                    "bid": b["id"],
                    "body": True,
                    "name": b["name"],
                    "title": body_kind_shown(b["name"], b["kind"], lang),  # "" when the name says it
                    "rule": DECISION_RULES.label(b["decision_rule"], lang),
                    "chair": names.get(b["chair"], ""),
                    "members": [names[pid] for pid in b["members"] if pid in names],
                    "met_count": len(b["met_members"]),
                    "next_meeting": b["next_meeting"] or "",
                    "roles": [BUYING_ROLES.label(code, lang) for code in held],
                    "score": 0,
                    "look": body_look(
                        roles=held, met=bool(b["met_members"]), lang=lang, sealed=b["id"] in shut
                    ).as_dict(),
                },
                "grabbable": False,
            }
        )
        for pid in b["members"]:
            edges.append(
                {
                    "data": {
                        "id": f"m{b['id']}-{pid}",
                        "source": f"b{b['id']}",
                        "target": f"p{pid}",
                        "kind": "member",
                        "chair": pid == b["chair"],
                    }
                }
            )
    return nodes, edges
