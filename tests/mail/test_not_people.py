"""Mail no person wrote to us, and names that are no names (review h4 #4, #6, #7, #9): a list's address and a
relay's "X via Y", a group mailbox's bulk notices, read receipts, a declined invitation's answer, 【自动回复】,
a malformed encoded word."""

from __future__ import annotations

from pathlib import Path

import pytest

from battlemap.io.mail.messages import read_eml

HEAD = "Date: Wed, 14 Oct 2026 18:00:00 +0800\nMessage-ID: <{n}@jnjm.example>\n"


def _read(tmp_path: Path, text: str, n: str = "m1"):  # noqa: ANN202
    path = tmp_path / f"{n}.eml"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return read_eml(path)


def test_a_relayed_list_message_is_from_the_person_in_reply_to(tmp_path):
    record = _read(
        tmp_path,
        "From: =?utf-8?B?5byg5LyfIHZpYSBNRVPpobnnm67nu4Q=?= <mes-project@jnjm.example>\n"  # 张伟 via MES项目组
        "Reply-To: =?utf-8?B?5byg5Lyf?= <zhang.wei@jnjm.example>\n"
        "To: MES <mes-project@jnjm.example>\nCc: wu.xiaoming@ourco.example\n"
        "List-Id: MES project <mes-project.jnjm.example>\nPrecedence: list\nSubject: minutes\n"
        + HEAD.format(n="list1")
        + "\nhi\n",
    )
    assert (record.sender.email, record.sender.name) == ("zhang.wei@jnjm.example", "张伟")
    assert [a.email for a in record.recipients] == ["wu.xiaoming@ourco.example"]
    assert not record.automatic


def test_a_group_mailboxs_bulk_notice_is_automatic(tmp_path):
    record = _read(
        tmp_path,
        "From: it-all@jnjm.example\nTo: it-all@jnjm.example\nPrecedence: bulk\nSubject: maintenance\n"
        + HEAD.format(n="bulk")
        + "\nx\n",
    )
    assert record.automatic


def test_a_read_receipt_is_automatic(tmp_path):
    record = _read(
        tmp_path,
        "From: zhao.lei@jnjm.example\nTo: wu.xiaoming@ourco.example\nSubject: =?utf-8?b?5bey6K+7OiBNRVPmiqXku7c=?=\n"
        + HEAD.format(n="rr")
        + 'MIME-Version: 1.0\nContent-Type: multipart/report; report-type=disposition-notification; boundary="B"\n\n'
        "--B\nContent-Type: text/plain\n\nread\n--B\nContent-Type: message/disposition-notification\n\n"
        "Disposition: automatic-action/MDN-sent-automatically; displayed\n--B--\n",
    )
    assert record.automatic


CALENDAR = (
    "BEGIN:VCALENDAR\nMETHOD:REPLY\nVERSION:2.0\nBEGIN:VEVENT\nUID:mes-1@ourco.example\n"
    "DTSTART:20261210T020000Z\nORGANIZER:mailto:wu.xiaoming@ourco.example\n"
    "ATTENDEE;PARTSTAT={answer};CN=Zhao:mailto:zhao.lei@jnjm.example\nEND:VEVENT\nEND:VCALENDAR\n"
)


@pytest.mark.parametrize(("answer", "automatic"), [("DECLINED", True), ("ACCEPTED", False)])
def test_a_declined_invitations_answer_is_no_contact(tmp_path, answer, automatic):
    alone = _read(
        tmp_path,
        "From: zhao.lei@jnjm.example\nTo: wu.xiaoming@ourco.example\nSubject: Re: MES\n"
        + HEAD.format(n="d1")
        + 'Content-Type: text/calendar; charset="utf-8"; method=REPLY\n\n'
        + CALENDAR.format(answer=answer),
        "d1",
    )
    part = _read(
        tmp_path,
        "From: zhao.lei@jnjm.example\nTo: wu.xiaoming@ourco.example\nSubject: Re: MES\n"
        + HEAD.format(n="d2")
        + 'Content-Type: multipart/alternative; boundary="B"\n\n--B\nContent-Type: text/plain\n\nno\n'
        "--B\nContent-Type: text/calendar; method=REPLY\n\n" + CALENDAR.format(answer=answer) + "--B--\n",
        "d2",
    )
    assert (alone.automatic, part.automatic) == (automatic, automatic)


@pytest.mark.parametrize("subject", ["【自动回复】OurCo MES方案沟通", "[自动回复] MES"])
def test_a_bracketed_auto_reply_subject_is_automatic(tmp_path, subject):
    record = _read(
        tmp_path,
        f"From: sun.ting@jnjm.example\nTo: a@ourco.example\nSubject: {subject}\n" + HEAD.format(n="o"),
    )
    assert record.automatic


# a relay's name without a Reply-To to relay for, and a malformed encoded word: no name (the local part is used)
NO_NAMES = ("Amy Wu via Sales <sales@jnjm.example>", "=?GBK?B?wO7Ey*?= <li.na@jnjm.example>")


def test_a_relay_name_alone_and_a_malformed_encoded_word_are_no_names(tmp_path):
    named = [
        _read(tmp_path, f"From: {sender}\nTo: a@ourco.example\n" + HEAD.format(n=i), f"n{i}").sender.name
        for i, sender in enumerate(NO_NAMES)
    ]
    assert named == ["", ""]
