"""Interim analysis until the engine of issue 3 lands: a subset of the flags and a simple health score,
in the same shape (see insight.py). Thresholds follow DESIGN.md (engaged = any interaction in 45 days).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from battlemap.analysis import vocab
from battlemap.deals.insight import DealInsight
from battlemap.deals.models import ActionItem, Deal, StakeholderRole
from battlemap.interactions.models import Interaction
from battlemap.people.models import Person

STALE_AFTER_DAYS = 45
KEY_INFLUENCE = 4

STAGE_PLAYS = {
    "need_recognition": _l("Help them name the problem: share industry trends and ask about the cost of doing nothing."),
    "information_search": _l("Be where they look: send case studies and white papers; get on the shortlist."),
    "evaluation": _l("Run a custom demo against their criteria and compare honestly with the alternatives."),
    "purchase_decision": _l("Give a competitive quote, clear terms and a service commitment; remove the last risks."),
    "post_purchase": _l("Follow up on delivery, run a satisfaction survey and look for the next need."),
}


def _is_key(role: StakeholderRole) -> bool:
    return "decision_maker" in role.roles or "champion" in role.roles or role.influence >= KEY_INFLUENCE


def _names(people: list[Person]) -> str:
    return "、".join(p.name for p in people)


def _flag(code, severity, people, reason, action):
    return {"code": code, "severity": severity, "people": [p.pk for p in people], "reason": reason,
            "action": action}


def _deal_flags(deal, roles, people, met, last_contact, now, open_items):
    flags = []
    dms = [people[r.person_id] for r in roles if "decision_maker" in r.roles]
    if not dms:
        flags.append(_flag("no_decision_maker", "high", [], _("Nobody holds the decision-maker role."),
                           _("Find out who has the final say and the budget; ask your coach.")))
    unmet = [p for p in dms if p.pk not in met]
    if unmet:
        flags.append(_flag("decision_maker_not_met", "high", unmet,
                           _("Decision maker %(names)s has not met us.") % {"names": _names(unmet)},
                           _("Ask your champion to arrange a meeting with %(names)s.") % {"names": _names(unmet)}))
    engaged = [p for p in people.values() if last_contact.get(p.pk) and (now - last_contact[p.pk]).days <= STALE_AFTER_DAYS]
    if len(engaged) <= 1:
        flags.append(_flag("single_threaded", "medium", engaged,
                           _("At most one person at the customer is engaged."),
                           _("Widen contact: meet the users, the purchaser and an influencer.")))
    if not any("champion" in r.roles and r.attitude in ("advocate", "supporter") for r in roles):
        flags.append(_flag("no_champion", "medium", [], _("No champion who supports us."),
                           _("Find a supporter who gains from our success and equip them with arguments.")))
    for r in roles:
        p = people[r.person_id]
        if r.attitude in ("skeptic", "opponent") and r.influence >= KEY_INFLUENCE and not r.plan \
                and p.pk not in open_items:
            flags.append(_flag("unaddressed_opponent", "high", [p],
                               _("%(name)s is against us, has high influence and no plan.") % {"name": p.name},
                               _("Write a plan for %(name)s: understand the objection, win over or go around.")
                               % {"name": p.name}))
        if _is_key(r) and p.status == "left":
            flags.append(_flag("key_person_left", "high", [p], _("%(name)s has left the company.") % {"name": p.name},
                               _("Find who took over from %(name)s and meet them.") % {"name": p.name}))
        elif _is_key(r) and (p.pk not in last_contact or (now - last_contact[p.pk]).days > STALE_AFTER_DAYS):
            flags.append(_flag("stale_relationship", "medium", [p],
                               _("No contact with %(name)s for over %(days)s days.") % {"name": p.name, "days": STALE_AFTER_DAYS},
                               _("Call or visit %(name)s this week.") % {"name": p.name}))
    return flags


def _health(roles, people, flags, last_contact, now):
    held = {code for r in roles for code in r.roles}
    wanted = ("decision_maker", "champion", "influencer", "user", "purchaser")
    coverage = 40 * sum(c in held for c in wanted) / len(wanted)
    rated = [r for r in roles if r.attitude in vocab.ATTITUDE_VALUES]
    total = sum(r.influence for r in rated)
    attitude = 30 * ((sum(vocab.ATTITUDE_VALUES[r.attitude] * r.influence for r in rated) / total + 2) / 4) if total else 0
    key = [r for r in roles if _is_key(r)]
    fresh = [r for r in key if r.person_id in last_contact and (now - last_contact[r.person_id]).days <= STALE_AFTER_DAYS]
    freshness = 30 * len(fresh) / len(key) if key else 0
    penalty = min(30, sum(10 if f["severity"] == "high" else 5 for f in flags))
    parts = [
        {"name": "coverage", "points": round(coverage, 1), "weight": 40, "detail": _("key roles held")},
        {"name": "attitude", "points": round(attitude, 1), "weight": 30, "detail": _("attitude weighted by influence")},
        {"name": "freshness", "points": round(freshness, 1), "weight": 30, "detail": _("key people contacted recently")},
        {"name": "flags", "points": -penalty, "weight": 30, "detail": _("open red flags")},
    ]
    score = max(0, min(100, round(coverage + attitude + freshness - penalty)))
    return {"score": score, "parts": parts}


def analyse_account(*, account, as_of: datetime | None = None, lang: str = "en") -> dict[int, DealInsight]:
    now = as_of or timezone.now()
    if as_of is None:
        deals = list(Deal.objects.filter(account=account))
        roles_qs = StakeholderRole.objects.filter(deal__account=account)
        people = {p.pk: p for p in Person.objects.filter(account=account)}
    else:
        deals = [d for d in Deal.history.as_of(as_of) if d.account_id == account.pk]
        deal_ids = {d.pk for d in deals}
        roles_qs = [r for r in StakeholderRole.history.as_of(as_of) if r.deal_id in deal_ids]
        people = {p.pk: p for p in Person.history.as_of(as_of) if p.account_id == account.pk}
    roles_by_deal = defaultdict(list)
    for r in roles_qs:
        if r.person_id in people:
            roles_by_deal[r.deal_id].append(r)
    met, last_contact = set(), {}
    interactions = Interaction.objects.filter(account=account, occurred_at__lte=now).prefetch_related("participants")
    for i in interactions:
        for part in i.participants.all():
            if i.kind in vocab.MEETING_KINDS:
                met.add(part.person_id)
            if part.person_id not in last_contact or last_contact[part.person_id] < i.occurred_at:
                last_contact[part.person_id] = i.occurred_at
    open_items = defaultdict(set)
    for item in ActionItem.objects.filter(deal__account=account, done=False, person__isnull=False):
        open_items[item.deal_id].add(item.person_id)
    result = {}
    for deal in deals:
        roles = roles_by_deal[deal.pk]
        deal_people = {r.person_id: people[r.person_id] for r in roles}
        flags = _deal_flags(deal, roles, deal_people, met, last_contact, now, open_items[deal.pk])
        coverage = [{"role": code, "holders": [
            {"person_id": r.person_id, "name": people[r.person_id].name, "met": r.person_id in met,
             "engaged": r.person_id in last_contact and (now - last_contact[r.person_id]).days <= STALE_AFTER_DAYS,
             "attitude": r.attitude, "relationship": r.relationship,
             "last_contact": last_contact[r.person_id].date().isoformat() if r.person_id in last_contact else None}
            for r in roles if code in r.roles]} for code in vocab.ROLES]
        playbook = [{"code": f"stage_{deal.stage}", "text": str(STAGE_PLAYS[deal.stage]), "people": []}]
        playbook += [{"code": f["code"], "text": f["action"], "people": f["people"], "flag": f["code"]}
                     for f in sorted(flags, key=lambda f: f["severity"] != "high")]
        result[deal.pk] = DealInsight(deal_id=deal.pk, health=_health(roles, deal_people, flags, last_contact, now),
                                      coverage=coverage, flags=flags, playbook=playbook)
    return result
