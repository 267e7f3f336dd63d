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
from .health import has_health, health_band_label, shown_points
from .i18n import label
from .report_changes import changes_json
from .types import (
    AccountAnalysis,
    Changes,
    DealAnalysis,
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
        }
        if has_health(d.deal.status)
        else None,  # a won or lost deal is not at risk: its status says what became of it
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
                "not_to_meet": row.not_to_meet,  # only a bid committee decides (health leaves the row out)
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
                        "chair_of": list(h.chair_of),
                        "sealed": h.sealed,  # on a sealed body deciding the deal: not to be met
                    }
                    for h in row.holders
                ],
                "bodies": [
                    {
                        "id": b.body_id,
                        "name": b.name,
                        "decision_rule": b.decision_rule,
                        "chair": b.chair,
                        "seated": list(b.seated),
                        "met": list(b.met),
                        "reached": b.reached,
                        "sealed": b.sealed,
                    }
                    for b in row.bodies
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
                "costs": f.costs,  # whether health counts it (docs/analysis.md §4)
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
                "after_close": s.id in d.steps_after_close,
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
