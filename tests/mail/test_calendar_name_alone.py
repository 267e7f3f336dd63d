"""An organiser or attendee written with a name and no address — `CN=王建国:urn:uuid:…` or an empty `mailto:`, as
Feishu, DingTalk and WeCom may write their own users — is matched by name to the one person on the map who bears it,
as an Exchange address without SMTP is. It had been dropped: a meeting with the decision maker written so made no
interaction and the summary said "nobody from the customer's domains" (trial s37 h2). A name that no one person
bears (nobody, or two people) is attached to no one, and the summary names it."""

from __future__ import annotations

from datetime import UTC, datetime

from battlemap.interactions.models import Interaction
from battlemap.mail.services.ingest_summary import summary_of
from tests import factories as f
from tests.mail.calendars import ingest_calendar

FEISHU = (
    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Feishu//Calendar//CN\nBEGIN:VEVENT\nUID:feishu-1\n"
    "DTSTART;TZID=Asia/Shanghai:20261125T140000\nDTEND;TZID=Asia/Shanghai:20261125T150000\n"
    "DTSTAMP:20261120T000000Z\nSUMMARY:方案评审\n"
    "ORGANIZER;CN=Li Sales:mailto:li.sales@ourco.example\n"
    "{attendees}END:VEVENT\nEND:VCALENDAR\n"
)


def _ingest(world, tmp_path, *attendees: str):
    path = tmp_path / "评审.ics"
    path.write_bytes(FEISHU.format(attendees="".join(attendees)).replace("\n", "\r\n").encode())
    report = ingest_calendar(world, path, datetime(2026, 11, 30, tzinfo=UTC))
    return report, summary_of(report)


def _met(world) -> list[str]:
    return [p.person.name for m in Interaction.objects.filter(account=world.cn) for p in m.participants.all()]


def test_an_attendee_with_a_name_and_a_urn_is_the_person_of_that_name(world, tmp_path):
    world.cn_boss.email = "wang.jg@guodian.example"
    world.cn_boss.save()
    report, summary = _ingest(
        world,
        tmp_path,
        "ATTENDEE;CN=王建国;PARTSTAT=ACCEPTED:urn:uuid:6f1c2a4e-0000-0000-0000-000000000001\n",
    )
    assert report.interactions == 1 and _met(world) == ["王建国"]
    assert "nobody from the customer" not in summary


def test_an_attendee_with_a_name_and_an_empty_mailto_is_the_person_of_that_name(world, tmp_path):
    world.cn_boss.email = "wang.jg@guodian.example"
    world.cn_boss.save()
    report, _summary = _ingest(world, tmp_path, 'ATTENDEE;CN="王建国";PARTSTAT=ACCEPTED:mailto:\n')
    assert report.interactions == 1 and _met(world) == ["王建国"]


def test_a_name_of_nobody_or_of_two_people_is_attached_to_no_one_and_said(world, tmp_path):
    f.person(account=world.cn, name="李强", email="li.qiang@guodian.example")
    f.person(account=world.cn, name="李强", email="li.qiang2@guodian.example")
    report, summary = _ingest(
        world,
        tmp_path,
        "ATTENDEE;CN=李强;PARTSTAT=ACCEPTED:urn:uuid:6f1c2a4e-0000-0000-0000-000000000002\n",
        "ATTENDEE;CN=赵六;PARTSTAT=ACCEPTED:mailto:\n",
    )
    assert report.interactions == 0 and _met(world) == []
    assert "nobody from the customer" not in summary
    assert "2 calendar attendees have a name but no e-mail address" in summary
    assert "李强; 赵六" in summary
