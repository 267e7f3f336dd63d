"""Reads of decision bodies and the purchase process for the pages (writes are in services.py).

"Met" comes from the analysis (`battlemap.maps.account_analysis`, cached): a body's `met_members`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from battlemap import vocab
from battlemap.accounts.models import Account
from battlemap.deals.models import Deal
from battlemap.look import sealed_bodies
from battlemap.maps import account_analysis
from battlemap.process.models import BodyRole, DecisionBody, ProcessStep


@dataclass
class BodyRow:
    body: DecisionBody
    members: list = field(default_factory=list)  # Person, the chair first
    met: set[int] = field(default_factory=set)  # ids of the members we have met
    deals: list[BodyRole] = field(default_factory=list)  # its roles in the account's deals
    # a bid committee deciding one of the account's open deals (`look.sealed_bodies`): its members unmet are not to be met
    sealed: bool = False


def body_rows(*, account: Account, bodies=None) -> list[BodyRow]:
    """The account's decision bodies (or the `bodies` given) with their members, who of them we met,
    the deals they hold a role in and whether no bidder may meet them (`sealed`)."""
    analysis = account_analysis(account=account)
    met = {b["id"]: set(b["met_members"]) for b in analysis.get("decision_bodies", [])}
    shut = sealed_bodies(analysis)
    bodies = bodies if bodies is not None else DecisionBody.objects.filter(account=account)
    rows = []
    for body in bodies.select_related("chair").prefetch_related("members__person", "deal_roles__deal"):
        members = sorted(
            (m.person for m in body.members.all()), key=lambda p: (p.pk != body.chair_id, p.name_key)
        )
        rows.append(
            BodyRow(body, members, met.get(body.pk, set()), list(body.deal_roles.all()), body.pk in shut)
        )
    return rows


def _judged(deal: Deal) -> dict[str, Any]:
    analysis = account_analysis(account=deal.account)
    return next((d for d in analysis.get("deals", []) if d["id"] == deal.pk), {})


def _steps_after_close(deal: Deal) -> set[int]:
    return {s["id"] for s in _judged(deal).get("process", []) if s.get("after_close")}


def _sealed_bodies(deal: Deal) -> set[int]:
    """The bodies deciding `deal` whose members no bidder may meet (`look.sealed_bodies`): their "no member met" is
    no gap, the tender is won on paper."""
    return sealed_bodies(account_analysis(account=deal.account), deal.pk)


def deal_process(*, deal: Deal) -> dict[str, Any]:
    """The deal room's process section: the steps in order (with body and people), the bodies' roles
    (with their members and who of them we met).

    Each step carries `overdue` (planned for a day gone by and neither done nor skipped), `out_of_order`
    (planned before a step that comes earlier in the process) and `after_close` (planned after the expected
    close: the analysis' `after_close`, `analysis.flag_rules_progress.steps_after_close`, the rule the PDF
    and the deck mark it by too), for the page to say so."""
    steps = list(
        ProcessStep.objects.filter(deal=deal).select_related("body").prefetch_related("responsible__person")
    )
    today, latest, after_close = timezone.localdate(), None, _steps_after_close(deal)
    for step in steps:
        step.after_close = step.pk in after_close
        planned = step.planned_on
        step.overdue = planned is not None and planned < today and step.status not in vocab.STEP_FINISHED
        step.out_of_order = planned is not None and latest is not None and planned < latest
        latest = max(latest, planned) if latest and planned else latest or planned
    roles = list(deal.body_roles.select_related("body"))
    rows = {
        row.body.pk: row
        for row in body_rows(
            account=deal.account, bodies=DecisionBody.objects.filter(pk__in=[r.body_id for r in roles])
        )
    }
    return {
        "process_steps": steps,
        "body_roles": [(role, rows[role.body_id]) for role in roles if role.body_id in rows],
        "sealed_bodies": _sealed_bodies(deal),
        # a body without a part yet, for the form that gives one (a part is changed with its own edit link)
        "bodies_free": DecisionBody.objects.filter(account_id=deal.account_id)
        .exclude(deal_roles__deal=deal)
        .exists(),
    }
