"""iCalendar (.ics) files: each VEVENT is a meeting (organiser, attendees, start time, UID).

- Lines are unfolded on bytes before decoding (a fold may cut a multi-byte character), then decoded by the
  one decoder (`battlemap.io.text.decode`).
- A recurring event (RRULE / RDATE, minus EXDATE) becomes one meeting per occurrence that started by `now`
  (at most `repeats.MAX_OCCURRENCES`, the latest ones, of the first `MAX_LOOKED_AT` repeats), each with the UID
  `UID#<start in UTC>`; an occurrence moved or cancelled by its own VEVENT (RECURRENCE-ID) is taken from that
  VEVENT instead. When a bound cut the repetitions, each occurrence says how (`records.RepeatsCut`), for the
  summary to name the event and the bound. Each also carries the starts its event's reading covers
  (`records.SeriesSpan`), so that the ingest withdraws occurrences stored before that the series no longer has.
- Attendees who DECLINED (or DELEGATED) go to `declined`, TENTATIVE ones to `tentative`: neither is an
  attendee (never "met"). Rooms and resources (CUTYPE) are no people. One with a name and no address (Feishu,
  DingTalk, WeCom: `CN=王建明:urn:uuid:…`) goes to `unresolved`, for the ingest to match by name.
- A cancelled event (STATUS:CANCELLED, a calendar with METHOD:CANCEL, a "Canceled:" / "已取消:" title) is
  marked `status="cancelled"`; the ingest counts it and makes no meeting of it.
- An all-day event (a DTSTART that is a date) is marked `all_day`, its time 09:00 of that day in the ingest's
  zone (so that the day stays the same in nearby zones, and the occurrences' UIDs stay those read before). A
  start whose TZID no zone is known for is read in the ingest's zone and carries the TZID in `unknown_zone`; a
  floating time (no TZID, no Z) in the calendar's X-WR-TIMEZONE, else in the ingest's zone.
- Each meeting carries the version of its event: SEQUENCE (0 when absent or unreadable) and LAST-MODIFIED, else
  DTSTAMP, so that an older export read after a newer one changes nothing (`records.is_older_version`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from functools import cache
from pathlib import Path

import icalendar

from battlemap.io.mail.headers import synthetic_uid
from battlemap.io.mail.messages import MailFormatError, gettext_noop
from battlemap.io.mail.records import Address, MessageRecord, RepeatsCut, SeriesSpan
from battlemap.io.mail.repeats import (
    MAX_FILE_GENERATED,
    BadProperty,
    RepeatsTooOften,
    as_list,
    calendar_zone,
    moment_of,
    occurrences,
    place_floating,
    too_many,
)
from battlemap.io.text import UndecodableError, decode

# Per file: meetings read (a real calendar of ten busy years holds about 25,000); beyond, the file is refused.
MAX_FILE_MEETINGS = 50_000
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
    """An ORGANIZER's or ATTENDEE's address: its `mailto:` value, else its EMAIL parameter (RFC 7986 §6.2: iCloud and
    CalDAV servers write `EMAIL=…:urn:uuid:…` for their own users; such attendees were left out, and a meeting of
    only them made no interaction); None when it has neither."""
    if prop is None:
        return None
    params = getattr(prop, "params", {})
    for value in (str(prop), str(params.get("EMAIL", ""))):
        email = (value.split(":", 1)[1] if value.lower().startswith("mailto:") else value).strip().lower()
        if "@" in email:
            return Address(email=email, name=str(params.get("CN", "")).strip().strip('"'))
    return None


def _name_alone(prop: object) -> str:
    """The name (CN) of an ORGANIZER or ATTENDEE with no address (`_address` None): how Feishu, DingTalk and WeCom
    may write their own users (`CN=王建明:urn:uuid:…`, an empty `mailto:`); "" when it has none either."""
    return str(getattr(prop, "params", {}).get("CN", "")).strip().strip('"').strip()


def _unknown_zone(value: object) -> str:
    """The TZID of a time whose zone neither the calendar's VTIMEZONE nor the zone database knows
    (`Mars/Olympus`): the library leaves it without a zone, so it is read in the ingest's zone; "" otherwise."""
    moment = getattr(value, "dt", value)
    if isinstance(moment, datetime) and moment.tzinfo is None:
        return str(getattr(value, "params", {}).get("TZID", "")).strip()
    return ""


