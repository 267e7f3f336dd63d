"""The date of a mail header or an activity log: RFC 5322 first, then the forms real archives and exports write —
year-first (`2024-06-05 14:30:00`), Java's `Tue Nov 03 09:00:00 CST 2026` — with `GMT+8` and `UTC+08:00` read
as east of Greenwich, a zone-less time read in the ingest's zone, and an offset no zone has refused."""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

_YEAR_FIRST = re.compile(r"^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]|$)")
# `GMT+8`, `UTC+08:00`, `GMT+0800`, `UTC-5`: an offset from Greenwich written after its name means what people
# mean — east is + (`GMT+8` is China) —, not POSIX's reversed sign (TZ=GMT+8 is UTC−8) that dateutil applies
_NAMED_OFFSET = re.compile(r"\b(?:GMT|UTC|UT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?(?![\d:])", re.IGNORECASE)


_GREENWICH = ("UT", "UTC", "GMT", "Z")
_JAVA_DATE = re.compile(
    r"^\s*[A-Za-z]{3} (?P<month>[A-Za-z]{3}) (?P<day>\d{1,2}) (?P<time>\d{1,2}:\d{2}(?::\d{2})?) "
    r"(?P<zone>[A-Za-z]{1,5}) (?P<year>\d{4})\s*$"
)


def _named_zone(name: str | None, offset: int | None, zone: tzinfo | None) -> tzinfo | int | None:
    """dateutil's zone of a year-first date: a numeric offset as written; UT/UTC/GMT/Z as UTC; any other name
    (which no standard defines outside the RFC form) as the ingest's `zone`."""
    if not name:
        return offset
    return UTC if name.upper() in _GREENWICH else zone or UTC


MAX_OFFSET = timedelta(hours=14)  # Kiribati; −12:00 at the other end


def _offset(match: re.Match) -> str:
    hours, minutes = int(match[2]), int(match[3] or 0)
    if hours > 14 or minutes > 59:
        return match[0]  # no zone on Earth: left as written (and not read as one)
    return f"{match[1]}{hours:02d}{minutes:02d}"


def numeric_offsets(value: str) -> str:
    """`value` with each `GMT+8` / `UTC+08:00` / `GMT-5` written as the numeric offset it means (`+0800`,
    `-0500`): the one rule for zones written after GMT or UTC, for mail headers and activity logs alike."""
    return _NAMED_OFFSET.sub(_offset, value) if "GMT" in value.upper() or "UT" in value.upper() else value


def parse_date(value: str, zone: tzinfo | None = None) -> datetime | None:
    """An RFC 5322 date; failing that, a year-first date (`2024-06-05 14:30:00`, `2024/6/5 14:30 +0800`), a
    time without a zone being read in `zone` (UTC by default). Day-month orders (`03/11/2024`) are never
    guessed: None. `GMT+8` / `UTC+08:00` are east of Greenwich (`numeric_offsets`). Zone names: in the RFC
    form those of RFC 5322 §4.3 (the standard library's `email.utils`: CST is US Central); in the forms no
    standard defines — year-first, and Java's `Tue Nov 03 09:00:00 CST 2026` — a name other than UT/UTC/GMT/Z
    is what the writing system's zone called itself (a Java server in Shanghai writes CST for China), so the
    time is read in `zone`."""
    if not value:
        return None
    value = numeric_offsets(value)
    # Java's Date.toString() (`Tue Nov 03 09:00:00 CST 2026`): its zone name is read as `zone`, no standard's
    if java := _JAVA_DATE.match(value):
        day, month, year, clock, name = java["day"], java["month"], java["year"], java["time"], java["zone"]
        value = f"{day} {month} {year} {clock} {'+0000' if name.upper() in _GREENWICH else ''}".strip()
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        when = None
    if when is None:
        if not _YEAR_FIRST.match(value):
            return None
        try:
            with warnings.catch_warnings():  # a zone name it does not know: no zone (read in `zone`)
                warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
                when = dateutil_parser.parse(
                    re.sub(r"\([^)]*\)", " ", value),
                    tzinfos=lambda name, offset: _named_zone(name, offset, zone),
                )
        except (ValueError, OverflowError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=zone or UTC)
    elif when.tzinfo is None:  # "-0000" is UTC (RFC 5322 §3.3); no zone at all is local time
        when = when.replace(tzinfo=UTC if "-0000" in value else zone or UTC)
    try:  # `GMT+99`: an offset no zone has (the datetime would fail when converted) is no date
        offset = when.utcoffset()
    except ValueError:
        return None
    return when if offset is None or abs(offset) <= MAX_OFFSET else None
