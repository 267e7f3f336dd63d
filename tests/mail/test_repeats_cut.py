"""A recurring meeting whose repetitions are cut at a bound is named in the summary with the bound (trial 24: an
event repeating hourly since 1970 became "1000 items read", nothing said). A weekly meeting of ten years (~520)
is under the bound: all read, nothing said."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import translation

from battlemap.io.mail import repeats
from battlemap.mail.services import mail_ingest
from battlemap.mail.services.ingest_summary import summary_of

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)


def _ics(title: str, start: str, rule: str) -> str:
    """One event as Outlook exports it (a VTIMEZONE, the organiser and a customer attendee)."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
        "BEGIN:VEVENT\r\nUID:repeat-1\r\n"
        f"SUMMARY:{title}\r\nDTSTART:{start}\r\nDTEND:{start[:-3]}30Z\r\nRRULE:{rule}\r\n"
        "ORGANIZER;CN=Sam:mailto:sam@ours.example\r\n"
        "ATTENDEE;CN=王建国;PARTSTAT=ACCEPTED:mailto:wjg@guodian.example\r\n"
        "DTSTAMP:20261001T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def _summary(world, tmp_path, ics: str) -> tuple[int, str]:  # noqa: ANN001
    path = tmp_path / "cal.ics"
    path.write_text(ics, newline="")
    with translation.override("en"):
        report = mail_ingest(
            account=world.cn, paths=[path], our_domains=["ours.example"], now=NOW, dry_run=True
        )
        return report.read, summary_of(report)


def test_a_daily_meeting_of_seven_years_keeps_the_latest_and_says_how_many_earlier_were_left_out(
    world, tmp_path
):
    read, summary = _summary(world, tmp_path, _ics("项目日站会", "20200101T010000Z", "FREQ=DAILY"))
    assert read == 1000
    assert (
        "Recurring meetings cut at 1,000 occurrences, the most read of one meeting: the latest kept, the earlier "
        "left out — “项目日站会”: 1,511 earlier left out." in summary
    )


def test_an_hourly_event_since_1970_is_cut_at_the_repeats_looked_at_and_says_up_to_when(
    world, tmp_path, monkeypatch
):
    monkeypatch.setattr(repeats, "MAX_LOOKED_AT", 20_000)  # 200,000 in use: the same rule, faster
    read, summary = _summary(world, tmp_path, _ics("Sync", "19700101T000000Z", "FREQ=HOURLY"))
    assert read == 1000
    assert (
        "Recurring meetings cut at 20,000 repetitions looked at, the most of one meeting (no meeting repeats so "
        "often): the later ones were not read — “Sync”: read up to 1972-04-13." in summary
    )


def test_a_weekly_meeting_of_ten_years_is_read_whole_and_nothing_is_said(world, tmp_path):
    read, summary = _summary(world, tmp_path, _ics("周例会", "20161117T010000Z", "FREQ=WEEKLY"))
    assert read == 522
    assert "Recurring meetings cut" not in summary


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",  # no 30 February: dateutil looked until the year 9999 (14 s)
        "FREQ=HOURLY;BYMONTH=4;BYMONTHDAY=31",  # (2 minutes an event)
        "FREQ=WEEKLY;BYYEARDAY=366;BYMONTH=1",
        "FREQ=MONTHLY;INTERVAL=12;BYMONTH=3",  # from January, every 12 months is never March
        "FREQ=DAILY;INTERVAL=7;BYDAY=TU",  # from a Monday, every 7th day is never a Tuesday
        "FREQ=HOURLY;INTERVAL=168;BYDAY=TU",  # from a Monday, every 168 hours is never a Tuesday
    ],
)
def test_a_rule_that_never_repeats_is_the_meeting_at_its_start_alone(world, tmp_path, rule):
    """A hostile or mistyped rule cannot hold the worker: the event is its DTSTART (RFC 5545), read at once."""
    assert repeats.never_repeats(rule, datetime(2026, 1, 5, 1, 0, tzinfo=UTC))  # a Monday in January
    read, _summary_text = _summary(world, tmp_path, _ics("周会", "20260105T010000Z", rule))
    assert read == 1


@pytest.mark.parametrize(
    "rule",
    ["FREQ=WEEKLY;BYDAY=MO", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
     "FREQ=MONTHLY;INTERVAL=2;BYMONTH=3", "FREQ=DAILY;INTERVAL=7;BYDAY=MO", "FREQ=MONTHLY;BYDAY=+5MO"],
)  # fmt: skip
def test_a_rule_that_repeats_is_kept(rule):
    assert not repeats.never_repeats(rule, datetime(2026, 1, 5, 1, 0, tzinfo=UTC))
