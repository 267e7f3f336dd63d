"""iCalendar (.ics) files: each VEVENT is a meeting (organiser, attendees, start time, UID).

- Lines are unfolded on bytes before decoding (a fold may cut a multi-byte character), then decoded by the
  one decoder (`battlemap.io.text.decode`).
- A recurring event (RRULE / RDATE, minus EXDATE) becomes one meeting per occurrence that started by `now`
  (at most `MAX_OCCURRENCES`, the latest ones, of the first `MAX_LOOKED_AT` repeats), each with the UID
  `UID#<start in UTC>`; an occurrence moved or cancelled by its own VEVENT (RECURRENCE-ID) is taken from that
  VEVENT instead. When a bound cut the repetitions, each occurrence says how (`records.RepeatsCut`), for the
  summary to name the event and the bound.
- Attendees who DECLINED (or DELEGATED) go to `declined`, TENTATIVE ones to `tentative`: neither is an
  attendee (never "met"). Rooms and resources (CUTYPE) are no people.
- A cancelled event (STATUS:CANCELLED, a calendar with METHOD:CANCEL, a "Canceled:" / "已取消:" title) is
  marked `status="cancelled"`; the ingest counts it and makes no meeting of it.
- An all-day event (a DTSTART that is a date) is marked `all_day`, its time 09:00 of that day in the ingest's
  zone (so that the day stays the same in nearby zones, and the occurrences' UIDs stay those read before). A
  start whose TZID no zone is known for is read in the ingest's zone and carries the TZID in `unknown_zone`.
- Each meeting carries the version of its event: SEQUENCE (0 when absent or unreadable) and LAST-MODIFIED, else
  DTSTAMP, so that an older export read after a newer one changes nothing (`records.is_older_version`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from itertools import islice
from pathlib import Path

import icalendar
from dateutil.rrule import rruleset, rrulestr

from battlemap.io.mail.headers import synthetic_uid
from battlemap.io.mail.messages import MailFormatError, gettext_noop
from battlemap.io.mail.records import Address, MessageRecord, RepeatsCut, all_day_moment
from battlemap.io.text import UndecodableError, decode

# Per recurring event: the latest occurrences up to now. A weekly meeting over 10 years is 520, a meeting every
# working day for 4 years about 1,000; older ones add nothing to who was met and when last.
MAX_OCCURRENCES = 1000
MAX_LOOKED_AT = 200_000  # repeats looked at per event, so that an hourly rule from 1970 cannot run for ever
# Per file: occurrences looked at over all its events, and meetings read. A small hostile file of 300
# events repeating every second ran for minutes and wrote 300,000 interactions; a real calendar of ten
# busy years holds about 25,000 meetings. Beyond either, the file is refused naming the limit.
MAX_FILE_GENERATED = 1_000_000
MAX_FILE_MEETINGS = 50_000
_NO_MEETING_FREQ = ("SECONDLY", "MINUTELY")  # a meeting never repeats every second or minute
_FOLD = re.compile(rb"\r?\n[ \t]")
# The longest property we read (a title, an attendee…), after unfolding: a 28 MB SUMMARY is no meeting
# title but a hostile or broken file, refused naming the limit. ATTACH (an embedded file) may be longer.
MAX_LINE_BYTES = 1024 * 1024
_LONG_LINE_ALLOWED = (b"ATTACH",)
# Title prefixes Outlook and other clients put on a cancelled meeting (compared after NFKC, case-folded)
CANCELLED_PREFIXES = ("canceled:", "cancelled:", "已取消:", "取消:", "abgesagt:", "annulé:", "annule:")
_NOT_ATTENDING = {"DECLINED": "declined", "DELEGATED": "declined", "TENTATIVE": "tentative"}
_NOT_PEOPLE = {"ROOM", "RESOURCE"}
MAX_SEQUENCE = 2**31 - 1  # what the database keeps (a larger SEQUENCE is no real revision count)


def unfold(raw: bytes) -> bytes:
    """RFC 5545 §3.1: a CRLF followed by a space or tab is removed — on bytes, before any decoding."""
    return _FOLD.sub(b"", raw)


def _address(prop: object) -> Address | None:
    if prop is None:
        return None
    value = str(prop)
    email = value.split(":", 1)[1] if value.lower().startswith("mailto:") else value
    email = email.strip().lower()
    if "@" not in email:
        return None
    params = getattr(prop, "params", {})
    return Address(email=email, name=str(params.get("CN", "")).strip().strip('"'))


def _when(value: object, zone: tzinfo) -> datetime | None:
    moment = getattr(value, "dt", value)
    if isinstance(moment, datetime):
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    if isinstance(moment, date):
        return all_day_moment(moment, zone)
    return None


def _unknown_zone(value: object) -> str:
    """The TZID of a time whose zone neither the calendar's VTIMEZONE nor the zone database knows
    (`Mars/Olympus`): the library leaves it without a zone, so it is read in the ingest's zone; "" otherwise."""
    moment = getattr(value, "dt", value)
    if isinstance(moment, datetime) and moment.tzinfo is None:
        return str(getattr(value, "params", {}).get("TZID", "")).strip()
    return ""


