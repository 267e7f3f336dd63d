"""Issue #14, people files of each kind that differ from the shared cases (tests/fixtures/realworld_own,
small files written for these tests): other spellings, other encodings, other footers — each lands right or is
refused by row with the map export unchanged, and the dry run says what the real run does."""

from __future__ import annotations

from pathlib import Path

import pytest

from battlemap.io import dates
from battlemap.io.mapformat import dumps_map, export_map
from battlemap.io.matching import clean_name, email_key, match_name
from battlemap.io.phones import phone_key
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.io.text import decode
from battlemap.people.models import Person
from tests import factories as f

OWN = Path(__file__).resolve().parent.parent / "fixtures" / "realworld_own"


@pytest.fixture
def account(db):
    return f.account(owner=f.user("own"), slug="own", name="华东能源")


def _run(account, name: str, **kw):
    data = (OWN / name).read_bytes()
    dry = people_import(account=account, data=data, filename=name, dry_run=True, **kw)
    real = people_import(account=account, data=data, filename=name, **kw)
    assert (dry.created, dry.updated, dry.unchanged) == (real.created, real.updated, real.unchanged)
    return real


def _people(account) -> dict[str, Person]:
    return {
        p.name: p for p in Person.objects.filter(account=account).select_related("org_unit", "reports_to")
    }


def _path(unit) -> str:
    parts = []
    while unit is not None:
        parts.append(unit.name)
        unit = unit.parent
    return "/".join(reversed(parts))


# ---- kind 1: encodings ----


def test_utf16_without_bom_from_a_mostly_chinese_sheet_is_read():
    # Chinese text has NULs only beside its ASCII, and 一 (U+4E00) puts one in the other half of the pair
    text = "姓名\t职务\r\n张一鸣\t总裁\r\n王一\t副总裁\r\n"
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode(text.encode(codec)).text == text


def test_utf16_tab_file_without_bom_lands(account):
    result = _run(account, "k1b_utf16le_nobom.txt")
    assert result.encoding == "UTF-16"
    people = _people(account)
    assert set(people) == {"张一鸣", "王一", "刘万"}
    assert _path(people["王一"].org_unit) == "集团/信息中心"


@pytest.mark.parametrize(
    ("name", "encoding", "names"),
    [
        ("k1a_gbk_short.csv", "GB18030", {"周杰", "林芳", "张一鸣"}),
        ("k1c_big5_trad.csv", "Big5", {"陳志明", "黃淑芬", "林建宏"}),
        ("k1d_cp1252_tab.txt", "Windows-1252", {"Renée Dubois", "José Núñez", "Zoë Åberg"}),
    ],
)
def test_legacy_encodings_that_also_decode_as_others_are_read_right(account, name, encoding, names):
    result = _run(account, name)
    assert result.encoding == encoding
    assert set(_people(account)) == names


# ---- kind 2: normalisation ----


def test_invisible_characters_and_name_dots_are_cleaned():
    assert clean_name("张\u200b伟") == "张伟"
    assert clean_name("阿不都•热合曼") == clean_name("阿不都・热合曼") == "阿不都·热合曼"
    assert match_name("阿不都 ． 热合曼") == match_name("阿不都·热合曼")
    assert email_key("\u200bli.na＠hd.cn\u200e") == "li.na@hd.cn"
    assert phone_key("\u202a＋86 139\u202c") == "+86139"


def test_fullwidth_and_invisible_then_reimported_clean_matches_everyone(account):
    _run(account, "k2a_fullwidth.csv")
    people = _people(account)
    assert set(people) == {"欧阳娜娜", "Mary Ann O'Neil", "阿不都·热合曼", "张伟"}
    assert people["欧阳娜娜"].email == "oynn@hd.cn" and people["欧阳娜娜"].phone == "139-0000-1111"
    assert people["Mary Ann O'Neil"].email == "mary@hd.cn"
    result = _run(account, "k2b_reimport.csv")
    assert (result.created, result.updated) == (0, 4)
    assert Person.objects.filter(account=account).count() == 4
    assert _people(account)["张伟"].title == "副主任"


# ---- kind 3: where the table starts and ends ----


