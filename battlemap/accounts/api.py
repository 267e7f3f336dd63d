"""API: accounts, their org units and external factors. Map, analysis and history are in api_map.py."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from ninja import Field, Router

from battlemap.accounts import schemas as s
from battlemap.accounts import services
from battlemap.accounts.api_map import router as map_router
from battlemap.accounts.models import ExternalFactor, OrgUnit
from battlemap.accounts.selectors import matching
from battlemap.accounts.services import handover
from battlemap.accounts.services.factors import (
    external_factor_create,
    external_factor_delete,
    external_factor_update,
)
from battlemap.core import crud
from battlemap.core.access import accounts_visible_to, get_account_for
from battlemap.core.api import ERRORS, SlugPath, resolve_refs, user_of
from battlemap.core.schemas import InSchema, text
from battlemap.teams.models import Team

router = Router(tags=["accounts"])
router.add_router("", map_router)


def _account_refs(data: dict) -> dict:
    """The team id as a Team; an unknown one is refused like a team you are not in. A slug not sent (None)
    is left out: a new account's is made from its name, an account's own is kept."""
    if "slug" in data and data["slug"] is None:
        data = {key: value for key, value in data.items() if key != "slug"}
    if data.get("team") is None:
        return data
    team = Team.objects.filter(pk=data["team"]).first()
    if team is None:
        raise ValidationError({"team": services.NOT_A_TEAM_MEMBER})
    return {**data, "team": team}


def _account_create(by, data: dict):
    if not data.pop("another_account", False):
        services.check_no_namesake(user=by, name=data.get("name") or "")
    return services.account_create(owner=by, by=by, **_account_refs(data))


def _search_accounts(accounts, filters: s.AccountFilter):
    accounts = matching(accounts, filters.search or "")
    return crud.filter_sent(accounts, filters, "lifecycle", team="team_id")


resources = crud.Resources(router, __name__, s, parent=crud.account_parent())

resources.add(
    "account",
    summaries=crud.summaries(
        "account",
        list="List your accounts",
        create="Create an account you own",
        a="the",
        patch="Change some fields",
        delete="Delete the account and its map",
    ),
    parent=None,
    collection="/accounts",
    item_key="slug",
    lookup=lambda user, slug, action: get_account_for(user, slug, action),
    children=lambda user: accounts_visible_to(user).select_related("owner"),
    apply_filters=_search_accounts,
    order_by=("name_key", "id"),
    create_sent_only=True,  # no team sent means your only team (none if you have several); null means none
    descriptions={
        "create": "The account is yours. Its team: the `team` you send (one of yours), or `null` for none; "
        "not sent, your team when you are on exactly one (teammates see it at once), else none — the answer's "
        "`team` says which. The same rule as the web's New account and `battlemap create-account`."
    },
    create=lambda user, data, by: _account_create(by, data),
    update=lambda account, version, data, by: services.account_update(
        account=account, version=version, by=by, **_account_refs(data)
    ),
    delete=lambda account, by: services.account_delete(account=account, by=by, via="api"),
)


def _unit_refs(account_id: int, data: dict) -> dict:
    return resolve_refs(data, {"parent": OrgUnit.objects.filter(account_id=account_id)})


def _unit_create(account, data: dict) -> OrgUnit:  # noqa: ANN001
    services.check_department_free(account=account, name=data.get("name", ""), parent=data.get("parent"))
    return services.org_unit_create(account=account, **data)


def _unit_update(unit: OrgUnit, version: int | None, data: dict) -> OrgUnit:
    name, parent = data.get("name", unit.name), data.get("parent", unit.parent)
    services.check_department_free(account=unit.account, name=name, parent=parent, unit=unit)
    return services.org_unit_update(unit=unit, version=version, **data)


resources.add(
    "org_unit",
    summaries=crud.summaries("department", list="Departments", create="Add a department"),
    collection="/org-units",
    model=OrgUnit,
    order_by=("name", "id"),
    create=lambda account, data, by: _unit_create(account, _unit_refs(account.pk, data)),
    update=lambda unit, version, data, by: _unit_update(unit, version, _unit_refs(unit.account_id, data)),
    delete=lambda unit, by: services.org_unit_delete(unit=unit),
)


def _factors_of_kind(factors, filters: s.ExternalFactorFilter):
    return crud.filter_sent(factors, filters, "kind")


resources.add(
    "factor",
    schema="ExternalFactor",
    summaries=crud.summaries("factor", list="Outside forces on the account", create="Add an external factor"),
    collection="/external-factors",
    model=ExternalFactor,
    apply_filters=_factors_of_kind,
    order_by=("kind", "id"),
    create=lambda account, data, by: external_factor_create(account=account, **data),
    update=lambda factor, version, data, by: external_factor_update(factor=factor, version=version, **data),
    delete=lambda factor, by: external_factor_delete(factor=factor),
)


# --- handover -----------------------------------------------------------------------------------------


class HandoverIn(InSchema):
    to: text(150, min_length=1) = Field(description="the new owner's username")
    note: text(handover.HANDOVER_NOTE_MAX, min_length=1) = Field(
        description="why, kept in the account's history"
    )
    version: int | None = Field(
        None, ge=0, description="the account's version you read: a hand-over or edit made since is a 409"
    )


@router.post(
    "/accounts/{slug}/handover",
    response={200: s.AccountOut, **ERRORS},
    summary="Hand the account over to another user (its owner, a manager of its team or its owner's, or an administrator)",
)
def account_handover(request, data: HandoverIn, slug: str = SlugPath()):
    user = user_of(request)
    account = get_account_for(user, slug, "view")
    to = get_user_model().objects.filter(username=data.to).first()
    if to is None:
        raise ValidationError(
            {"to": handover.not_a_candidate(user, account)}
        )  # as for one who may not take it
    return handover.account_handover(account=account, to=to, note=data.note, by=user, version=data.version)
