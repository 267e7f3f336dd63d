"""Files a fresh tester brought (2026-12-01), each built here as the tool writes it: a Chinese two-row
header with merged cells and a signature footer, departments listed with 、 or |, a HubSpot row with only
an e-mail. Each lands right, or is refused by row with nothing written."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.accounts.models import OrgUnit
from battlemap.io.tabular.file_problems import file_message
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.io.tabular.table import ReadError
from battlemap.people.models import Person
from tests import factories as f

from .test_realworld_tabular import _path, _people, _xlsx

TITLE = ["华东能源集团 中层以上干部通讯录（2026年11月）"]
HEADER = [["序号", "姓名", "部门", "联系方式", None, "直接上级"], [None, None, None, "手机", "邮箱", None]]
PEOPLE = [
    [1, "周建华", "集团领导", "13900001111", "zhoujh@hdny.cn", None],
    [2, "吴敏", "信息中心", "13900002222", "wumin@hdny.cn", "周建华"],
    [3, "郑凯", "信息中心", "13900003333", "zhengkai@hdny.cn", "吴敏"],
]
# 序号, 姓名, 部门 and 直接上级 merged down over both header rows; 联系方式 across 手机 | 邮箱; the title across
MERGES = ["A1:F1", "A2:A3", "B2:B3", "C2:C3", "F2:F3", "D2:E2"]
SIGNED = ["制表人：张三", None, "制表日期：2026-11-30", None, None, None]


@pytest.fixture
def account(db):
    return f.account(owner=f.user("rw"), slug="hdny", name="华东能源")


def _book(footer: list[list]) -> bytes:
    return _xlsx([("通讯录", [TITLE, *HEADER, *PEOPLE, *footer], "visible")], {"通讯录": MERGES})


@pytest.mark.parametrize(
    "footer, dropped",
    [
        ([[None], SIGNED, ["合计：3 人"]], [(8, "制表人：张三 制表日期：2026-11-30"), (9, "合计：3 人")]),
        ([], []),
        ([[None], ["合计：3 人"]], [(8, "合计：3 人")]),
        ([["审核人：李四", None, "打印日期：2026-11-30"]], [(7, "审核人：李四 打印日期：2026-11-30")]),
    ],
    ids=["signed-and-total", "no-footer", "total-only", "checked-by"],
)
def test_a_two_row_header_with_merged_cells_and_its_footers(account, footer, dropped):
    result = people_import(account=account, data=_book(footer), filename="干部通讯录.xlsx")
    assert (result.group_row, result.header_row, result.skipped_above) == (2, 3, [1])
    assert result.footer == dropped
    assert result.recognised["phone"] == "手机" and result.recognised["email"] == "邮箱"
    people = _people(account)
    assert set(people) == {"周建华", "吴敏", "郑凯"}
    zheng = people["郑凯"]
    assert (zheng.phone, zheng.email, _path(zheng.org_unit)) == (
        "13900003333",
        "zhengkai@hdny.cn",
        "信息中心",
    )
    assert zheng.reports_to == people["吴敏"] and people["吴敏"].reports_to == people["周建华"]
    with translation.override("en"):
        lines = summary_lines(result)
    assert "Header: rows 2 and 3 (a two-row header with group cells)." in lines


def test_the_same_header_in_a_csv_without_merges(account):
    rows = [TITLE, ["序号", "姓名", "部门", "联系方式", "", "直接上级"], ["", "", "", "手机", "邮箱", ""]]
    rows += [[str(c or "") for c in p] for p in PEOPLE] + [[""], ["制表人：张三", "", "制表日期：2026-11-30"]]
    data = "\r\n".join(",".join(r) for r in rows).encode()
    result = people_import(account=account, data=data, filename="list.csv")
    assert (result.group_row, result.header_row) == (2, 3)
    assert [row for row, _text in result.footer] == [8]
    assert Person.objects.filter(account=account).count() == 3
    assert _people(account)["吴敏"].email == "wumin@hdny.cn"


def test_a_data_row_under_a_header_is_never_taken_for_a_second_header_row(account):
    # the first person fills only cells that the header above names: a person, not a sub-header
    data = "姓名,部门,手机,邮箱\r\n周建华,集团领导,,\r\n吴敏,信息中心,13900002222,wumin@hdny.cn\r\n".encode()
    result = people_import(account=account, data=data, filename="list.csv")
    assert (result.group_row, result.header_row, result.created) == (None, 1, 2)


def test_a_signature_line_is_a_footer_only_at_the_end(account):
    # a person whose note reads `审核人：…` stays a person; the last line, all signature, is the footer
    rows = "姓名,部门,备注\r\n周建华,集团领导,审核人：李四\r\n吴敏,信息中心,\r\n审核人：王五,,\r\n"
    result = people_import(account=account, data=rows.encode(), filename="list.csv")
    assert result.footer == [(4, "审核人：王五")] and result.created == 2
    assert _people(account)["周建华"].notes == "审核人：李四"


@pytest.mark.parametrize("separator", ["、", "|", "｜", "；", " | "])
def test_departments_listed_with_chinese_separators_are_each_a_unit(account, separator):
    rows = [
        "姓名,工号,职位,部门,直属主管",
        "刘建国,A1,董事长,华东能源集团,",
        f"王磊,A2,副总经理,华东能源集团-总经办{separator}华东能源集团-信息中心,刘建国",
    ]
    people_import(account=account, data="\r\n".join(rows).encode(), filename="dept.csv")
    units = {_path(u) for u in OrgUnit.objects.filter(account=account)}
    assert units == {"华东能源集团", "华东能源集团 › 总经办", "华东能源集团 › 信息中心"}
    assert _path(_people(account)["王磊"].org_unit) == "华东能源集团 › 总经办"  # the first listed


def test_a_dingtalk_workbook_listing_departments_with_a_bar(account):
    rows = [
        ["姓名", "工号", "职位", "部门", "主管", "手机"],
        ["刘建国", "A0001", "董事长", "华东能源集团", None, "13800000001"],
        ["王磊", "A0002", "副总经理", "华东能源集团-总经办|华东能源集团-信息中心", "刘建国", "13800000002"],
        ["赵敏", "A0003", "采购经理", "华东能源集团-采购部", "王磊", "13800000003"],
    ]
    people_import(account=account, data=_xlsx([("钉钉", rows, "visible")]), filename="dingtalk.xlsx")
    names = set(OrgUnit.objects.filter(account=account).values_list("name", flat=True))
    assert names == {"华东能源集团", "总经办", "信息中心", "采购部"}
    people = _people(account)
    assert (
        _path(people["王磊"].org_unit) == "华东能源集团 › 总经办"
        and people["赵敏"].reports_to == people["王磊"]
    )


def test_a_separator_inside_brackets_is_part_of_the_unit_name(account):
    rows = "姓名,部门\r\n周建华,综合办公室（党委办公室、董事会办公室）、财务部\r\n"
    people_import(account=account, data=rows.encode(), filename="dept.csv")
    names = set(OrgUnit.objects.filter(account=account).values_list("name", flat=True))
    assert names == {
        "综合办公室（党委办公室、董事会办公室）",
        "财务部",
    }  # as typed, as a title keeps its brackets


HUBSPOT = [
    "Record ID,First Name,Last Name,Email,Job Title,Company Name",
    "101,Maria,García,maria.garcia@acme.example,VP Engineering,Acme",
    "102,Li,Wei,,Head of Procurement,Acme",
    "103,,,nobody@acme.example,,Acme",
]


def test_a_hubspot_row_with_only_an_email_and_a_new_id_is_refused_for_its_empty_name(account):
    with pytest.raises(ImportFailed) as failed:
        people_import(account=account, data="\r\n".join(HUBSPOT).encode(), filename="hubspot.csv")
    [problem] = failed.value.problems
    assert (problem.row, problem.column) == (4, "name")
    assert problem.message("en").startswith('row 4, Name: empty — no one on the map has the id "103"')
    assert "第 4 行" in problem.message("zh") and "新人必须有姓名" in problem.message("zh")
    assert not Person.objects.filter(account=account).exists()


def test_a_row_without_a_name_still_updates_the_person_its_id_names(account):
    f.person(account=account, name="Nobody Known", external_id="103")
    result = people_import(account=account, data="\r\n".join(HUBSPOT).encode(), filename="hubspot.csv")
    assert (result.created, result.updated) == (2, 1)
    assert _people(account)["Nobody Known"].email == "nobody@acme.example"


def test_a_multi_line_salesforce_description_lands_with_newlines_and_reimports_unchanged(account):
    data = (
        b'Id,FirstName,LastName,Title,Description\r\n003A1,Olga,Stone,CIO,"Met at the fair.\r\nPrefers e-mail.\r\n'
        b'Budget in Q3."\r\n'
    )
    people_import(account=account, data=data, filename="contacts.csv")
    assert _people(account)["Olga Stone"].notes == "Met at the fair.\nPrefers e-mail.\nBudget in Q3."
    again = people_import(account=account, data=data, filename="contacts.csv")
    assert (again.updated, again.unchanged) == (0, 1)


def test_the_summary_says_how_left_on_dates_like_05_03_2024_were_read(account):
    data = "Name,Left On\r\nJürgen Müller,31/12/2025\r\nAnna Berg,05/03/2024\r\n".encode()
    with translation.override("en"):
        lines = summary_lines(people_import(account=account, data=data, filename="leavers.csv"))
    assert (
        "Dates of column Left On read day first (05/03/2024 is 2024-03-05): a date of the file has a day over "
        "12, which settles it." in lines
    )
    chosen = b"Name,Left On\r\nAnna Berg,05/03/2024\r\n"
    with translation.override("en"):
        lines = summary_lines(people_import(account=account, data=chosen, filename="l.csv", date_order="mdy"))
    assert (
        "Dates of column Left On read month first (05/03/2024 is 2024-05-03): the order chosen for the upload."
        in lines
    )


def test_a_name_merged_down_over_two_rows_is_one_person_with_both_numbers(account):
    """A reviewer's seller-kept sheet: 刘建华's name, unit and title merged over two rows, his mobile in the first and
    his desk phone alone in the second. Two 刘建华 were created, and a manager cell naming him was refused as
    "matches several people: row 2, row 3"."""
    rows = [["姓名", "部门", "职务", "电话", "邮箱", "上级"],
            ["刘建华", "信息中心", "主任", "13800138001", "ljh@hdny.cn", None],
            [None, None, None, "021-68880001", None, None],
            ["王芳", "信息中心", "副主任", "13800138002", "wf@hdny.cn", "刘建华"]]  # fmt: skip
    data = _xlsx([("通讯录", rows, "visible")], {"通讯录": ["A2:A3", "B2:B3", "C2:C3"]})
    result = people_import(account=account, data=data, filename="通讯录.xlsx")
    assert result.created == 2
    liu, wang = (Person.objects.get(account=account, name=n) for n in ("刘建华", "王芳"))
    assert (liu.title, liu.phone, liu.email) == ("主任", "13800138001 / 021-68880001", "ljh@hdny.cn")
    assert wang.reports_to == liu


def test_a_merged_person_with_two_values_of_one_field_is_refused_naming_the_rows(account):
    """Two e-mails (or attitudes) over a merged name's rows: one person has one; the file is refused naming the rows,
    the column and both values — the joined `a@x / b@y` had been refused as "not an e-mail address", a text in no
    cell. Two posts join (主任 / 党委副书记)."""
    rows = [["姓名", "部门", "职务", "邮箱"],
            ["王芳", "信息中心", "副主任", "wf@hdny.cn"],
            [None, None, "党委副书记", "wangfang@163.example"]]  # fmt: skip
    data = _xlsx([("通讯录", rows, "visible")], {"通讯录": ["A2:A3", "B2:B3"]})
    with pytest.raises(ReadError) as refused:
        people_import(account=account, data=data, filename="通讯录.xlsx")
    said = file_message(refused.value, "en")
    assert said.startswith(
        "Rows 2–3 are one person (the name cell is merged over them), and their 邮箱 differs: "
    )
    assert "“wf@hdny.cn” and “wangfang@163.example”" in said
    assert not Person.objects.filter(account=account).exists()
    rows[2][3] = None
    people_import(account=account, data=_xlsx([("通讯录", rows, "visible")], {"通讯录": ["A2:A3", "B2:B3"]}),
                  filename="通讯录.xlsx")  # fmt: skip
    assert Person.objects.get(account=account).title == "副主任 / 党委副书记"
