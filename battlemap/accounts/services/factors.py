"""Writes to an account's external factors (the outer rings of the influence circle: policy, competitors, the
economy…), and the rule that keeps each once: a factor is identified on its account by its description."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account, ExternalFactor
from battlemap.core.services import create_validated, delete_versioned, refuse_namesake, update_versioned
from battlemap.io.matching import match_name

FACTOR_FIELDS = ("kind", "description", "effect")

FACTOR_THERE = _(
    "%(there)s is an outside factor of this account already: change that one, or describe this one otherwise."
)


def check_factor_free(*, account: Account, description: str, factor: ExternalFactor | None = None) -> None:
    """The rule for a new or re-described factor, on the web (the circle's form, a factor's edit page) and the API
    (POST, and a PATCH or PUT that changes `description`): no other factor of `account` has this description as
    names match (`io.matching.match_name`: case, spacing and full-width forms aside), whatever its kind; else
    ValidationError naming `description` and that factor with its id (`core.services.refuse_namesake`) — a nightly
    sync that posted 信创政策 again added a second one each night. The map loader does not ask: a file is kept as it
    is. A factor that keeps its own description (a PUT of what GET gave, an edit page saved as it was) is not
    asked: two copies stored before the rule can each still be changed. The account's row is held until the write's
    transaction ends."""
    refuse_namesake(
        account,
        account.external_factors.only("pk", "description"),
        description,
        record=factor,
        key=partial(match_name, person=False),
        message=FACTOR_THERE,
        field="description",
        attr="description",
    )


def external_factor_create(
    *, account: Account, kind: str, description: str, effect: int = 0, once: bool = True
) -> ExternalFactor:
    """An outside force on the account; `effect` −2…+2 on us. With `once` (the web and the API; the map loader
    keeps a file as it is), a description another factor of the account has is refused (`check_factor_free`).
    Errors: ValidationError naming the field."""
    if once:
        check_factor_free(account=account, description=description)
    return create_validated(
        ExternalFactor(account=account, kind=kind, description=description, effect=effect)
    )


def external_factor_update(*, factor: ExternalFactor, version: int | None, **fields: Any) -> ExternalFactor:
    """Change `kind`, `description` or `effect`; a new description another factor of the account has is refused
    (`check_factor_free`). Errors: StaleEdit; ValidationError naming the field."""
    description = fields.get("description", factor.description)
    check_factor_free(account=factor.account, description=description, factor=factor)
    return update_versioned(factor, version=version, changes=fields, allowed=FACTOR_FIELDS)


def external_factor_delete(*, factor: ExternalFactor, version: int | None = None) -> None:
    delete_versioned(factor, version=version)
