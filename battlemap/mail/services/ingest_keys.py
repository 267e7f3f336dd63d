"""Which records of an ingest are new: the uid and content key of every item, against those stored; and which
meetings are read in an older version than one stored or read beside them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from django.utils import timezone

from battlemap.accounts.models import Account
from battlemap.io.mail import MessageRecord
from battlemap.io.mail.headers import synthetic_uid
from battlemap.io.mail.records import ACTIVITY_LOG, is_older_version
from battlemap.mail.models import MailItem

Version = tuple[int | None, datetime | None]  # a meeting's (SEQUENCE, LAST-MODIFIED or DTSTAMP)


def _content_key(when: datetime | date | None, sender: str, recipients: Iterable[str]) -> str:
    """What tells two items with one id apart (e-mails with one Message-ID, rows of activity logs with one
    ID): date (a moment, or a day), sender and recipients."""
    if isinstance(when, datetime):
        moment = when.astimezone(UTC).isoformat()
    else:
        moment = when.isoformat() if when else ""
    return synthetic_uid(moment, sender, *sorted(recipients))[3:15]


def _day_key(when: datetime | None, sender: str, recipients: Iterable[str]) -> str:
    """The content key on the day (in the installation's zone) instead of the moment."""
    return _content_key(timezone.localdate(when) if when else None, sender, recipients)


def record_keys(record: MessageRecord) -> tuple[str, frozenset[str]]:
    """The content key stored with a record, and every key a stored item of it may have. Its date is the one the
    message's own Date header gives: a message with none, dated by an mbox's `From ` line, is the same message
    read from a maildir or an .eml without a date (a mail trial: it was stored twice, "2 new" on a re-upload, and
    counted twice by the inference). A row of an activity log is keyed on its day, not its time: a time corrected
    in a later export, or a time column read where an earlier version kept the day alone, is the same activity, not
    a second one (a reviewer's trial); an item stored before rows were keyed on their day has the key on its
    moment."""
    when = None if record.date_from == "from_line" else record.occurred_at
    sender, recipients = record.sender.email if record.sender else "", [a.email for a in record.recipients]
    moment_key = _content_key(when, sender, recipients)
    if record.date_from != ACTIVITY_LOG:
        return moment_key, frozenset({moment_key})
    day_key = _day_key(when, sender, recipients)
    return day_key, frozenset({day_key, moment_key})


def stored_keys(account: Account) -> tuple[dict[str, frozenset[str]], set[str]]:
    """uid -> the content keys of every stored item (they do not matter for a calendar's meetings), and the uids
    of stored items that made no interaction. An item whose interaction was deleted since (`deleted_interaction`
    kept: someone deleted it, its Undo links the item again) is not among them: read again, it stays deleted — a
    file read again made it anew, and the Undo then failed on the new one's source reference."""
    rows = MailItem.objects.filter(account=account).values_list(
        "uid",
        "content_key",
        "occurred_at",
        "sender_email",
        "recipients",
        "interaction_id",
        "deleted_interaction",
    )
    keys: dict[str, frozenset[str]] = {}
    unlinked: set[str] = set()
    for uid, key, when, sender, recipients, interaction_id, deleted in rows.iterator():
        if key:
            keys[uid] = frozenset({key})
        else:  # stored before content keys were kept (activity-log rows too, then kept by the day alone, 09:00)
            to = [r[0] for r in recipients if r[2] in ("to", "cc")]
            keys[uid] = frozenset({_content_key(when, sender, to), _day_key(when, sender, to)})
        if interaction_id is None and deleted is None:
            unlinked.add(uid)
    return keys, unlinked


def unique_uid(
    record: MessageRecord, key: str, taken: dict[str, frozenset[str]], keys: frozenset[str] = frozenset()
) -> tuple[str, bool]:
    """The uid to store the record under, and whether an item is already stored under it (a duplicate).
    Systems reuse Message-IDs (`<1234@localhost>`), and activity logs their ID column (a row number, counted
    again in each month's export): an item is a duplicate only when its id, date, sender and recipients
    match (`keys`, the record's, and `key`, the one it is stored with: `record_keys`); another with a used id is
    stored as `id#key`. A calendar's meeting is keyed by its UID alone (a reading with another time or attendees
    is the meeting changed: `update_meetings`)."""
    uid = record.uid[:480]
    if record.calendar_event or uid not in taken:
        return uid, uid in taken
    if taken[uid] & (keys or {key}):
        return uid, True
    other = f"{uid}#{key}"
    return other, other in taken


def stored_versions(account: Account) -> dict[str, Version]:
    """uid -> version of every stored meeting whose version is known (stored since versions are kept)."""
    rows = MailItem.objects.filter(account=account, kind="meeting", sequence__isnull=False).values_list(
        "uid", "sequence", "revised_at"
    )
    return {uid: (sequence, revised_at) for uid, sequence, revised_at in rows.iterator()}


def older_than_stored(record: MessageRecord, versions: dict[str, Version]) -> bool:
    """A meeting read in an older version than the one stored (a calendar exported before the last one)."""
    stored = versions.get(record.uid[:480]) if record.calendar_event else None
    return stored is not None and is_older_version(record.sequence, record.revised_at, *stored)


def superseded_readings(records: Iterable[MessageRecord]) -> set[int]:
    """Indexes of the meetings read in the files in an older version than another reading of the same UID in
    them (a calendar exported twice, each export ingested together): only the newest counts. Readings of one
    version are all kept (they are duplicates, the last read wins)."""
    readings: dict[str, list[tuple[int, MessageRecord]]] = {}
    for number, record in enumerate(records):
        if record.calendar_event:
            readings.setdefault(record.uid[:480], []).append((number, record))
    return {
        number
        for group in readings.values()
        if len(group) > 1
        for number, record in group
        if any(
            is_older_version(record.sequence, record.revised_at, other.sequence, other.revised_at)
            for _number, other in group
        )
    }
