"""`battlemap mail-infer` counts what was ingested as the mail page does — a tester saw "m12: 1 messages and
meetings" over three ingested, beside a person with "only 3 messages seen" — and says each count in good
English (1 message, 2 meetings) and in Chinese."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from battlemap.mail.services import mail_ingest

pytestmark = pytest.mark.django_db

MAIL = (
    "From: Li Ming <li.ming@guodian.example>\r\nTo: Wang Jianguo <wang.jg@guodian.example>\r\n"
    "Subject: budget\r\nDate: Mon, 02 Nov 2026 10:00:00 +0800\r\nMessage-ID: <m1@guodian.example>\r\n\r\n"
    "See the budget.\r\n"
)


def _ingest(account, tmp_path) -> None:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:m{i}\r\nDTSTART:2026110{i}T020000Z\r\nSUMMARY:Review {i}\r\n"
        "ORGANIZER:mailto:alice@ours.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:li.ming@guodian.example\r\n"
        "END:VEVENT\r\n"
        for i in (3, 4)
    )
    (tmp_path / "ours.ics").write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")
    (tmp_path / "budget.eml").write_text(MAIL)
    mail_ingest(
        account=account, paths=[tmp_path], our_domains=["ours.example"], customer_domains=["guodian.example"]
    )


def _first_line(world, language: str) -> str:
    out = StringIO()
    with translation.override(language):
        call_command("mail-infer", world.cn.slug, stdout=out)
    return out.getvalue().splitlines()[0]


def test_it_counts_every_message_and_meeting_ingested_in_good_english(world, tmp_path):
    _ingest(world.cn, tmp_path)
    assert _first_line(world, "en") == (
        "guodian: 1 message and 2 meetings ingested; seniority and reporting lines are read from the 1 item "
        "sent by the customer's own people."
    )


def test_it_says_the_same_in_chinese(world, tmp_path):
    _ingest(world.cn, tmp_path)
    assert _first_line(world, "zh-hans") == (
        "guodian：已导入邮件 1 封、会议 2 场；职级和汇报关系依据其中由客户方人员发出的 1 条推断。"
    )
