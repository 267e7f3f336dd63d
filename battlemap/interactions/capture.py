"""Capture after a meeting: the interaction, the attitudes it showed, a person met for the first time
(with their part in the deal, when given) and the next step as an action item — one form, one
transaction, written through each model's services."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account
from battlemap.core.services import StaleEdit
from battlemap.deals import services as deals
from battlemap.deals.services.actions import action_item_create
from battlemap.interactions.models import Interaction
from battlemap.interactions.services import interaction_create, not_yet_happened
from battlemap.people import services as people_services
from battlemap.people.models import Person

ATTITUDE_NEEDS_DEAL = _("An attitude is held in a deal: choose the deal of this meeting.")
ATTITUDE_NEEDS_PARTICIPANT = _("Only for the people who took part: tick them above.")
INFLUENCE_NEEDS_DEAL = _("An influence is rated in a deal: choose the deal of this meeting.")
INFLUENCE_NEEDED = _(
    "Rate their influence in the deal too (1 to 5): an attitude in a deal is kept with an influence, "
    "and none is set for you."
)
# the person form's rule (people.services.check_not_on_map), said for this form
MET_ALREADY_ON_MAP = _(
    "Already on the map: %(people)s. If you met them, tick them among the people who took part; to add "
    "another person of this name, tick “Add a new person all the same”."
)
CHANGED_MEANWHILE = _(
    "A colleague changed this part in the deal since the form was opened: the attitude is now %(attitude)s. "
    "Choose again."
)
ACTION_NEEDS_DEAL = _(
    "An action item belongs to a deal: choose the deal, or untick “make it an action item”."
)


@dataclass
class Captured:
    """What one capture wrote: the interaction, the person met for the first time (if any), the roles
    whose attitude changed and the action item made of the next step (if any)."""

    interaction: Interaction
    new_person: Person | None = None
    roles: list = field(default_factory=list)
    action_item: Any = None


@transaction.atomic
def meeting_capture(
    *,
    account: Account,
    by,
    occurred_at: datetime,
    participants: Iterable[Person],
    our_participants: Iterable = (),
    attitudes: dict[int, str] | None = None,
    roles_seen: dict[int, int] | None = None,
    new_person: dict[str, Any] | None = None,
    action: dict[str, Any] | None = None,
    **fields: Any,
) -> Captured:
    """Log a meeting and what it taught, in one transaction (all or nothing), through the services of
    each model: people.services.person_create for a person met for the first time (`new_person`:
    fields of a person, with `attitude`, `influence` 1..5 or None, and `another_person`: True to add them
    although someone of that name is on the map, which is refused otherwise, as the person form and the API
    refuse it — people.services.check_not_on_map on `new_name`), interaction_create,
    deals.services.stakeholder_set for the `attitudes` of people who took part ({person id: attitude},
    in the meeting's deal; a person without a part in it gets one) and deals.services.actions.action_item_create
    for the next step (`action`: `owner`, `due`, `person`; None = no action item). `roles_seen`: {person id:
    the version of their part in the deal as the form showed it, 0 for none}: an attitude given over a part a
    colleague changed since is refused (`attitude_<id>`, naming the attitude now), not written over it.

    The person met for the first time gets a part in the deal only with an attitude or an influence given,
    and never an influence nobody gave: a part holds an influence 1..5 (StakeholderRole has no "unknown"),
    so an attitude without an influence is refused (`new_influence`: INFLUENCE_NEEDED); with neither,
    they join the meeting and the account, not the deal.

    Errors: ValidationError naming the form's field (`occurred_at` after today, `participants`, `deal`,
    `attitude_<id>`, `new_name`, `new_influence`, `action_owner`…)."""
    deal = fields.get("deal")
    people = list(participants)
    attitudes = {pk: a for pk, a in (attitudes or {}).items() if a}
    new_person = dict(new_person or {})
    new_attitude = new_person.pop("attitude", "") or ""
    new_influence = new_person.pop("influence", None)
    another_person = new_person.pop("another_person", False)
    errors: dict[str, list] = {}
    if (happened := not_yet_happened(occurred_at, source=fields.get("source") or "manual")) is not None:
        errors["occurred_at"] = [happened]
    if new_person and not another_person:
        try:
            people_services.check_not_on_map(
                account=account, name=new_person.get("name", ""), message=MET_ALREADY_ON_MAP
            )
        except ValidationError as e:
            errors["new_name"] = e.error_dict["name"]  # code "already_on_map": the form offers the box
    taking_part = {p.pk for p in people}
    for pk in attitudes:
        if deal is None:
            errors[f"attitude_{pk}"] = [ATTITUDE_NEEDS_DEAL]
        elif pk not in taking_part:
            errors[f"attitude_{pk}"] = [ATTITUDE_NEEDS_PARTICIPANT]
    if new_attitude and deal is None:
        errors["new_attitude"] = [ATTITUDE_NEEDS_DEAL]
    if new_influence is not None and deal is None:
        errors["new_influence"] = [INFLUENCE_NEEDS_DEAL]
    elif new_attitude and new_influence is None and deal is not None:
        errors["new_influence"] = [INFLUENCE_NEEDED]
    if action is not None and fields.get("next_step") and deal is None:
        errors["deal"] = [ACTION_NEEDS_DEAL]
    if errors:
        raise ValidationError(errors)
    met_first = None
    if new_person:
        try:
            met_first = people_services.person_create(account=account, **new_person)
        except ValidationError as e:
            raise ValidationError({f"new_{k}": v for k, v in e.message_dict.items()}) from None
        people.append(met_first)
    interaction = interaction_create(
        account=account,
        occurred_at=occurred_at,
        participants=people,
        our_participants=our_participants,
        **fields,
    )
    captured = Captured(interaction=interaction, new_person=met_first)
    if met_first is not None and new_influence is not None:  # their part in the deal, as given
        part = {"attitude": new_attitude} if new_attitude else {}
        try:
            role = deals.stakeholder_set(
                deal=deal, person=met_first, version=0, influence=new_influence, **part
            )
        except ValidationError as e:
            raise ValidationError({"new_influence": e.messages}) from None
        captured.roles.append(role)
    by_pk = {p.pk: p for p in people}
    seen = roles_seen or {}
    for pk, attitude in attitudes.items():
        role = deal.roles.filter(person_id=pk).first()
        if role is not None and role.attitude == attitude:
            continue
        version = role.version if role else 0
        try:
            role = deals.stakeholder_set(
                deal=deal, person=by_pk[pk], version=seen.get(pk, version), attitude=attitude
            )
        except StaleEdit as stale:
            # a team's trial: "now: skeptic" shown, a colleague set opponent, the meeting wrote over it; said with
            # who changed what and when (the refusal's own lines, from the part's history)
            now = deal.roles.filter(person_id=pk).first() or role
            shown = now.get_attitude_display() if now is not None else "—"
            said = [CHANGED_MEANWHILE % {"attitude": shown}, *stale.said]
            raise ValidationError({f"attitude_{pk}": said}) from None
        except ValidationError as e:
            raise ValidationError({f"attitude_{pk}": e.messages}) from None
        captured.roles.append(role)
    if action is not None and fields.get("next_step"):
        try:
            captured.action_item = action_item_create(
                deal=deal,
                text=fields["next_step"],
                owner=action.get("owner") or by,
                due=action.get("due"),
                person=action.get("person"),
            )
        except ValidationError as e:
            raise ValidationError({f"action_{k}": v for k, v in e.message_dict.items()}) from None
    return captured
