"""The demo data (battlemap/demo/data.py: keys and day offsets) as a map-format dict and its Timeline.

Days are relative to `today`, so the red flags stay true whenever the demo is loaded; the Timeline
back-dates the history to when each thing "happened" (docs/demo.md).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from battlemap.io.mapformat import FORMAT_VERSION
from battlemap.io.mapformat.load import Timeline

KNOWN_SINCE_DAYS = 180
OWNER = "demo"
TEAM = "key-accounts"
_PORTRAIT = ("strategic_goals", "needs", "pains", "buying_behaviour", "notes")
_PERSON_TOP = ("email", "phone", "status", "placeholder", "external", "external_kind", "organisation")
_PERSON_PORTRAIT = ("duties", "concerns", "decision_style", "needs_level", "personal_win", "notes")
_TRAITS = ("power", "expertise", "budget_control", "network")


def demo_map(data: dict[str, Any], today: date) -> tuple[dict[str, Any], Timeline]:
    """One demo account as (map-format dict, Timeline); ids are numbered in the order of the data."""

    def day(offset: int | None) -> str | None:
        return None if offset is None else (today + timedelta(days=offset)).isoformat()

    def at(offset: int) -> datetime:  # ten in the morning, as the Timeline places things
        return timezone.make_aware(datetime.combine(today + timedelta(days=offset), time(10)))

    unit_ids = {key: n for n, (key, _name, _parent) in enumerate(data["org_units"], start=1)}
    person_ids = {p[0]: n for n, p in enumerate(data["people"], start=1)}
    deal_ids = {spec["key"]: n for n, spec in enumerate(data["deals"], start=1)}
    body_ids = {b["key"]: n for n, b in enumerate(data.get("bodies", ()), start=1)}
    dotted: dict[str, list[int]] = {}
    for person, manager in data["dotted_lines"]:
        dotted.setdefault(person, []).append(person_ids[manager])

    a = data["account"]
    account = {k: v for k, v in a.items() if k not in _PORTRAIT}
    account |= {"owner": OWNER, "team": TEAM, "portrait": {k: a.get(k, "") for k in _PORTRAIT}}

    people = []
    for key, name, title, unit, manager, extra in data["people"]:
        people.append(
            {
                "id": person_ids[key],
                "name": name,
                "title": title,
                "org_unit": unit_ids.get(unit),
                "reports_to": person_ids.get(manager),
                "dotted_line_to": dotted.get(key, []),
                **{k: extra[k] for k in _PERSON_TOP if k in extra},
                "left_on": day(extra.get("left_on")),
                "portrait": {
                    **{k: extra.get(k) for k in _PERSON_PORTRAIT},
                    "traits": {k: extra.get(k) for k in _TRAITS},
                },
            }
        )

    attitude_edits = [
        (o, key, value) for o, key, field, value in data.get("history", []) if field == "role_attitude"
    ]
    role_edits: dict[tuple[int, int], list[tuple[date, str, Any]]] = {}
    deals = []
    action_id = 0
    for spec in data["deals"]:
        roles = []
        for key, role_codes, attitude, influence, relationship, extra in spec["roles"]:
            roles.append(
                {
                    "person": person_ids[key],
                    "roles": role_codes,
                    "attitude": attitude,
                    "influence": influence,
                    "relationship": relationship,
                    "win": extra.get("personal_win", ""),
                    "favoured_competitor": extra.get("favoured_competitor", ""),
                    "plan": extra.get("plan", ""),
                    "plan_channel": extra.get("plan_channel", ""),
                    "plan_cadence_days": extra.get("plan_cadence_days"),
                    "response_mode": extra.get("response_mode", ""),
                    "covered_by": spec["coverage"].get(key, []),
                }
            )
            for offset, edited, value in attitude_edits:
                if edited == key:
                    edits = role_edits.setdefault((deal_ids[spec["key"]], person_ids[key]), [])
                    edits.append((today + timedelta(days=offset), "attitude", value))
        actions = []
        for person_key, text, due_in, done in spec["actions"]:
            action_id += 1
            actions.append(
                {
                    "id": action_id,
                    "text": text,
                    "person": person_ids.get(person_key),
                    "owner": OWNER,
                    "due": day(due_in),
                    "done": done,
                }
            )
        deals.append(
            {
                "id": deal_ids[spec["key"]],
                "name": spec["name"],
                "amount": spec["amount"],
                "currency": spec["currency"],
                "expected_close": day(spec["close_in"]),
                "status": spec.get("status", "open"),
                "close_reason": spec.get("close_reason", ""),  # a won or lost deal says why
                "stage": spec["stages"][-1][0],
                "stage_history": [
                    {"stage": stage, "date": day(offset), "note": note}
                    for stage, offset, note in spec["stages"]
                ],
                "decision_factors": spec["decision_factors"],
                "channels": spec["channels"],
                "competitors": spec["competitors"],
                "customer_win": spec["customer_win"],
                "our_win": spec["our_win"],
                "metrics": spec.get("metrics", ""),
                "paper_process": spec.get("paper_process", ""),
                "roles": roles,
                "action_items": actions,
                **_process(spec, body_ids, person_ids, day),
            }
        )

    interactions = []
    for n, (offset, kind, who, summary, extra) in enumerate(data["interactions"], start=1):
        interactions.append(
            {
                "id": n,
                "date": at(offset).isoformat(),
                "kind": kind,
                "deal": deal_ids[extra.get("deal", data["deals"][0]["key"])],
                "summary": summary,
                "outcome": extra.get("outcome", ""),
                "next_step": extra.get("next_step", ""),
                "source": "manual",
                "participants": [person_ids[key] for key in who],
                "our_participants": [OWNER],
            }
        )

    document = {
        "format_version": FORMAT_VERSION,
        "account": account,
        "org_units": [
            {"id": unit_ids[key], "name": name, "parent": unit_ids.get(parent)}
            for key, name, parent in data["org_units"]
        ],
        "people": people,
        "influence_links": [
            {"from": person_ids[s], "to": person_ids[t], "kind": kind, "strength": strength, "note": note}
            for s, t, kind, strength, note in data["links"]
        ],
        "external_factors": [
            {"id": n, "kind": kind, "description": description, "effect": effect}
            for n, (kind, description, effect) in enumerate(data["factors"], start=1)
        ],
        "decision_bodies": [
            {
                "id": body_ids[b["key"]],
                "name": b["name"],
                "kind": b["kind"],
                "members": sorted(person_ids[key] for key in b["members"]),
                "chair": person_ids.get(b.get("chair")),
                "decision_rule": b.get("decision_rule", "majority"),
                "meets": b.get("meets", ""),
                "next_meeting": day(b.get("next_meeting")),
                "notes": b.get("notes", ""),
            }
            for b in data.get("bodies", ())
        ],
        "deals": deals,
        "interactions": interactions,
    }
    return document, Timeline(known_since=at(-KNOWN_SINCE_DAYS), role_edits=role_edits, today=today)


def _process(spec: dict[str, Any], body_ids: dict, person_ids: dict, day) -> dict[str, Any]:
    """A demo deal's compelling event, its bodies' roles and its purchase process, in the map format.
    Steps: (kind, status, planned in days, done in days, body key, people keys, documents)."""
    event, event_in = spec.get("compelling_event", ("", None))
    return {
        "compelling_event": event,
        "compelling_event_on": day(event_in),
        "body_roles": [
            {"body": body_ids[key], "roles": roles, "note": note}
            for key, roles, note in spec.get("body_roles", ())
        ],
        "process": [
            {
                "id": n,
                "kind": kind,
                "status": status,
                "planned_on": day(planned),
                "done_on": day(done),
                "body": body_ids.get(body),
                "people": sorted(person_ids[key] for key in people),
                "documents": documents,
            }
            for n, (kind, status, planned, done, body, people, documents) in enumerate(
                spec.get("process", ()), start=1
            )
        ],
    }
