"""API: deals, stakeholder roles (one by one and in bulk) and action items."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from ninja import Query, Router

from battlemap.core import crud
from battlemap.core.access import accounts_visible_to
from battlemap.core.api import (
    ERRORS,
    ChangedPage,
    page_of,
    paginate,
    resolve_refs,
    user_of,
)
from battlemap.deals import schemas as s
from battlemap.deals import services
from battlemap.deals.api_analysis import router as analysis_router
from battlemap.deals.api_coverage import router as coverage_router
from battlemap.deals.api_pipeline import router as pipeline_router
from battlemap.deals.models import ActionItem, Deal, StakeholderRole
from battlemap.deals.services import actions
from battlemap.people.models import Person

router = Router(tags=["deals"])
router.add_router("", analysis_router)
router.add_router("", coverage_router)
router.add_router("", pipeline_router)

DEAL_ORDER = ("account__name_key", "name", "id")
DEAL_PARENT = crud.object_parent("/deals/{id}", lambda: Deal.objects.select_related("account"), field="deal")
resources = crud.Resources(router, __name__, s, parent=DEAL_PARENT)


def _people_of(account_id: int):
    return Person.objects.filter(account_id=account_id)


# --- deals ------------------------------------------------------------------------------------------


def _deal_create(account, data: dict, by) -> Deal:  # noqa: ANN001
    if not data.pop("another_deal", False):
        services.check_deal_name_free(account=account, name=data.get("name", ""))
    return services.deal_create(account=account, by=by, **data)


def _deal_update(deal: Deal, version, data: dict, by) -> Deal:  # noqa: ANN001
    data.pop("another_deal", None)  # a question of a new deal's name only
    return services.deal_update(deal=deal, version=version, by=by, **data)


def _filtered(deals, filters: s.AccountDealFilter):
    lookups = {"account": "account__slug"} if isinstance(filters, s.DealFilter) else {}
    return crud.filter_sent(deals, filters, "status", "stage", "name", **lookups).select_related("account")


@router.get("/deals", response={200: page_of(s.DealOut), **ERRORS}, summary="Deals of all your accounts")
def deal_list_all(request, filters: Query[s.DealFilter], page: Query[ChangedPage]):
    deals = Deal.objects.filter(account__in=accounts_visible_to(user_of(request)))
    return paginate(_filtered(deals, filters).order_by(*DEAL_ORDER), page)


resources.add(
    "deal",
    summaries=crud.summaries("deal", list="An account's deals", create="Open a deal"),
    parent=crud.account_parent(),
    collection="/deals",
    model=Deal,
    filters=s.AccountDealFilter,
    apply_filters=_filtered,
    order_by=DEAL_ORDER,
    create=lambda account, data, by: _deal_create(account, data, by),
    create_sent_only=True,  # a currency not sent is the account's (the service's default), not the schema's CNY
    update=_deal_update,
    delete=lambda deal, by: services.deal_delete(deal=deal),
)
crud.restore_route(
    router,
    __name__,
    "deal",
    "deals",
    lambda account, id: services.deal_restore(account=account, deal_id=id),
    summary="Bring back a deleted deal, with what its deletion took",
    description=(
        "The undo of `DELETE /deals/{id}` (the account's editors): the deal with the same id, its roles and their "
        "coverage, action items, process steps, bodies' roles, stage changes, comments, competitor notes and "
        "reviews, and its interactions and questionnaires linked again, from history — a row whose other end is "
        "gone since stays out, a link edited since keeps the edit, both said in `notes`. 422 naming `deal` when it "
        "is not a deleted deal of this account or is back already."
    ),
)


# --- stakeholder roles ------------------------------------------------------------------------------


def _role_refs(deal: Deal, data: dict) -> dict:
    return resolve_refs(data, {"person": _people_of(deal.account_id)})


def _role_create(deal: Deal, data: dict, by=None) -> StakeholderRole:
    return services.stakeholder_role_create(deal=deal, **_role_refs(deal, data))


def _roles_filtered(roles, filters: s.RoleFilter):
    roles = crud.filter_sent(roles, filters, "attitude", person="person_id")
    if filters.role:
        # JSON containment is not on SQLite; the roles of one deal are few, so filter in Python.
        ids = [r.id for r in roles.only("id", "roles") if filters.role in r.roles]
        roles = roles.filter(id__in=ids)
    return roles


resources.add(
    "role",
    summaries=crud.summaries(
        "stakeholder role",
        list="Who plays which role",
        create="Give a person a role",
        delete="Remove a person from the deal",
        bulk_create="Give many people roles at once: all or nothing",
    ),
    descriptions={
        "bulk_create": (
            "If any role is invalid nothing is saved; errors name the item, e.g. `roles.2.influence`."
        )
    },
    collection="/roles",
    model=StakeholderRole,
    children=lambda deal: deal.roles.all(),  # plain: the role filter's only() cannot follow select_related
    apply_filters=_roles_filtered,
    order_by=("person__name_key", "id"),
    create=_role_create,
    update=lambda role, version, data, by: services.stakeholder_role_update(
        role=role, version=version, **_role_refs(role.deal, data)
    ),
    delete=lambda role, by: services.stakeholder_role_delete(role=role),
    bulk="roles",
)


# --- action items -----------------------------------------------------------------------------------


def _owner(data: dict) -> dict:
    """The owner's username as a user; an unknown one is refused like one who is not on the account. A deactivated
    one is found: the item they own keeps them (actions.action_item_update), giving them one is refused there."""
    if data.get("owner") is None:
        return data
    owner = get_user_model().objects.filter(username=data["owner"]).first()
    if owner is None:
        raise ValidationError({"owner": actions.NOT_ON_ACCOUNT})
    return {**data, "owner": owner}


def _action_data(deal: Deal, data: dict) -> dict:
    return _owner(resolve_refs(data, {"person": _people_of(deal.account_id)}))


def _action_create(deal: Deal, data: dict, by) -> ActionItem:
    data.setdefault("owner", by.get_username())  # you, unless you name someone (or null: nobody)
    return actions.action_item_create(deal=deal, **_action_data(deal, data))


def _actions_filtered(items, filters: s.ActionItemFilter):
    if filters.owner:  # an empty owner is no filter
        items = items.filter(owner__username=filters.owner)
    return crud.filter_sent(items, filters, "done", "text", "due", person="person_id")


resources.add(
    "action",
    schema="ActionItem",
    summaries=crud.summaries("action", list="Actions", create="Add an action", a="an"),
    collection="/action-items",
    queryset=lambda: ActionItem.objects.select_related("deal", "owner"),
    apply_filters=_actions_filtered,
    order_by=("done", "due", "id"),
    create=_action_create,
    create_sent_only=True,  # an owner not sent means you; `"owner": null` means nobody
    update=lambda item, version, data, by: actions.action_item_update(
        item=item, version=version, **_action_data(item.deal, data)
    ),
    delete=lambda item, by: actions.action_item_delete(item=item),
)
