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