def test_a_totals_row_of_several_cells_and_an_export_line_are_footer(account):
    result = _run(account, "k3b_cn_totals_row.csv")
    assert set(_people(account)) == {"王芳", "李强"}
    assert result.footer == [(5, "合计 2 人"), (6, "导出人：张三　导出于 2026-11-30")]
    assert result.skipped_above == [1] and result.header_row == 2


def test_salesforce_report_title_rows_other_footer_and_reports_to_contact_id(account):
    result = _run(account, "k3a_sf_report_title.csv")
    assert result.header_row == 4 and result.skipped_above == [1, 2]
    assert [row for row, _ in result.footer] == [8, 9, 10]
    people = _people(account)
    assert people["Ravi Kumar"].reports_to == people["Olga Stone"]  # the 18-character id of the 15


def test_hidden_first_sheet_title_and_two_row_merged_header(account):
    result = _run(account, "k3c_hidden_first_merged.xlsx")
    assert (result.sheet, result.hidden_sheets) == ("通讯录", ["说明"])
    assert (result.group_row, result.header_row) == (2, 3)
    people = _people(account)
    assert set(people) == {"赵总", "钱明", "孙丽"}
    assert _path(people["孙丽"].org_unit) == "集团/信息中心/运维部"
    assert people["孙丽"].reports_to == people["钱明"]


def test_heading_rows_of_a_hand_kept_list_are_units_not_people(account):
    # `信息中心（3人）` and `财务部：` head their people; 周游 fills only a name and is still a person
    result = _run(account, "k3e_section_rows.csv")
    people = _people(account)
    assert set(people) == {"赵磊", "孙丽", "周游", "钱明", "吴芳"}
    assert {n: _path(p.org_unit) for n, p in people.items()} == {
        "赵磊": "信息中心", "孙丽": "信息中心", "周游": "信息中心", "钱明": "财务部", "吴芳": "财务部",
    }  # fmt: skip
    assert result.sections == [(3, "信息中心（3人）"), (7, "财务部：")]
    assert result.header_row == 2 and result.footer == []


def test_a_two_character_name_ending_like_a_unit_is_a_person_not_a_heading(account):
    """A trial's 李科 (only her name filled) was taken for a unit: not created, and the people below her put in a
    new department 李科. A family name before it makes it a name; 内科 (a hospital's ward) stays a heading."""
    data = "姓名,职务,手机\r\n张三,经理,13800000041\r\n李科,,\r\n王五,工程师,13800000042\r\n内科,,\r\n赵六,医生,13800000043\r\n"
    result = people_import(account=account, data=data.encode(), filename="list.csv")
    people = _people(account)
    assert set(people) == {"张三", "李科", "王五", "赵六"}
    assert people["王五"].org_unit is None and _path(people["赵六"].org_unit) == "内科"
    assert result.sections == [(5, "内科")]


def test_heading_rows_in_english_and_a_department_column_wins(account):
    _run(account, "k3f_section_rows_en.csv")
    people = _people(account)
    assert set(people) == {"Anna Berg", "Liu Wei", "Ola Nordmann"}
    assert _path(people["Liu Wei"].org_unit) == "Sales team"
    assert _path(people["Ola Nordmann"].org_unit) == "IT Department"
    data = b"Name,Title,Department\nSales team (1 person),,\nEva Lund,Rep,Field Sales\n"
    people_import(account=account, data=data, filename="with-unit.csv")
    assert _path(_people(account)["Eva Lund"].org_unit) == "Field Sales"


# ---- kind 4: Chinese organisation exports, Dynamics ----


def test_dingtalk_manager_number_column_wins_over_the_name_column(account):
    result = _run(account, "k4a_dingtalk_unseen.csv")
    assert result.recognised["manager"] == "直属主管工号"
    assert result.recognised["external_id"] == "员工UserID"
    assert "直属主管" in result.suspicious_columns  # not dropped silently
    people = _people(account)
    assert people["吴磊"].reports_to == people["何静"] and people["何静"].reports_to == people["马总"]
    assert _path(people["吴磊"].org_unit) == "华东能源/信息中心/运维部"  # the first of '，'-separated paths
    assert _path(people["何静"].org_unit) == "华东能源/信息中心"  # 主部门


def test_feishu_manager_user_id_column(account):
    result = _run(account, "k4b_feishu.csv")
    assert result.source == "feishu" and result.recognised["manager"] == "直属上级用户 ID"
    people = _people(account)
    assert people["陈晨"].reports_to == people["冯雪"]
    assert _path(people["陈晨"].org_unit) == "星河科技/研发中心/平台组"