def _as_list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def occurrence_uid(uid: str, start: datetime) -> str:
    return f"{uid}#{start.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def is_cancelled_title(summary: str) -> bool:
    return unicodedata.normalize("NFKC", summary).strip().casefold().startswith(CANCELLED_PREFIXES)


class BadProperty(ValueError):
    """A property of an event the library read but the meeting cannot be read from (`args[0]`: its name)."""


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


def _too_many(limit: int) -> MailFormatError:
    return MailFormatError(
        gettext_noop("too many meetings: more than %(limit)s in one file, repeats counted"),
        limit=f"{limit:,}",
    )


def occurrences(
    event: icalendar.Event, start: datetime, now: datetime, zone: tzinfo, budget: list[int] | None = None
) -> tuple[list[datetime], RepeatsCut | None]:
    """Starts of a recurring event up to `now`: RRULE and RDATE, minus EXDATE (the latest MAX_OCCURRENCES of
    the first MAX_LOOKED_AT), and how a bound cut them (None when none did). `budget`: [occurrences the file
    may still look at], decreased here; MailFormatError when spent, or for a rule repeating every second or
    minute."""
    rules = rruleset()
    rules.rdate(start)
    for rule in _as_list(event.get("RRULE")):
        text = rule.to_ical().decode()
        if (freq := re.search(r"FREQ=(\w+)", text.upper())) and freq.group(1) in _NO_MEETING_FREQ:
            raise MailFormatError(
                gettext_noop("not a meeting: an event repeats every second or minute (%(rule)s)"),
                rule=text[:80],
            )
        rule = _rule(text, start)  # BadProperty for a rule that cannot be read
        if not never_repeats(text, start):
            rules.rrule(rule)
    for prop in _as_list(event.get("RDATE")):
        for moment in prop.dts:
            if (when := _when(moment, zone)) is not None:
                rules.rdate(when)
    for prop in _as_list(event.get("EXDATE")):
        for moment in prop.dts:
            if (when := _when(moment, zone)) is not None:
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
            raise _too_many(MAX_FILE_GENERATED)
        looked_at += 1
        kept.append(when)
    cut = None
    if beyond:
        cut = RepeatsCut("looked_at", MAX_LOOKED_AT, looked_at - len(kept), kept[-1])
    elif looked_at > MAX_OCCURRENCES:
        cut = RepeatsCut("occurrences", MAX_OCCURRENCES, looked_at - MAX_OCCURRENCES)
    return list(kept), cut


def _sequence(event: icalendar.Event) -> int:
    """The event's SEQUENCE: 0 when it has none (RFC 5545's default), or one that is no whole number."""
    try:
        return min(max(int(str(event.get("SEQUENCE", 0)).strip()), 0), MAX_SEQUENCE)
    except ValueError:
        return 0


def _revised(event: icalendar.Event) -> datetime | None:
    """The event's LAST-MODIFIED, else its DTSTAMP, in UTC; None when neither is there or readable (a broken
    stamp only costs the version order: `records.is_older_version` then lets the later reading win)."""
    for name in ("LAST-MODIFIED", "DTSTAMP"):
        if (value := event.get(name)) is not None and name not in _broken_names(event):
            return _when(value, UTC)
    return None


# Properties a meeting is read from: one the library could not read makes the event bad (named, skippable).
# Others it could not read (DTEND, DURATION, DTSTAMP, LAST-MODIFIED, SEQUENCE…) are not read: as if absent.
_READ_DATES = ("DTSTART", "RECURRENCE-ID", "RDATE", "EXDATE")
_READ_RULES = ("RRULE",)
NOT_A_DATE_TIME = gettext_noop(
    "event '%(uid)s' (line %(line)s): %(name)s is not an iCalendar date-time: %(text)s — write it like "
    "%(name)s:20261117T010000Z (UTC) or %(name)s;TZID=Asia/Shanghai:20261117T090000"
)
NOT_A_VALUE = gettext_noop("event '%(uid)s' (line %(line)s): %(name)s cannot be read: %(text)s")
NOT_AN_EVENT = gettext_noop(
    "event '%(uid)s': a value of it is not what iCalendar allows, so the event cannot be read"
)


