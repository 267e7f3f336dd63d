"""What one API resource is: its paths, schemas, parent, gate and the services that write it (`Resource`).

`core.crud` turns a `Resource` into its routes; routers build resources through `crud.Resources` and the helpers
here, which `core.crud` hands on (`crud.summaries`, `crud.filter_sent`, `crud.account_parent`, …).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db.models import Model, QuerySet
from ninja import Schema

from battlemap.core.access import get_account_for, get_for
from battlemap.core.text_fields import clean_text_columns

OPERATIONS = ("list", "create", "retrieve", "patch", "put", "delete", "bulk_create")
Lookup = Callable[[Any, Any, str], Any]  # (user, key from the path, "view" | "edit") -> object, or 404


@dataclass(frozen=True)
class Parent:
    """Where a collection hangs: `/accounts/{slug}`, `/deals/{id}`… and how the gate reaches it.

    `field` is the children's foreign key to it (`account`, `deal`), `account_field` the children's
    path to the account (`account`, `deal__account`).
    """

    path: str
    lookup: Lookup
    key: str = "id"  # the path parameter: "id" or "slug"
    field: str = "account"
    account_field: str = "account"


def account_parent() -> Parent:
    return Parent("/accounts/{slug}", lambda user, slug, action: get_account_for(user, slug, action), "slug")


def object_parent(
    path: str, queryset: Callable[[], QuerySet], account_field: str = "account", *, field: str = ""
) -> Parent:
    """A parent reached by id through its account's permission, e.g. `/deals/{id}`.

    `field` (e.g. `deal`): the children's foreign key to it, for children and lookups derived by `Resource`.
    """
    return Parent(
        path,
        lambda user, pk, action: get_for(user, queryset(), action, account_field, pk=pk),
        field=field,
        account_field=f"{field}__{account_field}" if field else account_field,
    )


def filter_sent(items: QuerySet, filters: Any, *fields: str, **lookups: str) -> QuerySet:
    """`items` filtered on each filter that was sent (not None): `fields` on the field of the same
    name, `lookups` (filter="lookup") on another, e.g. `account="account__slug"`. A text sent for one of
    `fields` is compared as that field stores a text written to it (`core.text_fields.clean_text_fields`: trimmed,
    control characters gone), so that a sync finds a thing by the very value it posted (`?name=`, `?source_ref=`)."""
    for name, lookup in {**{f: f for f in fields}, **lookups}.items():
        value = getattr(filters, name)
        if isinstance(value, str) and name in fields:
            row = SimpleNamespace(**{name: value})
            clean_text_columns([row], items.model)
            value = row.__dict__[name]
        if value is not None:
            items = items.filter(**{lookup: value})
    return items


def summaries(thing: str, *, list: str, create: str, a: str = "a", **others: str) -> dict[str, str]:
    """The six operations' summaries: `One {thing}`, `Change a {thing}`, `Replace a {thing}`,
    `Delete a {thing}`, with the article `a` ("an", "the"); `others` (operation=summary) override one."""
    return {
        "list": list,
        "create": create,
        "retrieve": f"One {thing}",
        "patch": f"Change {a} {thing}",
        "put": f"Replace {a} {thing}",
        "delete": f"Delete {a} {thing}",
        **others,
    }


@dataclass(frozen=True)
class Resource:
    """One resource of the API: its paths, schemas, summaries and the services that write it.

    name           operation-id stem (`org_unit` → `…_org_unit_list`, `…_org_unit_create`, …)
    module         the router's module (`__name__`), the rest of the operation id
    out            the response schema; `schema_in`, `schema_patch`, `schema_put` the bodies
    parent         the collection's parent (None: a top-level collection such as /accounts)
    collection     path below the parent (`/org-units`); the item path is `{collection}/{item_key}`
    queryset       () -> the items, for lookups; default: `model`'s, with its parent selected
    account_field  the items' path to their account; default: the parent's (`account`, `deal__account`)
    lookup         (user, key, action) -> the item; default: `queryset` by id through `account_field`
    children       (parent or, without one, the user) -> the collection's queryset; default: `queryset`
                   filtered by the parent
    filters        a query schema and `apply_filters(queryset, filters)`; `order_by` for the list
    paginated      `{count, items}` with limit/offset, or a plain list
    create         (parent or user, data, user) -> object     — calls the service (`create_sent_only`:
                   data holds only the fields sent, not the schema's defaults)
    update         (object, version, data, user) -> object   — calls the service
    delete         (object, user) -> None                     — calls the service
    bulk           the list field of `schema_bulk_in` (`people`): errors are named `people.3.name`
    summaries      operation → summary (each registered operation needs one)
    """

    name: str
    module: str
    out: type[Schema]
    summaries: dict[str, str]
    collection: str = ""
    parent: Parent | None = None
    model: type[Model] | None = None
    queryset: Callable[[], QuerySet] | None = None
    account_field: str = ""
    lookup: Lookup | None = None
    item_key: str = "id"
    children: Callable[[Any], QuerySet] | None = None
    filters: type[Schema] | None = None
    apply_filters: Callable[[QuerySet, Any], QuerySet] | None = None
    order_by: tuple[str, ...] = ("id",)
    paginated: bool = True
    schema_in: type[Schema] | None = None
    schema_patch: type[Schema] | None = None
    schema_put: type[Schema] | None = None
    create: Callable[[Any, dict[str, Any], Any], Model] | None = None
    create_sent_only: bool = False  # create gets only the fields sent (to tell "not sent" from null)
    update: Callable[[Model, int, dict[str, Any], Any], Model] | None = None
    delete: Callable[[Model, Any], None] | None = None
    bulk: str = ""
    schema_bulk_in: type[Schema] | None = None
    schema_bulk_out: type[Schema] | None = None
    descriptions: dict[str, str] = field(default_factory=dict)

    @property
    def operations(self) -> Collection[str]:
        return [op for op in OPERATIONS if op in self.summaries]

    @property
    def item(self) -> str:
        return f"{self.collection}/{{{self.item_key}}}"

    def items(self) -> QuerySet:
        if self.queryset is not None:
            return self.queryset()
        assert self.model is not None and self.parent is not None, f"{self.name}: give a model or a queryset"
        return self.model._default_manager.select_related(self.parent.field)

    def get(self, user, key, action: str = "view"):
        if self.lookup is not None:
            return self.lookup(user, key, action)
        account_field = self.account_field or (self.parent.account_field if self.parent else "account")
        return get_for(user, self.items(), action, account_field, pk=key)

    def get_children(self, parent) -> QuerySet:
        if self.children is not None:
            return self.children(parent)
        assert self.parent is not None, f"{self.name}: a top-level collection needs `children`"
        return self.items().filter(**{self.parent.field: parent})

    def get_parent(self, user, key, action: str = "view"):
        return user if self.parent is None else self.parent.lookup(user, key, action)
