"""One CRUD helper for the API routers: list, retrieve, create, patch, put and delete over the services.

A router describes each resource once (`Resource`) and calls `register(router, resource)`, or says its
module and schemas once (`Resources`) and adds each resource by name; the helper writes the six ninja
operations the same way for every resource:

    list      GET    {parent}/{collection}   filters + pagination (or a plain list), the access gate
    create    POST   {parent}/{collection}   201 with `Location` and `ETag`; `create(parent, data, user)` calls the service
    retrieve  GET    {item}                  with an ETag (the version)
    patch     PATCH  {item}                  the fields sent; the version field or If-Match
    put       PUT    {item}                  the whole object: every writable field a GET gives (`check_whole`);
                                             the version field or If-Match; the fields only a GET shows may be
                                             sent back as read (`with_fields_as_read`)
    delete    DELETE {item}                  204; `delete(obj, user)` calls the service; with the version
                                             read (If-Match or ?version=), a stale one is a 409
    bulk_create POST {parent}/{collection}/bulk  201 `{count, items}`: `create` for each, all or nothing

and, for a deletion with no other undo, `restore_route`: POST /accounts/{slug}/{collection}/{id}/restore.

The callbacks receive objects already reached through `core.access` ("view" for reads, "edit" for
writes: outsiders get 404) and parsed data (a dict); they resolve ids (`core.api.resolve_refs`) and call
the app's service, the only writer. A stale version raises `core.services.StaleEdit` (409).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from battlemap.core.access import get_account_for
from battlemap.core.api import (
    ERRORS,
    ChangedPage,
    IdPath,
    IfMatch,
    SlugPath,
    address,
    create_all_or_nothing,
    etag,
    expected_version,
    page_of,
    paginate,
    sent_version,
    user_of,
)
from battlemap.core.crud_resource import (
    Parent,
    Resource,
    account_parent,
    filter_sent,
    object_parent,
    summaries,
)
from battlemap.core.schemas import (
    Version,
    bulk_of,
    check_as_read,
    check_whole,
    patch_of,
    put_of,
    with_fields_as_read,
)
from battlemap.core.services import check_version

__all__ = [
    "Parent",
    "Resource",
    "Resources",
    "account_parent",
    "filter_sent",
    "object_parent",
    "register",
    "summaries",
]

OPERATION_ID_SUFFIX = {"retrieve": "detail"}  # the operation ids the API has always had


def location(request: HttpRequest, resource: Resource, obj: Model) -> str:
    """The address of `obj` as the API serves it (`Location` of a 201: an integrator's client follows it rather than
    build it): https://host/api/people/12, …/api/accounts/guodian."""
    key = obj.pk if resource.item_key == "id" else getattr(obj, resource.item_key)
    return address(request, resource.item.format(**{resource.item_key: key}))


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
            items = r.get_children(parent)
            if r.filters is not None and r.apply_filters is not None:
                items = r.apply_filters(items, kw["filters"])
            items = items.order_by(*r.order_by)
            return paginate(items, kw["page"]) if r.paginated else list(items)

        params = [_param("filters", Query[r.filters])] if r.filters is not None else []
        params += [_param("page", Query[ChangedPage])] if r.paginated else []
        out = page_of(r.out) if r.paginated else list[r.out]
        view = _view(f"{r.name}_list", params + parent_params, list_)
        _route(router, "GET", collection, r, "list", {200: out, **ERRORS}, view)

    if "create" in r.operations:

        def create(request, payload, response: HttpResponse, **kw):
            user = user_of(request)
            parent = r.get_parent(user, key_of(kw, parent_key), "edit")
            with transaction.atomic():  # a check of the create (a name on the account already) and its write
                obj = r.create(parent, payload.dict(exclude_unset=r.create_sent_only), user)
            response["Location"] = location(request, r, obj)
            response["ETag"] = etag(obj)
            return Status(201, obj)

        params = [_param("payload", r.schema_in), _param("response", HttpResponse), *parent_params]
        view = _view(f"{r.name}_create", params, create)
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
            # what was sent: a PUT sends every field a GET gives (`check_whole`); a write-only one left out is the
            # service's default
            data = payload.dict(exclude_unset=True)
            if not partial:  # PUT
                check_whole(schema_put, r.out, payload.model_fields_set)
                check_as_read(
                    r.out,
                    obj,
                    {n: data.pop(n, None) for n in set(r.out.model_fields) - set(schema_put.model_fields)},
                )
            version = expected_version(data.pop("version", None), kw.get("if_match"), current=obj.version)
            with transaction.atomic():  # as for a create: a rename's check and its write
                return r.update(obj, version, data, user)

        return update

    schema_put = r.schema_put
    put_as_read = with_fields_as_read(schema_put, r.out) if schema_put is not None else None
    for op, method, schema, partial in (
        ("patch", "PATCH", r.schema_patch, True),
        ("put", "PUT", put_as_read, False),
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
            obj = r.get(user, kw[r.item_key], "edit")
            version = sent_version(kw.get("version"), kw.get("if_match"))
            with transaction.atomic():
                if version is not None:  # the version read, as for an update: a stale one is a 409
                    check_version(type(obj)._default_manager.select_for_update().get(pk=obj.pk), version)
                r.delete(obj, user)
            return Status(204, None)

        params = [
            _key_param(r.item_key),
            _param("version", Version | None, Query(None, description="the version you read, or If-Match")),
            _param("if_match", str | None, IfMatch()),
        ]
        view = _view(f"{r.name}_delete", params, delete)
        _route(router, "DELETE", r.item, r, "delete", {204: None, **ERRORS}, view)

    if "bulk_create" in r.operations:

        def bulk_create(request, payload, **kw):
            user = user_of(request)
            parent = r.get_parent(user, key_of(kw, parent_key), "edit")
            items = [item.dict() for item in getattr(payload, r.bulk)]
            created = create_all_or_nothing(items, lambda data: r.create(parent, data, user), prefix=r.bulk)
            return Status(201, {"count": len(created), "items": created})

        view = _view(
            f"{r.name}_bulk_create", [_param("payload", r.schema_bulk_in), *parent_params], bulk_create
        )
        _route(
            router, "POST", f"{collection}/bulk", r, "bulk_create", {201: r.schema_bulk_out, **ERRORS}, view
        )


SCHEMA_SUFFIXES = {
    "out": "Out",
    "schema_in": "In",
    "schema_patch": "Patch",
    "schema_put": "Put",
    "filters": "Filter",
}
_UNSET: Any = object()


class Resources:
    """The resources of one router module, with what they share said once.

    `Resources(router, __name__, schemas, parent=account_parent())`, then `add(name, **fields)` for each
    resource: it registers `Resource(name=name, module=…, **fields)` whose schemas are found by name in
    the schemas module: `{Stem}Out`, `{Stem}In`, `{Stem}Patch`, `{Stem}Put` and the query `{Stem}Filter`
    (those it lacks stay None). The stem is the name in CamelCase (`org_unit` → `OrgUnit`) unless
    `schema` names it; `parent` is the module's unless given (None: a top-level collection).

    Derived when the module has none: the PATCH and PUT bodies of a resource that is patched or put,
    from `{Stem}In` (`core.schemas.patch_of`, `put_of`); with `bulk="people"`, the bulk bodies
    `PeopleBulkIn` and `PeopleBulkOut` (`core.schemas.bulk_of`).
    """

    def __init__(self, router: Router, module: str, schemas: Any, parent: Parent | None = None) -> None:
        self.router, self.module, self.schemas, self.parent = router, module, schemas, parent

    def add(self, name: str, *, schema: str = "", parent: Parent | None = _UNSET, **fields: Any) -> Resource:
        """Register the resource `name` (see the class) and return it; `fields` are `Resource`'s."""
        stem = schema or "".join(part.capitalize() for part in name.split("_"))
        found = {key: getattr(self.schemas, stem + suffix, None) for key, suffix in SCHEMA_SUFFIXES.items()}
        derived = {"schema_patch": patch_of, "schema_put": put_of}
        for key, derive in derived.items():
            operation = key.removeprefix("schema_")
            if found[key] is None and found["schema_in"] is not None and operation in fields["summaries"]:
                found[key] = derive(found["schema_in"])
        if fields.get("bulk"):
            found["schema_bulk_in"], found["schema_bulk_out"] = bulk_of(
                fields["bulk"], found["schema_in"], found["out"]
            )
        parent = self.parent if parent is _UNSET else parent
        resource = Resource(
            name=name, module=self.module, parent=parent, **(found | fields)
        )  # a schema given wins
        register(self.router, resource)
        return resource


class RestoredOut(Schema):
    id: int
    name: str
    rows: int = Field(description="rows deleted with it brought back: roles, links, participations, seats…")
    notes: list[str] = Field(
        description="what stayed as it is now: an edit made since wins, a row gone since"
    )


def restore_route(
    router: Router,
    module: str,
    name: str,
    collection: str,
    restore: Callable[[Any, int], Any],
    *,
    summary: str,
    description: str,
) -> None:
    """Add POST /accounts/{slug}/{collection}/{id}/restore, the undo of a DELETE (core.restore) for the account's
    editors (a viewer 403, an outsider 404): `restore(account, id)` calls the app's restore service and returns
    its core.restore.Restored; the answer is RestoredOut (the row brought back is `.back[0]`)."""

    def restore_view(request, slug: str, id: int):
        done = restore(get_account_for(user_of(request), slug, "edit"), id)
        row = done.back[0]
        return {"id": row.pk, "name": str(row), "rows": done.rows, "notes": done.notes()}

    params = [_key_param("slug"), _key_param("id")]
    router.add_api_operation(
        f"/accounts/{{slug}}/{collection}/{{id}}/restore",
        ["POST"],
        _view(f"{name}_restore", params, restore_view),
        response={200: RestoredOut, **ERRORS},
        summary=summary,
        description=description,
        operation_id=f"{module.replace('.', '_')}_{name}_restore",
    )
