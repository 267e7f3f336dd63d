"""A leaver list says who left by its own headers: DingTalk's and Feishu's 离职员工 export write 离职时间 (with the
time of day), a DingTalk roster 员工状态 (试用, 正式, 待离职, 离职), Feishu 人员状态. The import ignored them, and
every person who had left came in as active, without a word."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines

from .hdny import it_centre, people_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def account(db):
    return it_centre({"name": "刘建华", "title": "信息中心主任", "phone": "13800138001"})


def _import(account, text: str):
    return people_import(account=account, data=text.encode("utf-8-sig"), filename="离职员工.csv")


def test_a_dingtalk_leaver_export_marks_its_people_left_on_their_day(account):
    text = (
        "姓名,工号,部门,职位,手机号,离职时间,离职原因\r\n"
        "钱五,0009,信息中心,工程师,13800138009,2026-10-31 18:00:00,个人原因\r\n"
    )
    _import(account, text)
    assert people_of(account, ("name", "status", "left_on"))[-1] == ("钱五", "left", dt.date(2026, 10, 31))


def test_a_roster_status_column_is_read_and_who_is_due_to_leave_still_works_there(account):
    text = (
        "姓名,工号,部门,职位,手机号,员工状态,离职日期\r\n"
        "钱五,0009,信息中心,工程师,13800138009,离职,2026-10-31\r\n"
        "孙六,0010,信息中心,工程师,13800138010,正式,\r\n"
        "周七,0011,信息中心,工程师,13800138011,试用,\r\n"
        "吴八,0012,信息中心,工程师,13800138012,待离职,\r\n"
    )
    result = _import(account, text)
    with translation.override("en"):
        assert "员工状态 → Status" in "\n".join(summary_lines(result))
    assert people_of(account, ("name", "status", "left_on"))[1:] == [
        ("钱五", "left", dt.date(2026, 10, 31)),
        ("孙六", "active", None),
        ("周七", "active", None),
        ("吴八", "active", None),
    ]


def test_a_feishu_status_of_left_without_a_day_is_refused_by_row(account):
    text = "姓名,用户 ID,部门,职务,人员状态\r\n钱五,ou_1,信息中心,工程师,已离职\r\n"
    with pytest.raises(ImportFailed) as refused:
        _import(account, text)
    assert [(p.row, p.column, p.code) for p in refused.value.problems] == [(2, "status", "left_no_column")]
    assert len(people_of(account, ("name",))) == 1  # nothing written
