"""Issue #14, kinds 1, 6 and 7 at the parser: the real-world files of tests/fixtures/realworld and cases of
our own that differ from them."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from battlemap.io.mail import parse_paths
from battlemap.io.mail.calendar import unfold
from battlemap.io.mail.exchange import exchange_smtp, is_relay
from battlemap.io.mail.header_dates import parse_date

REALWORLD = Path(__file__).resolve().parent.parent / "fixtures" / "realworld"
NOW = datetime(2026, 11, 30, tzinfo=UTC)
SHANGHAI = timezone(timedelta(hours=8))


def _records(path: Path, **options):
    result = parse_paths([path], **options)
    assert not result.bad_files, result.bad_files
    return result.records


def _no_mojibake(text: str) -> bool:
    return "=?" not in text and not any("\x80" <= ch <= "\xff" for ch in text)


# ---- kind 1: encodings of mail headers and calendars ----


def test_gb2312_labelled_gbk_words_and_raw_gbk_headers_are_decoded():
    records = _records(REALWORLD / "11_cn_header_encodings.mbox")
    names = [r.sender.name for r in records]
    assert names == ["王喆", "李娜", "欧阳明远", "陈婧"]
    assert [r.subject for r in records] == ["关于平台采购预算", "合同审批进度", "Re: pilot scope", "会议纪要"]
    assert all(_no_mojibake(r.sender.name + r.subject) for r in records)


def _mbox(path: Path, *messages: bytes) -> Path:
    path.write_bytes(
        b"".join(b"From x@y.example Mon Jun  3 09:00:00 2024\n" + m + b"\n\nbody\n\n" for m in messages)
    )
    return path


def test_other_header_encodings_big5_raw_utf8_quoted_words_and_q_encoding(tmp_path):
    word = base64.b64encode("張偉".encode("big5")).decode()
    path = _mbox(
        tmp_path / "mixed.mbox",
        # raw Big5, named only by the body's charset
        "From: 陳志明 <chen@tw.example>\nTo: a@ours.example\nContent-Type: text/plain; charset=big5\n"
        "Subject: 報價單".encode("big5"),
        # raw UTF-8, and an encoded word inside quotes (not allowed, written by many mailers)
        f'From: "=?big5?B?{word}?=" <zhang@tw.example>\nTo: a@ours.example\nSubject: 方案 review'.encode(),
        # Q-encoding labelled gb2312 with a GBK-only character (喆)
        b"From: =?GB2312?Q?=CD=F5=86=B4?= <w@cn.example>\nTo: a@ours.example\nSubject: =?gbk?Q?=BB=E1=D2=E9?=",
    )
    records = _records(path)
    assert [r.sender.name for r in records] == ["陳志明", "張偉", "王喆"]
    assert [r.subject for r in records] == ["報價單", "方案 review", "会议"]


def test_an_icalendar_fold_inside_a_multibyte_character_is_unfolded_on_bytes(tmp_path):
    name = "欧阳明远".encode()
    line = b"ATTENDEE;CN=" + name + b";PARTSTAT=ACCEPTED:mailto:ouyang@cn.example"
    folded = line[:14] + b"\r\n " + line[14:]  # cuts 欧 (3 bytes) after its first byte
    assert unfold(folded) == line
    path = tmp_path / "folded.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:f1\r\nDTSTART:20260105T020000Z\r\n"
        b"ORGANIZER:mailto:a@ours.example\r\n" + folded + b"\r\nSUMMARY:\xe6\x96\xb9\xe6\xa1\x88\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (meeting,) = _records(path, now=NOW)
    assert meeting.to[0].name == "欧阳明远" and meeting.subject == "方案"


# ---- kind 6: mail archives ----


def test_exchange_x500_and_imceaex_addresses_are_never_relay_addresses():
    records = _records(REALWORLD / "12_exchange_x500.mbox")
    domains = {a.domain for r in records for a in r.participants}
    assert domains == {"ourco.example", "hdny.example"}
    assert records[0].sender is None and records[0].unresolved == (
        ("from", "Zhou, Min", "zhoumin"),
        ("cc", "Xu, Lei", "xulei"),
    )
    assert records[1].unresolved == (("to", "Zhou, Min", "zhoumin"), ("cc", "Xu, Lei", "xulei"))
    assert records[2].sender.email == "xu.lei@hdny.example"


def test_exchange_forms_that_carry_an_address_are_decoded():
    assert (
        exchange_smtp("IMCEASMTP-li+2Ena+40hdny+2Eexample@eurprd04.prod.outlook.com") == "li.na@hdny.example"
    )
    assert exchange_smtp("/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=wang.fang@hdny.example") == (
        "wang.fang@hdny.example"
    )
    assert exchange_smtp("imceaex-_o=org_cn=recipients_cn=abc-zhoumin@namprd01.prod.outlook.com") == ""
    assert exchange_smtp("bounce@apc01.safelinks.protection.outlook.com") == ""
    assert exchange_smtp("someone@outlook.com") is None  # a consumer address, not a relay
    assert is_relay("mail.exchangelabs.com") and not is_relay("hdny.example")


def test_an_imceasmtp_recipient_becomes_its_address(tmp_path):
    path = _mbox(
        tmp_path / "smtp.mbox",
        b'From: Sam <sam@ours.example>\nTo: "Li Na" <IMCEASMTP-li+2Ena+40hdny+2Eexample@APCPR01.PROD.OUTLOOK.COM>\n'
        b"Cc: Ops </O=ORG/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=OPS>\nSubject: x",
    )
    (record,) = _records(path)
    assert [a.email for a in record.to] == ["li.na@hdny.example"] and record.unresolved == (
        ("cc", "Ops", "ops"),
    )


def test_mbox_quirks_from_lines_missing_dates_and_reused_ids():
    records = _records(REALWORLD / "13_mbox_quirks.mbox", bodies=True, zone=SHANGHAI)
    assert [r.uid for r in records] == [
        "q1@hdny.example",
        "q2@ourco.example",
        "q3@hdny.example",
        "q4@hdny.example",
        "1234@localhost",
        "1234@localhost",
    ]
    assert records[1].occurred_at == datetime(2024, 6, 4, 10, 0, tzinfo=UTC)
    assert records[1].date_from == "from_line"
    assert records[2].occurred_at == datetime(
        2024, 6, 5, 14, 30, tzinfo=SHANGHAI
    )  # no zone: read in TIME_ZONE
    assert records[3].occurred_at == datetime(2024, 7, 17, 11, 46, 37, tzinfo=UTC)
    assert records[4].occurred_at != records[5].occurred_at


def test_non_rfc_dates_are_read_only_when_unambiguous():
    assert parse_date("2024/6/5 14:30 +0800") == datetime(2024, 6, 5, 14, 30, tzinfo=SHANGHAI)
    assert parse_date("2024-06-05T14:30:00", SHANGHAI) == datetime(2024, 6, 5, 14, 30, tzinfo=SHANGHAI)
    assert parse_date("Mon, 3 Jun 2024 09:15:00", SHANGHAI) == datetime(2024, 6, 3, 9, 15, tzinfo=SHANGHAI)
    assert parse_date("Mon, 3 Jun 2024 09:15:00 -0000", SHANGHAI) == datetime(2024, 6, 3, 9, 15, tzinfo=UTC)
    assert parse_date("03/11/2024 10:00") is None  # 3 November or 11 March: never guessed
    assert parse_date("Wed, 17 Jul 2024 11:46:37 +0000 (GMT+00:00)") == datetime(
        2024, 7, 17, 11, 46, 37, tzinfo=UTC
    )


def test_a_from_body_line_that_looks_like_a_separator_splits_only_when_it_is_one(tmp_path):
    path = tmp_path / "own.mbox"
    path.write_bytes(
        b"From a@cn.example Mon Jun  3 09:00:00 2024\nFrom: A <a@cn.example>\nTo: s@ours.example\n"
        b"Subject: one\nDate: garbage\n\nhello\n\nFrom the desk of A: see below\nFrom a@cn.example\n\n"
        b"From b@cn.example Tue Jun  4 08:30 +0800 2024\nFrom: B <b@cn.example>\nTo: s@ours.example\n"
        b"Subject: two\n\nbody\n"
    )
    records = _records(path, bodies=True)
    assert [r.subject for r in records] == ["one", "two"]
    assert records[0].occurred_at == datetime(2024, 6, 3, 9, 0, tzinfo=UTC)  # unreadable Date: the From line
    assert records[1].occurred_at == datetime(2024, 6, 4, 8, 30, tzinfo=UTC)


# ---- kind 7: calendar semantics ----


def test_outlook_calendar_recurrences_declines_and_cancellations():
    records = _records(REALWORLD / "14b_outlook_calendar_2026.ics", now=NOW)
    weekly = [r for r in records if r.subject.startswith("Weekly")]
    # Mondays 1 June … 23 November 2026 (30 November 10:00 in Shanghai is after NOW)
    assert len(weekly) == 26 and len({r.uid for r in weekly}) == 26
    assert weekly[0].occurred_at.astimezone(UTC) == datetime(2026, 6, 1, 2, 0, tzinfo=UTC)
    assert weekly[-1].occurred_at.astimezone(UTC) == datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    briefing = next(r for r in records if r.subject.startswith("Executive"))
    assert [a.email for a in briefing.to] == ["zhang.wei@hdny.example"]
    assert [a.email for a in briefing.declined] == ["liu.jg@hdny.example"]
    cancelled = {r.subject for r in records if r.status == "cancelled"}
    assert cancelled == {"Canceled: Procurement kickoff", "Contract review"}


CALENDAR = """BEGIN:VCALENDAR\r
VERSION:2.0\r
{method}BEGIN:VEVENT\r
UID:daily-1\r
DTSTART:20260105T090000\r
RRULE:FREQ=DAILY;COUNT=5\r
EXDATE:20260107T090000\r
ORGANIZER:mailto:sam@ours.example\r
ATTENDEE;PARTSTAT=ACCEPTED;CN=张伟:mailto:zw@cn.example\r
ATTENDEE;PARTSTAT=TENTATIVE;CN=王芳:mailto:wf@cn.example\r
ATTENDEE;CUTYPE=ROOM;CN=Room 1:mailto:room1@cn.example\r
SUMMARY:站会\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:daily-1\r
RECURRENCE-ID:20260106T090000\r
DTSTART:20260106T150000\r
ORGANIZER:mailto:sam@ours.example\r
ATTENDEE;PARTSTAT=ACCEPTED:mailto:zw@cn.example\r
SUMMARY:站会（改到下午）\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:other\r
DTSTART:20260110T090000Z\r
ORGANIZER:mailto:sam@ours.example\r
ATTENDEE:mailto:zw@cn.example\r
SUMMARY:已取消：方案评审\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_own_calendar_exdate_moved_occurrence_tentative_rooms_and_a_full_width_cancel_title(tmp_path):
    path = tmp_path / "own.ics"
    path.write_text(CALENDAR.format(method=""), encoding="utf-8")
    records = _records(path, now=NOW, zone=SHANGHAI)
    standups = sorted((r for r in records if r.uid.startswith("daily-1")), key=lambda r: r.occurred_at)
    # 5, 6 (moved to 15:00), 8, 9 January; the 7th is excluded
    assert [(r.occurred_at.day, r.occurred_at.hour) for r in standups] == [(5, 9), (6, 15), (8, 9), (9, 9)]
    first = standups[0]
    assert [a.email for a in first.to] == ["zw@cn.example"]  # not the tentative one, not the room
    assert [a.email for a in first.tentative] == ["wf@cn.example"]
    assert next(r for r in records if r.uid == "other").status == "cancelled"


def test_a_cancel_calendar_cancels_every_event_and_recurrences_stop_at_now(tmp_path):
    path = tmp_path / "cancel.ics"
    path.write_text(CALENDAR.format(method="METHOD:CANCEL\r\n"), encoding="utf-8")
    assert {r.status for r in _records(path, now=NOW)} == {"cancelled"}
    path.write_text(CALENDAR.format(method="").replace("COUNT=5", "COUNT=500"), encoding="utf-8")
    early = [r for r in _records(path, now=datetime(2026, 1, 12, tzinfo=UTC)) if r.uid.startswith("daily-1")]
    assert max(r.occurred_at for r in early) < datetime(2026, 1, 12, tzinfo=UTC)
