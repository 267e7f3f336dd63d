"""Activity-log CSVs of issue #14 (16a, 16b and cases of our own): the one decoder, dates in every form with
the day-month order decided by the whole file, never guessed; future activities refused; TIME_ZONE."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from battlemap.io.mail.activity_csv import read_activity_csv
from battlemap.io.mail.messages import MailFormatError

HERE = Path(__file__).parent / "realworld"
NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _read(path: Path, **kw):
    return list(read_activity_csv(path, now=kw.pop("now", NOW), zone=kw.pop("zone", SHANGHAI), **kw))


def _write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_16a_gbk_log_is_decoded_and_times_are_read_in_time_zone():
    records = _read(HERE / "16a_activity_log_gbk.csv")
    assert [r.subject for r in records] == ["方案澄清会议纪要", "报价单（第二版）", "电话沟通：预算审批"]
    assert records[0].sender.name == "孙悦" and [a.name for a in records[1].to] == ["孙悦", "周敏"]
    assert records[0].occurred_at == datetime(2026, 11, 2, 10, 0, tzinfo=SHANGHAI)
    assert records[0].occurred_at.astimezone(UTC).hour == 2
    assert records[2].kind == "call"


def test_16b_uk_task_export_is_read_day_first():
    records = _read(HERE / "16b_sf_tasks_en_gb.csv")
    # 12/11/2026 month first would be 11 December, after today: only day first fits every row
    assert [r.occurred_at.date() for r in records] == [
        date(2026, 11, 3),
        date(2026, 11, 9),
        date(2026, 11, 12),
    ]
    assert [r.kind for r in records] == ["call", "email", "call"]
    # a day with no time is an all-day activity, the same day read in UTC (its midnight in Shanghai was the
    # day before there); the timed rows of 16a are not
    assert all(r.all_day for r in records)
    assert [r.occurred_at.astimezone(UTC).date() for r in records] == [r.occurred_at.date() for r in records]
    assert not any(r.all_day for r in _read(HERE / "16a_activity_log_gbk.csv"))


def test_16b_later_when_both_orders_fit_it_is_refused_by_row_unless_the_order_is_given(tmp_path):
    later = datetime(2027, 6, 1, tzinfo=UTC)
    with pytest.raises(MailFormatError, match=r"row 2: column 'ActivityDate': '03/11/2026' can be read day"):
        _read(HERE / "16b_sf_tasks_en_gb.csv", now=later)
    records = _read(HERE / "16b_sf_tasks_en_gb.csv", now=later, date_order="dmy")
    assert records[2].occurred_at.date() == date(2026, 11, 12)
    us = _read(HERE / "16b_sf_tasks_en_gb.csv", now=later, date_order="mdy")
    assert us[2].occurred_at.date() == date(2026, 12, 11)


def test_a_us_export_is_settled_by_a_day_over_12(tmp_path):
    path = _write(
        tmp_path,
        "Id,Subject,ActivityDate,TaskSubtype,Owner.Email,Who.Email\n"
        "00T1,Call,10/02/2026,Call,a@ours.example,b@cust.example\n"
        "00T2,Call,10/25/2026 3:30 PM,Call,a@ours.example,b@cust.example\n",
    )
    records = _read(path)
    assert records[0].occurred_at.date() == date(2026, 10, 2)
    assert records[1].occurred_at == datetime(2026, 10, 25, 15, 30, tzinfo=SHANGHAI)


def test_chinese_and_excel_serial_dates_and_a_utf16_tab_file(tmp_path):
    path = _write(
        tmp_path,
        "date\tfrom\tto\tsubject\r\n"
        "2026年11月2日 9:00\t王强 <w@ours.example>\t孙悦 <s@cust.example>\t拜访\r\n"
        "2026/11/3\tw@ours.example\ts@cust.example\t电话\r\n"
        "46330\tw@ours.example\ts@cust.example\t邮件\r\n",
        encoding="utf-16",
    )
    records = _read(path)
    assert records[0].occurred_at == datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI)
    assert records[1].occurred_at.date() == date(2026, 11, 3)
    assert records[2].occurred_at.date() == date(2026, 11, 4)  # Excel serial 46330
    assert records[0].sender.name == "王强"


def test_big5_log_is_decoded(tmp_path):
    path = _write(
        tmp_path, "date,from,to,subject\n2026-11-02,陳大文 <c@ours.example>,b@cust.example,報價單\n", "big5"
    )
    (record,) = _read(path)
    assert (record.sender.name, record.subject) == ("陳大文", "報價單")


def test_an_activity_in_the_future_is_refused_by_row(tmp_path):
    path = _write(tmp_path, "date,from,to,subject\n2026-11-02,a@ours.example,b@cust.example,x\n"
                            "2026-12-24 10:00,a@ours.example,b@cust.example,y\n")  # fmt: skip
    with pytest.raises(MailFormatError, match=r"row 3: .*'2026-12-24 10:00' is in the future"):
        _read(path)


def test_a_file_mixing_both_orders_is_refused(tmp_path):
    path = _write(tmp_path, "date,from,to,subject\n13/01/2026,a@o.example,b@c.example,x\n"
                            "01/13/2026,a@o.example,b@c.example,y\n")  # fmt: skip
    with pytest.raises(MailFormatError, match="row 2"):
        _read(path)


def test_a_day_that_does_not_exist_in_the_files_order_is_its_rows_error_not_a_crash(tmp_path):
    path = _write(
        tmp_path,
        "Id,Subject,ActivityDate,TaskSubtype,Owner.Email,Who.Email\n"
        "00T1,Call,31/02/2026,Call,a@ours.example,b@cust.example\n"
        "00T2,Call,13/01/2026,Call,a@ours.example,b@cust.example\n",
    )
    with pytest.raises(MailFormatError, match=r"row 2: column 'ActivityDate': '31/02/2026'"):
        list(read_activity_csv(path, now=NOW, zone=SHANGHAI, readings={}))


def test_an_image_named_csv_is_refused_as_binary_not_as_a_missing_column(tmp_path):
    path = tmp_path / "activities.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 8)
    with pytest.raises(MailFormatError, match="binary data"):
        _read(path)
