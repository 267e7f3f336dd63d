"""Writes to accounts. Every write validates the model (errors name the field) and is kept in history."""

from __future__ import annotations

from django.db import transaction

from battlemap.accounts.models import Account, ExternalFactor, OrgUnit


@transaction.atomic
def account_create(*, slug: str, name: str, owner, team=None, **fields) -> Account:
    account = Account(slug=slug, name=name, owner=owner, team=team, **fields)
    account.full_clean()
    account.save()
    return account


def org_unit_create(*, account: Account, name: str, parent: OrgUnit | None = None) -> OrgUnit:
    unit = OrgUnit(account=account, name=name, parent=parent)
    unit.full_clean()
    unit.save()
    return unit


def external_factor_create(
    *, account: Account, kind: str, description: str, effect: int = 0
) -> ExternalFactor:
    factor = ExternalFactor(account=account, kind=kind, description=description, effect=effect)
    factor.full_clean()
    factor.save()
    return factor


class StaleEdit(Exception):
    """Someone else changed the record since the editor loaded it."""


PORTRAIT_FIELDS = ("strategic_goals", "needs", "pains", "buying_behaviour", "notes")


@transaction.atomic
def account_portrait_update(*, account: Account, version: int | None = None, **fields) -> Account:
    """Change the account portrait; refuses a stale edit (the version the editor saw is out of date)."""
    account = Account.objects.select_for_update().get(pk=account.pk)
    if version is not None and version != account.version:
        raise StaleEdit
    for name, value in fields.items():
        if name not in PORTRAIT_FIELDS:
            raise ValueError(f"not a portrait field: {name}")
        setattr(account, name, value)
    account.full_clean()
    account.save()
    return account


@transaction.atomic
def person_reports_to_set(*, person, manager, version: int | None = None):
    """Move `person` under `manager` (or to the top with None). Validation refuses cycles, self-reporting
    and managers of another account (ValidationError naming `reports_to`); history keeps the change."""
    from battlemap.people.models import Person

    person = Person.objects.select_for_update().get(pk=person.pk)
    if version is not None and version != person.version:
        raise StaleEdit
    person.reports_to = manager
    person.full_clean()
    person.save()
    return person
