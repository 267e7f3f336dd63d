"""The "changes" section of the documented JSON (docs/analysis.md): what changed between two analyses of an
account (`changes.changes_between`), with the labels a reader sees in `lang`. `report.analysis_json` adds it."""

from __future__ import annotations

from typing import Any

from battlemap import vocab

from .i18n import join_names, label
from .types import ActionItemInfo, Changes, ExternalFactorInfo, LinkChange


def changes_json(changes: Changes, lang: str = "en") -> dict[str, Any]:
    """`changes` as the "changes" section of the documented JSON (docs/analysis.md): since and until as ISO
    dates, flags new, resolved and worse, health, people added, left (the customer), removed (from the map) and re-rated, stage moves and role
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
                # people the flag names now and did not (a worse flag's): ids, and "now also names 陈国强"
                "gained": list(r.gained),
                "note": r.note,
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
            {
                "deal": h.deal_id,
                "name": h.name,
                "before": h.before,
                "after": h.after,
                "status": h.status,
                "before_status": h.before_status,
            }
            for h in changes.health
        ],
        "people_added": people_rows(changes.people_added),
        "people_left": people_rows(changes.people_left),
        "people_removed": people_rows(changes.people_removed),
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
