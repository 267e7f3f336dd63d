"""What every API router shares: authentication, the one error shape, pagination, and versioned writes.

Authentication: a personal access token (`Authorization: Bearer bm_…`) or the web app's own session
cookie (then with CSRF on unsafe methods). Access to accounts goes through `battlemap.core.access` only.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from ninja import Field, Header, Path, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from pydantic import create_model

from battlemap.users.tokens import token_authenticate

M = TypeVar("M", bound=models.Model)

MAX_ID = 2**53  # ids beyond this cannot be a row (and overflow SQLite integers)
MAX_PAGE = 500
SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,80}$"


# --- the one error shape ---------------------------------------------------------------------------


class FieldError(Schema):
    field: str | None = Field(None, description="the field at fault, dotted for nested items (people.2.name)")
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def SlugPath():  # noqa: N802 — reads like the Path() it returns
    return Path(..., pattern=SLUG_PATTERN, description="the account's slug")


def IdPath():  # noqa: N802
    return Path(..., ge=1, le=MAX_ID)


def IfMatch():  # noqa: N802
    return Header(None, alias="If-Match", description="the ETag you read, instead of a version field")


class Conflict(HttpError):
    """The object changed since the client read it (its version moved on)."""

    def __init__(self, current_version: int) -> None:
        super().__init__(
            409,
            _("This was changed by someone else (now version %(v)d). Reload and try again.")
            % {"v": current_version},
        )
        self.current_version = current_version


def error_body(detail: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"detail": str(detail), "errors": errors or []}


def django_errors(exc: DjangoValidationError, prefix: str = "") -> list[dict[str, Any]]:
    """A Django ValidationError as [{field, message}]; non-field errors have field None (or the prefix)."""
    out = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            name = None if field == NON_FIELD_ERRORS else field
            if prefix:
                name = f"{prefix}.{name}" if name else prefix
            out.extend({"field": name, "message": str(m)} for m in errors)
    else:
        out.extend({"field": prefix or None, "message": str(m)} for m in exc.messages)
    return out


def ninja_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic errors (loc like ('body', 'payload', 'people', 2, 'name')) as [{field, message}]."""
    out = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] == "body":
            loc = loc[2:]  # drop 'body' and the parameter name
        elif loc and loc[0] in {"query", "path", "header", "cookie", "form", "file"}:
            loc = loc[1:]
        loc = [part for part in loc if part != "[key]"]  # a bad dict key: name the key itself
        out.append({"field": ".".join(loc) or "body", "message": str(error.get("msg", ""))})
    return out


# --- authentication -------------------------------------------------------------------------------


class BearerToken(HttpBearer):
    """A personal access token. A token that is sent but wrong, revoked or expired is a 401 at once."""

    def authenticate(self, request: HttpRequest, token: str):
        user = token_authenticate(token.strip())
        if user is None:
            raise AuthenticationError(message=_("Invalid, revoked or expired token."))
        request.user = user  # so history records who made the change
        return user


class SessionCookie(APIKeyCookie):
    """The web app's own calls: Django's session cookie, with CSRF on unsafe methods.

    Unlike ninja's SessionAuth, an anonymous request is not CSRF-checked first: it is simply
    unauthenticated (401), as the API promises.
    """

    param_name = "sessionid"

    def __init__(self) -> None:
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in {"GET", "HEAD", "OPTIONS", "TRACE"}:
            reason = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
            if reason is not None:
                raise HttpError(403, _("CSRF check failed: send the X-CSRFToken header."))
        return user


AUTH = [BearerToken(), SessionCookie()]


def user_of(request: HttpRequest):
    return request.auth  # set by one of AUTH


# --- pagination -------------------------------------------------------------------------------------


class Page(Schema):
    limit: int = Field(50, ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")
    offset: int = Field(0, ge=0, le=10**9)


_page_schemas: dict[type, type] = {}


def page_of(item: type[Schema]) -> type[Schema]:
    """`{count, items: [item]}` — one response schema per item schema."""
    if item not in _page_schemas:
        name = item.__name__.removesuffix("Out") + "Page"
        _page_schemas[item] = create_model(name, __base__=Schema, count=(int, ...), items=(list[item], ...))
    return _page_schemas[item]


def paginate(queryset, page: Page) -> dict[str, Any]:
    return {"count": queryset.count(), "items": list(queryset[page.offset : page.offset + page.limit])}


# --- writes -----------------------------------------------------------------------------------------


def assign(obj: models.Model, data: dict[str, Any]) -> None:
    """Set fields from API data; a foreign key is given by id (`org_unit: 3` sets `org_unit_id`)."""
    for name, value in data.items():
        field = obj._meta.get_field(name)
        if field.is_relation and field.many_to_one:
            setattr(obj, field.attname, value)
        else:
            setattr(obj, name, value)


def save_new(obj: M, exclude: list[str] | None = None) -> M:
    obj.full_clean(exclude=exclude)
    with transaction.atomic():  # a database error leaves no half-done write and no broken transaction
        obj.save()
    return obj


_ETAG = re.compile(r'^\s*(?:W/)?"?(\d{1,15})"?\s*$')


def expected_version(body_version: int | None, if_match: str | None) -> int:
    """The version the client edited: the `version` field, else the If-Match header (an ETag)."""
    if body_version is not None:
        return body_version
    if if_match:
        match = _ETAG.match(if_match)
        if match:
            return int(match.group(1))
        raise DjangoValidationError({"If-Match": _('Send the ETag you read, e.g. "3".')})
    raise DjangoValidationError(
        {"version": _("Send the version you edited (the version field or an If-Match header).")}
    )


def update_versioned(obj: M, data: dict[str, Any], *, if_match: str | None = None, after=None) -> M:
    """Apply `data` to `obj` only if the client edited the current version; else 409 and nothing changes.

    The row is locked for the check-and-write (select_for_update on PostgreSQL; SQLite's IMMEDIATE
    transactions serialise writers), so two clients with the same version cannot both win.
    """
    data = dict(data)
    expected = expected_version(data.pop("version", None), if_match)
    with transaction.atomic():
        current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if current.version != expected:
            raise Conflict(current.version)
        assign(current, data)
        current.full_clean()
        current.save()
        if after is not None:
            after(current)
    return current


def etag(obj: models.Model) -> str:
    return f'"{obj.version}"'


def check_refs(data: dict[str, Any], refs: dict[str, Any]) -> None:
    """Each id in `data` named in `refs` must be in its queryset (the same account); else 422 naming it.

    Checked before model validation so an unknown or foreign id is a clear field error, and so
    nothing reveals whether another account's object exists.
    """
    errors = {}
    for field, queryset in refs.items():
        value = data.get(field)
        if value is not None and not queryset.filter(pk=value).exists():
            errors[field] = _("No such item in this account.")
    if errors:
        raise DjangoValidationError(errors)


class InvalidItems(Exception):
    """A bulk write refused as a whole; `errors` are [{field, message}] with the item's index in the field."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors)
        self.errors = errors


def create_all_or_nothing(items: list[dict[str, Any]], make, *, prefix: str) -> list:
    """`make(data)` for each item in one transaction; any invalid item → InvalidItems, nothing saved.

    Every item is tried, so the client learns about all bad rows at once, not just the first.
    """
    created, errors = [], []
    with transaction.atomic():
        for index, data in enumerate(items):
            try:
                with transaction.atomic():
                    created.append(make(data))
            except DjangoValidationError as exc:
                errors.extend(django_errors(exc, prefix=f"{prefix}.{index}"))
        if errors:
            raise InvalidItems(errors)
    return created
