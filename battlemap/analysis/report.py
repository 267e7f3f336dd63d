"""Results as the documented JSON shape (docs/analysis.md) and as a readable terminal report.

In the JSON, a key named `score` always holds a 0..100 figure; parts use `points` and `weight`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from battlemap import vocab
from battlemap.process.body_names import body_kind_shown

from .engine import paused_gc
from .feedback_types import PersonFeedback, Rating
from .flag_rules_progress import days_in_stage, step_title
from .health import health_band_label, shown_points
from .i18n import join_names, label
from .types import (
    AccountAnalysis,
    ActionItemInfo,
    Changes,
    DealAnalysis,
    ExternalFactorInfo,
    LinkChange,
    Part,
)


def _parts(lang: str, parts: tuple[Part, ...]) -> list[dict[str, Any]]:
    return [
        {"name": p.name, "label": label(lang, p.name), "points": p.points, "weight": p.weight} for p in parts
    ]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _ratings(lang: str, ratings: tuple[Rating, ...], vocabulary) -> list[dict[str, Any]]:  # noqa: ANN001
    return [{"code": r.code, "label": vocabulary.label(r.code, lang), "value": r.value} for r in ratings]


def _feedback_json(lang: str, f: PersonFeedback | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {
        "csat": f.csat,
        "nps": f.nps,
        "previous_nps": f.previous_nps,
        "satisfaction_on": f.satisfaction_on.isoformat() if f.satisfaction_on else None,
        "factors": _ratings(lang, f.factors, vocab.DECISION_FACTORS),
        "factors_on": f.factors_on.isoformat() if f.factors_on else None,
    }


def _deal_json(lang: str, d: DealAnalysis, today: date) -> dict[str, Any]:
    return {
        "id": d.deal.id,
        "name": d.deal.name,
        "stage": d.deal.stage,
        "status": d.deal.status,
        "days_in_stage": days_in_stage(d.deal, today),
        "health": {
            "score": d.health.score,
            "band": d.health.band,
            "band_label": health_band_label(d.health.band, lang),
            "parts": [
                {**part, "shown": shown}
                for part, shown in zip(_parts(lang, d.health.parts), shown_points(d.health), strict=True)
            ],
        },
        "key_people": list(d.key_people),
        "factors": {
            "source": d.factors.source or None,
            "source_label": vocab.FACTOR_SOURCES.label(d.factors.source, lang) if d.factors.source else "",
            "weights": _ratings(lang, d.factors.weights, vocab.DECISION_FACTORS),
            "respondents": list(d.factors.respondents),
            "typed": _ratings(lang, d.factors.typed, vocab.DECISION_FACTORS),
        },
        "coverage": [
            {
                "role": row.role,
                "label": label(lang, row.role),
                "stages": list(row.stages),
                "held": row.held,
                "met": row.met,
                "people": [
                    {
                        "id": h.person_id,
                        "name": h.name,
                        "met": h.met,
                        "engaged": h.engaged,
                        "attitude": h.attitude,
                        "relationship": h.relationship,
                        "last_contact": h.last_contact.isoformat() if h.last_contact else None,
                        "days_since_contact": h.days_since_contact,
                        "influence": h.influence,
                        "key": h.key,
                        "stale": h.stale,
                        "stale_soon": h.stale_soon,
                    }
                    for h in row.holders
                ],
            }
            for row in d.coverage
        ],
        "flags": [
            {
                "code": f.code,
                "severity": f.severity,
                "title": label(lang, f.code),
                "people": list(f.people),
                "reason": f.reason,
                "action": f.action,
            }
            for f in d.flags
        ],
        "playbook": [
            {
                "code": p.code,
                "text": p.text,
                "impact": p.impact,
                "people": list(p.people),
                "flag": p.flag or None,
            }
            for p in d.playbook
        ],
        "compelling_event": d.deal.compelling_event,
        "compelling_event_on": _iso(d.deal.compelling_event_on),
        "body_roles": [{"body": r.body_id, "roles": list(r.roles)} for r in d.deal.body_roles],
        "process": [
            {
                "id": s.id,
                "kind": s.kind,
                "title": step_title(s, lang),
                "status": s.status,
                "planned_on": _iso(s.planned_on),
                "done_on": _iso(s.done_on),
                "body": s.body_id,
                "people": list(s.people),
            }
            for s in d.deal.process
        ],
        "win_win": [
            {
                "person": w.person_id,
                "name": w.name,
                "roles": list(w.roles),
                "business_win": w.business_win,
                "personal_win": w.personal_win,
                "our_win": w.our_win,
                "gap": not w.personal_win,
            }
            for w in d.win_win
        ],
        "qualification": _qualification_json(lang, d),
        "blue_sheet": [
            {
                "person": b.person_id,
                "name": b.name,
                "kind": b.kind,
                "kind_label": vocab.BUYING_INFLUENCES.label(b.kind, lang),
                "roles": list(b.roles),
                "degree": b.degree,
                "response_mode": b.response_mode or None,
                "personal_win": b.personal_win,
                "business_result": b.business_result,
                "red_flags": list(b.red_flags),
                "strengths": list(b.strengths),
                "actions": list(b.actions),
            }
            for b in d.blue_sheet
        ],
    }


def _qualification_json(lang: str, d: DealAnalysis) -> dict[str, Any] | None:
    q = d.qualification
    if q is None:
        return None
    return {
        "score": q.score,
        "elements": [
            {
                "code": e.code,
                "label": vocab.MEDDPICC.label(e.code, lang),
                "status": e.status,
                "evidence": list(e.evidence),
                "people": list(e.people),
            }
            for e in q.elements
        ],
    }


def changes_json(changes: Changes, lang: str = "en") -> dict[str, Any]:
    """`changes` as the "changes" section of the documented JSON (docs/analysis.md): since and until as ISO
    dates, flags new, resolved and worse, health, people added, left and re-rated, stage moves and role
    changes (labels in `lang`), interactions, action items done and overdue, and the account's own: its
    lifecycle move (None when none), influence links and outside factors added and removed."""

    def flag_rows(rows: tuple) -> list[dict[str, Any]]:
        return [
            {
                "deal": r.deal_id,
                "deal_name": r.deal_name,
                "code": r.code,
                "title": label(lang, r.code),
                "people": list(r.people),
                "severity": r.severity,
                "reason": r.reason,
                "action": r.action,
            }
            for r in rows
        ]

    def people_rows(rows: tuple) -> list[dict[str, Any]]:
        return [{"id": r.person_id, "name": r.name, "detail": r.detail} for r in rows]

    return {
        "since": changes.since.isoformat(),
        "until": changes.until.isoformat(),
        "new_flags": flag_rows(changes.new_flags),
        "resolved_flags": flag_rows(changes.resolved_flags),
        "worse_flags": flag_rows(changes.worse_flags),
        "health": [
            {"deal": h.deal_id, "name": h.name, "before": h.before, "after": h.after} for h in changes.health
        ],
        "people_added": people_rows(changes.people_added),
        "people_left": people_rows(changes.people_left),
        "people_rerated": people_rows(changes.people_rerated),
        "stage_moves": [
            {
                "deal": m.deal_id,
                "name": m.name,
                "before": m.before,
                "after": m.after,
                "before_label": label(lang, m.before) if m.before else "",
                "after_label": label(lang, m.after),
            }
            for m in changes.stage_moves
        ],
        "role_changes": [
            {
                "deal": r.deal_id,
                "deal_name": r.deal_name,
                "person": r.person_id,
                "name": r.name,
                "field": r.field,
                "before": list(r.before) if isinstance(r.before, tuple) else r.before,
                "after": list(r.after) if isinstance(r.after, tuple) else r.after,
                "before_label": value_label(lang, r.field, r.before),
                "after_label": value_label(lang, r.field, r.after),
            }
            for r in changes.role_changes
        ],
        "interactions": [
            {
                "id": i.id,
                "on": i.occurred_on.isoformat(),
                "kind": i.kind,
                "kind_label": vocab.INTERACTION_KINDS.label(i.kind, lang),
                "deal": i.deal_id,
                "summary": i.summary,
                "people": list(i.participants),
            }
            for i in changes.interactions
        ],
        "actions_done": [_item_json(i) for i in changes.actions_done],
        "actions_overdue": [_item_json(i) for i in changes.actions_overdue],
        "lifecycle": (
            {
                "before": changes.lifecycle[0],
                "after": changes.lifecycle[1],
                "before_label": vocab.LIFECYCLE.label(changes.lifecycle[0], lang),
                "after_label": vocab.LIFECYCLE.label(changes.lifecycle[1], lang),
            }
            if changes.lifecycle
            else None
        ),
        "links_added": [_link_json(c, lang) for c in changes.links_added],
        "links_removed": [_link_json(c, lang) for c in changes.links_removed],
        "factors_added": [_factor_json(f, lang) for f in changes.factors_added],
        "factors_removed": [_factor_json(f, lang) for f in changes.factors_removed],
        "factors_changed": [
            {**_factor_json(after, lang), "before": _factor_json(before, lang)}
            for before, after in changes.factors_changed
        ],
    }


def _link_json(change: LinkChange, lang: str) -> dict[str, Any]:
    link = change.link
    return {
        "source": link.source,
        "target": link.target,
        "source_name": change.source_name,
        "target_name": change.target_name,
        "kind": link.kind,
        "kind_label": vocab.LINK_KINDS.label(link.kind, lang),
        "strength": link.strength,
    }


def _factor_json(factor: ExternalFactorInfo, lang: str) -> dict[str, Any]:
    return {
        "id": factor.id,
        "kind": factor.kind,
        "kind_label": vocab.FACTOR_KINDS.label(factor.kind, lang),
        "description": factor.description,
        "effect": factor.effect,
    }


def value_label(lang: str, field: str, value: Any) -> str:
    """A role change's value as a reader sees it: buying roles and attitudes by their vocabulary label."""
    if value is None:
        return ""
    if field == "roles":
        return join_names(lang, [label(lang, code) for code in value])
    if field == "attitude":
        return label(lang, value)
    return str(value)


