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
