"""An attendee whose calendar address is no `mailto:` but who carries RFC 7986's EMAIL parameter — as iCloud and
CalDAV servers write their own users, `EMAIL=…:urn:uuid:…` — was left out of the meeting: a meeting with the
decision maker written so made no interaction ("nobody from the customer's domains", trial s37 h2)."""

from __future__ import annotations

from datetime import UTC, datetime

from battlemap.interactions.models import Interaction
from battlemap.mail.services import mail_ingest

ICLOUD = (
    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Apple Inc.//iCloud 2.0//EN\nBEGIN:VEVENT\nUID:icloud-1\n"
    "DTSTART;TZID=Asia/Shanghai:20261125T100000\nDTEND;TZID=Asia/Shanghai:20261125T110000\n"
    "DTSTAMP:20261101T000000Z\nSUMMARY:方案评审\n"
    'ORGANIZER;CN="Li Sales";EMAIL="li.sales@ourco.example":urn:uuid:0f1e2d3c-0000-0000-0000-000000000001\n'
    'ATTENDEE;CN="王建国";CUTYPE=INDIVIDUAL;EMAIL="Wang.JG@Guodian.example";PARTSTAT=ACCEPTED:\n'
    " urn:uuid:0f1e2d3c-0000-0000-0000-000000000002\n"
    'ATTENDEE;CN="李明";PARTSTAT=ACCEPTED:/aMTIzNDU2Nzg5/principal/\n'
    "END:VEVENT\nEND:VCALENDAR\n"
)


def test_an_attendee_named_by_the_email_parameter_is_met(world, tmp_path):
    world.cn_boss.email = "wang.jg@guodian.example"
    world.cn_boss.save()
    path = tmp_path / "评审.ics"
    path.write_bytes(ICLOUD.replace("\n", "\r\n").encode())
    report = mail_ingest(
        account=world.cn,
        paths=[path],
        our_domains=["ourco.example"],
        customer_domains=["guodian.example"],
        now=datetime(2026, 11, 30, tzinfo=UTC),
    )
    assert report.interactions == 1
    (meeting,) = Interaction.objects.filter(account=world.cn)
    assert [p.person.name for p in meeting.participants.all()] == ["王建国"]
