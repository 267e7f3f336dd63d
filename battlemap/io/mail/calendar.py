"""iCalendar (.ics) files: each VEVENT is a meeting (organiser, attendees, start time, UID)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import icalendar

from battlemap.io.mail.headers import decode_bytes, synthetic_uid
from battlemap.io.mail.messages import MailFormatError
from battlemap.io.mail.records import Address, MessageRecord


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


def _when(value: object) -> datetime | None:
    moment = getattr(value, "dt", None)
    if isinstance(moment, datetime):
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if isinstance(moment, date):
        return datetime.combine(moment, time(9, 0), tzinfo=UTC)
    return None


def read_ics(path: Path) -> Iterator[MessageRecord]:
    raw = path.read_bytes()
    try:
        calendar = icalendar.Calendar.from_ical(decode_bytes(raw))
    except ValueError as error:
        raise MailFormatError(f"not a readable iCalendar file: {error}") from error
    for event in calendar.walk("VEVENT"):
        organiser = _address(event.get("ORGANIZER"))
        attendees_prop = event.get("ATTENDEE") or []
        if not isinstance(attendees_prop, list):
            attendees_prop = [attendees_prop]
        attendees = tuple(
            a
            for a in (_address(p) for p in attendees_prop)
            if a and (not organiser or a.email != organiser.email)
        )
        if organiser is None and not attendees:
            continue
        start = _when(event.get("DTSTART"))
        summary = str(event.get("SUMMARY", "")).strip()
        uid = str(event.get("UID", "")).strip()
        recurrence = event.get("RECURRENCE-ID")
        if uid and recurrence is not None:
            uid = f"{uid}#{_when(recurrence)}"
        yield MessageRecord(
            uid=uid or synthetic_uid(start, organiser.email if organiser else "", summary),
            kind="meeting",
            occurred_at=start,
            sender=organiser,
            to=attendees,
            subject=summary,
            source=path.name,
        )