def _item_json(item: ActionItemInfo) -> dict[str, Any]:
    return {
        "id": item.id,
        "deal": item.deal_id,
        "text": item.text,
        "person": item.person_id,
        "due": item.due.isoformat() if item.due else None,
        "owner": item.owner,
    }


def analysis_json(
    analysis: AccountAnalysis, *, deal_id: int | None = None, changes: Changes | None = None
) -> dict[str, Any]:
    """The documented JSON shape; `deal_id` keeps one deal, `changes` adds a "changes" section."""
    with paused_gc():
        return _analysis_json(analysis, deal_id, changes)


def _analysis_json(analysis: AccountAnalysis, deal_id: int | None, changes: Changes | None) -> dict[str, Any]:
    snap, lang = analysis.snapshot, analysis.lang
    rings = {(r.kind, r.id): r for r in analysis.rings}
    people: list[dict[str, Any]] = []
    for person in snap.people:
        score = analysis.influence[person.id]
        ring = rings[("person", person.id)]
        people.append(
            {
                "id": person.id,
                "name": person.name,
                "title": person.title,
                "status": person.status,
                "external": person.external,
                "influence": {
                    "score": score.score,
                    "parts": _parts(lang, score.parts),
                    "drivers": list(score.drivers),
                },
                "ring": ring.ring,
                "ring_reason": ring.reason,
                "feedback": _feedback_json(lang, analysis.feedback.get(person.id)),
                "last_contact": _iso(analysis.last_contact.get(person.id)),
                "met": person.id in analysis.last_met,
            }
        )
    people.sort(key=lambda p: -p["influence"]["score"])
    result: dict[str, Any] = {
        "account": snap.account.slug,
        "account_name": snap.account.name,
        "as_of": snap.today.isoformat(),
        "lang": "zh-hans" if lang == "zh_Hans" else "en",
        "people": people,
        "deals": [
            _deal_json(lang, d, snap.today) for d in analysis.deals if deal_id is None or d.deal.id == deal_id
        ],
        "satisfaction": {
            "csat": analysis.satisfaction.csat,
            "nps": analysis.satisfaction.nps,
            "respondents": analysis.satisfaction.respondents,
            "promoters": list(analysis.satisfaction.promoters),
            "detractors": list(analysis.satisfaction.detractors),
        },
        "external_factors": [
            {
                "id": f.id,
                "kind": f.kind,
                "description": f.description,
                "effect": f.effect,
                "ring": "environment",
                "reason": rings[("factor", f.id)].reason,
            }
            for f in snap.external_factors
        ],
        "decision_bodies": [
            {
                "id": b.id,
                "name": b.name,
                "kind": b.kind,
                "kind_label": body_kind_shown(b.name, b.kind, lang),  # "" when the name says it
                "members": list(b.members),
                "met_members": list(analysis.bodies_met.get(b.id, ())),
                "chair": b.chair,
                "decision_rule": b.decision_rule,
                "next_meeting": _iso(b.next_meeting),
                "ring": rings[("body", b.id)].ring,
                "ring_reason": rings[("body", b.id)].reason,
            }
            for b in snap.bodies
        ],
    }
    if changes is not None:
        result["changes"] = changes_json(changes, lang)
    return result
