"""What every API router shares: the one error shape, pagination, versions and references (how an answer is
written in JSON: `core.api_json`).

Authentication lives in `battlemap.users.auth` (core imports no app); access to accounts goes through
`battlemap.core.access` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, time
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Header, Path, Schema
from pydantic import create_model

from battlemap import vocab
from battlemap.core.dates import in_range, out_of_range_message
from battlemap.core.multilingual import active_language
from battlemap.core.request_items import items_of_request, record
from battlemap.punctuation import sentences

MAX_ID = 2**53  # ids beyond this cannot be a row (and overflow SQLite integers)


def asked_id(text: Any) -> int | None:
    """The row id a page's query or form text names (`?deal=12`), or None for any other text: only ASCII digits
    up to MAX_ID — "²" passes str.isdigit() but not int(), and 99999999999999999999 overflowed SQLite's
    integers in a query: both were a 500 on the page that read them."""
    text = str(text) if text is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)) or int(text) > MAX_ID:
        return None
    return int(text)


MAX_PAGE = 500
SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,80}$"


# --- the one error shape ---------------------------------------------------------------------------


# The API's own messages (the `detail` of its errors), translated like every other string.
INVALID_INPUT = gettext_lazy("Invalid input.")
INVALID_BULK = gettext_lazy("Invalid input: nothing was saved.")
CONFLICTING_DATA = gettext_lazy(
    "Conflicts with existing data (another change got there first); reload and try again."
)
OUT_OF_RANGE = gettext_lazy("A value is too long or out of range for the database.")
NUMBER_TOO_LARGE = gettext_lazy("A number is too large.")
NOT_FOUND = gettext_lazy("Not found.")
FORBIDDEN = gettext_lazy("You may not do this.")
BUSY = gettext_lazy("The database is busy with another write (a large import?): try again in a moment.")
UNAUTHORIZED = gettext_lazy("Send a valid token: Authorization: Bearer …")
BODY_TOO_LARGE = gettext_lazy(
    "The request body is larger than %(limit)s MB, the most the API reads (files sent as multipart excepted): "
    "send fewer items at once."
)
MORE_ERRORS = gettext_lazy("Only the first %(shown)s of %(total)s problems are listed.")
BODY_TOO_WIDE = gettext_lazy(
    "The body holds more than %(limit)s fields: no request takes that many; send fewer items at once."
)
BODY_NOT_JSON = gettext_lazy("The body is not valid JSON.")
BAD_REQUEST = gettext_lazy("The request cannot be read: it is malformed, or holds too many fields or files.")
# The most fields (an object's keys, and the objects themselves) one JSON body may hold: a bulk of 1,000
# people is some 15,000. Past it the body is refused as it is parsed, before validation builds an error
# for each of them (500,000 unknown keys took pydantic and ninja 8 s).
MAX_BODY_FIELDS = 50_000
# An answer lists this many errors at most: a body of 100,000 bad keys must not get a 50 MB answer.
MAX_ERRORS = 50


class FieldError(Schema):
    field: str | None = Field(None, description="the field at fault, dotted for nested items (people.2.name)")
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = Field([], description=f"at most {MAX_ERRORS}")
    more_errors: int = Field(
        0, description=f"how many errors were left out (sent only when over {MAX_ERRORS})"
    )


class DeletedOut(Schema):
    """A row deleted meanwhile (`core.access.Gone`): its kind as the changes API names it, who deleted it, when."""

    model: str = Field(description="person, deal, interaction, influence_link… as /changes names them")
    id: int
    name: str
    by: str | None = Field(description="the username of who deleted it; null when no one is recorded")
    at: datetime


class FieldChangeOut(Schema):
    field: str
    label: str
    old: str
    new: str


class EditOut(Schema):
    """An edit a stale update did not see (`core.history.changed_since`)."""

    by: str = Field(description="who made it, as the pages name users")
    at: datetime
    fields: list[FieldChangeOut] = Field(description="each field changed, old → new as shown")


class StaleOut(ErrorOut):
    changed: list[EditOut] = Field([], description="a stale update's: the edits made since the version sent")


class GoneOut(ErrorOut):
    deleted: DeletedOut


ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: StaleOut,
    410: GoneOut,
    413: ErrorOut,
    422: ErrorOut,
}


def api_language(lang: str | None = None) -> str:
    """The language an API answer is in: `lang` (zh, zh-hans, zh-CN, en…, vocab.normalize_language) or else
    the request's (its token user's, or Accept-Language), as the site's code `zh-hans` or `en`. A
    language it does not speak comes back as it is (the schema's `Lang` then refuses it)."""
    try:
        code = vocab.normalize_language(lang or active_language())
    except ValueError:
        return lang or ""
    return "zh-hans" if code == "zh_Hans" else "en"


def SlugPath():  # noqa: N802 — reads like the Path() it returns
    return Path(..., pattern=SLUG_PATTERN, description="the account's slug")


def IdPath():  # noqa: N802
    return Path(..., ge=1, le=MAX_ID)


def IfMatch():  # noqa: N802
    return Header(None, alias="If-Match", description="the ETag you read, instead of a version field")


def error_body(
    detail: str, errors: list[dict[str, Any]] | None = None, *, total: int | None = None
) -> dict[str, Any]:
    """The one error shape. Past MAX_ERRORS the list is cut, and `detail` and `more_errors` say how many
    there were (`total`: the count when the caller converted only the first ones)."""
    errors = errors or []
    total = max(total or 0, len(errors))
    if total <= MAX_ERRORS:
        return {"detail": str(detail), "errors": errors}
    more = MORE_ERRORS % {"shown": MAX_ERRORS, "total": total}
    return {
        "detail": sentences([str(detail), str(more)]),
        "errors": errors[:MAX_ERRORS],
        "more_errors": total - MAX_ERRORS,
    }


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


def user_of(request: HttpRequest):
    return request.auth  # set by the API's authentication (battlemap.users.auth)


# --- pagination -------------------------------------------------------------------------------------


class Page(Schema):
    limit: int = Field(50, ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")
    offset: int = Field(0, ge=0, le=10**9)


class ChangedPage(Page):
    """A page of a list of map objects, which a sync reads by what changed: `updated_since`."""

    updated_since: str | None = Field(
        None,
        max_length=40,
        description="only the objects created or changed at or after this moment: YYYY-MM-DD (the start of that "
        "day) or an ISO date-time — a sync's next page of changes (deletions: the account's /changes feed)",
    )


_page_schemas: dict[type, type] = {}


def page_of(item: type[Schema]) -> type[Schema]:
    """`{count, items: [item]}` — one response schema per item schema."""
    if item not in _page_schemas:
        name = item.__name__.removesuffix("Out") + "Page"
        _page_schemas[item] = create_model(name, __base__=Schema, count=(int, ...), items=(list[item], ...))
    return _page_schemas[item]


def paginate(queryset, page: Page) -> dict[str, Any]:
    """`{count, items}`: the page of `queryset` (a ChangedPage's `updated_since` first, on its `updated_at`)."""
    if (updated_since := getattr(page, "updated_since", None)) is not None:
        since = parse_moment(updated_since, field="updated_since", end_of_day=False)
        queryset = queryset.filter(updated_at__gte=since)
    return {"count": queryset.count(), "items": list(queryset[page.offset : page.offset + page.limit])}


def parse_moment(value: str, *, field: str, end_of_day: bool) -> datetime:
    """`YYYY-MM-DD` (start or end of that day, local time) or an ISO date-time; else a 422 naming `field`."""
    value = value.strip()
    try:
        # a plain day first: parse_datetime reads "2026-03-05" as its midnight (datetime.fromisoformat)
        day = parse_date(value) if len(value) <= 10 else None
        if day is not None:
            moment = datetime.combine(day, time.max if end_of_day else time.min)
        else:
            moment = parse_datetime(value)
            if moment is None:
                raise ValueError(value)
    except ValueError:
        raise DjangoValidationError({field: _("Give a date as YYYY-MM-DD or an ISO date-time.")}) from None
    if not in_range(moment):
        raise DjangoValidationError({field: out_of_range_message()})
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


# --- versions and references ----------------------------------------------------------------------


_ETAG = re.compile(r'^\s*(?:W/)?"?(\d{1,15})"?\s*$')


def sent_version(body_version: int | None, if_match: str | None, *, current: int | None = None) -> int | None:
    """The version the client read: the `version` field (or `?version=`), the If-Match header (an ETag),
    or None when it sent neither. Both sent and naming different versions: a 422 naming If-Match, since
    neither can be taken for the other. `If-Match: *` is "any current version" (RFC 9110 §13.1.1): no check —
    `current`, the stored version the caller passes (None: a delete, which then checks none) — unless the
    `version` field names one (it was a 422)."""
    header = None
    if if_match and if_match.strip() == "*":
        return body_version if body_version is not None else current
    if if_match:
        match = _ETAG.match(if_match)
        if not match:
            raise DjangoValidationError({"If-Match": _('Send the ETag you read, e.g. "3".')})
        header = int(match.group(1))
    if body_version is not None and header is not None and body_version != header:
        raise DjangoValidationError(
            {"If-Match": _("The If-Match header and the version field name different versions: send one.")}
        )
    return body_version if body_version is not None else header


def expected_version(body_version: int | None, if_match: str | None, *, current: int | None = None) -> int:
    """The version the client edited (`sent_version`, `current` the stored one `If-Match: *` stands for); an edit
    that sends none is refused naming `version`."""
    version = sent_version(body_version, if_match, current=current)
    if version is None:
        raise DjangoValidationError(
            {"version": _("Send the version you edited (the version field or an If-Match header).")}
        )
    return version


def etag(obj) -> str:
    return f'"{obj.version}"'


def address(request: HttpRequest, path: str) -> str:
    """The absolute address of an API path (`people/12`), under the installation's script prefix: the `Location`
    of a 201, which an integrator's client follows rather than build it (https://host/api/people/12)."""
    return request.build_absolute_uri(reverse("api:api-root") + path.lstrip("/"))


# An id the caller may not use, whether it does not exist or is another account's: one wording, that reveals
# neither (resolve_refs, the exports' and imports' `deal`, a questionnaire's `deal`).
NO_SUCH_ITEM = gettext_lazy("No such item in this account.")


def resolve_refs(data: dict[str, Any], refs: dict[str, Any]) -> dict[str, Any]:
    """`data` with each id named in `refs` replaced by its object from that queryset (the same account).

    Input parsing, like a form's choice field: an unknown id, or one of another account, is a 422
    naming the field, worded so nothing reveals whether another account's object exists. The
    services (and the models' clean) still enforce the same-account rule for every caller.
    """
    data, errors = dict(data), {}
    for field, queryset in refs.items():
        value = data.get(field)
        if value is None:
            continue
        found = queryset.filter(pk=value).first()
        if found is None:
            errors[field] = NO_SUCH_ITEM
        data[field] = found
    if errors:
        raise DjangoValidationError(errors)
    return data


NO_SUCH_PEOPLE = gettext_lazy("No such person in this account: %(ids)s")


def resolve_people(people: Any, ids: Iterable[int], field: str) -> list[Any]:
    """The people of `people` (a queryset of the account's) whose ids are `ids` (a list an API body names: an
    interaction's participants, a body's members, a questionnaire's people). An id not among them, unknown or
    another account's, is a 422 naming `field` and every such id, in the same words (NO_SUCH_PEOPLE)."""
    wanted = set(ids)
    found = list(people.filter(pk__in=wanted))
    if missing := sorted(wanted - {p.pk for p in found}):
        raise DjangoValidationError({field: NO_SUCH_PEOPLE % {"ids": ", ".join(map(str, missing))}})
    return found


class InvalidItems(Exception):
    """A bulk write refused as a whole; `errors` are [{field, message}] with the item's index in the field."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors)
        self.errors = errors


def create_all_or_nothing(items: list[dict[str, Any]], make, *, prefix: str) -> list:
    """`make(data)` for each item in one transaction; any invalid item → InvalidItems, nothing saved.

    Every item is tried, so the client learns about all bad rows at once, not just the first. What each item
    makes is known to the checks of the later ones (`core.request_items`): they name it by item, `people.0`.
    """
    created, errors = [], []
    with transaction.atomic(), items_of_request():
        for index, data in enumerate(items):
            try:
                with transaction.atomic():
                    made = make(data)
                created.append(made)
                record(made, f"{prefix}.{index}")
            except DjangoValidationError as exc:
                errors.extend(django_errors(exc, prefix=f"{prefix}.{index}"))
        if errors:
            raise InvalidItems(errors)
    return created
