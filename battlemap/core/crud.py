"""One CRUD helper for the API routers: list, retrieve, create, patch, put and delete over the services.

A router describes each resource once (`Resource`) and calls `register(router, resource)`; the helper
writes the six ninja operations the same way for every resource:

    list      GET    {parent}/{collection}   filters + pagination (or a plain list), the access gate
    create    POST   {parent}/{collection}   201; `create(parent, data, user)` calls the service
    retrieve  GET    {item}                  with an ETag (the version)
    patch     PATCH  {item}                  the fields sent; the version field or If-Match
    put       PUT    {item}                  the whole object; the version field or If-Match
    delete    DELETE {item}                  204; `delete(obj, user)` calls the service

The callbacks receive objects already reached through `core.access` ("view" for reads, "edit" for
writes: outsiders get 404) and parsed data (a dict); they resolve ids (`core.api.resolve_refs`) and call
the app's service, the only writer. A stale version raises `core.services.StaleEdit` (409).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status

from battlemap.core.access import get_account_for, get_for
from battlemap.core.api import (
    ERRORS,
    IdPath,
    IfMatch,
    Page,
    SlugPath,
    etag,
    expected_version,
    page_of,
    paginate,
    user_of,
)

OPERATIONS = ("list", "create", "retrieve", "patch", "put", "delete")
OPERATION_ID_SUFFIX = {"retrieve": "detail"}  # the operation ids the API has always had
Lookup = Callable[[Any, Any, str], Any]  # (user, key from the path, "view" | "edit") -> object, or 404


@dataclass(frozen=True)
class Parent:
    """Where a collection hangs: `/accounts/{slug}`, `/deals/{id}`… and how the gate reaches it."""

    path: str
    lookup: Lookup
    key: str = "id"  # the path parameter: "id" or "slug"


def account_parent() -> Parent:
    return Parent("/accounts/{slug}", lambda user, slug, action: get_account_for(user, slug, action), "slug")


def object_parent(path: str, queryset: Callable[[], QuerySet], account_field: str = "account") -> Parent:
    """A parent reached by id through its account's permission, e.g. `/deals/{id}`."""
    return Parent(path, lambda user, pk, action: get_for(user, queryset(), action, account_field, pk=pk))


@dataclass(frozen=True)
class Resource:
    """One resource of the API: its paths, schemas, summaries and the services that write it.

    name           operation-id stem (`org_unit` → `…_org_unit_list`, `…_org_unit_create`, …)
    module         the router's module (`__name__`), the rest of the operation id
    out            the response schema; `schema_in`, `schema_patch`, `schema_put` the bodies
    parent         the collection's parent (None: a top-level collection such as /accounts)
    collection     path below the parent (`/org-units`); `item` the item path (`/org-units/{id}`)
    lookup         (user, key, action) -> the item; default: `queryset` by id through `account_field`
    children       (parent or, without one, the user) -> the collection's queryset
    filters        a query schema and `apply_filters(queryset, filters)`; `order_by` for the list
    paginated      `{count, items}` with limit/offset, or a plain list
    create         (parent or user, data, user) -> object     — calls the service (`create_sent_only`:
                   data holds only the fields sent, not the schema's defaults)
    update         (object, version, data, user) -> object   — calls the service
    delete         (object, user) -> None                     — calls the service
    summaries      operation → summary (each registered operation needs one)
    """

    name: str
    module: str
    out: type[Schema]
    summaries: dict[str, str]
    collection: str = ""
    item: str = ""
    parent: Parent | None = None
    queryset: Callable[[], QuerySet] | None = None
    account_field: str = "account"
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
    descriptions: dict[str, str] = field(default_factory=dict)

    @property
    def operations(self) -> Collection[str]:
        return [op for op in OPERATIONS if op in self.summaries]

    def get(self, user, key, action: str = "view"):
        if self.lookup is not None:
            return self.lookup(user, key, action)
        assert self.queryset is not None, f"{self.name}: give a queryset or a lookup"
        return get_for(user, self.queryset(), action, self.account_field, pk=key)

    def get_parent(self, user, key, action: str = "view"):
        return user if self.parent is None else self.parent.lookup(user, key, action)


def _param(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation=annotation
    )


