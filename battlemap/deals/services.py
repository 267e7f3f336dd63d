"""Writes to deals: create, move stage, set a person's part in a deal, action items.
Every write validates the model (errors name the field), refuses stale edits and is kept in history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.deals.models import ActionItem, Coverage, Deal, StageChange, StakeholderRole
from battlemap.people.models import Person
from battlemap.people.versioning import check_version

ROLE_FIELDS = (
    "roles",
    "attitude",
    "influence",
    "relationship",
    "favoured_competitor",
    "personal_win",
    "plan",
)


@transaction.atomic
def deal_create(*, account: Account, name: str, by=None, **fields: Any) -> Deal:
    deal = Deal(account=account, name=name, **fields)
    deal.full_clean()
    deal.save()
    StageChange.objects.create(deal=deal, stage=deal.stage, changed_on=timezone.localdate(), by=by)
    return deal


@transaction.atomic
def deal_move_stage(
    *, deal: Deal, stage: str, version: int, by=None, note: str = "", changed_on: date | None = None
) -> Deal:
    deal = Deal.objects.select_for_update().get(pk=deal.pk)
    check_version(deal, version)
    if stage == deal.stage:
        raise ValidationError({"stage": _("The deal is already at this stage.")})
    deal.stage = stage
    deal.full_clean()
    deal.save()
    change = StageChange(
        deal=deal, stage=stage, changed_on=changed_on or timezone.localdate(), note=note, by=by
    )
    change.full_clean()
    change.save()
    return deal


def _set_coverage(role: StakeholderRole, users: Iterable) -> None:
    wanted = {u.pk for u in users}
    role.coverage.exclude(user_id__in=wanted).delete()
    have = set(role.coverage.values_list("user_id", flat=True))
    for user_id in wanted - have:
        Coverage.objects.create(stakeholder=role, user_id=user_id)


@transaction.atomic
def stakeholder_set(
    *, deal: Deal, person: Person, version: int, covered_by: Iterable | None = None, **fields: Any
) -> StakeholderRole:
    """Create or update a person's part in a deal. `version` 0 means the form saw no role yet."""
    role = StakeholderRole.objects.select_for_update().filter(deal=deal, person=person).first()
    check_version(role, version)
    if role is None:
        role = StakeholderRole(deal=deal, person=person)
    for name, value in fields.items():
        if name not in ROLE_FIELDS:
            raise TypeError(f"unknown role field: {name}")
        setattr(role, name, value)
    role.full_clean()
    role.save()
    if covered_by is not None:
        _set_coverage(role, covered_by)
    return role


@transaction.atomic
def stakeholder_remove(*, role: StakeholderRole, version: int) -> None:
    """Take a person out of a deal (their coverage goes with the role); history keeps what they were."""
    role = StakeholderRole.objects.select_for_update().get(pk=role.pk)
    check_version(role, version)
    role.delete()


def action_item_create(
    *, deal: Deal, text: str, owner=None, person: Person | None = None, due: date | None = None
) -> ActionItem:
    item = ActionItem(deal=deal, text=text, owner=owner, person=person, due=due)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_set_done(*, item: ActionItem, done: bool, version: int) -> ActionItem:
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    check_version(item, version)
    item.done = done
    item.full_clean()
    item.save()
    return item
