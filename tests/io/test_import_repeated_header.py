"""A row that repeats the header — a bilingual template's second header row (`Name, Title, Department` under
`姓名, 职务, 部门`), or a second table pasted below the first (`姓名,职务,部门` again) — is no person: it is skipped and
listed, as title and footer rows are (`layout.repeats_header`). A reviewer's files made a person "Name", titled
"Title", in a unit "Department", or were refused for `row 2, Email: "Email" is not an email address`."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.accounts.models import OrgUnit
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person
from tests import factories as f

from .files import xlsx_bytes


@pytest.fixture
def account(db):
    return f.account(owner=f.user("hd6"), slug="hd6", name="华东能源集团有限公司")


def _imported(account, data: bytes, filename: str):
    result = people_import(account=account, data=data, filename=filename)
    with translation.override("en"):
        lines = "\n".join(summary_lines(result))
    people = dict(Person.objects.filter(account=account).values_list("name", "title"))
    return people, lines


def test_a_bilingual_templates_second_header_row_is_no_person(account):
    rows = [["姓名", "职务", "部门", "备注"], ["Name", "Title", "Department", "Notes"],
            ["刘建华", "主任", "信息中心", ""], ["王芳", "副主任", "信息中心", ""]]  # fmt: skip
    people, lines = _imported(account, xlsx_bytes(rows), "bilingual.xlsx")

    assert people == {"刘建华": "主任", "王芳": "副主任"}
    assert set(OrgUnit.objects.filter(account=account).values_list("name", flat=True)) == {"信息中心"}
    assert (
        "Rows repeating the header skipped (a second header row, in the same or another language): " in lines
    )
    assert "2: “Name Title Department Notes”" in lines


def test_a_second_table_pasted_below_keeps_its_people_and_drops_its_header(account):
    text = (
        "姓名,职务,部门\n刘建华,主任,信息中心\n王芳,副主任,信息中心\n\n姓名,职务,部门\n陈静,财务总监,财务部\n"
    )
    people, lines = _imported(account, text.encode(), "two.csv")

    assert people == {"刘建华": "主任", "王芳": "副主任", "陈静": "财务总监"}
    assert "5: “姓名 职务 部门”" in lines


def test_a_second_header_with_email_and_role_labels_is_not_refused_as_values(account):
    text = (
        "姓名,邮箱,角色,职务\nName,Email,Buying Role,Title\n"
        "刘建华,ljh@hdny.example,决策者,主任\n王芳,wf@hdny.example,使用者,副主任\n"
    )
    people, lines = _imported(account, text.encode(), "roles.csv")

    assert people == {"刘建华": "主任", "王芳": "副主任"}
    assert "2: “Name Email Buying Role Title”" in lines


# the reviewer's rep4.csv and rep3.csv: one label of the second header row is none the alias table knows
REP4 = "姓名,部门,职务,备注\nName,Dept.,Position,Remarks\n刘建华,信息中心,主任,\n王芳,信息中心,副主任,\n"
REP3 = (
    "姓名,部门,职务,电话,邮箱,备注\nName,Dept.,Position,Tel,E-mail,Remarks\n"
    "刘建华,信息中心,主任,13800000001,ljh@hdny.example,\n王芳,信息中心,副主任,13800000002,wf@hdny.example,\n"
)


def test_a_second_header_row_with_labels_the_alias_table_does_not_know_is_no_person(account):
    people, lines = _imported(account, REP4.encode(), "rep4.csv")

    assert people == {"刘建华": "主任", "王芳": "副主任"}
    assert set(OrgUnit.objects.filter(account=account).values_list("name", flat=True)) == {"信息中心"}
    assert "2: “Name Dept. Position Remarks”" in lines


def test_a_second_header_row_with_tel_and_email_labels_is_not_refused_as_values(account):
    people, lines = _imported(account, REP3.encode(), "rep3.csv")

    assert people == {"刘建华": "主任", "王芳": "副主任"}
    assert Person.objects.get(account=account, name="刘建华").phone == "13800000001"
    assert "2: “Name Dept. Position Tel E-mail Remarks”" in lines


def test_a_person_named_name_with_a_phone_is_still_a_person(account):
    text = "姓名,部门,职务,手机\nName,Dept.,Position,13800000009\n刘建华,信息中心,主任,13800000001\n"
    people, lines = _imported(account, text.encode(), "name.csv")

    assert people == {"Name": "Position", "刘建华": "主任"}
    assert "Rows repeating the header" not in lines


def test_a_row_whose_name_is_no_label_is_a_person_whatever_its_other_cells(account):
    text = "姓名,部门,职务,备注\n孙七,Dept.,Position,Remarks\n"
    people, _lines = _imported(account, text.encode(), "labels.csv")

    assert people == {"孙七": "Position"}
