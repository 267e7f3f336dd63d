"""Building blocks of the API schemas: constrained types and the PATCH/PUT variants of an input schema."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, get_args, get_origin

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, create_model, model_validator

from battlemap.core.api import MAX_ID, SLUG_PATTERN, api_language
from battlemap.core.dates import (
    FIRST_YEAR,
    LAST_YEAR,
    in_range,
    not_a_day_in,
    not_up_to_today_message,
    out_of_range_message,
    read_day,
    since_has_ended,
    since_not_ended_message,
    up_to_today,
)
from battlemap.core.money import (
    AMOUNT_EXPECTED,
    MONEY_DIGITS,
    MONEY_MAX,
    MONEY_PLACES,
    AmountValidator,
    normalize_currency,
    read_amount,
    validate_currency,
)
from battlemap.core.text import TEXT_MAX

NOT_NULL = _("This field cannot be null: leave it out to keep its value, or send a value.")
# No NUL characters: PostgreSQL cannot store them in text, so they are refused as bad input (422).
NO_NUL = r"^[^\x00]*$"
# A calendar quarter as the pipeline filters by it ("2026-Q4": deals.selectors_pipeline.quarter_of).
QUARTER = r"^\d{4}-Q[1-4]$"
Text = Annotated[
    str, Field(max_length=TEXT_MAX, pattern=NO_NUL)
]  # a multi-line text (core.models.text_limit)
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, description="letters, digits, - and _")]


def model_check(check: Callable[[Any], None]) -> AfterValidator:
    """A model field's validator (raising Django's ValidationError) as a schema's check: the same rule and
    message (in the viewer's language) on the API as on the forms, a 422 naming the field."""

    def run(value: Any) -> Any:
        try:
            check(value)
        except DjangoValidationError as error:
            raise ValueError(error.messages[0]) from None
        return value

    return AfterValidator(run)


# the model's normalising and check (core.money): ` usd ` is USD, `€€` is refused naming the field
Currency = Annotated[
    str,
    BeforeValidator(normalize_currency),
    model_check(validate_currency),
    Field(
        description="an ISO 4217 code such as CNY, USD (lower case is read as upper case; a currency's name as its "
        "code: RMB, 人民币, 元 as CNY, 美元 as USD, 欧元 as EUR, 英镑 as GBP, 日元 as JPY, 港币 or 港元 as HKD)"
    ),
]


def _typed_amount(value: Any) -> Any:
    """A string amount read by the web forms' rule (core.money.read_amount: `1,200,000`, `120万`, `1.2亿`);
    a currency sign is refused, the currency has its own field. A number is left to pydantic."""
    if isinstance(value, str) and not value.strip():  # "" is no amount: send null to empty it
        raise ValueError(str(AMOUNT_EXPECTED))
    try:
        return read_amount(value, signs=False)
    except DjangoValidationError as error:
        raise ValueError(error.messages[0]) from None


# the model's limit (core.money): at most 15 digits, 2 after the point, so a JSON number reads back exactly;
# a string is read as the web forms read it (`"120万"` is 1200000, `"1,2"` is refused naming the field)
Money = Annotated[
    Decimal,
    BeforeValidator(_typed_amount),
    model_check(AmountValidator(MONEY_DIGITS, MONEY_PLACES)),
    Field(
        ge=0,
        description=f"at most {MONEY_MAX} (15 digits, 2 after the point); a number, or a string as a seller "
        "writes it: 1,200,000, 120万, 1.2亿 (no currency sign)",
        json_schema_extra={"maximum": float(MONEY_MAX)},
    ),
]
# The values a client may send as `lang`, as docs/api.md and the CLI's --lang name them (never the site's
# stored codes `en`, `zh-hans` alone, which a client would take for the only ones).
LANG_CHOICES = _("Select one of: zh (also zh-hans, zh-CN), en.")


def lang_value(value: Any) -> str:
    """A `lang` sent (zh, zh-hans, zh-CN, en…) as the site's code `zh-hans` or `en`; ValueError(LANG_CHOICES)
    for any other value (the 422 naming `lang` of `Lang`, and of a route whose answer has no words)."""
    code = api_language(value) if isinstance(value, str) and value.strip() else None
    if code in ("en", "zh-hans"):
        return code
    raise ValueError(str(LANG_CHOICES))


# The `lang` an answer is asked in: zh (zh-CN, zh-Hans…) or en, as the CLI's --lang takes them; stored as the
# site's codes. Another value is refused naming the field (422) and the values it takes.
Lang = Annotated[
    Literal["en", "zh-hans"],
    BeforeValidator(lang_value),
    Field(description="zh (also zh-hans, zh-CN) or en; default: the language of the request"),
]
Version = Annotated[int, Field(ge=1, le=2**31, description="the version you read; stale → 409")]


class InSchema(Schema):
    """The base of every request body: a field the schema does not know is refused (422 naming it), not
    silently dropped — `{"acount": "x", "version": 1}` must not answer 200 and bump the version; `true` or `false`
    where a whole number is asked is refused naming the field ("Enter a whole number."), not read as 1 or 0."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_boolean_numbers(cls, data: Any) -> Any:
        """Pydantic reads `true` as 1 where an int is asked: `"version": true` edited version 1, `"person": true`
        named person 1, `"position": true` moved a step first (a reviewer's trial). Such a value, in a field or in
        a field's list or mapping of whole numbers, is given to the field as the text "true", which no whole number
        reads. Ninja hands the body in a DjangoGetter on its second pass: its `_obj` is the body."""
        body = getattr(data, "_obj", data)
        if not isinstance(body, dict):
            return data
        fixed = {}
        for name, value in body.items():
            field = cls.model_fields.get(name)
            if field is None or not _holds_whole_numbers(field.annotation):
                continue
            if isinstance(value, bool):
                fixed[name] = str(value).lower()
            elif isinstance(value, dict) and any(isinstance(v, bool) for v in value.values()):
                fixed[name] = {k: str(v).lower() if isinstance(v, bool) else v for k, v in value.items()}
            elif isinstance(value, list) and any(isinstance(v, bool) for v in value):
                fixed[name] = [str(v).lower() if isinstance(v, bool) else v for v in value]
        return {**body, **fixed} if fixed else data


def _holds_whole_numbers(annotation: Any) -> bool:
    """Whether a field takes whole numbers and no booleans: `int`, `Id | None`, `list[Id]`, `dict[str, Weight]`."""
    if annotation is bool:
        return False
    if annotation is int:
        return True
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _holds_whole_numbers(args[0])
    if origin in (list, tuple, set, frozenset) and args:
        return _holds_whole_numbers(args[0])
    if origin is dict and len(args) == 2:
        return _holds_whole_numbers(args[1])
    members = [a for a in args if a is not type(None)]  # a union: `int | None`
    return bool(members) and origin is not None and all(_holds_whole_numbers(a) for a in members)


def _plausible(moment: datetime | None) -> datetime | None:
    # Far-off years overflow when shifted between time zones (and in the database): refuse them early.
    if moment is not None and not in_range(moment):
        raise ValueError(out_of_range_message())
    return moment


def _typed_moment(value: Any) -> Any:
    """A date and time whose day the calendar lacks (2026-02-30T10:00) is said as the days are
    (core.dates.not_a_day_in); any other text is left to pydantic."""
    if isinstance(value, str) and (why := not_a_day_in(value)) is not None:
        raise ValueError(why.messages[0])
    return value


Moment = Annotated[datetime, BeforeValidator(_typed_moment), AfterValidator(_plausible)]


def _typed_day(value: Any) -> Any:
    """A day sent as text, read as the web forms read it (core.dates.read_day: 2026-12-31, 2026/12/31,
    2026年12月31日); "" is left to pydantic (refused, or "not given" in a query)."""
    if not isinstance(value, str) or not value.strip():
        return value
    try:
        return read_day(value)
    except DjangoValidationError as error:
        raise ValueError(error.messages[0]) from None


# a day typed by a user: written as the web forms take it, within the rule's years and said as the forms
# say it (core.dates: "Give a date between 1900 and 2999.")
Day = Annotated[
    date,
    BeforeValidator(_typed_day),
    AfterValidator(_plausible),
    Field(
        description=f"YYYY-MM-DD (2026/12/31, 2026年12月31日 are read too), years {FIRST_YEAR}–{LAST_YEAR}"
    ),
]
# a day in a query string, where `?since=` left empty means "not given" (the route's default), not a bad day
QueryDay = Annotated[Day | None, BeforeValidator(lambda value: None if value == "" else value)]


def _past(day: date | None) -> date | None:
    if day is not None and not up_to_today(day):
        raise ValueError(not_up_to_today_message(day))
    return day


# a day the map is read at or since (core.dates.up_to_today): one to come is refused (422 naming it)
PastQueryDay = Annotated[QueryDay, AfterValidator(_past)]


def _ended(day: date | None) -> date | None:
    if day is not None and not since_has_ended(day):
        raise ValueError(since_not_ended_message(day))
    return day


# a day changes are read since, from its end (core.dates.since_has_ended): today is refused too (422 naming it)
SinceQueryDay = Annotated[PastQueryDay, AfterValidator(_ended)]


def text(max_length: int, *, min_length: int = 0) -> Any:
    return Annotated[str, Field(min_length=min_length, max_length=max_length, pattern=NO_NUL)]


class Stamped(Schema):
    """The parts every map object shows: id, version (send it back when updating), timestamps."""

    id: int
    version: int
    created_at: datetime
    updated_at: datetime


class OnAccount(Stamped):
    """A map object of one account: the stamped parts and the account's slug."""

    account: str

    @staticmethod
    def resolve_account(obj) -> str:
        return obj.account.slug


def id_of(relation: str) -> Any:
    """A resolver showing a relation by its id: `resolve_deal = id_of("deal")` gives `obj.deal_id`."""
    return staticmethod(lambda obj: getattr(obj, f"{relation}_id"))


def username_of(relation: str) -> Any:
    """A resolver showing a user by username, or None: `resolve_owner = username_of("owner")`."""
    return staticmethod(
        lambda obj: getattr(obj, relation).get_username() if getattr(obj, f"{relation}_id") else None
    )


def _stem(schema: type[Schema]) -> str:
    """`PersonIn` and `PersonFields` (the fields a create body shares with PUT and PATCH) → `Person`."""
    return schema.__name__.removesuffix("In").removesuffix("Fields")


def put_of(schema: type[Schema], stem: str = "") -> type[Schema]:
    """The PUT body: the whole object as on create, plus the version being replaced; `schema`'s own checks kept.
    Its fields are each optional here (`_sent_fields`, null only where create takes it) so that the one 422 of
    `check_whole` names every field a GET gives and the body left out — a required one was named first, alone,
    and the rest on the next try (a reviewer's trial). `stem` names the schema (`PersonPut`) when `schema`'s own
    name does not give it."""
    return create_model((stem or _stem(schema)) + "Put", __base__=schema, **_sent_fields(schema))


AS_READ = "as a GET shows it: ignored when unchanged; another value is refused (422), it is not changed here"
STAMPS = ("created_at", "updated_at")  # the server's: never compared (the version tells a stale body)
NOT_CHANGED_HERE = _(
    "%(value)s is not this object's %(field)s (%(current)s): it is not changed here; leave it out."
)


def with_fields_as_read(put: type[Schema], out: type[Schema]) -> type[Schema]:
    """The PUT body that also takes back the fields only a GET shows (`out`'s beyond `put`'s: id, timestamps, the
    account or deal it hangs on, an account's owner…), so that a client may GET, change a field and PUT the
    whole object back (an integrator's trial had to strip id, created_at and updated_at). `check_as_read` then
    ignores them when they are as read and refuses another value, naming the field."""
    extra = {
        name: (Any, Field(None, description=AS_READ))
        for name in out.model_fields
        if name not in put.model_fields
    }
    return create_model(put.__name__, __base__=put, **extra) if extra else put


PUT_SENDS_ALL = _(
    "A PUT replaces the whole object: send this field as a GET gives it, or PATCH only the fields that change."
)


def check_whole(put: type[Schema], out: type[Schema], sent: Collection[str]) -> None:
    """A PUT sends every field a GET gives that it may write (`put`'s fields also in `out`; the version may come as
    If-Match): one left out raises ValidationError naming each missing field. A PUT of a name and a version had
    reset every other field to a create's default — a deal's amount, stage and currency, a departed person's
    status, an account's team, hence who sees it (a reviewer's trial) — where a client meant to change the name."""
    missing = [n for n in put.model_fields if n in out.model_fields and n not in sent and n != "version"]
    if missing:
        raise DjangoValidationError(dict.fromkeys(missing, PUT_SENDS_ALL))


def check_as_read(out: type[Schema], obj: Any, sent: dict[str, Any]) -> None:
    """`sent` (field → value of the fields only a GET shows) against `obj` as `out` shows it: a value other than
    the current one (the timestamps aside) raises ValidationError naming the field; None (not sent) passes."""
    sent = {name: value for name, value in sent.items() if value is not None and name not in STAMPS}
    if not sent:
        return
    current = out.from_orm(obj).model_dump(mode="json")
    for name, value in sent.items():
        if value != current.get(name):
            params = {
                "value": json.dumps(value, ensure_ascii=False),
                "field": name,
                "current": current.get(name),
            }
            raise DjangoValidationError({name: NOT_CHANGED_HERE % params})


def _not_null(value: Any) -> Any:
    if value is None:
        raise ValueError(str(NOT_NULL))
    return value


def _takes_null(annotation: Any) -> bool:
    return annotation is type(None) or type(None) in get_args(annotation)


def patch_of(schema: type[Schema], stem: str = "") -> type[Schema]:
    """The PATCH body: any subset of the create fields, plus the version being changed.

    A field left out is not changed; `null` is a value, taken only by a field that takes it on create
    (an amount, a date, a manager: null empties it). Another field sent as null is refused, 422 naming it
    (NOT_NULL), before anything is written: send "" to empty a text."""
    return create_model((stem or _stem(schema)) + "Patch", __base__=InSchema, **_sent_fields(schema))


def _sent_fields(schema: type[Schema]) -> dict[str, Any]:
    """`schema`'s fields, each optional (not sent: None, left out of the body's `exclude_unset` dict), with the
    field's own checks on its value and null refused where create refuses it (NOT_NULL); and the version."""
    fields: dict[str, Any] = {}
    for name, info in schema.model_fields.items():
        # the field's own checks on its value, then null allowed (a None never meets them)
        value = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        annotation = value | None
        if not _takes_null(info.annotation):
            annotation = Annotated[annotation, AfterValidator(_not_null)]
        fields[name] = (annotation, Field(None, description=info.description))
    fields["version"] = (Version | None, Field(None, description="or send If-Match"))
    return fields


MAX_BULK = 1000


def bulk_of(
    field: str, schema_in: type[Schema], schema_out: type[Schema]
) -> tuple[type[Schema], type[Schema]]:
    """The bodies of an all-or-nothing bulk create, e.g. `PeopleBulkIn` `{people: [1..1000 PersonIn]}`
    and `PeopleBulkOut` `{count, items: [PersonOut]}` for `field="people"`."""
    stem = field.capitalize() + "Bulk"
    bulk_in = create_model(
        stem + "In", __base__=InSchema, **{field: (list[schema_in], Field(min_length=1, max_length=MAX_BULK))}
    )
    bulk_out = create_model(stem + "Out", __base__=Schema, count=(int, ...), items=(list[schema_out], ...))
    return bulk_in, bulk_out
