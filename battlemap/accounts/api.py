"""API: accounts, their org units and external factors. Map, analysis and history are in api_map.py."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from battlemap.accounts import schemas as s
from battlemap.accounts.api_map import router as map_router
from battlemap.accounts.models import Account, ExternalFactor, OrgUnit
from battlemap.core.access import accounts_visible_to, get_account_for, get_for
from battlemap.core.api import (
    ERRORS,
    IdPath,
    IfMatch,
    Page,
    SlugPath,
    assign,
    check_refs,
    etag,
    page_of,
    paginate,
    save_new,
    update_versioned,
    user_of,
)
from battlemap.teams.models import Membership

router = Router(tags=["accounts"])
router.add_router("", map_router)


def _check_team(user, data: dict) -> None:
    team_id = data.get("team")
    if team_id is None or user.is_superuser:
        return
    if not Membership.objects.filter(user=user, team_id=team_id).exists():
        raise ValidationError({"team": _("You are not a member of this team.")})


# --- accounts ---------------------------------------------------------------------------------------


@router.get("/accounts", response={200: page_of(s.AccountOut), **ERRORS}, summary="List your accounts")
def account_list(request, filters: Query[s.AccountFilter], page: Query[Page]):
    accounts = accounts_visible_to(user_of(request)).select_related("owner")
    if filters.search:
        term = filters.search.strip()
        accounts = accounts.filter(
            Q(name__icontains=term)
            | Q(name_key__icontains=term.lower().replace(" ", ""))
            | Q(slug__icontains=term)
        )
    if filters.lifecycle:
        accounts = accounts.filter(lifecycle=filters.lifecycle)
    if filters.team:
        accounts = accounts.filter(team_id=filters.team)
    return paginate(accounts.order_by("name_key", "id"), page)


@router.post("/accounts", response={201: s.AccountOut, **ERRORS}, summary="Create an account you own")
def account_create(request, payload: s.AccountIn):
    user = user_of(request)
    data = payload.dict()
    _check_team(user, data)
    account = Account(owner=user)
    assign(account, data)
    return Status(201, save_new(account))


@router.get("/accounts/{slug}", response={200: s.AccountOut, **ERRORS}, summary="One account")
def account_detail(request, response: HttpResponse, slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug)
    response["ETag"] = etag(account)
    return account


def _account_update(request, slug: str, data: dict, if_match: str | None):
    user = user_of(request)
    account = get_account_for(user, slug, "edit")
    _check_team(user, data)
    return update_versioned(account, data, if_match=if_match)


@router.patch("/accounts/{slug}", response={200: s.AccountOut, **ERRORS}, summary="Change some fields")
def account_patch(request, payload: s.AccountPatch, slug: str = SlugPath(), if_match: str | None = IfMatch()):
    return _account_update(request, slug, payload.dict(exclude_unset=True), if_match)


@router.put("/accounts/{slug}", response={200: s.AccountOut, **ERRORS}, summary="Replace the account")
def account_put(request, payload: s.AccountPut, slug: str = SlugPath(), if_match: str | None = IfMatch()):
    return _account_update(request, slug, payload.dict(), if_match)


@router.delete("/accounts/{slug}", response={204: None, **ERRORS}, summary="Delete the account and its map")
def account_delete(request, slug: str = SlugPath()):
    get_account_for(user_of(request), slug, "edit").delete()
    return Status(204, None)


# --- org units --------------------------------------------------------------------------------------


@router.get(
    "/accounts/{slug}/org-units", response={200: page_of(s.OrgUnitOut), **ERRORS}, summary="Departments"
)
def org_unit_list(request, page: Query[Page], slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug)
    return paginate(account.org_units.select_related("account").order_by("name", "id"), page)


@router.post("/accounts/{slug}/org-units", response={201: s.OrgUnitOut, **ERRORS}, summary="Add a department")
def org_unit_create(request, payload: s.OrgUnitIn, slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug, "edit")
    data = payload.dict()
    check_refs(data, {"parent": account.org_units.all()})
    unit = OrgUnit(account=account)
    assign(unit, data)
    return Status(201, save_new(unit))


def _unit(request, id: int, action: str = "view") -> OrgUnit:
    return get_for(user_of(request), OrgUnit.objects.select_related("account"), action, pk=id)


def _unit_update(request, id: int, data: dict, if_match: str | None) -> OrgUnit:
    unit = _unit(request, id, "edit")
    check_refs(data, {"parent": OrgUnit.objects.filter(account_id=unit.account_id)})
    return update_versioned(unit, data, if_match=if_match)


@router.get("/org-units/{id}", response={200: s.OrgUnitOut, **ERRORS}, summary="One department")
def org_unit_detail(request, response: HttpResponse, id: int = IdPath()):
    unit = _unit(request, id)
    response["ETag"] = etag(unit)
    return unit


@router.patch("/org-units/{id}", response={200: s.OrgUnitOut, **ERRORS}, summary="Change a department")
def org_unit_patch(request, payload: s.OrgUnitPatch, id: int = IdPath(), if_match: str | None = IfMatch()):
    return _unit_update(request, id, payload.dict(exclude_unset=True), if_match)


@router.put("/org-units/{id}", response={200: s.OrgUnitOut, **ERRORS}, summary="Replace a department")
def org_unit_put(request, payload: s.OrgUnitPut, id: int = IdPath(), if_match: str | None = IfMatch()):
    return _unit_update(request, id, payload.dict(), if_match)


@router.delete("/org-units/{id}", response={204: None, **ERRORS}, summary="Delete a department")
def org_unit_delete(request, id: int = IdPath()):
    _unit(request, id, "edit").delete()
    return Status(204, None)


# --- external factors -------------------------------------------------------------------------------


@router.get(
    "/accounts/{slug}/external-factors",
    response={200: page_of(s.ExternalFactorOut), **ERRORS},
    summary="Outside forces on the account",
)
def factor_list(request, filters: Query[s.ExternalFactorFilter], page: Query[Page], slug: str = SlugPath()):
    factors = get_account_for(user_of(request), slug).external_factors.select_related("account")
    if filters.kind:
        factors = factors.filter(kind=filters.kind)
    return paginate(factors.order_by("kind", "id"), page)


@router.post(
    "/accounts/{slug}/external-factors",
    response={201: s.ExternalFactorOut, **ERRORS},
    summary="Add an external factor",
)
def factor_create(request, payload: s.ExternalFactorIn, slug: str = SlugPath()):
    factor = ExternalFactor(account=get_account_for(user_of(request), slug, "edit"))
    assign(factor, payload.dict())
    return Status(201, save_new(factor))


def _factor(request, id: int, action: str = "view") -> ExternalFactor:
    return get_for(user_of(request), ExternalFactor.objects.select_related("account"), action, pk=id)


@router.get("/external-factors/{id}", response={200: s.ExternalFactorOut, **ERRORS}, summary="One factor")
def factor_detail(request, response: HttpResponse, id: int = IdPath()):
    factor = _factor(request, id)
    response["ETag"] = etag(factor)
    return factor


@router.patch(
    "/external-factors/{id}", response={200: s.ExternalFactorOut, **ERRORS}, summary="Change a factor"
)
def factor_patch(
    request, payload: s.ExternalFactorPatch, id: int = IdPath(), if_match: str | None = IfMatch()
):
    return update_versioned(_factor(request, id, "edit"), payload.dict(exclude_unset=True), if_match=if_match)


@router.put(
    "/external-factors/{id}", response={200: s.ExternalFactorOut, **ERRORS}, summary="Replace a factor"
)
def factor_put(request, payload: s.ExternalFactorPut, id: int = IdPath(), if_match: str | None = IfMatch()):
    return update_versioned(_factor(request, id, "edit"), payload.dict(), if_match=if_match)


@router.delete("/external-factors/{id}", response={204: None, **ERRORS}, summary="Delete a factor")
def factor_delete(request, id: int = IdPath()):
    _factor(request, id, "edit").delete()
    return Status(204, None)