def _broken_names(event: icalendar.Event) -> list[str]:
    """The names of the event's properties the library could not read (`BrokenCalendarProperty` on access)."""
    return [str(name).upper() for name, _message in getattr(event, "errors", None) or ()]


def _event_blocks(text: str) -> list[tuple[int, list[str]]]:
    """(the number of its BEGIN line, its lines) for each VEVENT of the file as written (folded: the file's
    own line numbers), in order — the order of `Calendar.walk("VEVENT")`."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        word = line.strip().upper()
        if word == "BEGIN:VEVENT":
            current = []
            blocks.append((number, current))
        elif word == "END:VEVENT":
            current = None
        elif current is not None:
            current.append(line.rstrip("\r"))
    return blocks


def _bad_event(event: icalendar.Event, position: int, original: bytes, error: Exception) -> MailFormatError:
    """Why one event of a calendar cannot be read, naming it (UID, else its title, else its place) and the
    property's line in the file, in our words (the library's are English and name its internals)."""
    uid = str(event.get("UID", "")).strip() or str(event.get("SUMMARY", "")).strip() or f"#{position + 1}"
    broken = [n for n in _broken_names(event) if n in _READ_DATES + _READ_RULES]
    name = broken[0] if broken else error.args[0] if isinstance(error, BadProperty) else ""
    if not name:  # a value the library read and the rule's expansion did not (`error`, English, is not said)
        return MailFormatError(NOT_AN_EVENT, uid=uid[:80])
    try:
        text = decode(original).text
    except UndecodableError:
        text = original.decode("utf-8", errors="replace")
    blocks = _event_blocks(text)
    line, shown = "?", ""
    if position < len(blocks):
        begin, lines = blocks[position]
        for offset, raw in enumerate(lines, start=1):
            if re.match(rf"{re.escape(name)}[;:]", raw, re.IGNORECASE):
                line, shown = str(begin + offset), raw.strip()
                break
    return MailFormatError(
        NOT_A_DATE_TIME if name in _READ_DATES else NOT_A_VALUE,
        uid=uid[:80],
        line=line,
        name=name,
        text=(shown or name)[:100],
    )


def _meeting(event: icalendar.Event, source: str, zone: tzinfo, cancel_all: bool) -> MessageRecord | None:
    organiser = _address(event.get("ORGANIZER"))
    going: list[Address] = []
    absent: dict[str, list[Address]] = {"declined": [], "tentative": []}
    for prop in _as_list(event.get("ATTENDEE")):
        address = _address(prop)
        params = getattr(prop, "params", {})
        if address is None or str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE:
            continue
        if organiser and address.email == organiser.email:
            continue
        answer = _NOT_ATTENDING.get(str(params.get("PARTSTAT", "")).upper())
        (absent[answer] if answer else going).append(address)
    if organiser is None and not going and not absent["declined"] and not absent["tentative"]:
        return None
    start = _when(event.get("DTSTART"), zone)
    day_only = not isinstance(getattr(event.get("DTSTART"), "dt", None), datetime)
    summary = str(event.get("SUMMARY", "")).strip()
    cancelled = (
        cancel_all or str(event.get("STATUS", "")).upper() == "CANCELLED" or is_cancelled_title(summary)
    )
    uid = str(event.get("UID", "")).strip()
    recurrence = _when(event.get("RECURRENCE-ID"), zone)
    if uid and recurrence is not None:
        uid = occurrence_uid(uid, recurrence)
    return MessageRecord(
        uid=uid or synthetic_uid(start, organiser.email if organiser else "", summary),
        kind="meeting",
        occurred_at=start,
        sender=organiser,
        to=tuple(going),
        declined=tuple(absent["declined"]),
        tentative=tuple(absent["tentative"]),
        subject=summary,
        source=source,
        status="cancelled" if cancelled else "",
        sequence=_sequence(event),
        revised_at=_revised(event),
        all_day=start is not None and day_only,
        unknown_zone=_unknown_zone(event.get("DTSTART")),
    )


def _refuse_long_lines(raw: bytes) -> None:
    if len(raw) <= MAX_LINE_BYTES:
        return
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if len(line) > MAX_LINE_BYTES and not line.lstrip().upper().startswith(_LONG_LINE_ALLOWED):
            name = re.match(rb"[A-Za-z0-9-]{1,40}", line)
            raise MailFormatError(
                gettext_noop(
                    "too large: %(name)s on line %(line)d is %(size)s MB, more than the limit of %(limit)s MB "
                    "for one property"
                ),
                name=name.group(0).decode("ascii") if name else "?",
                line=number,
                size=f"{len(line) / 1024 / 1024:.1f}",
                limit=MAX_LINE_BYTES // (1024 * 1024),
            )


_PROPERTY = re.compile(r"^[A-Za-z0-9-]+(;[^:]*)?:")


def ics_problem(text: str) -> MailFormatError:
    """Why the calendar library refused a file, in our own words (its message is English only and names its
    internals): no calendar at all, the first line that is no property, or a BEGIN without its END. Lines are
    quoted, not numbered: `text` is unfolded, so its line numbers are not the file's."""
    lines = [line.rstrip("\r") for line in text.split("\n") if line.strip()]
    if not lines or lines[0].strip().upper() != "BEGIN:VCALENDAR":
        return MailFormatError(gettext_noop("not an iCalendar file: it does not start with BEGIN:VCALENDAR"))
    open_blocks: list[str] = []
    for line in lines:
        if not _PROPERTY.match(line):
            return MailFormatError(
                gettext_noop('not a readable iCalendar file: a line is not "NAME:value": %(text)s'),
                text=line[:60],
            )
        name, _sep, value = line.partition(":")
        block = value.strip().upper()[:40]
        if name.upper() == "BEGIN":
            open_blocks.append(block)
        elif name.upper() == "END":
            if open_blocks and open_blocks[-1] == block:
                open_blocks.pop()
            elif open_blocks:
                break  # the END of an outer block while an inner one is open: the inner one has no END
            else:
                return MailFormatError(
                    gettext_noop("not a readable iCalendar file: END:%(name)s closes nothing"), name=block
                )
    if open_blocks:
        return MailFormatError(
            gettext_noop("not a readable iCalendar file: BEGIN:%(name)s has no END"), name=open_blocks[-1]
        )
    return MailFormatError(gettext_noop("not a readable iCalendar file: its structure could not be read"))


