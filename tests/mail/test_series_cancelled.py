"""A recurring meeting's occurrences ingested before are taken back when a later file takes them out of the series:
Outlook's cancellation of the whole series (METHOD:CANCEL, the series' UID, no RECURRENCE-ID, no RRULE) withdraws
those from the cancellation on (its start, or when it was sent if later); a re-export whose rule now ends earlier (UNTIL) or skips a day (EXDATE)
withdraws the occurrences it no longer has. Both had withdrawn nothing: meetings never held stayed contact and
the summary only said "cancelled meetings (1)" (trial s37 h2)."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import translation

from battlemap.core.reasons import reason_text
from battlemap.interactions.models import Interaction
from battlemap.mail.models import MailItem
from battlemap.mail.services.ingest_summary import summary_of
from tests.mail.calendars import ingest_calendar

UID = "040000008200E00074C5B7101A82E00800000000A1B2C3D4E5F6A701000000000000000010000000"
HEAD = "BEGIN:VCALENDAR\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\nVERSION:2.0\n"
PEOPLE = (
    "ORGANIZER;CN=Li Sales:mailto:li.sales@ourco.example\n"
    "ATTENDEE;CN=王建国;PARTSTAT=ACCEPTED:mailto:wang.jg@guodian.example\n"
)
# Mondays 10:00 Shanghai from 5 October: 9 occurrences up to 30 November
SERIES = (
    f"{HEAD}METHOD:REQUEST\nBEGIN:VEVENT\nUID:{UID}\nSEQUENCE:0\nDTSTAMP:20260930T020000Z\n"
    "DTSTART;TZID=Asia/Shanghai:20261005T100000\nDTEND;TZID=Asia/Shanghai:20261005T110000\n"
    f"RRULE:{{rule}}\n{{extra}}SUMMARY:项目周例会\n{PEOPLE}END:VEVENT\nEND:VCALENDAR\n"
)


def _cancel(start: str, sequence: int) -> str:
    """Outlook's cancellation of the whole series: its UID, a higher SEQUENCE, no RECURRENCE-ID, no RRULE."""
    return (
        f"{HEAD}METHOD:CANCEL\nBEGIN:VEVENT\nUID:{UID}\nSEQUENCE:{sequence}\nDTSTAMP:20261113T020000Z\n"
        f"DTSTART;TZID=Asia/Shanghai:{start}\nDTEND;TZID=Asia/Shanghai:20261116T110000\nSTATUS:CANCELLED\n"
        f"SUMMARY:已取消: 项目周例会\n{PEOPLE}END:VEVENT\nEND:VCALENDAR\n"
    )


def _file(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode())
    return path


def _ingest(world, path):
    return ingest_calendar(world, path, datetime(2026, 11, 30, 12, tzinfo=UTC))


def _days(world) -> list[str]:
    meetings = Interaction.objects.filter(account=world.cn, source="calendar").order_by("occurred_at")
    return [f"{m.occurred_at:%m-%d}" for m in meetings]


def _series(world, tmp_path):
    world.cn_boss.email = "wang.jg@guodian.example"
    world.cn_boss.save()
    report = _ingest(
        world, _file(tmp_path, "weekly.ics", SERIES.format(rule="FREQ=WEEKLY;BYDAY=MO", extra=""))
    )
    assert report.interactions == 9


def test_a_series_cancelled_withdraws_its_occurrences_from_the_cancellations_start(world, tmp_path):
    _series(world, tmp_path)
    cancel = _cancel("20261116T100000", 1)
    summary = summary_of(_ingest(world, _file(tmp_path, "cancel.ics", cancel)))
    assert _days(world) == ["10-05", "10-12", "10-19", "10-26", "11-02", "11-09"]
    assert "3 meetings ingested before have been cancelled since" in summary
    assert not MailItem.objects.filter(account=world.cn, uid=f"{UID}#20261116T020000Z").exists()


def test_a_series_deleted_whole_after_it_ran_keeps_the_meetings_held_before_the_cancellation_was_sent(
    world, tmp_path
):
    """Outlook's "Delete the series" cancels from the series' first start (5 October); it was sent on 13 November
    (its DTSTAMP): the six Mondays before were held."""
    _series(world, tmp_path)
    _ingest(world, _file(tmp_path, "cancel.ics", _cancel("20261005T100000", 1)))
    assert _days(world) == ["10-05", "10-12", "10-19", "10-26", "11-02", "11-09"]


