"""The recorded map as it was at a moment (the API's `history?as_of=` and the web's map-as-of page).

It comes from django-simple-history's tables, so deleted people and deals show up too. The edits made since a moment
are in history.py; the analysis as of a day in analysis.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import prefetch_related_objects

from battlemap.accounts.models import Account, ExternalFactor, OrgUnit
from battlemap.core.schemas import OnAccount, username_of
from battlemap.deals.models import ActionItem, Deal, StageChange, StakeholderRole
from battlemap.interactions.models import Interaction, Participant
from battlemap.people.models import DottedLine, InfluenceLink, Person
from battlemap.process.models import BodyMember, BodyRole, DecisionBody, ProcessStep, StepPerson

from .tables import recorded_at


def _plain(value: Any) -> Any:
    # an amount as the API's other answers give it, a JSON number (deals.schemas.DealOut); days and moments stay
    # dates and datetimes, for the API's encoder to write as it writes every other (UTC, `Z`)
    if isinstance(value, Decimal):
        return float(value)
    return value


def _named(model: type[models.Model]) -> dict[str, Callable[[Any], Any]]:
    """The foreign keys of `model` the API names otherwise than by id — a user by username, an account by slug —
    with the resolver the API's schemas name them by (core.schemas.username_of, OnAccount.resolve_account)."""
    user_model = get_user_model()
    named: dict[str, Callable[[Any], Any]] = {}
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is user_model:
            named[field.name] = username_of(field.name)
        elif field.is_relation and field.related_model is Account and field.name == "account":
            named[field.name] = OnAccount.resolve_account
    return named


def _rows(instances: list[models.Model]) -> list[dict[str, Any]]:
    """Historical instances (of one model) as dicts: concrete fields, foreign keys under the field's name by id,
    users by username and the account by slug (`_named`), as the API's routes give them."""
    if not instances:
        return []
    named = _named(type(instances[0]))
    prefetch_related_objects(instances, *named)  # one query per relation, not one per row
    rows = []
    for instance in instances:
        row = {}
        for field in instance._meta.concrete_fields:
            if field.name in {"name_key"}:
                continue
            if field.name in named:
                row[field.name] = named[field.name](instance) if getattr(instance, field.attname) else None
            else:
                row[field.name] = _plain(getattr(instance, field.attname))
        rows.append(row)
    return rows


def _as_of(model: type[models.Model], when: datetime, **lookup) -> list[dict[str, Any]]:
    return _rows(list(recorded_at(model, when).filter(**lookup).order_by("id")))


def map_as_of(*, account: Account, when: datetime) -> dict[str, Any] | None:
    """The account's recorded map as it stood at `when` (an aware datetime), or None if the account
    did not exist yet: {"as_of", "account", "org_units", "people", "dotted_lines", "influence_links",
    "external_factors", "decision_bodies": [{…, "members": person ids}], "deals": [{…, "roles",
    "action_items", "stage_changes", "body_roles", "process_steps": [{…, "responsible": person ids}]}],
    "interactions"}, each record a dict of its concrete fields: foreign keys by id, users by username and the
    account by slug (`_rows`, as the API's routes name them), amounts as floats, days and moments as dates and
    datetimes (`as_of` too); None when the account did not exist then."""
    try:
        then = recorded_at(Account, when).get(id=account.id)
    except ObjectDoesNotExist:
        return None
    deals = _as_of(Deal, when, account_id=account.id)
    deal_ids = [d["id"] for d in deals]
    people = _as_of(Person, when, account_id=account.id)
    person_ids = [p["id"] for p in people]
    interactions = _as_of(Interaction, when, account_id=account.id)
    participants: dict[int, list[int]] = {}
    for row in _as_of(Participant, when, interaction_id__in=[i["id"] for i in interactions]):
        participants.setdefault(row["interaction"], []).append(row["person"])
    for interaction in interactions:
        interaction["participants"] = sorted(participants.get(interaction["id"], []))
    by_deal = {name: _group(model, when, "deal", deal_ids) for name, model in _DEAL_PARTS.items()}
    steps = [step for deal_steps in by_deal["process_steps"].values() for step in deal_steps]
    _attach(steps, "responsible", _group(StepPerson, when, "step", [s["id"] for s in steps]))
    bodies = _as_of(DecisionBody, when, account_id=account.id)
    _attach(bodies, "members", _group(BodyMember, when, "body", [b["id"] for b in bodies]))
    for deal in deals:
        for name in _DEAL_PARTS:
            deal[name] = by_deal[name].get(deal["id"], [])
    return {
        "as_of": when,
        "account": _rows([then])[0],
        "org_units": _as_of(OrgUnit, when, account_id=account.id),
        "people": people,
        "dotted_lines": _as_of(DottedLine, when, person_id__in=person_ids),
        "influence_links": _as_of(InfluenceLink, when, account_id=account.id),
        "external_factors": _as_of(ExternalFactor, when, account_id=account.id),
        "decision_bodies": bodies,
        "deals": deals,
        "interactions": interactions,
    }


_DEAL_PARTS = {
    "roles": StakeholderRole,
    "action_items": ActionItem,
    "stage_changes": StageChange,
    "body_roles": BodyRole,
    "process_steps": ProcessStep,
}


def _group(model, when, parent: str, parent_ids) -> dict[int, list[dict[str, Any]]]:
    """The rows of `model` then whose foreign key `parent` is one of `parent_ids`, by that key."""
    grouped: dict[int, list[dict[str, Any]]] = {}
    for row in _as_of(model, when, **{f"{parent}_id__in": parent_ids}):
        grouped.setdefault(row[parent], []).append(row)
    return grouped


def _attach(rows: list[dict[str, Any]], name: str, seats: dict[int, list[dict[str, Any]]]) -> None:
    """Each row's people (a body's members, a step's people responsible) as a sorted list of ids."""
    for row in rows:
        row[name] = sorted(seat["person"] for seat in seats.get(row["id"], []))
