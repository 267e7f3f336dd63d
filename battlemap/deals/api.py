"""API: deals, stakeholder roles (one by one and in bulk) and action items."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from battlemap.core.access import accounts_visible_to, can, get_account_for, get_for
from battlemap.core.api import (
    ERRORS,
    IdPath,
    IfMatch,
    Page,
    SlugPath,
    assign,
    check_refs,
    create_all_or_nothing,
    etag,
    page_of,
    paginate,
    save_new,
    update_versioned,
    user_of,
)
from battlemap.deals import schemas as s
from battlemap.deals.api_analysis import router as analysis_router
from battlemap.deals.api_coverage import router as coverage_router
from battlemap.deals.models import ActionItem, Deal, StageChange, StakeholderRole
from battlemap.people.models import Person

router = Router(tags=["deals"])
router.add_router("", analysis_router)
router.add_router("", coverage_router)


def _deal(request, id: int, action: str = "view") -> Deal:
    return get_for(user_of(request), Deal.objects.select_related("account"), action, pk=id)


# --- deals ------------------------------------------------------------------------------------------


def _filtered(deals, filters: s.DealFilter):
    if filters.account:
        deals = deals.filter(account__slug=filters.account)
    if filters.status:
        deals = deals.filter(status=filters.status)
    if filters.stage:
        deals = deals.filter(stage=filters.stage)
    return deals.select_related("account").order_by("account__name_key", "name", "id")


@router.get("/deals", response={200: page_of(s.DealOut), **ERRORS}, summary="Deals of all your accounts")
def deal_list_all(request, filters: Query[s.DealFilter], page: Query[Page]):
    deals = Deal.objects.filter(account__in=accounts_visible_to(user_of(request)))
    return paginate(_filtered(deals, filters), page)


@router.get(
    "/accounts/{slug}/deals", response={200: page_of(s.DealOut), **ERRORS}, summary="An account's deals"
)
def deal_list(request, filters: Query[s.DealFilter], page: Query[Page], slug: str = SlugPath()):
    return paginate(_filtered(get_account_for(user_of(request), slug).deals.all(), filters), page)


@router.post("/accounts/{slug}/deals", response={201: s.DealOut, **ERRORS}, summary="Open a deal")
def deal_create(request, payload: s.DealIn, slug: str = SlugPath()):
    deal = Deal(account=get_account_for(user_of(request), slug, "edit"))
    assign(deal, payload.dict())
    save_new(deal)
    StageChange.objects.create(
        deal=deal, stage=deal.stage, changed_on=timezone.localdate(), by=user_of(request)
    )
    return Status(201, deal)


@router.get("/deals/{id}", response={200: s.DealOut, **ERRORS}, summary="One deal")
def deal_detail(request, response: HttpResponse, id: int = IdPath()):
    deal = _deal(request, id)
    response["ETag"] = etag(deal)
    return deal


def _deal_update(request, id: int, data: dict, if_match: str | None) -> Deal:
    deal = _deal(request, id, "edit")
    old_stage = deal.stage

    def record_stage(updated: Deal) -> None:
        # The stage history feeds the analysis (how long in each stage); keep it on every move.
        if updated.stage != old_stage:
            StageChange.objects.create(
                deal=updated, stage=updated.stage, changed_on=timezone.localdate(), by=user_of(request)
            )

    return update_versioned(deal, data, if_match=if_match, after=record_stage)


@router.patch("/deals/{id}", response={200: s.DealOut, **ERRORS}, summary="Change a deal")
def deal_patch(request, payload: s.DealPatch, id: int = IdPath(), if_match: str | None = IfMatch()):
    return _deal_update(request, id, payload.dict(exclude_unset=True), if_match)


@router.put("/deals/{id}", response={200: s.DealOut, **ERRORS}, summary="Replace a deal")
def deal_put(request, payload: s.DealPut, id: int = IdPath(), if_match: str | None = IfMatch()):
    return _deal_update(request, id, payload.dict(), if_match)


@router.delete("/deals/{id}", response={204: None, **ERRORS}, summary="Delete a deal")
def deal_delete(request, id: int = IdPath()):
    _deal(request, id, "edit").delete()
    return Status(204, None)


# --- stakeholder roles ------------------------------------------------------------------------------


def _role_refs(deal: Deal) -> dict:
    return {"person": Person.objects.filter(account_id=deal.account_id)}


def _check_one_role(deal: Deal, data: dict, role_id: int | None = None) -> None:
    person = data.get("person")
    taken = StakeholderRole.objects.filter(deal=deal, person_id=person).exclude(pk=role_id)
    if person is not None and taken.exists():
        raise ValidationError({"person": _("This person already has a role in this deal.")})


def _new_role(deal: Deal, data: dict) -> StakeholderRole:
    check_refs(data, _role_refs(deal))
    _check_one_role(deal, data)
    role = StakeholderRole(deal=deal)
    assign(role, data)
    return save_new(role)


@router.get("/deals/{id}/roles", response={200: page_of(s.RoleOut), **ERRORS}, summary="Who plays which role")
def role_list(request, filters: Query[s.RoleFilter], page: Query[Page], id: int = IdPath()):
    roles = _deal(request, id).roles.all()
    if filters.person:
        roles = roles.filter(person_id=filters.person)
    if filters.attitude:
        roles = roles.filter(attitude=filters.attitude)
    if filters.role:
        # JSON containment is not on SQLite; the roles of one deal are few, so filter in Python.
        ids = [r.id for r in roles.only("id", "roles") if filters.role in r.roles]
        roles = roles.filter(id__in=ids)
    return paginate(roles.order_by("person__name_key", "id"), page)


@router.post("/deals/{id}/roles", response={201: s.RoleOut, **ERRORS}, summary="Give a person a role")
def role_create(request, payload: s.RoleIn, id: int = IdPath()):
    return Status(201, _new_role(_deal(request, id, "edit"), payload.dict()))


@router.post(
    "/deals/{id}/roles/bulk",
    response={201: s.RolesBulkOut, **ERRORS},
    summary="Give many people roles at once: all or nothing",
    description="If any role is invalid nothing is saved; errors name the item, e.g. `roles.2.influence`.",
)
def role_bulk_create(request, payload: s.RolesBulkIn, id: int = IdPath()):
    deal = _deal(request, id, "edit")
    items = [item.dict() for item in payload.roles]
    created = create_all_or_nothing(items, lambda data: _new_role(deal, data), prefix="roles")
    return Status(201, {"count": len(created), "items": created})


def _role(request, id: int, action: str = "view") -> StakeholderRole:
    return get_for(
        user_of(request), StakeholderRole.objects.select_related("deal"), action, "deal__account", pk=id
    )


@router.get("/roles/{id}", response={200: s.RoleOut, **ERRORS}, summary="One stakeholder role")
def role_detail(request, response: HttpResponse, id: int = IdPath()):
    role = _role(request, id)
    response["ETag"] = etag(role)
    return role


def _role_update(request, id: int, data: dict, if_match: str | None) -> StakeholderRole:
    role = _role(request, id, "edit")
    check_refs(data, _role_refs(role.deal))
    _check_one_role(role.deal, data, role.id)
    return update_versioned(role, data, if_match=if_match)


@router.patch("/roles/{id}", response={200: s.RoleOut, **ERRORS}, summary="Change a stakeholder role")
def role_patch(request, payload: s.RolePatch, id: int = IdPath(), if_match: str | None = IfMatch()):
    return _role_update(request, id, payload.dict(exclude_unset=True), if_match)


@router.put("/roles/{id}", response={200: s.RoleOut, **ERRORS}, summary="Replace a stakeholder role")
def role_put(request, payload: s.RolePut, id: int = IdPath(), if_match: str | None = IfMatch()):
    return _role_update(request, id, payload.dict(), if_match)


@router.delete("/roles/{id}", response={204: None, **ERRORS}, summary="Remove a person from the deal")
def role_delete(request, id: int = IdPath()):
    _role(request, id, "edit").delete()
    return Status(204, None)


# --- action items -----------------------------------------------------------------------------------


def _action_data(deal: Deal, data: dict, default_owner=None) -> dict:
    """Check the person and owner; the owner (a username) becomes a user id. On create, you by default."""
    check_refs(data, {"person": Person.objects.filter(account_id=deal.account_id)})
    if "owner" not in data:
        if default_owner is not None:
            data["owner"] = default_owner.pk
        return data
    if data["owner"] is not None:
        owner = get_user_model().objects.filter(username=data["owner"], is_active=True).first()
        if owner is None or not can(owner, deal.account, "view"):
            raise ValidationError({"owner": _("No user of that name works on this account.")})
        data["owner"] = owner.pk
    return data


@router.get("/deals/{id}/action-items", response={200: page_of(s.ActionItemOut), **ERRORS}, summary="Actions")
def action_list(request, filters: Query[s.ActionItemFilter], page: Query[Page], id: int = IdPath()):
    items = _deal(request, id).action_items.select_related("owner")
    if filters.done is not None:
        items = items.filter(done=filters.done)
    if filters.owner:
        items = items.filter(owner__username=filters.owner)
    if filters.person:
        items = items.filter(person_id=filters.person)
    return paginate(items.order_by("done", "due", "id"), page)


@router.post("/deals/{id}/action-items", response={201: s.ActionItemOut, **ERRORS}, summary="Add an action")
def action_create(request, payload: s.ActionItemIn, id: int = IdPath()):
    deal = _deal(request, id, "edit")
    data = _action_data(deal, payload.dict(exclude_unset=True), default_owner=user_of(request))
    item = ActionItem(deal=deal)
    assign(item, data)
    return Status(201, save_new(item))


def _action(request, id: int, action: str = "view") -> ActionItem:
    items = ActionItem.objects.select_related("deal", "owner")
    return get_for(user_of(request), items, action, "deal__account", pk=id)


@router.get("/action-items/{id}", response={200: s.ActionItemOut, **ERRORS}, summary="One action")
def action_detail(request, response: HttpResponse, id: int = IdPath()):
    item = _action(request, id)
    response["ETag"] = etag(item)
    return item


def _action_update(request, id: int, data: dict, if_match: str | None) -> ActionItem:
    item = _action(request, id, "edit")
    return update_versioned(item, _action_data(item.deal, data), if_match=if_match)


@router.patch("/action-items/{id}", response={200: s.ActionItemOut, **ERRORS}, summary="Change an action")
def action_patch(request, payload: s.ActionItemPatch, id: int = IdPath(), if_match: str | None = IfMatch()):
    return _action_update(request, id, payload.dict(exclude_unset=True), if_match)


@router.put("/action-items/{id}", response={200: s.ActionItemOut, **ERRORS}, summary="Replace an action")
def action_put(request, payload: s.ActionItemPut, id: int = IdPath(), if_match: str | None = IfMatch()):
    return _action_update(request, id, payload.dict(), if_match)


@router.delete("/action-items/{id}", response={204: None, **ERRORS}, summary="Delete an action")
def action_delete(request, id: int = IdPath()):
    _action(request, id, "edit").delete()
    return Status(204, None)
