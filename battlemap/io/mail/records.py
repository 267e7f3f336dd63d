"""Plain records produced by the mail parsers (no Django): one per message or meeting."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from battlemap.core.text import clean_control

ALL_DAY_AT = time(9, 0)  # the time stored for an activity known by its day alone (`all_day`)
ACTIVITY_LOG = "activity_log"  # `MessageRecord.date_from` of a row of an activity log (keyed on its day)


def all_day_moment(day: date, zone: tzinfo) -> datetime:
    """The moment stored for an activity of `day` with no time (a calendar's all-day event, a date-only row of
    an activity log): 09:00 that day in `zone`, so the day stays the same read in nearby zones (midnight in
    Shanghai is the day before in UTC); the interaction is marked `all_day` and shown by its day."""
    return datetime.combine(day, ALL_DAY_AT, tzinfo=zone)


# The offsets an all-day moment is read in when its zone is not known: from UTC-10 (Hawaii) up to, not including,
# UTC+14 — New Zealand's summer time (+13) included; only a few Pacific islands (Niue, Kiritimati) fall outside.
_WEST, _EAST = timedelta(hours=-10), timedelta(hours=14)


def all_day_of(moment: datetime) -> date:
    """The day an all-day `moment` (aware) stands for when the zone it was stored in is not known (a map file
    written before the map format kept the day itself): the day where `moment` is 09:00 (`all_day_moment`), read
    in the offset from UTC-10 up to UTC+14 that makes it 09:00 — `2026-12-01T01:00:00Z`, 09:00 in
    Shanghai, is 1 December, and so is `2026-12-01T14:00:00Z`, 09:00 in New York."""
    utc = moment.astimezone(UTC)
    offset = datetime.combine(utc.date(), ALL_DAY_AT, tzinfo=UTC) - utc
    while offset < _WEST:
        offset += timedelta(days=1)
    while offset >= _EAST:
        offset -= timedelta(days=1)
    return (utc + offset).date()


@dataclass(frozen=True, slots=True)
class Address:
    """One mailbox: the lower-cased address and the decoded display name (may be empty)."""

    email: str
    name: str = ""

    def __post_init__(self) -> None:  # a NUL or other control in a header is no part of a name
        object.__setattr__(self, "name", clean_control(self.name))

    @property
    def domain(self) -> str:
        return self.email.rpartition("@")[2]

    @property
    def system(self) -> bool:
        """A machine's mailbox (no-reply, notifications, mailer-daemon…), not a person: `is_system_mailbox`."""
        return is_system_mailbox(self.email)


# The one rule for machine mailboxes: a local part that is, or is made of, one of these words
# ("noreply", "no-reply", "do_not_reply", "mailer-daemon", "oa-notification", "system.alerts").
SYSTEM_WORDS = frozenset(
    {"noreply", "donotreply", "mailerdaemon", "postmaster", "notification", "notifications", "notify",
     "bounce", "bounces", "alert", "alerts", "system", "daemon", "autoreply", "automailer"}
)  # fmt: skip


def is_system_mailbox(email: str) -> bool:
    """Whether an address is a machine's mailbox rather than a person's: its local part, split at . - _ +
    and digits, has a word of `SYSTEM_WORDS`, or is one when joined ("no-reply" → "noreply")."""
    local = email.rpartition("@")[0].lower()
    words = [w for w in re.split(r"[.\-_+0-9]+", local) if w]
    return any(w in SYSTEM_WORDS for w in words) or "".join(words) in SYSTEM_WORDS


@dataclass(frozen=True, slots=True)
class Signature:
    """What a signature block at the end of a body gave (only read with --bodies)."""

    email: str
    title: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class MessageRecord:
    """One message (kind "email") or meeting (kind "meeting").

    `uid` is the Message-ID / iCalendar UID / CSV id; with the date and sender, the dedupe key. For a meeting,
    `sender` is the organiser and `to` the attendees who did not decline (ACCEPTED, NEEDS-ACTION or no answer);
    `declined` and `tentative` hold the others, who never count as met. `unresolved` holds Exchange (X.500 /
    IMCEAEX) or relay addresses that carry no SMTP address — and a calendar's organiser or attendees with a name
    alone (`CN=王建明:urn:uuid:…`, an empty `mailto:`) —, as (header, display name, the DN's mail alias or "")
    with header "from", "to" or "cc", for the ingest to match by name, then by alias. `status` is "cancelled" for a cancelled meeting (kept so the ingest can count it).
    `date_from` says where `occurred_at` came from when not from the Date header ("from_line"; an activity log's row: ACTIVITY_LOG).
    `sequence` and `revised_at` say which version of a calendar event this reading is (its SEQUENCE, 0 when
    the event has none; its LAST-MODIFIED, else its DTSTAMP): None for anything else (`is_older_version`).
    """

    uid: str
    kind: str
    occurred_at: datetime | None
    sender: Address | None
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()
    subject: str = ""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    source: str = ""
    signature: Signature | None = None
    declined: tuple[Address, ...] = ()
    tentative: tuple[Address, ...] = ()
    unresolved: tuple[tuple[str, str, str], ...] = ()
    status: str = ""
    date_from: str = ""
    sequence: int | None = None
    revised_at: datetime | None = None
    # a meeting: an all-day event (a date, no time), and the TZID of a start whose zone is unknown (read in
    # the ingest's zone instead, and said in its summary)
    all_day: bool = False
    unknown_zone: str = ""
    # an occurrence of a recurring meeting whose repetitions were cut at a bound (`RepeatsCut`), said in the summary
    repeats_cut: RepeatsCut | None = None
    # an occurrence of a recurring meeting: the span of starts its event's reading covers (`SeriesSpan`)
    series: SeriesSpan | None = None
    # a broadcast (`without_broadcast_recipients`): how many addresses were left out, and their domains
    left_out: int = 0
    left_out_domains: frozenset[str] = frozenset()
    # an automatic reply or message (out of office, "Auto-Submitted": `automatic.is_automatic`): no one wrote it
    automatic: bool = False

    def __post_init__(self) -> None:  # controls (a NUL, which PostgreSQL refuses) are no part of a subject
        object.__setattr__(self, "subject", clean_control(self.subject))

    @property
    def recipients(self) -> tuple[Address, ...]:
        return self.to + self.cc

    @property
    def calendar_event(self) -> bool:
        """Read from a calendar (its version known): its UID names one event through all its versions, so a
        reading with another time or attendees is that event moved. Any other id — a Message-ID, an activity
        log's ID column, often a row number — may be reused by another message or activity."""
        return self.sequence is not None

    @property
    def participants(self) -> tuple[Address, ...]:
        """Sender first, then recipients, each address once."""
        seen: dict[str, Address] = {}
        for addr in ((self.sender,) if self.sender else ()) + self.recipients:
            seen.setdefault(addr.email, addr)
        return tuple(seen.values())