def test_dynamics_export_in_chinese(account):
    result = _run(account, "k4c_dynamics_zh.xlsx")
    assert result.source == "dynamics" and result.hidden_sheets == ["hiddenSheet"]
    people = _people(account)
    assert people["Tom Reed"].external_id == "a1b2c3d4-0000-0000-0000-000000000002"
    assert people["Tom Reed"].reports_to == people["Helen Park"]
    assert people["Helen Park"].phone == "+1 425 555 0100"


# ---- kind 5: dates ----


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("11/3/2026, 2:30 PM", "mdy", "2026-11-03 14:30:00"),
        ("2026年11月3日 下午2:30", None, "2026-11-03 14:30:00"),
        ("2026/11/3 上午9:05", None, "2026-11-03 09:05:00"),
        ("2026年11月3日下午2点半", None, "2026-11-03 14:30:00"),  # no space after 日, as typed in Chinese
        ("2026年11月3日 14点30分", None, "2026-11-03 14:30:00"),
        ("2026/11/3 上午9点", None, "2026-11-03 09:00:00"),
        ("3/14/25", "mdy", "2025-03-14"),
        ("04-Mar-25", None, "2025-03-04"),
        ("Nov 3, 2026", None, "2026-11-03"),
        ("45720", None, "2025-03-04"),
    ],
)
def test_more_date_forms(text, order, expected):
    assert str(dates.parse(text, order)) == expected


def test_chinese_dates_and_excel_serials_land(account):
    _run(account, "k5a_dates_cn_serial.csv")
    assert {p.name: str(p.left_on) for p in _people(account).values() if p.left_on} == {
        "甲": "2025-03-04",
        "乙": "2025-03-04",
        "丙": "2025-03-04",
    }


def test_two_digit_years_settled_by_a_part_over_12(account):
    _run(account, "k5d_us_2digit.csv")
    assert {p.name: str(p.left_on) for p in _people(account).values()} == {
        "Amy": "2025-03-14",
        "Bob": "2025-06-05",
    }


def test_an_undecided_order_is_refused_by_row_and_writes_nothing(account):
    before = dumps_map(export_map(account))
    with pytest.raises(ImportFailed) as exc:
        people_import(account=account, data=(OWN / "k5b_ambiguous.csv").read_bytes(), filename="k5b.csv")
    assert [(p.row, p.code) for p in exc.value.problems] == [(2, "ambiguous_date"), (3, "ambiguous_date")]
    assert dumps_map(export_map(account)) == before
    _run(account, "k5b_ambiguous.csv", date_order="dmy")
    assert str(_people(account)["Bob"].left_on) == "2025-06-05"


def test_a_part_over_12_settles_the_file(account):
    _run(account, "k5c_settled.csv")
    assert str(_people(account)["Amy"].left_on) == "2025-03-04"


def test_a_character_cut_at_the_end_is_dropped_not_read_as_another_encoding():
    from battlemap.io.mail.headers import decode_words

    cut = "".join(f"={c:02X}" for c in "冯雪".encode()[:4])  # a gateway cut the header inside 雪
    assert decode_words(f"=?utf-8?Q?{cut}?=") == "冯"
    assert decode("姓名\n张伟".encode()[:-1]).text == "姓名\n张"
    assert decode("Subject: Café".encode("cp1252")).encoding == "cp1252"  # an é at the end is no cut


def test_excel_sep_line_names_the_delimiter(account):
    result = _run(account, "k3d_excel_sep_line_cp1252.csv")
    assert result.encoding == "Windows-1252" and result.header_row == 1  # Excel hides the sep= line
    assert set(_people(account)) == {"Jürgen Weiß", "Anna Groß"}


def test_lark_member_export_in_english(account):
    result = _run(account, "k4d_lark_english.csv")
    assert {result.recognised[k] for k in ("manager", "phone", "email")} == {
        "Direct manager",
        "Mobile number",
        "Work email",
    }
    people = _people(account)
    assert people["Bo Wu"].reports_to == people["Ada Li"]
    assert _path(people["Bo Wu"].org_unit) == "Acme/IT/Ops"
