"""The repeats of a recurring iCalendar event (RRULE and RDATE, minus EXDATE; expanded with python-dateutil's
`rrule`): the starts up to now, within the bounds that keep a hostile or mistyped rule from holding the worker
(`MAX_LOOKED_AT`, `MAX_FILE_GENERATED`, `never_repeats`), the latest `MAX_OCCURRENCES` kept. Read by
`calendar.read_ics`."""

from __future__ import annotations

import re
from collections import deque
from datetime import date, datetime, tzinfo
from functools import lru_cache
from itertools import islice

import icalendar
from dateutil.rrule import rruleset, rrulestr

from battlemap.io.mail.messages import MailFormatError, gettext_noop
from battlemap.io.mail.records import RepeatsCut, all_day_moment

# Per recurring event: the latest occurrences up to now. A weekly meeting over 10 years is 520, a meeting every
# working day for 4 years about 1,000; older ones add nothing to who was met and when last.
MAX_OCCURRENCES = 1000
MAX_LOOKED_AT = 200_000  # repeats looked at per event, so that an hourly rule from 1970 cannot run for ever
# Per file: occurrences looked at over all its events, and meetings read. A small hostile file of 300
# events repeating every second ran for minutes and wrote 300,000 interactions; a real calendar of ten
# busy years holds about 25,000 meetings. Beyond either, the file is refused naming the limit.
MAX_FILE_GENERATED = 1_000_000
_NO_MEETING_FREQ = ("SECONDLY", "MINUTELY")  # a meeting never repeats every second or minute


def moment_of(value: object, zone: tzinfo) -> datetime | None:
    """An iCalendar date or date-time as a moment: a floating time in `zone`, a date at 09:00 of that day
    (records.all_day_moment); None for anything else."""
    moment = getattr(value, "dt", value)
    if isinstance(moment, datetime):
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    if isinstance(moment, date):
        return all_day_moment(moment, zone)
    return None


# The properties of an event whose times place it: a floating one of them (no TZID, no Z) is in the calendar's zone
_PLACED = ("DTSTART", "RECURRENCE-ID", "RDATE", "EXDATE")


def calendar_zone(calendar: icalendar.Calendar) -> tzinfo | None:
    """The zone a calendar's floating times are in: its X-WR-TIMEZONE (Google Calendar, Apple Calendar and many
    exporters name the calendar's zone so, `Europe/London`) when the zone database knows it, else None."""
    from zoneinfo import ZoneInfo

    name = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    try:
        return ZoneInfo(name) if name else None
    except (
        KeyError,
        ValueError,
        OSError,
    ):  # not found (a KeyError), or no zone's name (`../x`: a ValueError)
        return None


def place_floating(events: list[icalendar.Event], zone: tzinfo) -> None:
    """Give the floating date-times of `events` (`DTSTART:20261110T090000`) the calendar's `zone` (its
    X-WR-TIMEZONE): read in the ingest's TIME_ZONE, a London calendar's 09:00 meeting was stored at 01:00 UTC,
    eight hours early, and on the day before when late in the day. Dates (all-day events) stay as they are."""
    for event in events:
        for name in _PLACED:
            for prop in as_list(event.get(name)):
                for value in getattr(prop, "dts", None) or [prop]:
                    moment = getattr(value, "dt", None)
                    if isinstance(moment, datetime) and moment.tzinfo is None:
                        value.dt = moment.replace(tzinfo=zone)


def as_list(value: object) -> list:
    """A property the library gives as one value or a list (RRULE, EXDATE, ATTENDEE…), as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class BadProperty(ValueError):
    """A property of an event the library read but the meeting cannot be read from (`args[0]`: its name)."""


class RepeatsTooOften(BadProperty):
    """An RRULE repeating every second or minute (`_NO_MEETING_FREQ`): no meeting does. `args[1]`: the rule."""


_NO_INTERVAL = re.compile(r"(?:^|;)INTERVAL=0*(?:;|$)", re.IGNORECASE)


def _rule(text: str, start: datetime):  # noqa: ANN202
    """The rule of an RRULE; BadProperty("RRULE") for one that cannot be expanded (INTERVAL=0 repeats the start
    for ever, and the expansion would never end)."""
    if _NO_INTERVAL.search(text):
        raise BadProperty("RRULE")
    try:
        return rrulestr(text, dtstart=start)
    except ValueError:  # a date-only UNTIL beside a zoned start: the end of that day, in UTC
        text = re.sub(r"UNTIL=(\d{8})(?=;|$)", r"UNTIL=\1T235959Z", text)
    try:
        return rrulestr(text, dtstart=start)
    except (ValueError, TypeError, OverflowError):
        raise BadProperty("RRULE") from None


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# the rule parts that pick days of the year: together they may pick none (BYMONTH=2;BYMONTHDAY=30)
_DAY_FILTERS = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY", "WKST")


def _parts(text: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in text.upper().split(";") if "=" in part)


def _weekdays(byday: str) -> set[int]:
    """BYDAY's weekdays (0 = Monday), their ordinals (+1MO, -1FR) dropped."""
    return {_WEEKDAYS.index(day[-2:]) for day in byday.split(",") if day[-2:] in _WEEKDAYS}


