"""The map format (docs/map-format.md): the whole battle map of one account as plain JSON-ready data.

Deterministic: the same map gives the same bytes (everything sorted by id, no export timestamp).
"""

from __future__ import annotations

import json
from decimal import Decimal

from django.utils import timezone

from battlemap.accounts.models import Account
from battlemap.people.models import DottedLine
from battlemap.process.models import DecisionBody

FORMAT_VERSION = 1


def is_this_format(data: object) -> bool:
    """Whether `data` is a map of the version this Battlemap reads: a dict whose `format_version` is the
    whole number FORMAT_VERSION — not `true` nor `1.0`, which Python counts equal to 1."""
    version = data.get("format_version") if isinstance(data, dict) else None
    return type(version) is int and version == FORMAT_VERSION


def _num(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _date(value):
    return value.isoformat() if value else None


def export_map(account: Account) -> dict:
    """The account's map as a dict in the documented format."""
    people = list(account.people.select_related("org_unit").order_by("id"))
    dotted: dict[int, list[int]] = {}
    for person_id, manager_id in (
        DottedLine.objects.filter(person__account=account)
        .order_by("person_id", "manager_id")
        .values_list("person_id", "manager_id")
    ):
        dotted.setdefault(person_id, []).append(manager_id)
    deals = []
    for deal in account.deals.order_by("id").prefetch_related(
        "roles__coverage__user",
        "stage_changes",
        "action_items",
        "body_roles",
        "process_steps__responsible",
        "competitor_notes",
    ):
        deals.append(
            {
                "id": deal.id,
                "name": deal.name,
                "amount": _num(deal.amount),
                "currency": deal.currency,
                "expected_close": _date(deal.expected_close),
                "status": deal.status,
                "stage": deal.stage,
                "stage_history": [
                    {"stage": c.stage, "date": _date(c.changed_on), "note": c.note}
                    for c in sorted(deal.stage_changes.all(), key=lambda c: (c.changed_on, c.id))
                ],
                "decision_factors": dict(sorted(deal.decision_factors.items())),
                "channels": {k: sorted(v) for k, v in sorted(deal.channels.items())},
                "competitors": list(deal.competitors),
                "customer_win": deal.customer_win,
                "our_win": deal.our_win,
                "metrics": deal.metrics,
                "paper_process": deal.paper_process,
                "close_reason": deal.close_reason,
                "lost_to": deal.lost_to,
                "reopen_reason": deal.reopen_reason,
                "competition": [
                    {"name": n.name, "strengths": n.strengths, "weaknesses": n.weaknesses, "offer": n.offer}
                    for n in sorted(deal.competitor_notes.all(), key=lambda n: (n.name_key, n.id))
                ],
                "roles": [
                    {
                        "person": r.person_id,
                        "roles": list(r.roles),
                        "attitude": r.attitude,
                        "influence": r.influence,
                        "relationship": r.relationship,
                        "win": r.personal_win,
                        "favoured_competitor": r.favoured_competitor,
                        "plan": r.plan,
                        "plan_channel": r.plan_channel,
                        "plan_cadence_days": r.plan_cadence_days,
                        "response_mode": r.response_mode,
                        "covered_by": sorted(c.user.username for c in r.coverage.all()),
                    }
                    for r in sorted(deal.roles.all(), key=lambda r: r.person_id)
                ],
                "action_items": [
                    {
                        "id": a.id,
                        "text": a.text,
                        "person": a.person_id,
                        "owner": a.owner.username if a.owner_id else None,
                        "due": _date(a.due),
                        "done": a.done,
                    }
                    for a in sorted(deal.action_items.all(), key=lambda a: a.id)
                ],
                "compelling_event": deal.compelling_event,
                "compelling_event_on": _date(deal.compelling_event_on),
                "body_roles": [
                    {"body": r.body_id, "roles": list(r.roles), "note": r.note}
                    for r in sorted(deal.body_roles.all(), key=lambda r: r.body_id)
                ],
                "process": [
                    {
                        "id": s.id,
                        "kind": s.kind,
                        "name": s.name,
                        "status": s.status,
                        "planned_on": _date(s.planned_on),
                        "done_on": _date(s.done_on),
                        "body": s.body_id,
                        "people": sorted(p.person_id for p in s.responsible.all()),
                        "documents": s.documents,
                    }
                    for s in sorted(deal.process_steps.all(), key=lambda s: (s.position, s.id))
                ],
            }
        )
    interactions = _interactions(account)
    return {
        "format_version": FORMAT_VERSION,
        "account": {
            "slug": account.slug,
            "name": account.name,
            "industry": account.industry,
            "size": account.size,
            "region": account.region,
            "segments": list(account.segments),
            "company_names": list(account.company_names),
            "potential_value": _num(account.potential_value),
            "currency": account.currency,
            "lifecycle": account.lifecycle,
            "owner": account.owner.username,
            "team": account.team.slug if account.team_id else None,
            "portrait": {
                "strategic_goals": account.strategic_goals,
                "needs": account.needs,
                "pains": account.pains,
                "buying_behaviour": account.buying_behaviour,
                "notes": account.notes,
            },
        },
        "org_units": [
            {"id": u.id, "name": u.name, "parent": u.parent_id} for u in account.org_units.order_by("id")
        ],
        "people": [
            {
                "id": p.id,
                "name": p.name,
                "title": p.title,
                "org_unit": p.org_unit_id,
                "reports_to": p.reports_to_id,
                "dotted_line_to": dotted.get(p.id, []),
                "email": p.email or None,
                "phone": p.phone or None,
                "status": p.status,
                "left_on": _date(p.left_on),
                "placeholder": p.placeholder,
                "external": p.external,
                "external_kind": p.external_kind or None,
                "organisation": p.organisation,
                "external_id": p.external_id or None,
                "portrait": {
                    "duties": p.duties,
                    "concerns": p.concerns,
                    "decision_style": p.decision_style or None,
                    "needs_level": p.needs_level or None,
                    "traits": {
                        "power": p.power,
                        "expertise": p.expertise,
                        "budget_control": p.budget_control,
                        "network": p.network,
                    },
                    "personal_win": p.personal_win,
                    "notes": p.notes,
                },
            }
            for p in people
        ],
        "influence_links": [
            {
                "from": link.source_id,
                "to": link.target_id,
                "kind": link.kind,
                "strength": link.strength,
                "note": link.note,
            }
            for link in account.influence_links.order_by("source_id", "target_id", "id")
        ],
        "external_factors": [
            {"id": f.id, "kind": f.kind, "description": f.description, "effect": f.effect}
            for f in account.external_factors.order_by("id")
        ],
        "decision_bodies": _bodies(account),
        "deals": deals,
        "interactions": interactions,
    }


def _bodies(account: Account) -> list[dict]:
    return [
        {
            "id": b.id,
            "name": b.name,
            "kind": b.kind,
            "members": sorted(m.person_id for m in b.members.all()),
            "chair": b.chair_id,
            "decision_rule": b.decision_rule,
            "meets": b.meets,
            "next_meeting": _date(b.next_meeting),
            "notes": b.notes,
        }
        for b in DecisionBody.objects.filter(account=account).order_by("id").prefetch_related("members")
    ]


def _interactions(account: Account) -> list[dict]:
    """Every interaction with its participants, read as plain rows in three queries (an account has tens
    of thousands: model instances and per-row prefetches cost seconds)."""
    from battlemap.interactions.models import OurParticipant, Participant

    theirs: dict[int, list[int]] = {}
    for interaction_id, person_id in Participant.objects.filter(interaction__account=account).values_list(
        "interaction_id", "person_id"
    ):
        theirs.setdefault(interaction_id, []).append(person_id)
    ours: dict[int, list[str]] = {}
    for interaction_id, username in OurParticipant.objects.filter(interaction__account=account).values_list(
        "interaction_id", "user__username"
    ):
        ours.setdefault(interaction_id, []).append(username)
    rows = account.interactions.order_by("occurred_at", "id").values_list(
        "id",
        "occurred_at",
        "all_day",
        "kind",
        "deal_id",
        "summary",
        "outcome",
        "next_step",
        "source",
        "source_ref",
    )
    return [
        {
            "id": pk,
            # all day: its day alone, as this installation reads it (another zone reads the 09:00 as another day)
            "date": timezone.localdate(occurred_at).isoformat() if all_day else occurred_at.isoformat(),
            "all_day": all_day,
            "kind": kind,
            "deal": deal_id,
            "summary": summary,
            "outcome": outcome,
            "next_step": next_step,
            "source": source,
            "source_ref": source_ref,
            "participants": sorted(theirs.get(pk, ())),
            "our_participants": sorted(ours.get(pk, ())),
        }
        for pk, occurred_at, all_day, kind, deal_id, summary, outcome, next_step, source, source_ref in (
            rows.iterator(chunk_size=5000)
        )
    ]


def dumps_map(data: dict) -> str:
    """The canonical text of a map: sorted keys, two-space indent, UTF-8 characters kept, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
