"""Calendar events read as they were meant: an all-day event stays all-day, and a start in a time zone nobody
knows is read in the server's zone and said so, naming the event (trial 22)."""

from __future__ import annotations

from datetime import UTC, datetime

from battlemap.interactions.models import Interaction
from battlemap.interactions.schemas import InteractionOut
from battlemap.mail.services import mail_ingest
from battlemap.mail.services.ingest_summary import summary_of

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:allday-weekly
DTSTART;VALUE=DATE:20261102
DTEND;VALUE=DATE:20261103
RRULE:FREQ=WEEKLY;COUNT=2
SUMMARY:全天周会
ORGANIZER:mailto:alice@ours.example
ATTENDEE;CN=王建国;PARTSTAT=ACCEPTED:mailto:wang.jianguo@guodian.example
END:VEVENT
BEGIN:VEVENT
UID:bogus-tz
DTSTART;TZID=Mars/Olympus:20261105T100000
SUMMARY:bogus tz
ORGANIZER:mailto:alice@ours.example
ATTENDEE;CN=王建国;PARTSTAT=ACCEPTED:mailto:wang.jianguo@guodian.example
END:VEVENT
BEGIN:VEVENT
UID:timed
DTSTART:20261106T020000Z
SUMMARY:timed
ORGANIZER:mailto:alice@ours.example
ATTENDEE;CN=王建国;PARTSTAT=ACCEPTED:mailto:wang.jianguo@guodian.example
END:VEVENT
END:VCALENDAR
"""


def _ingest(world, tmp_path):  # noqa: ANN001
    path = tmp_path / "cal.ics"
    path.write_text(CALENDAR, encoding="utf-8")
    return mail_ingest(
        account=world.cn,
        paths=[path],
        our_domains=["ours.example"],
        customer_domains=["guodian.example"],
        now=datetime(2026, 12, 1, tzinfo=UTC),
    )


def test_an_all_day_event_stays_all_day(world, tmp_path):
    _ingest(world, tmp_path)
    days = {i.summary: i.all_day for i in Interaction.objects.filter(account=world.cn)}
    assert days == {"全天周会": True, "bogus tz": False, "timed": False}
    weekly = Interaction.objects.filter(account=world.cn, summary="全天周会").first()
    assert InteractionOut.from_orm(weekly).all_day is True  # the API says so


def test_an_unknown_time_zone_is_said_naming_the_event(world, tmp_path, settings):
    summary = summary_of(_ingest(world, tmp_path))
    assert "Mars/Olympus" in summary and "bogus tz" in summary and settings.TIME_ZONE in summary
    assert "timed" not in summary.split("Mars/Olympus")[1].split(".")[0]
