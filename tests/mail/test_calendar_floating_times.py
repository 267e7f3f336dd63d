"""A calendar whose times are floating (`DTSTART:20261110T183000`, no TZID, no Z) and that names its zone in
X-WR-TIMEZONE, as Google Calendar, Apple Calendar and many exporters write it: its times are that zone's. Read in
the installation's TIME_ZONE (Asia/Shanghai), a London colleague's 18:30 meeting was stored at 10:30 UTC, eight
hours early (on the day before, for a meeting after 16:00 in London)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from battlemap.io.mail.calendar import read_ics

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 5, tzinfo=UTC)


def _calendar(zone_line: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
        f"X-WR-CALNAME:Mei Wong\r\n{zone_line}"
        "BEGIN:VEVENT\r\nDTSTART:20261110T183000\r\nDTEND:20261110T193000\r\nDTSTAMP:20261201T000000Z\r\n"
        "UID:late-1@google.com\r\nSUMMARY:Late call with 刘建华\r\n"
        "ORGANIZER;CN=Mei Wong:mailto:mei.wong@ours.example\r\n"
        "ATTENDEE;CN=刘建华;PARTSTAT=ACCEPTED:mailto:liujh@hdny.example\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nDTSTART:20261102T090000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE:20261109T090000\r\n"
        "DTSTAMP:20261201T000000Z\r\nUID:weekly-2@google.com\r\nSUMMARY:Weekly\r\n"
        "ORGANIZER;CN=Mei Wong:mailto:mei.wong@ours.example\r\n"
        "ATTENDEE;CN=刘建华;PARTSTAT=ACCEPTED:mailto:liujh@hdny.example\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261112\r\nDTSTAMP:20261201T000000Z\r\nUID:day-3@google.com\r\n"
        "SUMMARY:Site visit\r\nORGANIZER;CN=Mei Wong:mailto:mei.wong@ours.example\r\n"
        "ATTENDEE;CN=刘建华;PARTSTAT=ACCEPTED:mailto:liujh@hdny.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def _starts(tmp_path: Path, zone_line: str) -> dict[str, datetime]:
    path = tmp_path / "calendar.ics"
    path.write_text(_calendar(zone_line), encoding="utf-8")
    return {m.uid: m.occurred_at.astimezone(UTC) for m in read_ics(path, now=NOW, zone=SHANGHAI)}


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_floating_times_are_the_calendars_zone_all_day_events_stay_the_installations(tmp_path):
    assert _starts(tmp_path, "X-WR-TIMEZONE:Europe/London\r\n") == {
        "late-1@google.com": utc(2026, 11, 10, 18, 30),
        "weekly-2@google.com#20261102T090000Z": utc(2026, 11, 2, 9),
        "weekly-2@google.com#20261116T090000Z": utc(2026, 11, 16, 9),  # 9 November excluded
        "day-3@google.com": utc(2026, 11, 12, 1),  # 09:00 in Asia/Shanghai, as every all-day event
    }


def test_without_a_known_calendar_zone_floating_times_are_read_in_the_installations(tmp_path):
    for zone_line in ("", "X-WR-TIMEZONE:Mars/Olympus\r\n"):
        assert _starts(tmp_path, zone_line)["late-1@google.com"] == utc(2026, 11, 10, 10, 30)
