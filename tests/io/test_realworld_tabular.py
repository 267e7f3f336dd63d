"""The real-world people files of issue #14 (tests/io/realworld, copied from the shared cases): each lands
right — encodings, footers, Chinese org exports, full-width names — or is refused by row with nothing written."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

from battlemap.accounts.models import OrgUnit
from battlemap.io.tabular.file_problems import file_message
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.readers import ReadError
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person
from tests import factories as f

from .files import csv_bytes, xlsx_bytes

HERE = Path(__file__).parent / "realworld"


def _run(account, name: str, **kw):
    return people_import(account=account, data=(HERE / name).read_bytes(), filename=name, **kw)


@pytest.fixture
def account(db):
    return f.account(owner=f.user("rw"), slug="hdny", name="华东能源")


def _people(account) -> dict[str, Person]:
    return {
        p.name: p for p in Person.objects.filter(account=account).select_related("org_unit", "reports_to")
    }


def _path(unit: OrgUnit | None) -> str:
    parts = []
    while unit is not None:
        parts.append(unit.name)
        unit = unit.parent
    return " › ".join(reversed(parts))


def test_01_salesforce_report_footer_is_skipped_and_named(account):
    dry = _run(account, "01_sf_report_footer.csv", dry_run=True)
    result = _run(account, "01_sf_report_footer.csv")
    assert (dry.created, result.created) == (3, 3)
    people = _people(account)
    assert set(people) == {"Olivia Grant", "Noah Patel", "Emma Ruiz"}
    assert people["Olivia Grant"].notes == "Owns the budget\nMet at expo 2023"  # CR LF stored as LF
    assert people["Noah Patel"].reports_to == people["Olivia Grant"]
    assert [text for _row, text in result.footer] == [
        "Grand Totals (3 records)",
        "Confidential Information - Do Not Distribute",
        "Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.",
    ]
    with translation.override("en"):
        lines = summary_lines(result)
    assert "Report footer lines skipped: 6: “Grand Totals (3 records)”; 8: “Confidential" in "\n".join(lines)


def test_03_windows_1252_is_read_right_and_named(account):
    result = _run(account, "03_eu_semicolon_cp1252.csv")
    assert result.encoding == "Windows-1252"
    assert set(_people(account)) == {"Jürgen Müller", "Françoise Lefèvre", "Søren Ørsted"}
    assert _people(account)["Søren Ørsted"].title == "IT-Architekt, Plattform"


def test_03_the_user_can_pick_another_encoding(account):
    with pytest.raises(Exception) as exc:  # Windows-1252 bytes are not UTF-8
        _run(account, "03_eu_semicolon_cp1252.csv", encoding="utf-8")
    assert "utf-8" in str(getattr(exc.value, "params", {}).get("value"))
    result = _run(account, "03_eu_semicolon_cp1252.csv", encoding="gbk", dry_run=True)
    assert result.encoding == "GB18030"  # the user's choice is obeyed (and named), even a poor one


def test_05b_wecom_paths_become_a_tree_and_leaders_resolve_through_the_account_id(account):
    dry = _run(account, "05b_wecom_paths_userid_leader.xlsx", dry_run=True)
    result = _run(account, "05b_wecom_paths_userid_leader.xlsx")
    assert dry.created == result.created == 4
    assert result.source == "wecom" and result.sheet == "成员列表" and result.header_row == 1
    people = _people(account)
    assert _path(people["何强"].org_unit) == "华东能源集团 › 信息中心 › 运维部"
    assert _path(people["郑丽"].org_unit) == "华东能源集团 › 信息中心 › 运维部"  # the first department
    assert _path(people["陈思远"].org_unit) == "华东能源集团 › 总经办"
    assert OrgUnit.objects.filter(account=account, name="华东能源集团").count() == 1
    assert OrgUnit.objects.get(account=account, name="安全生产委员会").parent.name == "华东能源集团"
    assert people["何强"].reports_to == people["郑丽"]
    assert people["郑丽"].reports_to == people["吴昊"]
    assert people["吴昊"].reports_to == people["陈思远"]
    assert (people["何强"].external_id, people["何强"].phone) == ("heqiang", "13900000005")
    again = _run(account, "05b_wecom_paths_userid_leader.xlsx")
    assert (again.created, again.unchanged) == (0, 4)
    assert OrgUnit.objects.filter(account=account).count() == 5


def test_06_dingtalk_gbk_roster_with_two_zhang_wei_is_refused_by_row(account):
    with pytest.raises(ImportFailed) as exc:
        _run(account, "06_dingtalk_roster_gbk.csv")
    messages = [p.message("en") for p in exc.value.problems]
    assert messages == ['row 5, Manager: "张伟" matches several people: row 3, row 4']
    assert [p.message("zh") for p in exc.value.problems] == [
        "第 5 行，上级：“张伟”对应多个人：第 3 行、第 4 行"
    ]
    assert not Person.objects.filter(account=account).exists()
    assert not OrgUnit.objects.filter(account=account).exists()


def test_06_once_the_manager_is_given_by_employee_number_it_lands(account):
    data = (
        (HERE / "06_dingtalk_roster_gbk.csv")
        .read_bytes()
        .decode("gb18030")
        .replace("网络工程师,张伟,", "网络工程师,A0107,")
    )
    result = people_import(account=account, data=data.encode("gbk"), filename="roster.csv")
    assert (result.encoding, result.source, result.created) == ("GB18030", "dingtalk", 4)
    people = {p.external_id: p for p in Person.objects.filter(account=account)}
    assert people["A0412"].reports_to == people["A0107"]
    assert people["A0107"].reports_to == people["A0001"]
    assert _path(people["A0388"].org_unit) == "华东能源集团 › 财务部"  # DingTalk writes paths with "-"


def test_07_full_width_and_padded_names_are_cleaned_and_match_on_reimport(account):
    _run(account, "07_fullwidth_padded_names.csv")
    people = _people(account)
    assert set(people) == {"张伟", "王芳", "李娜"}
    assert people["王芳"].phone == "13900000012" and people["李娜"].email == "li.na@hdny.example"
    assert people["王芳"].reports_to == people["张伟"] and people["李娜"].reports_to == people["王芳"]
    again = _run(account, "07c_reimport_clean_name.csv")
    assert (again.created, again.unchanged) == (0, 1)


def test_07b_then_07c_match_by_the_cleaned_name(account):
    _run(account, "07b_fullwidth_no_manager.csv")
    assert set(_people(account)) == {"张伟", "王芳"}
    assert _people(account)["王芳"].phone == "13900000012"
    result = _run(account, "07c_reimport_clean_name.csv")
    assert (result.created, result.updated) == (0, 1)
    assert Person.objects.filter(account=account).count() == 2
    assert _people(account)["张伟"].email == "zhang.wei@hdny.example"


# --- cases of our own making, one or more per kind -----------------------------------------------------


def _xlsx(sheets: list[tuple[str, list[list], str]], merges: dict[str, list[str]] | None = None) -> bytes:
    """A workbook of (title, rows, state) sheets; `merges` are cell ranges merged per sheet."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows, state in sheets:
        ws = wb.create_sheet(title)
        ws.sheet_state = state
        for row in rows:
            ws.append(row)
        for cells in (merges or {}).get(title, []):
            ws.merge_cells(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_big5_and_utf16_tab_separated_files_are_decoded_and_named(account):
    big5 = "姓名,職務,部門,手機\n陳大文,資訊長,資訊處,0912345678\n".encode("big5")
    result = people_import(account=account, data=big5, filename="tw.csv")
    assert result.encoding == "Big5" and _people(account)["陳大文"].title == "資訊長"
    text = "姓名\t职务\t邮箱\r\n赵敏\t采购总监\tzhao@hdny.example\r\n"
    result = people_import(account=account, data=text.encode("utf-16"), filename="unicode.txt")
    assert result.encoding == "UTF-16" and _people(account)["赵敏"].email == "zhao@hdny.example"


def test_hidden_first_sheet_title_rows_and_a_two_row_merged_header(account):
    data = _xlsx(
        [
            ("hiddenSheet", [["metadata", "x"]], "hidden"),
            (
                "通讯录",
                [
                    ["华东能源 通讯录（2026 年 11 月）"],
                    ["说明：仅供内部使用"],
                    ["姓名", "基本信息", None, "联系方式", None],
                    [None, "职务", "部门", "手机", "邮箱"],
                    ["钱多多", "总会计师", "财务部", "13900000021", "qian@hdny.example"],
                ],
                "visible",
            ),
        ],
        {"通讯录": ["A3:A4", "B3:C3", "D3:E3"]},
    )
    dry = people_import(account=account, data=data, filename="book.xlsx", dry_run=True)
    result = people_import(account=account, data=data, filename="book.xlsx")
    assert dry.created == result.created == 1
    assert (result.sheet, result.hidden_sheets) == ("通讯录", ["hiddenSheet"])
    assert (result.group_row, result.header_row, result.skipped_above) == (3, 4, [1, 2])
    qian = _people(account)["钱多多"]
    assert (qian.title, qian.org_unit.name, qian.phone) == ("总会计师", "财务部", "13900000021")
    with translation.override("en"):
        lines = summary_lines(result)
    assert "Header: rows 3 and 4 (a two-row header with group cells)." in lines
    assert "Hidden sheets passed over: hiddenSheet; read sheet 通讯录." in lines


def test_no_name_column_says_which_row_and_sheet_were_read(account):
    data = _xlsx([("Liste", [["Titel"], ["Personne", "Poste"], ["Curie", "Chimiste"]], "visible")])
    with pytest.raises(ReadError) as exc:
        people_import(account=account, data=data, filename="fr.xlsx")
    assert file_message(exc.value, "en") == (
        "No column holds the people's names (e.g. Name, 姓名, First Name / Last Name) in the header read "
        "(row 2, sheet Liste), whose columns are “Personne”, “Poste”. Choose the name column in the preview's column menu, "
        'or name it in a mapping file ([columns] "<the header>" = "name", docs/import.md).'
    )
    assert "第 2 行" in file_message(exc.value, "zh") and "Liste" in file_message(exc.value, "zh")


def test_feishu_export_main_department_and_comma_separated_departments(account):
    rows = [
        ["姓名", "用户 ID", "工号", "手机号", "邮箱", "部门", "主部门", "职务", "直属上级", "人员类型"],
        ["周敏", "ou_1", "F001", "+86 139 0000 0031", "zhou@hdny.example", "集团/采购中心", "", "采购总监", "", "正式"],
        ["孙悦", "ou_2", "F002", "13900000032", "sun@hdny.example",
         "集团/信息中心/网络组,集团/采购中心/评标组", "评标组", "工程师", "F001", "正式"],
    ]  # fmt: skip
    data = csv_bytes(rows, "utf-8-sig")
    result = people_import(account=account, data=data, filename="feishu.csv")
    assert result.source == "feishu" and result.created == 2
    people = _people(account)
    assert _path(people["孙悦"].org_unit) == "集团 › 采购中心 › 评标组"  # the main department
    assert people["孙悦"].reports_to == people["周敏"]  # 直属上级 given as 工号
    assert people["周敏"].external_id == "ou_1" and people["周敏"].phone == "+86 139 0000 0031"
    assert OrgUnit.objects.get(account=account, name="网络组").parent.name == "信息中心"


def test_dynamics_365_export_with_hidden_do_not_modify_columns(account):
    guid = "6f1c2b1e-0c3a-ef11-8409-000d3a5c1a01"
    rows = [
        ["(Do Not Modify) Contact", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On",
         "Full Name", "Parent Customer", "Job Title", "Business Phone", "Email", "Manager Id"],
        [guid, "abc==", "2026-11-01", "Anna Berg", "Nordbahn Logistik GmbH", "CFO", "+49 40 1234-9",
         "a.berg@nordbahn.example", "x"],
    ]  # fmt: skip
    result = people_import(account=account, data=xlsx_bytes(rows), filename="Active Contacts.xlsx")
    assert result.source == "dynamics" and result.ignored_columns == ["Manager Id"]
    assert result.suspicious_columns == ["Manager Id"]
    anna = _people(account)["Anna Berg"]
    assert (anna.external_id, anna.phone, anna.title) == (guid, "+49 40 1234-9", "CFO")
    with translation.override("zh-hans"):
        assert any("Manager Id" in line and "未使用" in line for line in summary_lines(result))


def test_salesforce_15_and_18_character_ids_are_the_same_contact(account):
    first = [["Id", "FirstName", "LastName", "ReportsToId"], ["0035g00000AbCdE", "Olivia", "Grant", ""],
             ["0035g00000XyZaB", "Noah", "Patel", "0035g00000AbCdE"]]  # fmt: skip
    people_import(account=account, data=csv_bytes(first, "utf-8"), filename="c15.csv")
    again = [["Id", "FirstName", "LastName", "Title", "ReportsToId"],
             ["0035g00000AbCdEAAV", "Olivia", "Grant", "VP", ""],
             ["0035g00000XyZaBAAV", "Noah", "Patel", "Fleet", "0035g00000AbCdEAAV"]]  # fmt: skip
    result = people_import(account=account, data=csv_bytes(again, "utf-8"), filename="c18.csv")
    assert (result.created, result.updated) == (0, 2)
    assert _people(account)["Noah Patel"].reports_to == _people(account)["Olivia Grant"]


def test_a_name_matching_two_people_on_the_map_is_refused_by_row(account):
    f.person(account=account, name="张伟", title="A")
    f.person(account=account, name="张伟", title="B")
    before = Person.objects.count()
    with pytest.raises(ImportFailed) as exc:
        people_import(account=account, data=csv_bytes([["姓名", "职务"], ["张 伟", "主任"]], "utf-8"),
                      filename="x.csv")  # fmt: skip
    assert exc.value.problems[0].message("en").startswith("row 2, Name: the name matches several people")
    assert Person.objects.count() == before


@pytest.mark.parametrize(
    ("cells", "order", "expected"),
    [
        (["2024/3/5", "2024年3月6日", "45360"], None, ["2024-03-05", "2024-03-06", "2024-03-09"]),
        (["13/03/2024", "05/03/2024"], None, ["2024-03-13", "2024-03-05"]),  # 13 settles day first
        (["03/13/2024", "03/05/2024"], None, ["2024-03-13", "2024-03-05"]),  # 13 settles month first
        (["05/03/2024"], "mdy", ["2024-05-03"]),
    ],
)
def test_left_on_dates_in_every_form(account, cells, order, expected):
    rows = [["姓名", "离职日期"]] + [[f"人{i}", c] for i, c in enumerate(cells)]
    people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="d.csv", date_order=order)
    people = sorted(Person.objects.filter(account=account), key=lambda p: p.name)
    assert [p.left_on.isoformat() for p in people] == expected


def test_an_undecidable_day_month_order_is_refused_by_row(account):
    rows = [["Name", "Left On"], ["A", "05/03/2024"], ["B", "2024-01-02"], ["C", "04/03/2024"]]
    with pytest.raises(ImportFailed) as exc:
        people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="d.csv")
    assert [p.message("en") for p in exc.value.problems] == [
        'row 2, Left on: "05/03/2024" can be read day first or month first and the file does not settle '
        "which: choose the order",
        'row 4, Left on: "04/03/2024" can be read day first or month first and the file does not settle '
        "which: choose the order",
    ]
    assert not Person.objects.filter(account=account).exists()