@lru_cache(maxsize=256)
def _no_day_of_any_year(filters: str) -> bool:
    """True when no day of any year passes these day filters (FREQ=YEARLY over 2000 to 9999, ordinals and
    BYSETPOS dropped: more days than the rule takes, so none means none; about 0.3 s)."""
    return next(iter(rrulestr(f"FREQ=YEARLY;{filters}", dtstart=datetime(2000, 1, 1))), None) is None


def never_repeats(text: str, start: datetime) -> bool:
    """True when an RRULE yields no repeat of its event: its day filters pick no day of any year, or its
    INTERVAL never steps onto a month (MONTHLY), weekday (DAILY) or weekday and hour (HOURLY) it keeps.

    dateutil looks for such a rule's next repeat up to the year 9999 — 5 s an event for WEEKLY, 14 s for
    DAILY, 2 minutes for HOURLY — so a calendar file could hold the worker for hours; the event is then its
    DTSTART alone, as RFC 5545 has it (the start is the first instance). Rules whose parts pick days only
    together with the interval's phase (rare) are not caught."""
    parts = _parts(text)
    interval = int(parts["INTERVAL"]) if parts.get("INTERVAL", "").isdigit() else 1
    freq = parts.get("FREQ", "")
    months = {int(m) % 12 for m in parts.get("BYMONTH", "").split(",") if m.strip().isdigit()}
    days = _weekdays(parts.get("BYDAY", ""))
    hours = {int(h) for h in parts.get("BYHOUR", "").split(",") if h.strip().isdigit()}
    if freq == "MONTHLY" and months:
        if not any((start.month + k * interval) % 12 in months for k in range(12)):
            return True
    if freq == "DAILY" and days:
        if not any((start.weekday() + k * interval) % 7 in days for k in range(7)):
            return True
    if freq == "HOURLY" and (days or hours):
        first = start.weekday() * 24 + start.hour
        slots = {(first + k * interval) % 168 for k in range(168)}
        if not any((not days or s // 24 in days) and (not hours or s % 24 in hours) for s in slots):
            return True
    filters = {k: v for k, v in parts.items() if k in _DAY_FILTERS}
    if not filters.keys() & {"BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO"}:
        return False  # weekdays alone always come round
    if days:
        filters["BYDAY"] = ",".join(_WEEKDAYS[d] for d in sorted(days))
    else:
        filters.pop("BYDAY", None)
    try:
        return _no_day_of_any_year(";".join(f"{k}={v}" for k, v in sorted(filters.items())))
    except (ValueError, TypeError):
        return False  # the rule's own reading says what is wrong with it


def too_many(limit: int) -> MailFormatError:
    return MailFormatError(
        gettext_noop("too many meetings: more than %(limit)s in one file, repeats counted"),
        limit=f"{limit:,}",
    )


def occurrences(
    event: icalendar.Event, start: datetime, now: datetime, zone: tzinfo, budget: list[int] | None = None
) -> tuple[list[datetime], RepeatsCut | None]:
    """Starts of a recurring event up to `now`: RRULE and RDATE, minus EXDATE (the latest MAX_OCCURRENCES of
    the first MAX_LOOKED_AT), and how a bound cut them (None when none did). `budget`: [occurrences the file
    may still look at], decreased here; MailFormatError when spent. RepeatsTooOften for a rule repeating every
    second or minute, BadProperty for one that cannot be read: the event is bad, not the file."""
    rules = rruleset()
    rules.rdate(start)
    for rule in as_list(event.get("RRULE")):
        text = rule.to_ical().decode()
        if (freq := re.search(r"FREQ=(\w+)", text.upper())) and freq.group(1) in _NO_MEETING_FREQ:
            raise RepeatsTooOften("RRULE", text)
        rule = _rule(text, start)  # BadProperty for a rule that cannot be read
        if not never_repeats(text, start):
            rules.rrule(rule)
    for prop in as_list(event.get("RDATE")):
        for moment in prop.dts:
            if (when := moment_of(moment, zone)) is not None:
                rules.rdate(when)
    for prop in as_list(event.get("EXDATE")):
        for moment in prop.dts:
            if (when := moment_of(moment, zone)) is not None:
                rules.exdate(when)
    budget = budget if budget is not None else [MAX_FILE_GENERATED]
    kept: deque[datetime] = deque(maxlen=MAX_OCCURRENCES)
    looked_at, beyond = 0, False  # beyond: a repeat up to now past the first MAX_LOOKED_AT, never read
    for when in islice(rules, min(MAX_LOOKED_AT + 1, budget[0] + 1)):
        if when > now:
            break
        if looked_at == MAX_LOOKED_AT:
            beyond = True
            break
        budget[0] -= 1
        if budget[0] < 0:
            raise too_many(MAX_FILE_GENERATED)
        looked_at += 1
        kept.append(when)
    cut = None
    if beyond:
        cut = RepeatsCut("looked_at", MAX_LOOKED_AT, looked_at - len(kept), kept[-1])
    elif looked_at > MAX_OCCURRENCES:
        cut = RepeatsCut("occurrences", MAX_OCCURRENCES, looked_at - MAX_OCCURRENCES)
    return list(kept), cut
