"""A small stand-in for the analysis engine, used only until `battlemap.analysis.engine` is installed.

It gives the same JSON shape with simple, explainable rules (see docs/web.md); the real engine
(issue 3) replaces every number here without any page changing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.interactions.models import Participant
from battlemap.people.models import InfluenceLink, Person

MET_KINDS = ("meeting", "call", "visit")

PLAYBOOK_BY_STAGE = {
    "need_recognition": "Help the customer name the problem and its cost; find who owns it.",
    "information_search": "Send case studies and white papers to the people searching for options.",
    "evaluation": "Run a custom demo and a side-by-side comparison for users and influencers.",
    "purchase_decision": "Give the purchaser a competitive quote and a written service commitment.",
    "post_purchase": "Follow up on delivery, run a satisfaction survey and look for expansion.",
}


def _influence(people, links, stakeholders) -> dict[int, dict[str, Any]]:
    parent = {p.id: p.reports_to_id for p in people}
    depth: dict[int, int] = {}

    def depth_of(pid: int) -> int:
        seen, d, cur = set(), 0, parent.get(pid)
        while cur is not None and cur not in seen and cur in parent:
            seen.add(cur)
            d += 1
            cur = parent.get(cur)
        return d

    for p in people:
        depth[p.id] = depth_of(p.id)
    reach: dict[int, int] = defaultdict(int)
    for link in links:
        reach[link.source_id] += link.strength
    top_reach = max(reach.values(), default=1) or 1
    rating: dict[int, int] = defaultdict(int)
    for role in stakeholders:
        rating[role.person_id] = max(rating[role.person_id], role.influence)
    scores = {}
    for p in people:
        formal = max(0.0, 40.0 - 10.0 * depth[p.id]) if not p.external else 10.0
        informal = 30.0 * reach[p.id] / top_reach
        deal = 30.0 * rating[p.id] / 5 if rating[p.id] else 0.0
        scores[p.id] = {
            "score": int(round(min(100.0, formal + informal + deal))),
            "parts": [
                {"name": "formal", "points": round(formal, 1), "weight": 40},
                {"name": "informal", "points": round(informal, 1), "weight": 30},
                {"name": "deal_role", "points": round(deal, 1), "weight": 30},
            ],
        }
    return scores


def _ring(person: Person, roles_by_person: dict[int, set[str]]) -> str:
    roles = roles_by_person.get(person.id, set())
    if "decision_maker" in roles:
        return "decision_unit"
    if roles:
        return "deal_roles"
    if person.external:
        return "outside"
    return "organisation"


def _flag(code: str, severity: str, people: list[Person], reason: str, action: str) -> dict[str, Any]:
    return {"code": code, "severity": severity, "people": [p.id for p in people], "reason": reason,
            "action": action}


def _deal_flags(deal: Deal, roles: list[StakeholderRole], met: set[int]) -> list[dict[str, Any]]:
    flags = []
    dms = [r.person for r in roles if "decision_maker" in r.roles]
    if not dms:
        flags.append(_flag("no_decision_maker", "high", [], _("Nobody holds the decision-maker role."),
                           _("Find out who has the final say and the budget.")))
    for p in dms:
        if p.id not in met:
            flags.append(_flag("decision_maker_not_met", "high", [p],
                               _("Decision maker %(name)s has never met us.") % {"name": p.name},
                               _("Ask the champion to set up a meeting with %(name)s.") % {"name": p.name}))
    if not any("champion" in r.roles and r.attitude in ("advocate", "supporter") for r in roles):
        flags.append(_flag("no_champion", "medium", [], _("No champion who supports us."),
                           _("Find a supporter who gains from our success and equip them.")))
    for r in roles:
        if r.attitude in ("skeptic", "opponent") and r.influence >= 4 and not r.plan:
            flags.append(_flag("unaddressed_opponent", "high", [r.person],
                               _("%(name)s is against us, has high influence and no plan.") % {"name": r.person.name},
                               _("Write a plan for %(name)s: learn the concern, bring evidence.")
                               % {"name": r.person.name}))
        if r.person.status == "left":
            flags.append(_flag("key_person_left", "medium", [r.person],
                               _("%(name)s has left the company.") % {"name": r.person.name},
                               _("Find who took over from %(name)s.") % {"name": r.person.name}))
    return flags


def fallback_analysis(account: Account) -> dict[str, Any]:
    people = list(Person.objects.filter(account=account))
    by_id = {p.id: p for p in people}
    links = list(InfluenceLink.objects.filter(account=account).only("source_id", "target_id", "strength"))
    deals = list(Deal.objects.filter(account=account))
    stakeholders = list(StakeholderRole.objects.filter(deal__account=account))
    for r in stakeholders:
        r.person = by_id[r.person_id]
    met = set(
        Participant.objects.filter(interaction__account=account, interaction__kind__in=MET_KINDS)
        .values("person_id").annotate(n=Count("id")).values_list("person_id", flat=True)
    )
    open_ids = {d.id for d in deals if d.status == "open"}
    roles_by_person: dict[int, set[str]] = defaultdict(set)
    for r in stakeholders:
        if r.deal_id in open_ids:
            roles_by_person[r.person_id].update(r.roles)
    scores = _influence(people, links, stakeholders)
    deal_results = []
    for deal in deals:
        roles = [r for r in stakeholders if r.deal_id == deal.id]
        flags = _deal_flags(deal, roles, met) if deal.status == "open" else []
        held = {code for r in roles for code in r.roles}
        coverage = 40.0 * len(held & {"decision_maker", "champion", "user", "purchaser", "influencer"}) / 5
        weighted = [(r.influence, {"advocate": 2, "supporter": 1, "neutral": 0, "skeptic": -1,
                                   "opponent": -2}.get(r.attitude)) for r in roles]
        known = [(w, a) for w, a in weighted if a is not None]
        attitude = 40.0 * (sum(w * (a + 2) / 4 for w, a in known) / sum(w for w, _a in known)) if known else 0.0
        penalty = min(20.0, 5.0 * len(flags))
        health = max(0, min(100, int(round(coverage + attitude + 20 - penalty))))
        deal_results.append({
            "id": deal.id, "name": deal.name, "stage": deal.stage, "status": deal.status,
            "health": {"score": health, "parts": [
                {"name": "coverage", "points": round(coverage, 1), "weight": 40},
                {"name": "attitude", "points": round(attitude, 1), "weight": 40},
                {"name": "open_flags", "points": round(20 - penalty, 1), "weight": 20},
            ]},
            "coverage": [],
            "flags": flags,
            "playbook": [{"code": deal.stage, "text": _(PLAYBOOK_BY_STAGE[deal.stage]), "impact": 1.0,
                          "people": [], "flag": ""}] + [
                {"code": f["code"], "text": f["action"], "impact": 0.5, "people": f["people"], "flag": f["code"]}
                for f in flags],
            "win_win": [
                {"person_id": r.person_id, "name": r.person.name, "roles": r.roles,
                 "business_win": deal.customer_win, "personal_win": r.personal_win or r.person.personal_win,
                 "our_win": deal.our_win}
                for r in roles if "decision_maker" in r.roles or "champion" in r.roles or r.influence >= 4
            ],
        })
    return {
        "account": account.slug,
        "as_of": date.today().isoformat(),
        "people": [{"id": p.id, "name": p.name, "influence": scores[p.id], "ring": _ring(p, roles_by_person)}
                   for p in people],
        "deals": deal_results,
        "external_factors": [{"id": f.id, "kind": f.kind, "description": f.description, "effect": f.effect,
                              "ring": "environment"} for f in account.external_factors.all()],
    }
