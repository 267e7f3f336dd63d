"""What every API router shares: the one error shape, pagination, versions and references.

Authentication lives in `battlemap.users.auth` (core imports no app); access to accounts goes through
`battlemap.core.access` only.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import datetime, time
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from ninja import Field, Header, Path, Schema
from ninja.parser import Parser
from pydantic import create_model

from battlemap import vocab
from battlemap.core.dates import in_range, out_of_range_message
from battlemap.core.multilingual import active_language
from battlemap.core.request_items import items_of_request, record

MAX_ID = 2**53  # ids beyond this cannot be a row (and overflow SQLite integers)
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
    space = "" if str(detail).endswith("。") else " "  # Chinese sentences follow on without one
    return {
        "detail": f"{detail}{space}{more}",
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


class BodyTooWide(ValueError):
    """A JSON body with more than MAX_BODY_FIELDS fields (ninja answers a parse error as a 400 caused by it)."""


class BoundedJSON(Parser):
    """The API's JSON parser: refuses a body holding more than MAX_BODY_FIELDS fields while parsing it."""

    def parse_body(self, request: HttpRequest) -> Any:
        fields = 0

        def counted(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            nonlocal fields
            fields += len(pairs) + 1
            if fields > MAX_BODY_FIELDS:
                raise BodyTooWide(MAX_BODY_FIELDS)
            return dict(pairs)

        return json.loads(request.body, object_pairs_hook=counted)


def ninja_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic errors (loc like ('body', 'payload', 'people', 2, 'name')) as [{field, message}]: the first
    MAX_ERRORS of them (error_body counts the rest)."""
    out = []
    for error in errors[:MAX_ERRORS]:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] == "body":
            loc = loc[2:]  # drop 'body' and the parameter name
        elif loc and loc[0] in {"query", "path", "header", "cookie", "form", "file"}:
            loc = loc[1:]
        loc = [part for part in loc if part != "[key]"]  # a bad dict key: name the key itself
        out.append({"field": ".".join(loc) or "body", "message": pydantic_message(error)})
    return out


def refuse_unknown_form_fields(request, form: type, files: tuple[str, ...]) -> None:
    """A multipart upload's fields are `form`'s (a Schema) and the file parts `files`: any other part is refused
    naming it (ValidationError: a 422), as a JSON body's unknown field is (`schemas.InSchema`) — django-ninja
    reads only the fields it knows, so `dry-run=false` would have run a dry run and answered 200. (The query
    string: `refuse_unknown_query_parameters`.)"""
    known = {*form.model_fields, *files}
    unknown = sorted({*request.POST, *request.FILES} - known)
    if unknown:
        raise DjangoValidationError({name: _PYDANTIC_MESSAGES["extra_forbidden"] for name in unknown})


def _query_parameters(operation) -> frozenset[str]:
    """The query parameters a django-ninja operation reads: the names of its query models' fields, flattened as
    ninja flattens a Schema given as `Query[...]` (its `__ninja_flatten_map__`), aliases as sent."""
    names: set[str] = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) != "query":
            continue
        flat = getattr(model, "__ninja_flatten_map__", None)
        names |= set(flat) if flat else {f.alias or n for n, f in model.model_fields.items()}
    return frozenset(names)


def refuse_unknown_query_parameters(api) -> None:
    """Every operation of `api` refuses a query parameter it does not read, naming it (a 422 after the access
    check, as a JSON body's unknown field is): django-ninja reads only those it knows, so
    `DELETE /api/people/52?versoin=1` deleted the person whatever their version and `GET /api/deals?staus=won`
    listed every deal (an integrator's trial). Call it once every router is added."""
    seen: set[int] = set()
    routers = [entry[1] for entry in api._routers]
    while routers:  # every router, the ones mounted on another too (the account's map and analysis routes)
        router = routers.pop()
        if id(router) in seen:
            continue
        seen.add(id(router))
        routers += [entry[1] for entry in getattr(router, "_routers", ())]
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                operation.view_func = _refusing(operation.view_func, _query_parameters(operation))


def _refusing(view_func, known: frozenset[str]):
    @functools.wraps(view_func)
    def checked(request, *args, **kwargs):
        unknown = sorted(set(request.GET) - known)
        if unknown:
            raise DjangoValidationError({name: _PYDANTIC_MESSAGES["extra_forbidden"] for name in unknown})
        return view_func(request, *args, **kwargs)

    return checked


# Pydantic's messages are English only: its common error types, said in the viewer's language.
_PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "extra_forbidden": gettext_lazy("Unknown field: this request does not take it."),
    "string_type": gettext_lazy("Enter text."),
    # a JSON string pydantic cannot read as text: a lone half of a UTF-16 pair ("\ud800")
    "string_unicode": gettext_lazy("Enter text: this holds a broken character that cannot be read."),
    # the count's word follows the count: ngettext_lazy with the name of the number in the context
    "string_too_short": ngettext_lazy(
        "Ensure this value has at least %(min_length)s character.",
        "Ensure this value has at least %(min_length)s characters.",
        "min_length",
    ),
    "string_too_long": ngettext_lazy(
        "Ensure this value has at most %(max_length)s character.",
        "Ensure this value has at most %(max_length)s characters.",
        "max_length",
    ),
    "string_pattern_mismatch": gettext_lazy("Enter a valid value."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "float_type": gettext_lazy("Enter a number."),
    "float_parsing": gettext_lazy("Enter a number."),
    "decimal_type": gettext_lazy("Enter a number."),
    "decimal_parsing": gettext_lazy("Enter a number."),
    "finite_number": gettext_lazy("Enter a finite number."),
    "decimal_max_digits": gettext_lazy("Ensure that there are no more than %(max_digits)s digits in total."),
    "decimal_max_places": gettext_lazy(
        "Ensure that there are no more than %(decimal_places)s decimal places."
    ),
    "decimal_whole_digits": gettext_lazy("Too many digits before the decimal point."),
    "bool_type": gettext_lazy("Enter true or false."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "greater_than": gettext_lazy("Ensure this value is greater than %(gt)s."),
    "greater_than_equal": gettext_lazy("Ensure this value is greater than or equal to %(ge)s."),
    "less_than": gettext_lazy("Ensure this value is less than %(lt)s."),
    "less_than_equal": gettext_lazy("Ensure this value is less than or equal to %(le)s."),
    "date_type": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "date_parsing": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "date_from_datetime_parsing": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "date_from_datetime_inexact": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "datetime_type": gettext_lazy("Enter a valid date and time (ISO 8601)."),
    "datetime_parsing": gettext_lazy("Enter a valid date and time (ISO 8601)."),
    "datetime_from_date_parsing": gettext_lazy("Enter a valid date and time (ISO 8601)."),
    "too_short": ngettext_lazy(
        "Give at least %(min_length)s item.", "Give at least %(min_length)s items.", "min_length"
    ),
    "too_long": ngettext_lazy(
        "Give at most %(max_length)s item.", "Give at most %(max_length)s items.", "max_length"
    ),
    "list_type": gettext_lazy("Enter a list."),
    "dict_type": gettext_lazy("Enter an object."),
    "model_type": gettext_lazy("Enter an object."),
    "model_attributes_type": gettext_lazy("Enter an object."),
    "literal_error": gettext_lazy("Select one of: %(expected)s."),
    "enum": gettext_lazy("Select one of: %(expected)s."),
    "json_invalid": gettext_lazy("The body is not valid JSON."),
}


_EXPECTED = re.compile(r"'([^']*)'|\"([^\"]*)\"|(-?\d+)")


def allowed_choices(expected: str) -> str:
    """pydantic's list of allowed values (`'advocate', 'supporter' or 'unknown'`, in English) said in the
    active language, for every choice field of the API: each code of a vocabulary by its label with the
    code (the API's value) beside it (`强烈支持（advocate）、支持（supporter）…`), other codes as they are;
    the empty choice of a field that may be left empty is no value to list."""
    found = (
        int(number) if number else single or double for single, double, number in _EXPECTED.findall(expected)
    )
    codes = tuple(code for code in found if code != "")
    if not codes:
        return expected
    language = active_language()
    vocabulary = vocab.vocabulary_of(codes)
    if vocabulary is not None:
        return vocabulary.listing(language, codes)
    return ("、" if language.startswith("zh") else ", ").join(map(str, codes))


def pydantic_message(error: dict[str, Any]) -> str:
    """One pydantic error's message in the active language; an unknown type keeps pydantic's words."""
    ctx = error.get("ctx") or {}
    if error.get("type") == "value_error" and ctx.get("error") is not None:
        return str(ctx["error"])  # our own validators raise translated messages
    if error.get("type") in ("literal_error", "enum") and isinstance(ctx.get("expected"), str):
        ctx = {**ctx, "expected": allowed_choices(ctx["expected"])}
    message = _PYDANTIC_MESSAGES.get(error.get("type", ""))
    if message is None:
        return str(error.get("msg", ""))
    try:
        return message % {key: value if isinstance(value, int) else str(value) for key, value in ctx.items()}
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", ""))


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


def sent_version(body_version: int | None, if_match: str | None) -> int | None:
    """The version the client read: the `version` field (or `?version=`), the If-Match header (an ETag),
    or None when it sent neither. Both sent and naming different versions: a 422 naming If-Match, since
    neither can be taken for the other."""
    header = None
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


def expected_version(body_version: int | None, if_match: str | None) -> int:
    """The version the client edited (`sent_version`); an edit that sends none is refused naming `version`."""
    version = sent_version(body_version, if_match)
    if version is None:
        raise DjangoValidationError(
            {"version": _("Send the version you edited (the version field or an If-Match header).")}
        )
    return version


def etag(obj) -> str:
    return f'"{obj.version}"'


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