def occurrence_uid(uid: str, start: datetime) -> str:
    return f"{uid}#{start.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def is_cancelled_title(summary: str) -> bool:
    return unicodedata.normalize("NFKC", summary).strip().casefold().startswith(CANCELLED_PREFIXES)


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
            return moment_of(value, UTC)
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
NOT_A_MEETING = gettext_noop(
    "event '%(uid)s' (line %(line)s): not a meeting, it repeats every second or minute: %(text)s"
)
NOT_AN_EVENT = gettext_noop(
    "event '%(uid)s': a value of it is not what iCalendar allows, so the event cannot be read"
)


def _broken_names(event: icalendar.Event) -> list[str]:
    """The names of the event's properties the library could not read (`BrokenCalendarProperty` on access)."""
    return [str(name).upper() for name, _message in getattr(event, "errors", None) or ()]


def _blocks_of(original: bytes) -> Callable[[], list[tuple[int, list[str]]]]:
    """The file's VEVENT blocks (`_event_blocks`), decoded and split once, when a bad event first asks."""

    @cache
    def blocks() -> list[tuple[int, list[str]]]:
        try:
            text = decode(original).text
        except UndecodableError:
            text = original.decode("utf-8", errors="replace")
        return _event_blocks(text)

    return blocks


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


def _bad_event(
    event: icalendar.Event, position: int, blocks: Callable[[], list[tuple[int, list[str]]]], error: Exception
) -> MailFormatError:
    """Why one event of a calendar cannot be read, naming it (UID, else its title, else its place) and the
    property's line in the file, in our words (the library's are English and name its internals)."""
    uid = str(event.get("UID", "")).strip() or str(event.get("SUMMARY", "")).strip() or f"#{position + 1}"
    broken = [n for n in _broken_names(event) if n in _READ_DATES + _READ_RULES]
    name = broken[0] if broken else error.args[0] if isinstance(error, BadProperty) else ""
    if not name:  # a value the library read and the rule's expansion did not (`error`, English, is not said)
        return MailFormatError(NOT_AN_EVENT, uid=uid[:80])
    line, shown = "?", ""
    if position < len(blocks()):
        begin, lines = blocks()[position]
        for offset, raw in enumerate(lines, start=1):
            if re.match(rf"{re.escape(name)}[;:]", raw, re.IGNORECASE):
                line, shown = str(begin + offset), raw.strip()
                break
    if isinstance(error, RepeatsTooOften):
        template = NOT_A_MEETING
    else:
        template = NOT_A_DATE_TIME if name in _READ_DATES else NOT_A_VALUE
    return MailFormatError(
        template,
        uid=uid[:80],
        line=line,
        name=name,
        text=(shown or name)[:100],
    )


