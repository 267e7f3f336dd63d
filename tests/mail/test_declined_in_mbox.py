"""A declined invitation's answer in an mbox read headers only — the default of the upload, the API and
`mail-ingest` — was counted as contact: `is_declined_reply` needs the calendar in the body, and the headers-only
reader kept no body (an .eml was read whole, so the answer was automatic there; review h4 #6 follow-up)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from battlemap.interactions.models import Interaction
from battlemap.io.mail.messages import read_mbox
from battlemap.mail.services import mail_ingest
from tests import factories as f
from tests.mail.test_not_people import CALENDAR, HEAD

SENDER = "From zhao.lei@jnjm.example Wed Oct 14 10:00:00 2026\nFrom: zhao.lei@jnjm.example\n"


def _answer(n: str, answer: str, alone: bool) -> str:
    head = SENDER + "To: wu.xiaoming@ourco.example\nSubject: Re: MES\n" + HEAD.format(n=n)
    if alone:
        return (
            head
            + 'Content-Type: text/calendar; charset="utf-8"; method=REPLY\n\n'
            + CALENDAR.format(answer=answer)
        )
    return (
        head + 'Content-Type: multipart/alternative; boundary="B"\n\n--B\nContent-Type: text/plain\n\nno\n'
        "--B\nContent-Type: text/calendar; method=REPLY\n\n" + CALENDAR.format(answer=answer) + "--B--\n"
    )


@pytest.mark.parametrize("alone", [True, False])
def test_a_declined_answer_in_an_mbox_read_headers_only_is_automatic(tmp_path, alone):
    path = tmp_path / "answers.mbox"
    path.write_text(
        _answer("d", "DECLINED", alone) + "\n" + _answer("a", "ACCEPTED", alone) + "\n", encoding="utf-8"
    )
    assert [r.automatic for r in read_mbox(path)] == [True, False]
    assert [r.automatic for r in read_mbox(path, bodies=True)] == [True, False]


def test_a_long_multipart_body_is_let_go_and_its_headers_still_read(tmp_path):
    path = tmp_path / "long.mbox"
    attachment = "--B\nContent-Type: application/pdf\n\n" + ("A" * 76 + "\n") * 20_000 + "--B--\n"
    path.write_text(
        SENDER
        + "To: wu.xiaoming@ourco.example\nSubject: offer\n"
        + HEAD.format(n="long")
        + 'Content-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: text/plain\n\nsee\n'
        + attachment,
        encoding="utf-8",
    )
    (record,) = read_mbox(path)
    assert (record.subject, record.automatic, record.sender.email) == (
        "offer",
        False,
        "zhao.lei@jnjm.example",
    )


@pytest.mark.django_db
def test_a_declined_answer_uploaded_in_an_mbox_is_no_contact(world, tmp_path):
    account = f.account(owner=world.owner, slug="jnjm", name="JNJM")
    path = tmp_path / "answers.mbox"
    path.write_text(_answer("d", "DECLINED", False) + "\n", encoding="utf-8")
    report = mail_ingest(
        account=account,
        paths=[path],
        our_domains=["ourco.example"],
        customer_domains=["jnjm.example"],
        now=datetime(2026, 11, 30, tzinfo=UTC),
    )
    assert report.skipped["automatic"] == 1
    assert not Interaction.objects.filter(account=account).exists()


def test_a_message_after_an_answer_is_read_as_itself(tmp_path):
    path = tmp_path / "two.mbox"
    path.write_text(
        _answer("d", "DECLINED", True) + "\n" + SENDER + "To: wu.xiaoming@ourco.example\nSubject: next\n",
        encoding="utf-8",
    )
    assert [(r.subject, r.automatic) for r in read_mbox(path)] == [("Re: MES", True), ("next", False)]
