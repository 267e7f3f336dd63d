"""A message dated in the future is a wrong date, not a contact (tester: an .mbox message `Date: 1 Jan 2029` from
us to a customer person became an interaction of 2029-01-01, and the accounts list showed it as the account's
last contact, hiding that the account had gone stale). Meetings in a calendar are scheduled ahead: they stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from battlemap.interactions.models import Interaction
from battlemap.mail.models import MailItem
from battlemap.mail.services import mail_ingest
from battlemap.mail.services.ingest_summary import summary_of
from tests import factories as f

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 19, 30, tzinfo=UTC)


def _message(number: int, date: str, subject: str) -> str:
    return (
        "From MAILER-DAEMON Tue Dec  1 19:31:37 2026\n"
        f"From: sam@ourco.example\nTo: 孙丽 <sun.li@cs.example>\nSubject: {subject}\n"
        f"Date: {date}\nMessage-ID: <m{number}@ourco.example>\n\n见附件。\n\n"
    )


def _mbox(folder, *messages: str):  # noqa: ANN001, ANN202
    path = folder / "mix.mbox"
    path.write_text("".join(messages), encoding="utf-8")
    return path


def _ingest(world, path, **options):  # noqa: ANN001, ANN202
    f.person(account=world.en, name="孙丽", email="sun.li@cs.example")
    return mail_ingest(
        account=world.en,
        paths=[path],
        our_domains=["ourco.example"],
        customer_domains=["cs.example"],
        now=NOW,
        **options,
    )


def test_a_message_dated_in_the_future_is_no_interaction_and_the_summary_names_it(world, tmp_path):
    path = _mbox(
        tmp_path,
        _message(1, "Fri, 20 Nov 2026 09:00:00 +0800", "报价"),
        _message(2, "Mon, 01 Jan 2029 09:00:00 +0800", "未来日期的邮件"),
    )
    report = _ingest(world, path)
    assert report.interactions == 1 and report.skipped["future"] == 1
    days = [i.occurred_at.year for i in Interaction.objects.filter(account=world.en, source="mail")]
    assert days == [2026]
    assert not MailItem.objects.filter(
        account=world.en, occurred_at__year=2029
    ).exists()  # nor read by inference
    summary = summary_of(report)
    assert "dated in the future (not ingested) (1)" in summary
    assert '"未来日期的邮件" of 2029-01-01 from sam@ourco.example' in summary
    again = _ingest(world, path)  # said again, not "already ingested"
    assert again.skipped["future"] == 1 and again.skipped["duplicate"] == 1


def test_a_message_within_a_day_of_now_is_ingested(world, tmp_path):
    """A sender's clock a few hours ahead, or a time zone east of ours: not the future yet."""
    path = _mbox(tmp_path, _message(1, "Wed, 02 Dec 2026 07:00:00 +0800", "明早的邮件"))  # 23:00 UTC today
    report = _ingest(world, path)
    assert report.interactions == 1 and not report.future


def test_a_meeting_scheduled_in_the_future_stays(world, tmp_path):
    start = NOW + timedelta(days=30)
    ics = tmp_path / "next.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:next@ourco.example\r\n"
        f"DTSTART:{start:%Y%m%dT%H%M%SZ}\r\nSUMMARY:方案评审\r\nORGANIZER:mailto:sam@ourco.example\r\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sun.li@cs.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    report = _ingest(world, ics)
    assert report.interactions == 1 and not report.future
    assert Interaction.objects.get(account=world.en, source="calendar").occurred_at == start
