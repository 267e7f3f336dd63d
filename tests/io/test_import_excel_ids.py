"""A roster imported again after Excel saved it: the 工号 0001 of a DingTalk XLSX (a text cell) comes back from
Excel's CSV as 1. The same id, leading zeros aside (`matching.id_key`): the people are updated, not added
again, the manager column's 1 finds 0001, and the stored id stays as first written (a reviewer's finding)."""

from __future__ import annotations

import pytest

from battlemap.io.matching import id_key
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests import factories as f

from .files import csv_bytes, xlsx_bytes

HEAD = ["姓名", "工号", "职位", "部门", "直属主管"]


@pytest.fixture
def account(db):
    return f.account(owner=f.user("c"), slug="lhjt", name="零号集团")


def test_excel_dropping_the_leading_zeros_of_an_id_updates_the_same_people(account):
    dingtalk = [
        HEAD,
        ["王建国", "0001", "总经理", "集团/总经理办公室", ""],
        ["李娜", "0002", "信息中心主任", "集团/信息中心", "0001"],
        ["张伟", "0003", "采购部经理", "集团/采购部", "0001"],
    ]
    people_import(account=account, data=xlsx_bytes(dingtalk), filename="dingtalk.xlsx")
    saved_by_excel = [
        HEAD,
        ["王建国", "1", "总经理", "集团/总经理办公室", ""],
        ["李娜", "2", "信息中心总监", "集团/信息中心", "1"],
        ["张伟", "3", "采购部经理", "集团/采购部", "2"],
    ]
    result = people_import(account=account, data=csv_bytes(saved_by_excel, "gbk"), filename="roster.csv")

    assert (result.created, result.updated, result.unchanged) == (0, 2, 1)
    assert not result.notices  # no "a person of this name with another id" for anyone
    people = {p.name: p for p in Person.objects.filter(account=account).select_related("reports_to")}
    assert len(people) == 3
    assert {name: p.external_id for name, p in people.items()} == {
        "王建国": "0001",
        "李娜": "0002",
        "张伟": "0003",
    }
    assert people["李娜"].title == "信息中心总监"
    assert people["张伟"].reports_to == people["李娜"]  # 直属主管 2 is 0002


def test_a_new_roster_keeps_its_ids_as_written_and_finds_the_manager_by_either_form(account):
    rows = [HEAD, ["王建国", "0001", "总经理", "", ""], ["李娜", "0002", "主任", "", "1"]]
    people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="roster.csv")
    people = {p.name: p for p in Person.objects.filter(account=account)}
    assert people["王建国"].external_id == "0001"
    assert people["李娜"].reports_to_id == people["王建国"].pk


def test_ids_that_are_not_all_digits_keep_their_zeros():
    assert id_key("0001") == id_key("1") == id_key("1.0") == id_key("１")
    assert id_key("0") == id_key("000") == "0"
    assert id_key("A001") != id_key("A1")
    assert id_key("E-007") != id_key("E-7")
