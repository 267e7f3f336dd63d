"""The one rule for a date a user types (a deal's expected close, a step's planned date, an action's due
date, an interaction's date …): its year is between FIRST_YEAR and LAST_YEAR. Far-off years are typing
slips ("0001-01-01", "9999-12-31") that read as "closes in 2,900,000 days" and overflow when shifted
between time zones.

Model fields: `DayField` and `MomentField` (a DateField and DateTimeField with the rule; the migrations
see plain Django fields), so full_clean — every create and update of the services — and the bulk checks
(core.bulk.check_columns) refuse the value naming the field. API schemas: core.schemas.Day and Moment.

How a day is typed (`read_day`, the web forms' DayFormField and the API's Day alike): year first, as
Chinese is written and ISO writes it — 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日 (month and day of
one or two digits, full-width digits too). A year of more than four digits (61231, what a browser's date box
made of "2026/12/31") is not read at all; day-first and month-first forms (03/11/2026 is two days) are
refused rather than guessed. A day to come (an action's due day, `ComingDayFormField`) may be typed without
its year — 12月20日, 12/20 — and is the next such day (`next_day_without_year`); one no year has (4/31) is
said so (`no_such_day_without_year`)."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

FIRST_YEAR, LAST_YEAR = 1900, 2999
OUT_OF_RANGE = _("Give a date between %(first)s and %(last)s.")
# A day the map is read at or since ("What changed since", "the map as of"): the map of a day to come
# would be invented, so the web pages and the API refuse it alike.
NOT_UP_TO_TODAY = _("%(day)s is not a day from %(first)s-01-01 up to today; give the day as YYYY-MM-DD.")
SINCE_NOT_ENDED = _(
    "%(day)s has not ended: changes are counted from the end of the day given, so give a day before today "
    "(yesterday for today's changes)."
)


# the forms of a typed day read (strptime: %Y takes exactly four digits, %m and %d one or two)
DAY_INPUT_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")
DAY_EXPECTED = _("Give the day as 2026-12-31 (2026/12/31, 2026.12.31 and 2026年12月31日 are read too).")
# a day written in one of those forms that the calendar does not have (2026-02-30, 2026-13-01): said as the
# map's as-of page says it ("… is not a day"), not as a typing slip
NOT_A_DAY = _("%(day)s is not a day: %(month)s has %(last)s days.")
NOT_A_MONTH = _("%(day)s is not a day: a month is 01 to 12.")
# the same forms, read by their parts (year, month, day), to tell a day that does not exist from a typing slip
_DAY_PARTS = re.compile(
    r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})|([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日"
)


def read_day(value: Any) -> Any:
    """A day typed as text → that date: `2026/12/31`, `2026-12-31`, `2026.12.31`, `2026年12月31日`,
    `２０２６年１２月３１日` → date(2026, 12, 31); "" → None. Anything else that is not text (a date, None, a
    number) is returned as it is, for the field's own checks. Raises ValidationError for text it cannot read as
    one day: DAY_EXPECTED (code "invalid") for one in no form it reads (`61231-02-02`, `31/12/2026`), NOT_A_DAY
    or NOT_A_MONTH for a day the calendar does not have (`2026-02-30 is not a day: 2026-02 has 28 days.`).
    The year's range is otherwise the caller's check (`plausible_year`)."""
    if not isinstance(value, str):
        return value
    text = "".join(unicodedata.normalize("NFKC", value).split())
    if not text:
        return None
    for form in DAY_INPUT_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise _not_read(text)


# a day to come written without its year: 12月20日, 12月20, 12/20, 12-20, 12.20 (month first, as Chinese and
# US English write it; 20/12 names no month and is refused as any slip is)
_NO_YEAR = re.compile(r"([0-9]{1,2})([-/.])([0-9]{1,2})|([0-9]{1,2})月([0-9]{1,2})日?")


def next_day_without_year(value: Any, *, today: date | None = None) -> date | None:
    """A day to come typed with its month and day only → the next such day from `today` (itself included;
    default the installation's today): on 2026-12-05, `12月20日` and `12/20` → 2026-12-20, `3/1` → 2027-03-01,
    `2/29` → 2028-02-29 (the next year that has it). None when `value` is not text so written, or names no
    day of the calendar (`13/01`, `2/30`): read_day then says why. Only where a day to come is asked (an
    action's due day): a day past (a meeting's) would be the last such day, not the next."""
    month, day = _month_and_day(value) or (0, 0)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    today = today or timezone.localdate()
    for year in range(today.year, today.year + 9):  # Feb 29 comes back within 8 years
        if day <= calendar.monthrange(year, month)[1] and (found := date(year, month, day)) >= today:
            return found
    return None


def _month_and_day(value: Any) -> tuple[int, int] | None:
    """The month and day of a day typed without its year (`12月20日`, `１２/２０` → (12, 20)), unchecked; None
    for anything else."""
    if not isinstance(value, str):
        return None
    parts = _NO_YEAR.fullmatch("".join(unicodedata.normalize("NFKC", value).split()))
    if parts is None:
        return None
    month, _sep, day, *rest = parts.groups()
    return int(month or rest[0]), int(day or rest[1])


def no_such_day_without_year(value: Any) -> ValidationError | None:
    """Why a day typed without its year names no day of any year, as `read_day` says it of a full day:
    `4/31` → NOT_A_DAY ("4/31 is not a day: April has 30 days."), `2/30` → February has 29 (a leap year's),
    `13/01` → NOT_A_MONTH; None when it is a day (or not so written: read_day then says why)."""
    month, day = _month_and_day(value) or (1, 1)
    shown = "".join(unicodedata.normalize("NFKC", str(value)).split())
    if not 1 <= month <= 12:
        return ValidationError(NOT_A_MONTH, code="invalid", params={"day": shown})
    last = calendar.monthrange(2000, month)[1]  # a leap year: the most days the month ever has
    if not 1 <= day <= last:
        params = {"day": shown, "month": MONTHS[month], "last": last}
        return ValidationError(NOT_A_DAY, code="invalid", params=params)
    return None


def _not_read(text: str) -> ValidationError:
    """Why `text` (NFKC, no spaces) is not a day: one of the forms naming a day the calendar lacks
    (`2026-02-30`: NOT_A_DAY, `2026-13-01`: NOT_A_MONTH, year 0000: the rule's years), else DAY_EXPECTED."""
    parts = _DAY_PARTS.fullmatch(text)
    if parts is None:
        return ValidationError(DAY_EXPECTED, code="invalid")
    year, _sep, month, day, *rest = parts.groups()
    if year is None:
        year, month, day = rest
    year, month, day = int(year), int(month), int(day)
    shown = f"{year:04d}-{month:02d}-{day:02d}"
    if not 1 <= month <= 12:
        return ValidationError(NOT_A_MONTH, code="invalid", params={"day": shown})
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return ValidationError(
            OUT_OF_RANGE, code="date_range", params={"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    last = calendar.monthrange(year, month)[1]
    params = {"day": shown, "month": f"{year:04d}-{month:02d}", "last": last}
    return ValidationError(NOT_A_DAY, code="invalid", params=params)


def not_a_day_in(moment: str) -> ValidationError | None:
    """Why a date and time typed or sent (`2026-02-30T10:00`, `2026-13-01 09:00`) cannot be read, when its day
    is one the calendar lacks: NOT_A_DAY or NOT_A_MONTH, as `read_day` says it of a day alone; else None (the
    field's own message). The day is the text before a `T` or a space."""
    head = re.split(r"[Tt\s]", unicodedata.normalize("NFKC", moment).strip(), maxsplit=1)[0]
    if _DAY_PARTS.fullmatch(head) is None:
        return None
    try:
        read_day(head)
    except ValidationError as error:
        return error if error.message in (NOT_A_DAY, NOT_A_MONTH) else None
    return None


def moment_text(moment: datetime) -> str:
    """A moment as every page, export and command writes it for a user to read: 2026-12-04 15:52, in the
    installation's time zone (SHORT_DATETIME_FORMAT, the rule of battlemap/formats, as a template's
    `{{ value|date:"SHORT_DATETIME_FORMAT" }}` writes it)."""
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def day_text(day: date) -> str:
    """A day as a user reads it: 2026-12-04 (SHORT_DATE_FORMAT, as `{{ value|date:"SHORT_DATE_FORMAT" }}`);
    a moment (an aware datetime) gives its day in the installation's time zone, not in UTC."""
    if isinstance(day, datetime) and timezone.is_aware(day):
        day = timezone.localtime(day)
    return date_format(day, "SHORT_DATE_FORMAT")


def out_of_range_message() -> str:
    return str(OUT_OF_RANGE) % {"first": FIRST_YEAR, "last": LAST_YEAR}


def in_range(value: date | datetime) -> bool:
    """Whether the year of `value` is within FIRST_YEAR..LAST_YEAR (the rule; every check calls this)."""
    return FIRST_YEAR <= value.year <= LAST_YEAR


def up_to_today(day: date) -> bool:
    """Whether `day` is one the map can be read at or since: within the years of the rule, and not after
    today (the one rule of the web's `?since=` and `?on=` and the API's `since` and `as_of`)."""
    return in_range(day) and day <= timezone.localdate()


def not_up_to_today_message(day: date | str) -> str:
    return str(NOT_UP_TO_TODAY) % {"day": day, "first": FIRST_YEAR}


def since_has_ended(day: date) -> bool:
    """Whether changes can be read since `day`: a day `up_to_today` that has ended. Changes are counted from
    the end of the day given (the web's `?since=`, the API's and the CLI's `since`), so since today is empty
    by definition: the latest is yesterday, which gives today's changes (SINCE_NOT_ENDED otherwise)."""
    return up_to_today(day) and day < timezone.localdate()


def since_not_ended_message(day: date | str) -> str:
    return str(SINCE_NOT_ENDED) % {"day": day}


def end_of_day(day: date) -> datetime:
    """The last moment of `day` in the installation's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min)) - timedelta(
        microseconds=1
    )


def plausible_year(value: date | datetime | None) -> None:
    """Refuse (ValidationError, code "date_range") a date or moment outside FIRST_YEAR..LAST_YEAR."""
    if value is not None and not in_range(value):
        raise ValidationError(
            OUT_OF_RANGE, code="date_range", params={"first": FIRST_YEAR, "last": LAST_YEAR}
        )


class DayInput(forms.TextInput):
    """A text box for a day, not the browser's date box: that one is laid out by the browser's language
    (yyyy/mm/dd, mm/dd/yyyy) and takes typed text badly — "2026/12/31" typed into it became 61231-02-02. The
    stored day shows as 2026-12-31; the placeholder shows the form to type (YYYY-MM-DD, not a date, which
    would read as a day already filled in)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": "YYYY-MM-DD", "autocomplete": "off", "data-day": "", "size": 12}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        return value.isoformat() if isinstance(value, date) else super().format_value(value)


class DayFormField(forms.DateField):
    """The web forms' day: typed as `read_day` reads it, its year checked by the rule (`plausible_year`),
    the error beside the field."""

    widget = DayInput
    default_error_messages = {"invalid": DAY_EXPECTED}
    default_validators = [plausible_year]

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, str):
            return read_day(value)
        return super().to_python(value)


class ComingDayFormField(DayFormField):
    """A day to come (an action's due day): a DayFormField that also reads a day typed without its year as
    the next such day (`next_day_without_year`: 12月20日 → 2026-12-20). The view says which day it took."""

    def to_python(self, value: Any) -> date | None:
        if (day := next_day_without_year(value)) is not None:
            return day
        if (why := no_such_day_without_year(value)) is not None:
            raise why
        return super().to_python(value)


class DayField(models.DateField):
    """A date a user types: a DateField refusing years outside FIRST_YEAR..LAST_YEAR; its form field is
    DayFormField."""

    default_validators = [plausible_year]

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": DayFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateField", args, kwargs  # no migration: the column is the same


class MomentField(models.DateTimeField):
    """A date and time a user types: a DateTimeField refusing years outside FIRST_YEAR..LAST_YEAR."""

    default_validators = [plausible_year]

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateTimeField", args, kwargs
