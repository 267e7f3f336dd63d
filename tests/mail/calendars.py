"""Calendar files as Outlook exports them, written with the icalendar library (as the parser reads them): one
meeting, its revision (SEQUENCE, LAST-MODIFIED, DTSTAMP) and each attendee's answer."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar

from battlemap.mail.services import mail_ingest

ORGANISER = ("sam@ourco.example", "Seller, Sam")


def meeting_ics(
    *,
    uid: str,
    start: datetime,
    attendees: list[tuple[str, str, str]],  # (e-mail, name, PARTSTAT)
    summary: str = "ROI review",
    sequence: int | None = 0,
    modified: datetime | None = None,
    stamp: datetime | None = None,
    organiser: tuple[str, str] = ORGANISER,
    method: str = "PUBLISH",
    status: str = "CONFIRMED",
) -> bytes:
    """One VEVENT; `sequence` None leaves SEQUENCE out (as some exports do), `stamp` is DTSTAMP (default:
    LAST-MODIFIED, else the day the event was created)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("class", "PUBLIC")
    event.add("created", datetime(2026, 10, 1, 2, tzinfo=UTC))
    event.add("dtstamp", stamp or modified or datetime(2026, 10, 1, 2, tzinfo=UTC))
    if modified is not None:
        event.add("last-modified", modified)
    if sequence is not None:
        event.add("sequence", sequence)
    event.add("dtstart", start)
    event.add("summary", summary)
    organiser_address = icalendar.vCalAddress(f"mailto:{organiser[0]}")
    organiser_address.params["cn"] = icalendar.vText(organiser[1])
    event.add("organizer", organiser_address)
    for email, name, answer in attendees:
        attendee = icalendar.vCalAddress(f"mailto:{email}")
        attendee.params["cn"] = icalendar.vText(name)
        attendee.params["partstat"] = icalendar.vText(answer)
        attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
    event.add("status", status)
    event.add("x-microsoft-cdo-busystatus", "BUSY")
    calendar.add_component(event)
    return calendar.to_ical()


GUODIAN = {"our_domains": ["ourco.example"], "customer_domains": ["guodian.example"]}  # ours, the customer's


def ingest_calendar(world, path, now: datetime):  # noqa: ANN001, ANN201
    """`path` ingested into the Chinese account (world.cn) at `now`, with the domains of `GUODIAN`."""
    return mail_ingest(account=world.cn, paths=[path], now=now, **GUODIAN)
