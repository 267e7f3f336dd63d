"""One event of a calendar that cannot be read (tester: `DTSTART:2026-11-17T09:00:00`, an unquoted
`DTSTART;TZID=GMT+08:00:…`) is named by UID and line, in our words, like any bad file: the run is refused unless
--skip-bad, which ingests the file's other meetings. Before, the library's BrokenCalendarProperty went up as a
traceback on the command line (even with --skip-bad), a 500 from the API and its English text on the web."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from battlemap.io.mail.calendar import NOT_A_DATE_TIME
from battlemap.mail.models import MailItem
from battlemap.mail.services import IngestError
from battlemap.mail.services.ingest_summary import summary_of
from tests import factories as f
from tests.mail.liu import ingest_with_liu

pytestmark = pytest.mark.django_db


def _event(uid: str, *lines: str) -> str:
    body = "\r\n".join(lines)
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\n{body}\r\nORGANIZER:mailto:sam@ourco.example\r\n"
        f"ATTENDEE;CN=Liu:mailto:liujg@t.example\r\nSUMMARY:{uid}\r\nEND:VEVENT\r\n"
    )


def _calendar(folder, *bad: str) -> str:  # noqa: ANN001
    """A calendar of a good meeting, then an event `bad-1` with the `bad` lines (its first line is line 13)."""
    path = folder / "cal.ics"
    path.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
            + _event("good-1", "DTSTART:20261110T010000Z")
            + _event("bad-1", *bad)
            + "END:VCALENDAR\r\n"
        ).encode()
    )
    return str(path)


def _stored(world) -> list[str]:  # noqa: ANN001
    return sorted(m.uid.partition("#")[0] for m in MailItem.objects.filter(account=world.en))


@pytest.mark.parametrize(
    "line", ["DTSTART:2026-11-17T09:00:00", "DTSTART;TZID=GMT+08:00:20261117T090000", "DTSTART:"]
)
def test_an_unreadable_start_refuses_the_run_naming_the_event_and_its_line(world, tmp_path, line):
    with pytest.raises(IngestError) as refused:
        ingest_with_liu(world, _calendar(tmp_path, line))
    message = str(refused.value)
    assert "event 'bad-1' (line 13): DTSTART is not an iCalendar date-time" in message
    assert line in message and "Expected" not in message  # the library's own English is not said
    assert refused.value.bad_files[0].template == NOT_A_DATE_TIME  # translated where it is shown
    assert _stored(world) == []


def test_skip_bad_ingests_the_other_meetings_of_the_file_and_names_the_skipped_event(world, tmp_path):
    report = ingest_with_liu(world, _calendar(tmp_path, "DTSTART:2026-11-17T09:00:00"), skip_bad=True)
    assert _stored(world) == ["good-1"]
    skipped = f"Skipped: {tmp_path}/cal.ics: event 'bad-1' (line 13): DTSTART is not an iCalendar date-time"
    assert skipped in summary_of(
        report
    )  # the path as given (the web's and the API's without the upload folder)


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (("DTSTART:20261111T010000Z", "RRULE:FREQ=BOGUS"), "RRULE"),
        (("DTSTART:20261111T010000Z", "RRULE:FREQ=WEEKLY;UNTIL=garbage"), "RRULE"),
        (("DTSTART:20261111T010000Z", "RRULE:FREQ=DAILY;INTERVAL=0"), "RRULE"),  # repeated its start for ever
        (("DTSTART:20261111T010000Z", "RRULE:FREQ=WEEKLY", "EXDATE:abc"), "EXDATE"),
        (("DTSTART:20261111T010000Z", "RDATE:zz"), "RDATE"),
        (("DTSTART:20261111T010000Z", "RECURRENCE-ID:bad"), "RECURRENCE-ID"),
        (("DTSTART;VALUE=DATE:20261332",), "DTSTART"),
        (("DTSTART:20261111T010000Z", "RRULE:FREQ=SECONDLY"), "RRULE"),  # made the whole file bad
        (("DTSTART:20261111T010000Z", "RRULE:FREQ=MINUTELY;COUNT=5"), "RRULE"),
    ],
)
def test_every_property_a_meeting_is_read_from_makes_its_event_bad_not_a_crash(world, tmp_path, lines, name):
    report = ingest_with_liu(world, _calendar(tmp_path, *lines), skip_bad=True)
    assert _stored(world) == ["good-1"]
    line = 13 + next(n for n, text in enumerate(lines) if text.startswith(name))
    assert f"Skipped: {tmp_path}/cal.ics: event 'bad-1' (line {line}): " in summary_of(report)
    if "SECONDLY" in str(lines) or "MINUTELY" in str(lines):
        assert "not a meeting, it repeats every second or minute: RRULE:FREQ=" in summary_of(report)
    else:
        assert f"(line {line}): {name} " in summary_of(report)


def test_properties_a_meeting_is_not_read_from_are_passed_over_when_broken(world, tmp_path):
    path = _calendar(
        tmp_path, "DTSTART:20261111T010000Z", "DTEND:xx", "DURATION:PXYZ", "SEQUENCE:x", "LAST-MODIFIED:bad"
    )
    report = ingest_with_liu(world, path)
    assert _stored(world) == ["bad-1", "good-1"] and not report.bad_files


def test_the_command_names_the_event_and_skip_bad_ingests_the_rest(world, tmp_path):
    path = _calendar(tmp_path, "DTSTART;TZID=GMT+08:00:20261117T090000")
    f.person(account=world.en, name="Liu Jianguo", email="liujg@t.example")
    arguments = ("mail-ingest", path, "--account", world.en.slug, "--customer-domain", "t.example")
    with pytest.raises(CommandError, match=r"event 'bad-1' \(line 13\).*--skip-bad"):
        call_command(*arguments, "--our-domain", "ourco.example", stdout=StringIO(), stderr=StringIO())
    err = StringIO()
    call_command(*arguments, "--our-domain", "ourco.example", "--skip-bad", stdout=StringIO(), stderr=err)
    # the event was skipped, not the file: its other meeting is read
    assert (
        "skipped an event of " in err.getvalue()
        and "cal.ics: event 'bad-1' (line 13): DTSTART is not" in err.getvalue()
    )
    assert _stored(world) == ["good-1"]


def test_the_api_answers_422_naming_the_event_and_200_with_skip_bad(world, tmp_path):
    from django.test import Client

    from battlemap.users.services import token_create

    data = Path(_calendar(tmp_path, "DTSTART:2026-11-17T09:00:00")).read_bytes()
    token = token_create(user=world.owner, name="test").secret
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}
    client = Client()

    def post(**form):  # noqa: ANN003, ANN202
        upload = SimpleUploadedFile("cal.ics", data, content_type="text/calendar")
        body = {"files": upload, "dry_run": "true", "our_domains": "ourco.example", **form}
        return client.post("/api/accounts/guodian/mail/ingest", body, headers=headers)

    response = post()
    assert response.status_code == 422, response.content
    error = response.json()["errors"][0]
    assert error["field"] == "files" and "event 'bad-1' (line 13)" in error["message"]
    response = post(skip_bad="true")
    assert response.status_code == 200, response.content
    assert response.json()["read"] == 1
    assert "event 'bad-1' (line 13)" in response.json()["bad_files"][0]["reason"]


@pytest.mark.parametrize(
    "start",
    ["DTSTART;TZID=Asia/Shanghai:00010101T000000", "DTSTART;VALUE=DATE:00010101", "DTSTART:30000101T000000Z"],
)
def test_a_start_outside_the_years_the_map_keeps_is_no_date_not_a_failed_write(world, tmp_path, start):
    report = ingest_with_liu(world, _calendar(tmp_path, start))
    assert _stored(world) == ["bad-1", "good-1"]
    assert report.interactions == 1 and report.skipped["no_date"] == 1
    assert "without a date (1)" in summary_of(report)


def test_a_message_of_year_one_is_without_a_date_and_one_of_year_3000_in_the_future(world, tmp_path):
    for number, date in enumerate(["0001-01-01 09:00:00 +0000", "Wed, 1 Jan 3000 09:00:00 +0000"]):
        (tmp_path / f"m{number}.eml").write_text(
            f"From: Liu <liujg@t.example>\nTo: sam@ourco.example\nSubject: s{number}\nDate: {date}\n"
            f"Message-ID: <y{number}@t.example>\n\nhi\n",
            encoding="utf-8",
        )
    report = ingest_with_liu(world, str(tmp_path))
    assert report.skipped["no_date"] == 1 and report.skipped["future"] == 1 and report.interactions == 0


def test_a_calendar_of_a_thousand_bad_events_is_refused_in_a_message_naming_ten(world, tmp_path):
    path = tmp_path / "cal.ics"
    events = "".join(
        _event(f"bad-{i}", "DTSTART:20261111T010000Z", "RRULE:FREQ=SECONDLY") for i in range(1000)
    )
    path.write_bytes(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n".encode())
    with pytest.raises(IngestError) as refused:
        ingest_with_liu(world, str(path))
    message = str(refused.value)
    assert "event 'bad-0' (line 6): not a meeting" in message and "and 990 more" in message
    assert len(message) < 3000 and len(refused.value.bad_files) == 1000  # each is kept, ten are said
    report = ingest_with_liu(world, str(path), skip_bad=True)
    assert "and 990 more" in summary_of(report) and len(summary_of(report)) < 4000
