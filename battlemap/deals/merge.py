"""A person merge's part in the deals (people.services.merge calls it): the duplicate's deal roles and the
action items about them move to the survivor, a role in the same deal folded into the survivor's. Writes go
through the core services, so history keeps each move."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from battlemap.core.services import create_validated, delete_versioned, update_versioned
from battlemap.deals.models import ActionItem, Coverage, StakeholderRole
from battlemap.deals.services import ROLE_FIELDS
from battlemap.people.models import Person

# what a merge fills from the duplicate where the survivor's is blank; the four joined or compared below are not
_ROLE_FILLABLE = tuple(f for f in ROLE_FIELDS if f not in ("roles", "attitude", "influence", "relationship"))


def _role_merge(*, keep: StakeholderRole, gone: StakeholderRole) -> None:
    """`gone` (the duplicate's part in a deal) folds into `keep`: roles joined, the stronger influence
    and relationship kept, blanks filled, coverage added; then `gone` is deleted."""
    changes: dict[str, Any] = {
        "roles": list(dict.fromkeys([*keep.roles, *gone.roles])),
        "influence": max(keep.influence, gone.influence),
        "relationship": max(keep.relationship, gone.relationship),
    }
    if keep.attitude == "unknown":
        changes["attitude"] = gone.attitude
    for name in _ROLE_FILLABLE:
        if not getattr(keep, name):
            changes[name] = getattr(gone, name)
    keep = update_versioned(keep, version=keep.version, changes=changes, allowed=ROLE_FIELDS)
    covered = set(keep.coverage.values_list("user_id", flat=True))
    for coverage in gone.coverage.all():
        if coverage.user_id not in covered:
            # the colleague covered the same human being; merging keeps that, whatever their access now
            create_validated(Coverage(stakeholder=keep, user_id=coverage.user_id))
    delete_versioned(gone)


@transaction.atomic
def person_deal_parts_move(*, duplicate: Person, survivor: Person) -> None:
    """A person merge's part in the deals: `duplicate`'s roles move to `survivor` (merged into the
    survivor's role in the same deal), and so do the action items about them. History keeps each move."""
    mine = {r.deal_id: r for r in survivor.deal_roles.all()}
    for role in list(duplicate.deal_roles.all()):
        if role.deal_id in mine:
            _role_merge(keep=mine[role.deal_id], gone=role)
        else:
            update_versioned(role, version=role.version, changes={"person": survivor}, allowed=("person",))
    for item in list(ActionItem.objects.filter(person=duplicate)):
        update_versioned(item, version=item.version, changes={"person": survivor}, allowed=("person",))
