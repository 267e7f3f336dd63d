"""Occurrences of a recurring meeting ingested before that a later reading of its series takes back: the series
cancelled, or occurrences taken out of it (an EXDATE added, an UNTIL or COUNT moved earlier). They are withdrawn as
a cancelled occurrence is (`ingest_store.withdraw_cancelled`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from battlemap.accounts.models import Account
from battlemap.io.mail import MessageRecord
from battlemap.io.mail.records import is_older_version
from battlemap.mail.models import MailItem
from battlemap.mail.services.ingest_keys import Version

# the end of an occurrence's uid (`calendar.occurrence_uid`): its start as the series has it, in UTC
_OCCURRENCE = re.compile(r"^(?P<series>.+)#(?P<start>\d{8}T\d{6}Z)$")


def _version(record: MessageRecord) -> Version:
    return record.sequence, record.revised_at


@dataclass(frozen=True, slots=True)
class _Stored:
    uid: str
    start: datetime  # as the series has it (the uid's end); a moved occurrence took place at `occurred_at`
    occurred_at: datetime | None
    version: Version


def _stored_occurrences(account: Account, series: set[str]) -> dict[str, list[_Stored]]:
    """Series UID -> each occurrence of it stored, for the series asked (one query over the account's meetings)."""
    found: dict[str, list[_Stored]] = {}
    if not series:
        return found
    rows = MailItem.objects.filter(account=account, kind="meeting", uid__contains="#").values_list(
        "uid", "occurred_at", "sequence", "revised_at"
    )
    for uid, occurred_at, sequence, revised_at in rows.iterator():
        if (parts := _OCCURRENCE.match(uid)) and parts["series"] in series:
            start = datetime.strptime(parts["start"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            found.setdefault(parts["series"], []).append(
                _Stored(uid, start, occurred_at, (sequence, revised_at))
            )
    return found


def _newer(version: Version, than: Version) -> bool:
    return is_older_version(*than, *version)


def _cancelled_from(cancel: MessageRecord) -> datetime | None:
    """From when a whole series' cancellation takes its occurrences back: its start or, when later, the moment it
    was written (its LAST-MODIFIED, else DTSTAMP: `revised_at`). Outlook's "Delete the series" of a weekly meeting
    that has run for months cancels it from its first start, and the meetings held before the cancellation was
    sent did take place: read from the start alone, every one of them was withdrawn (a fresh review of s37's
    fix). None (no bound: all of them) when it says neither."""
    moments = [moment for moment in (cancel.occurred_at, cancel.revised_at) if moment is not None]
    return max(moments) if moments else None


@dataclass
class Dropped:
    """Stored occurrences a reading takes back, by uid, by what happened to them (said apart in the summary)."""

    cancelled: set[str] = field(default_factory=set)  # the whole series cancelled
    taken_out: set[str] = field(default_factory=set)  # an EXDATE added, an UNTIL or COUNT moved earlier


def dropped_occurrences(
    account: Account, readings: list[MessageRecord], cancellations: Iterable[MessageRecord]
) -> Dropped:
    """The uids of stored occurrences of recurring meetings that `readings` (every meeting read in the files) and
    `cancellations` (the cancelled meetings among them that are not older than a version stored or read) take back:

    - `cancelled`: a cancellation of a whole series (its UID, no RECURRENCE-ID: Outlook's METHOD:CANCEL, a master
      with STATUS:CANCELLED) takes the series' occurrences from the cancellation on (`_cancelled_from`); those
      before it took place.
    - `taken_out`: the newest reading of a series (`MessageRecord.series`) takes the occurrences within its span
      that it no longer yields, neither from its rule nor from a VEVENT of its own (RECURRENCE-ID): a date
      excluded, the series ended earlier. Not cancelled: the summary says which (a series shortened read as
      "3 meetings … cancelled since").

    Never an occurrence stored, or read in the files, in a newer version than the cancellation or reading
    (`records.is_older_version`): a series set up again after it was cancelled keeps its occurrences."""
    newest: dict[str, MessageRecord] = {}
    for record in readings:
        span = record.series
        if span is None or record.status == "cancelled":
            continue
        held = newest.get(span.uid)
        if held is None or _newer(_version(record), _version(held)):
            newest[span.uid] = record
    whole = [r for r in cancellations if r.calendar_event and not _OCCURRENCE.match(r.uid)]
    stored = _stored_occurrences(account, {r.uid[:480] for r in whole} | set(newest))
    read: dict[str, list[MessageRecord]] = {}  # occurrence uid -> its readings, cancellations left out
    for record in readings:
        if record.calendar_event and record.status != "cancelled" and _OCCURRENCE.match(record.uid):
            read.setdefault(record.uid[:480], []).append(record)

    def kept(uid: str, stored_version: Version, by: Version) -> bool:
        return _newer(stored_version, by) or any(not _newer(by, _version(r)) for r in read.get(uid, ()))

    dropped = Dropped()
    for cancel in whole:
        since = _cancelled_from(cancel)
        for item in stored.get(cancel.uid[:480], ()):
            after = since is None or (item.occurred_at or item.start) >= since
            if after and not kept(item.uid, item.version, _version(cancel)):
                dropped.cancelled.add(item.uid)
    for series_uid, reading in newest.items():
        span, by = reading.series, _version(reading)
        still = {uid for uid, rs in read.items() if any(r.series is None or _version(r) == by for r in rs)}
        for item in stored.get(series_uid, ()):
            if (
                span.first <= item.start <= span.last
                and item.uid not in still
                and not _newer(item.version, by)
                and item.uid not in dropped.cancelled
            ):
                dropped.taken_out.add(item.uid)
    return dropped
