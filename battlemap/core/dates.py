"""The one rule for a date a user types (a deal's expected close, a step's planned date, an action's due
date, an interaction's date …): its year is between FIRST_YEAR and LAST_YEAR. Far-off years are typing
slips ("0001-01-01", "9999-12-31") that read as "closes in 2,900,000 days" and overflow when shifted
between time zones.

Model fields: `DayField` and `MomentField` (a DateField and DateTimeField with the rule; the migrations
see plain Django fields), so full_clean — every create and update of the services — and the bulk checks
(core.bulk.check_columns) refuse the value naming the field. API schemas: core.schemas.Day and Moment."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_YEAR, LAST_YEAR = 1900, 2999
OUT_OF_RANGE = _("Give a date between %(first)s and %(last)s.")
# A day the map is read at or since ("What changed since", "the map as of"): the map of a day to come
# would be invented, so the web pages and the API refuse it alike.
NOT_UP_TO_TODAY = _("%(day)s is not a day from %(first)s-01-01 up to today; give the day as YYYY-MM-DD.")


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


class DayField(models.DateField):
    """A date a user types: a DateField refusing years outside FIRST_YEAR..LAST_YEAR."""

    default_validators = [plausible_year]

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateField", args, kwargs  # no migration: the column is the same


class MomentField(models.DateTimeField):
    """A date and time a user types: a DateTimeField refusing years outside FIRST_YEAR..LAST_YEAR."""

    default_validators = [plausible_year]

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateTimeField", args, kwargs
