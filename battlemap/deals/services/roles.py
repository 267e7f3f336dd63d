"""Writes to a deal's stakeholder roles and who on our side covers each: one role per person per deal, a person
who has left the customer takes no new part, a colleague who covers a stakeholder works on the account. The web,
the API, the imports and the mail suggestions alike (re-exported by `deals.services`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from battlemap.core.access import viewers_of
from battlemap.core.services import (
    apply_changes,
    check_version,
    create_validated,
    delete_versioned,
    update_versioned,
)
from battlemap.deals.models import Coverage, Deal, StakeholderRole
from battlemap.deals.services.actions import NOT_ON_ACCOUNT
from battlemap.people.erased import ERASED_TAKES_NOTHING, is_erased
from battlemap.people.models import Person

ROLE_FIELDS = (
    "roles",
    "attitude",
    "influence",
    "relationship",
    "favoured_competitor",
    "personal_win",
    "plan",
    "plan_channel",
    "plan_cadence_days",
    "response_mode",
)

ONE_ROLE_PER_PERSON = _("This person already has a role in this deal (role %(id)s): change that one.")
LEFT_THE_CUSTOMER = _("This person has left the customer: a new part in the deal is not theirs to take.")
COVERS_ALREADY = _("This colleague covers this person already.")


# --- stakeholder roles ------------------------------------------------------------------------------


def _check_one_role(*, deal: Deal, person: Person | None, role_id: int | None = None) -> None:
    if person is None:
        return
    # the role it would duplicate named, so that an integrator changes it (PATCH /api/roles/{id}) instead
    existing = StakeholderRole.objects.filter(deal=deal, person=person).exclude(pk=role_id).first()
    if existing is not None:
        raise ValidationError({"person": ONE_ROLE_PER_PERSON % {"id": existing.pk}})


def takes_new_role(person: Person, *, held_before: bool = False) -> bool:
    """Whether `person` may take a new part in a deal: not one who has left the customer (LEFT_THE_CUSTOMER),
    nor one whose data was erased (`people.erased.is_erased`), unless the part is recorded as held before (a map
    file, or a CRM row whose status says they left). The one rule for the web's form, the API, the mail
    suggestions and the people files; `new_role_refusal` says why not."""
    return held_before or (person.status != "left" and not is_erased(person))


def new_role_refusal(person: Person) -> str:
    """Why `person` takes no new part in a deal (`takes_new_role` is False), in the active language."""
    return gettext(ERASED_TAKES_NOTHING) if is_erased(person) else str(LEFT_THE_CUSTOMER)


def stakeholder_role_create(
    *, deal: Deal, person: Person, held_before: bool = False, **fields: Any
) -> StakeholderRole:
    """Give `person` (of the deal's account) a part in the deal: fields of ROLE_FIELDS.

    A person who has left the customer takes no new part (the web's form, the API, the mail suggestions
    alike); `held_before=True` is for files that record a map as it was (map format, CRM import), where a
    person who left keeps the part they held.

    Errors: ValidationError naming `person` (another account, a role already, left the customer) or the field."""
    _check_one_role(deal=deal, person=person)
    if not takes_new_role(person, held_before=held_before):
        raise ValidationError({"person": new_role_refusal(person)})
    role = StakeholderRole(deal=deal, person=person)
    apply_changes(role, fields, ROLE_FIELDS)
    return create_validated(role)


def stakeholder_role_update(*, role: StakeholderRole, version: int | None, **fields: Any) -> StakeholderRole:
    """Change fields of ROLE_FIELDS (and `person`, keeping one role per person per deal).

    Errors: StaleEdit; ValidationError naming the field (`person`: a role already, or a person who left the
    customer put in the role)."""
    if "person" in fields:
        _check_one_role(deal=role.deal, person=fields["person"], role_id=role.pk)
        moved = fields["person"] is not None and fields["person"].pk != role.person_id
        if moved and not takes_new_role(fields["person"]):
            raise ValidationError({"person": new_role_refusal(fields["person"])})
    return update_versioned(role, version=version, changes=fields, allowed=(*ROLE_FIELDS, "person"))


def stakeholder_role_delete(*, role: StakeholderRole, version: int | None = None) -> None:
    """Take a person out of a deal (their coverage goes with the role); history keeps what they were."""
    delete_versioned(role, version=version)


@transaction.atomic
def stakeholder_set(
    *, deal: Deal, person: Person, version: int | None, covered_by: Iterable | None = None, **fields: Any
) -> StakeholderRole:
    """The deal room's role form: create or update `person`'s part, and (when given) who covers them.

    `version` 0 means the form saw no role yet: if someone added one meanwhile, that is a StaleEdit."""
    role = StakeholderRole.objects.select_for_update().filter(deal=deal, person=person).first()
    check_version(role, version)
    if role is None:
        role = stakeholder_role_create(deal=deal, person=person, **fields)
    else:
        role = stakeholder_role_update(role=role, version=version, **fields)
    if covered_by is not None:
        wanted = {user.pk: user for user in covered_by}
        for coverage in role.coverage.all():
            if coverage.user_id not in wanted:
                coverage_remove(coverage=coverage)
            else:
                wanted.pop(coverage.user_id)
        for user in wanted.values():
            coverage_add(role=role, user=user)
    return role


# --- coverage ---------------------------------------------------------------------------------------


def coverage_add(*, role: StakeholderRole, user) -> Coverage:
    """`user` covers this stakeholder: a colleague who works on the account — one of `core.access.viewers_of`
    (active, may view it), whom the role form offers.

    Errors: ValidationError naming `user` (NOT_ON_ACCOUNT: not one of them; or covers them already)."""
    if user is None or not viewers_of(role.deal.account).filter(pk=user.pk).exists():
        raise ValidationError({"user": NOT_ON_ACCOUNT})
    if role.coverage.filter(user=user).exists():
        raise ValidationError({"user": COVERS_ALREADY})
    return create_validated(Coverage(stakeholder=role, user=user))


def coverage_remove(*, coverage: Coverage) -> None:
    delete_versioned(coverage)


def coverage_give(*, coverage: Coverage, to) -> None:
    """`to` covers the stakeholder instead of `coverage.user`, an edit with history — once: where `to` covers them
    already, only the old row goes. Whom a colleague's coverage goes to when they stop working on the account (its
    handover: the new owner; their removal from its team: its owner), as their open action items go."""
    if Coverage.objects.filter(stakeholder_id=coverage.stakeholder_id, user=to).exists():
        coverage_remove(coverage=coverage)
    else:
        update_versioned(coverage, version=coverage.version, changes={"user": to}, allowed=("user",))