def read_ics(
    path: Path,
    *,
    now: datetime | None = None,
    zone: tzinfo | None = None,
    bad_events: list[MailFormatError] | None = None,
) -> Iterator[MessageRecord]:
    """Meetings of an iCalendar file; times without a zone are read in `zone` (UTC by default).

    An event that cannot be read (a DTSTART, RECURRENCE-ID, RRULE, RDATE or EXDATE that is no iCalendar value:
    `DTSTART:2026-11-17T09:00:00`, an unquoted `TZID=GMT+08:00`) is named by UID and line: appended to
    `bad_events` when given, the other events being read; else raised (MailFormatError), refusing the file."""
    zone = zone or UTC
    now = now or datetime.now(UTC)
    original = path.read_bytes()
    raw = unfold(original)
    _refuse_long_lines(raw)
    try:
        text = decode(raw).text
    except UndecodableError as error:
        raise MailFormatError(
            gettext_noop("not a readable iCalendar file: no known encoding (%(error)s)"), error=str(error)
        ) from error
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as error:
        raise ics_problem(text) from error
    cancel_all = str(calendar.get("METHOD", "")).upper() == "CANCEL"
    events = list(calendar.walk("VEVENT"))
    moved = {
        occurrence_uid(str(e.get("UID", "")).strip(), when)
        for e in events
        if "RECURRENCE-ID" not in _broken_names(e)
        and (when := _when(e.get("RECURRENCE-ID"), zone)) is not None
    }
    budget, read = [MAX_FILE_GENERATED], 0
    for position, event in enumerate(events):
        try:
            if set(_broken_names(event)) & {*_READ_DATES, *_READ_RULES}:
                raise BadProperty(_broken_names(event)[0])
            meeting = _meeting(event, path.name, zone, cancel_all)
            if meeting is None:
                continue
            recurring = event.get("RECURRENCE-ID") is None and (event.get("RRULE") or event.get("RDATE"))
            starts: list[datetime | None] = [None]
            if recurring and meeting.occurred_at is not None:
                found, cut = occurrences(event, meeting.occurred_at, now, zone, budget)
                starts, meeting = list(found), replace(meeting, repeats_cut=cut)
        except MailFormatError:
            raise  # the file's own bounds (too many meetings, a rule repeating every second)
        except (ValueError, TypeError, OverflowError) as error:  # BrokenCalendarProperty is a ValueError
            problem = _bad_event(event, position, original, error)
            if bad_events is None:
                raise problem from error
            bad_events.append(problem)
            continue
        uid = str(event.get("UID", "")).strip() or meeting.uid
        for start in starts:
            read += 1
            if read > MAX_FILE_MEETINGS:
                raise _too_many(MAX_FILE_MEETINGS)
            if start is None:
                yield meeting
            elif (key := occurrence_uid(uid, start)) not in moved:
                yield replace(meeting, uid=key, occurred_at=start)
