"""A number the map has, written another way by a CRM or a spreadsheet, is the person's number: a reviewer's
`+86 21 6888 0001` made a second 赵磊 beside the map's (021-68880001, "another phone"); `+86 139 0101 0001` was
counted as a change of 王建明's 13901010001; a WPS sheet's number cell 8613901010001 replaced it, its + lost."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines

from .hdny import it_centre, people_of
from .test_realworld_tabular import _xlsx

pytestmark = pytest.mark.django_db

FIELDS = ("name", "title", "phone", "email", "org_unit__name")


@pytest.fixture
def account(db):
    return it_centre(
        {"name": "王建明", "title": "信息中心主任", "phone": "13901010001"},
        {"name": "赵磊", "title": "信息中心副主任", "phone": "021-68880001"},
    )


def _map(account) -> list[tuple]:
    return people_of(account, FIELDS)


def _import(account, data: bytes, filename: str):
    result = people_import(account=account, data=data, filename=filename)
    with translation.override("en"):
        return result, "\n".join(summary_lines(result))


def test_a_landline_written_with_the_country_code_is_the_person_on_the_map(account):
    before = _map(account)
    text = (
        "Name,Company,Title,Department,Phone\n"
        "赵磊,华东省能源投资集团,信息中心副主任,信息中心,+86 21 6888 0001\n"
        "王建明,华东省能源投资集团,信息中心主任,信息中心,+86 139 0101 0001\n"
    )
    result, summary = _import(account, text.encode(), "ph86.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert "another phone" not in summary and "replaces" not in summary
    assert _map(account) == before  # the numbers stay as the map writes them


def test_a_number_cell_that_lost_its_plus_is_read_with_the_country_code(account):
    before = _map(account)
    rows = [
        ["姓名", "单位", "部门", "职务", "手机"],
        ["王建明", "华东省能源投资集团", "信息中心", "信息中心主任", 8613901010001],
        ["孙浩", "华东省能源投资集团", "信息中心", "运维部经理", 8613812345678],
    ]
    result, summary = _import(account, _xlsx([("联系人", rows, "visible")]), "wps_contacts.xlsx")
    assert (result.created, result.updated, result.unchanged) == (1, 0, 1)
    assert "8613901010001" not in summary
    assert _map(account) == [*before, ("孙浩", "运维部经理", "+8613812345678", "", "信息中心")]


def test_another_number_is_still_a_change(account):
    text = "Name,Title,Department,Phone\n王建明,信息中心主任,信息中心,+86 139 0101 0002\n"
    result, summary = _import(account, text.encode(), "phones.csv")
    assert result.updated == 1
    assert "Row 2, 王建明: Phone 13901010001 → +86 139 0101 0002" in summary


def test_one_number_in_two_phone_columns_is_kept_once_however_written(account):
    text = (
        "Record ID,First Name,Last Name,Job Title,Phone Number,Mobile Phone Number\n"
        "53,伟,李,采购经理,+86 138 0013 8000,8613800138000\n"
        "54,娜,孙,工程师,+86 138 0013 8005,13800138006\n"
    )
    _import(account, text.encode(), "hubspot-crm-exports-all-contacts.csv")
    assert [(name, phone) for name, _, phone, _, _ in _map(account)[2:]] == [
        ("李伟", "+86 138 0013 8000"),
        ("孙娜", "+86 138 0013 8005 / 13800138006"),  # two numbers: both kept
    ]


def test_a_phone_cards_two_writings_of_one_number_are_one_number(account):
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王芳\r\nN:王;芳;;;\r\nTITLE:工程师\r\n"
        "TEL;TYPE=CELL:+86 138 0013 8004\r\nTEL;TYPE=CELL:13800138004\r\nEND:VCARD\r\n"
    )
    _import(account, card.encode(), "王芳.vcf")
    assert _map(account)[-1][:3] == ("王芳", "工程师", "+86 138 0013 8004")


def test_a_masked_number_of_a_crm_export_is_refused_by_row_and_the_map_keeps_the_real_one(account):
    """纷享销客, 销售易 and WeCom export 139****0001 for a user who may not see numbers: it replaced the map's
    13901010001 (a reviewer's 刘建华: "Phone 13800138001 / 021-68880001 → 138****8001"), and on a new person it
    was stored as their number."""
    before = _map(account)
    text = "姓名,单位,部门,职务,手机,邮箱\r\n王建明,华东省能源投资集团,信息中心,信息中心主任,139****0001,wjm***@hdny.example\r\n"
    with pytest.raises(ImportFailed) as refused:
        _import(account, text.encode("gbk"), "联系人.csv")
    assert [(p.row, p.column, p.code) for p in refused.value.problems] == [
        (2, "email", "masked"),
        (2, "phone", "masked"),
    ]
    assert refused.value.problems[1].message("en").startswith('row 2, Phone: "139****0001" is masked')
    assert _map(account) == before