def _key_param(key: str) -> inspect.Parameter:
    return _param("slug", str, SlugPath()) if key == "slug" else _param("id", int, IdPath())


def _view(name: str, params: list[inspect.Parameter], body: Callable[..., Any]) -> Callable[..., Any]:
    """A ninja view function with this exact signature (ninja reads parameters from the signature)."""

    def view(request: HttpRequest, **kwargs):
        return body(request, **kwargs)

    view.__name__ = view.__qualname__ = name
    view.__signature__ = inspect.Signature([_param("request", HttpRequest), *params])  # type: ignore[attr-defined]
    return view


def _route(router: Router, method: str, path: str, resource: Resource, op: str, response, view) -> None:
    router.add_api_operation(
        path,
        [method],
        view,
        response=response,
        summary=resource.summaries[op],
        description=resource.descriptions.get(op),
        operation_id=f"{resource.module.replace('.', '_')}_{resource.name}_{OPERATION_ID_SUFFIX.get(op, op)}",
    )


def register(router: Router, resource: Resource) -> None:
    """Add the resource's operations (those with a summary) to `router`."""
    r = resource
    parent_key = r.parent.key if r.parent else None
    parent_params = [_key_param(parent_key)] if parent_key else []
    collection = (r.parent.path if r.parent else "") + r.collection

    def key_of(kwargs: dict[str, Any], name: str | None) -> Any:
        return kwargs.pop(name) if name else None

    if "list" in r.operations:

        def list_(request, **kw):
            parent = r.get_parent(user_of(request), key_of(kw, parent_key))
            items = r.children(parent)
            if r.filters is not None and r.apply_filters is not None:
                items = r.apply_filters(items, kw["filters"])
            items = items.order_by(*r.order_by)
            return paginate(items, kw["page"]) if r.paginated else list(items)

        params = [_param("filters", Query[r.filters])] if r.filters is not None else []
        params += [_param("page", Query[Page])] if r.paginated else []
        out = page_of(r.out) if r.paginated else list[r.out]
        view = _view(f"{r.name}_list", params + parent_params, list_)
        _route(router, "GET", collection, r, "list", {200: out, **ERRORS}, view)

    if "create" in r.operations:

        def create(request, payload, **kw):
            user = user_of(request)
            parent = r.get_parent(user, key_of(kw, parent_key), "edit")
            return Status(201, r.create(parent, payload.dict(exclude_unset=r.create_sent_only), user))

        view = _view(f"{r.name}_create", [_param("payload", r.schema_in), *parent_params], create)
        _route(router, "POST", collection, r, "create", {201: r.out, **ERRORS}, view)

    if "retrieve" in r.operations:

        def retrieve(request, response: HttpResponse, **kw):
            obj = r.get(user_of(request), kw[r.item_key])
            response["ETag"] = etag(obj)
            return obj

        view = _view(f"{r.name}_detail", [_param("response", HttpResponse), _key_param(r.item_key)], retrieve)
        _route(router, "GET", r.item, r, "retrieve", {200: r.out, **ERRORS}, view)

    def updater(partial: bool):
        def update(request, payload, **kw):
            user = user_of(request)
            obj = r.get(user, kw[r.item_key], "edit")
            data = payload.dict(exclude_unset=partial)
            version = expected_version(data.pop("version", None), kw.get("if_match"))
            return r.update(obj, version, data, user)

        return update

    for op, method, schema, partial in (
        ("patch", "PATCH", r.schema_patch, True),
        ("put", "PUT", r.schema_put, False),
    ):
        if op in r.operations:
            params = [
                _param("payload", schema),
                _key_param(r.item_key),
                _param("if_match", str | None, IfMatch()),
            ]
            view = _view(f"{r.name}_{op}", params, updater(partial))
            _route(router, method, r.item, r, op, {200: r.out, **ERRORS}, view)

    if "delete" in r.operations:

        def delete(request, **kw):
            user = user_of(request)
            r.delete(r.get(user, kw[r.item_key], "edit"), user)
            return Status(204, None)

        view = _view(f"{r.name}_delete", [_key_param(r.item_key)], delete)
        _route(router, "DELETE", r.item, r, "delete", {204: None, **ERRORS}, view)
