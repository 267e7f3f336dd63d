"""CSV activity logs: one row per message or meeting.

Recognised layouts:
- the interaction CSV (date, from, to, cc, subject, and optionally message_id, in_reply_to, kind);
- Salesforce Task exports (Id, Subject, ActivityDate, TaskSubtype/Type, Who/Owner e-mail columns);
- Salesforce Event exports (Id, Subject, StartDateTime/ActivityDateTime, Who/Owner e-mail columns).
Any row that cannot be read makes the whole file bad, with the row number and column in the reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from battlemap.io.mail.headers import decode_bytes, parse_addresses, parse_date, synthetic_uid
from battlemap.io.mail.messages import MailFormatError
from battlemap.io.mail.records import Address, MessageRecord

# Column names (lower-cased) accepted for each field, first match wins.
GENERIC_COLUMNS = {
    "date": ("date", "datetime", "datetime_utc", "sent", "sent_at", "start", "occurred_at"),
    "from": ("from", "sender", "organizer", "organiser"),
    "to": ("to", "recipients", "attendees"),
    "cc": ("cc",),
    "subject": ("subject", "summary", "title"),
    "uid": ("message_id", "message-id", "uid", "id"),
    "in_reply_to": ("in_reply_to", "in-reply-to"),
    "kind": ("kind", "type"),
}
SALESFORCE_COLUMNS = {
    "date": ("startdatetime", "activitydatetime", "activitydate", "createddate"),
    "from": ("owner.email", "owneremail", "owner email", "fromaddress", "assigned email"),
    "to": ("who.email", "whoemail", "contact email", "email", "toaddress", "name email"),
    "cc": ("ccaddress",),
    "subject": ("subject",),
    "uid": ("id", "activity id"),
    "in_reply_to": (),
    "kind": ("tasksubtype", "type", "eventsubtype"),
}
SALESFORCE_MARKERS = frozenset({"tasksubtype", "activitydate", "startdatetime", "activitydatetime", "whoid"})
_SALESFORCE_DATE_FORMATS = ("%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%Y-%m-%dT%H:%M:%S.%f%z")
_KINDS = {"email": "email", "call": "call", "meeting": "meeting", "event": "meeting", "task": "email"}


def detect_layout(columns: list[str]) -> str:
    lowered = {c.strip().lower() for c in columns}
    if lowered & SALESFORCE_MARKERS:
        return "salesforce-event" if lowered & {"startdatetime", "activitydatetime"} else "salesforce-task"
    return "interaction-csv"


def _column_map(columns: list[str], layout: str) -> dict[str, str]:
    wanted = GENERIC_COLUMNS if layout == "interaction-csv" else SALESFORCE_COLUMNS
    by_lower = {c.strip().lower(): c for c in columns}
    mapping = {}
    for field_name, names in wanted.items():
        for name in names:
            if name in by_lower:
                mapping[field_name] = by_lower[name]
                break
    return mapping


def _parse_when(value: str) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        when: datetime | None = datetime.fromisoformat(value)
    except ValueError:
        when = parse_date(value)
        if when is None:
            for fmt in _SALESFORCE_DATE_FORMATS:
                try:
                    when = datetime.strptime(value, fmt)
                    break
                except ValueError:
                    continue
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _addresses(value: str) -> tuple[Address, ...]:
    # Lists in CSV cells are separated by ";" or ","; both are address-list separators here.
    return parse_addresses(value.replace(";", ","))


def read_activity_csv(path: Path) -> Iterator[MessageRecord]:
    """Yield records; raise MailFormatError naming the row and column on the first bad row."""
    text = decode_bytes(path.read_bytes()).lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = list(reader.fieldnames or [])
    layout = detect_layout(columns)
    mapping = _column_map(columns, layout)
    if "date" not in mapping:
        raise MailFormatError(
            f"{layout}: no date column (expected one of {', '.join(GENERIC_COLUMNS['date'])})"
        )
    if "from" not in mapping and "to" not in mapping:
        raise MailFormatError(f"{layout}: no from/to column (expected 'from' and 'to', or Owner/Who e-mail)")
    default_kind = "meeting" if layout == "salesforce-event" else "email"
    for row_number, row in enumerate(reader, start=2):
        raw_date = row.get(mapping["date"]) or ""
        when = _parse_when(raw_date)
        if when is None:
            raise MailFormatError(f"row {row_number}: column '{mapping['date']}': {raw_date!r} is not a date")
        senders = _addresses(row.get(mapping.get("from", ""), "") or "")
        to = _addresses(row.get(mapping.get("to", ""), "") or "")
        cc = _addresses(row.get(mapping.get("cc", ""), "") or "")
        if not senders and not to:
            raise MailFormatError(f"row {row_number}: no e-mail address in the from/to columns")
        subject = (row.get(mapping.get("subject", ""), "") or "").strip()
        kind = _KINDS.get((row.get(mapping.get("kind", ""), "") or "").strip().lower(), default_kind)
        sender = senders[0] if senders else None
        uid = (row.get(mapping.get("uid", ""), "") or "").strip().strip("<>")
        yield MessageRecord(
            uid=uid or synthetic_uid(when, sender.email if sender else "", subject, *(a.email for a in to)),
            kind=kind,
            occurred_at=when,
            sender=sender,
            to=to,
            cc=cc,
            subject=subject,
            in_reply_to=(row.get(mapping.get("in_reply_to", ""), "") or "").strip().strip("<>"),
            source=f"{path.name}:{row_number}",
        )


def write_activity_csv(path: Path, rows: Iterator[dict[str, str]]) -> None:
    """Write the interaction-CSV layout (used to load other data sets through the ingest path)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=["message_id", "date", "from", "to", "cc", "subject", "kind"]
        )
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