def _meeting(event: icalendar.Event, source: str, zone: tzinfo, cancel_all: bool) -> MessageRecord | None:
    organiser = _address(event.get("ORGANIZER"))
    going: list[Address] = []
    absent: dict[str, list[Address]] = {"declined": [], "tentative": []}
    # a name alone, no address: matched by name in the ingest, as Exchange names are (`MessageRecord.unresolved`)
    named = (
        [("from", name, "")] if organiser is None and (name := _name_alone(event.get("ORGANIZER"))) else []
    )
    for prop in as_list(event.get("ATTENDEE")):
        address = _address(prop)
        params = getattr(prop, "params", {})
        if str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE:
            continue
        answer = _NOT_ATTENDING.get(str(params.get("PARTSTAT", "")).upper())
        if address is None:
            name = _name_alone(prop)
            if (
                name
                and not answer
                and name not in {n for _h, n, _a in named} | {getattr(organiser, "name", "")}
            ):
                named.append(("to", name, ""))
            continue
        if organiser and address.email == organiser.email:
            continue
        (absent[answer] if answer else going).append(address)
    if organiser is None and not going and not absent["declined"] and not absent["tentative"] and not named:
        return None
    start = moment_of(event.get("DTSTART"), zone)
    day_only = not isinstance(getattr(event.get("DTSTART"), "dt", None), datetime)
    summary = str(event.get("SUMMARY", "")).strip()
    cancelled = (
        cancel_all or str(event.get("STATUS", "")).upper() == "CANCELLED" or is_cancelled_title(summary)
    )
    uid = str(event.get("UID", "")).strip()
    recurrence = moment_of(event.get("RECURRENCE-ID"), zone)
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
        unresolved=tuple(named),
    )


def _span(
    uid: str, start: datetime, found: list[datetime], cut: RepeatsCut | None, now: datetime
) -> SeriesSpan:
    """The starts a reading of a recurring event covers: from its DTSTART (an earlier RDATE too) to `now`; from the
    earliest kept when earlier repeats were left out, to the last looked at when later ones were never read."""
    first = min(found) if cut and found else min([start, *found])
    return SeriesSpan(
        uid=uid, first=first, last=cut.last if cut and cut.bound == "looked_at" and cut.last else now
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
    """Meetings of an iCalendar file; times without a zone are read in the calendar's X-WR-TIMEZONE, else in
    `zone` (UTC by default).

    An event that cannot be read (a DTSTART, RECURRENCE-ID, RRULE, RDATE or EXDATE that is no iCalendar value:
    `DTSTART:2026-11-17T09:00:00`, an unquoted `TZID=GMT+08:00`; an RRULE repeating every second or minute) is named by UID and line: appended to
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
    # every VEVENT is read as an icalendar.Event (its component class); the test only tells the types so
    events = [e for e in calendar.walk("VEVENT") if isinstance(e, icalendar.Event)]
    if (floating := calendar_zone(calendar)) is not None:
        place_floating(events, floating)
    moved = {
        occurrence_uid(str(e.get("UID", "")).strip(), when)
        for e in events
        if "RECURRENCE-ID" not in _broken_names(e)
        and (when := moment_of(e.get("RECURRENCE-ID"), zone)) is not None
    }
    budget, read = [MAX_FILE_GENERATED], 0
    blocks = _blocks_of(original)  # for naming bad events' lines: the file decoded once
    for position, event in enumerate(events):
        try:
            if set(_broken_names(event)) & {*_READ_DATES, *_READ_RULES}:
                raise BadProperty(_broken_names(event)[0])
            meeting = _meeting(event, path.name, zone, cancel_all)
            if meeting is None:
                continue
            recurring = event.get("RECURRENCE-ID") is None and (event.get("RRULE") or event.get("RDATE"))
            starts: list[datetime | None] = [None]
            uid = str(event.get("UID", "")).strip() or meeting.uid
            if recurring and meeting.occurred_at is not None:
                found, cut = occurrences(event, meeting.occurred_at, now, zone, budget)
                span = _span(uid, meeting.occurred_at, found, cut, now)
                starts, meeting = list(found), replace(meeting, repeats_cut=cut, series=span)
        except MailFormatError:
            raise  # the file's own bounds (too many meetings, too many repeats)
        except (ValueError, TypeError, OverflowError) as error:  # BrokenCalendarProperty is a ValueError
            problem = _bad_event(event, position, blocks, error)
            if bad_events is None:
                raise problem from error
            bad_events.append(problem)
            continue
        for start in starts:
            read += 1
            if read > MAX_FILE_MEETINGS:
                raise too_many(MAX_FILE_MEETINGS)
            if start is None:
                yield meeting
            elif (key := occurrence_uid(uid, start)) not in moved:
                yield replace(meeting, uid=key, occurred_at=start)