def without_broadcast_recipients(
    record: MessageRecord, limit: int, keep: Callable[[Address], bool]
) -> MessageRecord:
    """A message or meeting with more than `limit` addresses (sender and recipients, each once) is a
    broadcast — a newsletter, an all-hands notice — which says nothing about who works with whom: it keeps its
    sender and the recipients `keep` takes (our side), and counts the others in `left_out`, their domains in
    `left_out_domains` (so that it is still known to have reached the customer). Within the limit, the record
    as it is. Linear in the addresses; `limit` is the MAIL_BROADCAST_ADDRESSES setting."""
    if len(record.participants) <= limit:
        return record
    sender = record.sender.email if record.sender else ""

    def kept(addresses: tuple[Address, ...]) -> tuple[Address, ...]:
        return tuple(a for a in addresses if a.email == sender or keep(a))

    headers = (record.to, record.cc, record.declined, record.tentative)
    to, cc, declined, tentative = trimmed = tuple(kept(addresses) for addresses in headers)
    stays = {a.email for addresses in trimmed for a in addresses} | {sender}
    gone = {a.email: a.domain for addresses in headers for a in addresses if a.email not in stays}
    return replace(
        record,
        to=to,
        cc=cc,
        declined=declined,
        tentative=tentative,
        left_out=record.left_out + len(gone),
        left_out_domains=record.left_out_domains | frozenset(gone.values()),
    )


def is_older_version(
    sequence: int | None,
    revised_at: datetime | None,
    than_sequence: int | None,
    than_revised_at: datetime | None,
) -> bool:
    """Whether one version of a calendar event is older than another (RFC 5545 §3.8.7.4): a lower SEQUENCE,
    or the same SEQUENCE and an earlier LAST-MODIFIED / DTSTAMP. Never when a SEQUENCE is unknown (a meeting
    stored before SEQUENCE was kept, a CSV activity row): the later reading wins, as it did before."""
    if sequence is None or than_sequence is None:
        return False
    if sequence != than_sequence:
        return sequence < than_sequence
    return revised_at is not None and than_revised_at is not None and revised_at < than_revised_at


@dataclass(frozen=True, slots=True)
class RepeatsCut:
    """How a recurring event's occurrences were cut (`repeats.occurrences`). `bound` "occurrences": more than
    `limit` (repeats.MAX_OCCURRENCES) started up to now, the latest `limit` kept and `dropped` earlier ones
    left out. `bound` "looked_at": the rule repeats more than `limit` (repeats.MAX_LOOKED_AT) times before now;
    only the first `limit` were looked at, the latest kept of them ending on `last`, later ones never read."""

    bound: str
    limit: int
    dropped: int = 0
    last: datetime | None = None


@dataclass(frozen=True, slots=True)
class SeriesSpan:
    """The starts one reading of a recurring event covers (`calendar.read_ics`): the event's UID and the starts from
    `first` (its DTSTART, or the earliest kept when its repeats were cut) to `last` (the reading's now, or the last
    repeat looked at). An occurrence of the event stored before, starting within the span, that the reading no longer
    yields was taken out of the series since (an EXDATE added, an UNTIL or COUNT moved earlier)."""

    uid: str
    first: datetime
    last: datetime


@dataclass(frozen=True, slots=True)
class BadFile:
    """A file that could not be read, with the reason in words."""

    path: str
    reason: str  # in English
    template: str = ""  # the reason's message before its values (for translation), when it has one
    params: dict = field(default_factory=dict)

    @property
    def event(self) -> bool:
        """Whether one event of the file is bad (`calendar._bad_event`: its params name it), not the file."""
        return "uid" in self.params


@dataclass(slots=True)
class ParseResult:
    records: list[MessageRecord] = field(default_factory=list)
    bad_files: list[BadFile] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)  # path -> detected format
    encodings: dict[str, str] = field(default_factory=dict)  # path of a CSV activity log -> encoding read
    # path of a CSV activity log -> how its dates like 03/11/2026 were read (io.dates.DateReading)
    date_readings: dict[str, Any] = field(default_factory=dict)
    passed_over: list[str] = field(default_factory=list)  # members of zip archives that are no mail files