def test_a_series_cancelled_with_no_date_of_its_own_withdraws_every_occurrence(world, tmp_path):
    _series(world, tmp_path)
    undated = _cancel("20261005T100000", 1).replace("DTSTAMP:20261113T020000Z\n", "")
    undated = undated.replace("DTSTART;TZID=Asia/Shanghai:20261005T100000\n", "")
    _ingest(world, _file(tmp_path, "cancel.ics", undated))
    assert _days(world) == []


def test_an_older_cancellation_than_the_series_stored_withdraws_nothing(world, tmp_path):
    _series(world, tmp_path)
    newer = SERIES.format(rule="FREQ=WEEKLY;BYDAY=MO", extra="").replace("SEQUENCE:0", "SEQUENCE:3")
    _ingest(world, _file(tmp_path, "again.ics", newer))
    _ingest(world, _file(tmp_path, "cancel.ics", _cancel("20261005T100000", 2)))
    assert len(_days(world)) == 9


def test_a_series_ended_earlier_and_a_day_excluded_since_withdraw_those_occurrences(world, tmp_path):
    _series(world, tmp_path)
    shorter = SERIES.format(
        rule="FREQ=WEEKLY;BYDAY=MO;UNTIL=20261101T000000Z",
        extra="EXDATE;TZID=Asia/Shanghai:20261012T100000\n",
    ).replace("SEQUENCE:0", "SEQUENCE:2")
    summary = summary_of(_ingest(world, _file(tmp_path, "shorter.ics", shorter)))
    assert _days(world) == ["10-05", "10-19", "10-26"]
    # said as what happened: nothing was cancelled, the series lost a day and ended earlier
    assert (
        "6 meetings ingested before are no longer in their recurring series (dates taken out, or the series "
        "ended earlier): their interactions were removed."
    ) in summary
    assert "cancelled" not in summary
    gone = Interaction.history.filter(history_type="-", account_id=world.cn.pk)
    assert {reason_text(h.history_change_reason) for h in gone} == {
        "taken out of its recurring series (calendar ingest)"
    }


def test_a_series_shortened_and_a_series_cancelled_in_one_ingest_are_said_apart(world, tmp_path):
    _series(world, tmp_path)
    other = SERIES.replace(UID, "other-series").replace("SUMMARY:项目周例会", "SUMMARY:月度汇报")
    _ingest(world, _file(tmp_path, "other.ics", other.format(rule="FREQ=WEEKLY;BYDAY=MO", extra="")))
    both = tmp_path / "both"
    both.mkdir()
    shorter = SERIES.format(rule="FREQ=WEEKLY;BYDAY=MO;UNTIL=20261103T000000Z", extra="")
    _file(both, "shorter.ics", shorter.replace("SEQUENCE:0", "SEQUENCE:2"))  # 9, 16, 23, 30 November out
    _file(
        both, "cancel.ics", _cancel("20261116T100000", 1).replace(UID, "other-series")
    )  # 16, 23, 30 November
    with translation.override("zh-hans"):
        summary = summary_of(_ingest(world, both))
    assert "3 个此前导入的会议已被取消" in summary
    assert "4 个此前导入的会议已不在其周期会议系列中" in summary


def test_a_series_read_again_unchanged_keeps_every_occurrence_and_its_moved_one(world, tmp_path):
    _series(world, tmp_path)
    moved = (
        f"BEGIN:VEVENT\nUID:{UID}\nSEQUENCE:1\nDTSTAMP:20261001T020000Z\n"
        "RECURRENCE-ID;TZID=Asia/Shanghai:20261019T100000\nDTSTART;TZID=Asia/Shanghai:20261020T150000\n"
        f"SUMMARY:项目周例会（改期）\n{PEOPLE}END:VEVENT\n"
    )
    again = SERIES.format(rule="FREQ=WEEKLY;BYDAY=MO", extra="").replace(
        "END:VCALENDAR", moved + "END:VCALENDAR"
    )
    _ingest(world, _file(tmp_path, "again.ics", again))
    assert _days(world) == ["10-05", "10-12", "10-20", "10-26", "11-02", "11-09", "11-16", "11-23", "11-30"]
