"""Trial 24's findings on the people import: a dry run takes no write lock and says what the import does;
hidden rows of every workbook format skipped and said; numbers shown zero-padded read as shown; a second
phone column said; a manager named in the file who is a person already on the map."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN")


def _import(world, text: str, *, dry_run: bool, deal=None, filename: str = "people.csv", data=None):
    return people_import(
        account=world.cn, data=data if data is not None else text.encode(), filename=filename, deal=deal,
        dry_run=dry_run, user=world.owner,
    )  # fmt: skip


def test_a_dry_run_writes_nothing_so_it_takes_no_write_lock(world):
    text = "姓名,职务,部门,上级\n张伟,采购经理,采购部,王建国\n刘洋,工程师,采购部,张伟\n"
    with CaptureQueriesContext(connection) as queries:
        result = _import(world, text, dry_run=True)
    assert result.created == 2
    written = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert written == []  # on SQLite any write (even one rolled back) holds the database's write lock


def test_a_dry_run_says_what_the_import_then_does(world):
    """New units, a new manager, a person already there moving under him, roles created and updated: the dry
    run's summary is the import's, line for line."""
    text = (
        "姓名,职务,部门,上级,角色,态度,影响力\n"
        "赵刚,副总经理,新设事业部,王建国,影响者,支持,4\n"
        "李明,信息中心主任,新设事业部/数字化处,赵刚,使用者,,\n"
        "王建国,总经理,,,推荐者,,\n"
    )
    with translation.override("en"):
        dry = summary_lines(_import(world, text, dry_run=True, deal=world.cn_deal))
        real = summary_lines(_import(world, text, dry_run=False, deal=world.cn_deal))
    assert dry[0].startswith("Dry run")
    assert dry[1:] == real
    assert any("李明" in line and "Manager 王建国 → 赵刚" in line for line in real)
    assert "Roles: 2 created, 1 updated" in real


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "trial24"


@pytest.mark.parametrize("name", ["padded_hidden.xlsx", "padded_hidden.xls", "padded_hidden.ods"])
def test_a_hidden_row_is_skipped_and_said_in_every_workbook_format(world, name):
    """Written by openpyxl (row 4 hidden, 已删除-勿导入), and as Excel 97 and as .ods by LibreOffice from it
    (`soffice --headless --convert-to xls|ods padded_hidden.xlsx`)."""
    result = _import(world, "", dry_run=False, filename=name, data=(FIXTURES / name).read_bytes())
    assert result.hidden_rows == [4] and result.created == 3
    assert not world.cn.people.filter(name="已删除-勿导入").exists()
    with translation.override("en"):
        assert "Hidden rows of the sheet skipped (1): 4." in summary_lines(result)


@pytest.mark.parametrize("name", ["padded_hidden.xlsx", "padded_hidden.xls", "padded_hidden.ods"])
def test_numbers_shown_with_leading_zeros_are_read_as_shown(world, name):
    """13800138000 formatted 000000000000 shows 013800138000; 755888866 formatted 0000000000 shows 0755888866;
    a number in the General format reads as its digits. LibreOffice writes the format of the .ods as a number
    style of 12 (10) minimum integer digits, in styles.xml, which the cell's automatic style names."""
    _import(world, "", dry_run=False, filename=name, data=(FIXTURES / name).read_bytes())
    phones = dict(world.cn.people.values_list("name", "phone"))
    assert phones["周一"] == "013800138000" and phones["吴二"] == "0755888866"
    assert phones["郑三"] == "13800138003"


def test_a_second_phone_column_is_kept_and_named(world):
    """A Salesforce export with Phone and Mobile: a person's one phone field keeps both numbers (matching reads
    the person of either), and the summary names the Mobile column among those read."""
    text = (
        "Contact ID,First Name,Last Name,Phone,Mobile\n"
        "0035g00000ABC01,Alice,O'Brien,0044 20 7946 0018,07700900123\n"
        "0035g00000ABC02,Bob,Smith,+1 (555) 010-2030,\n"
        "0035g00000ABC03,Cy,Jones,,07700900999\n"
    )
    result = _import(world, text, dry_run=False)
    phones = dict(world.cn.people.values_list("name", "phone"))
    assert phones["Alice O'Brien"] == "0044 20 7946 0018 / 07700900123"
    assert phones["Bob Smith"] == "+1 (555) 010-2030" and phones["Cy Jones"] == "07700900999"
    assert result.also_read == {"phone": ["Mobile"]}
    with translation.override("en"):
        columns = next(line for line in summary_lines(result) if line.startswith("Columns:"))
    assert "Phone → Phone" in columns and "Mobile → Phone" in columns
    again = _import(world, text, dry_run=False)
    assert again.unchanged == 3 and again.created == 0


def _wang_with_phone(world):
    world.cn_boss.phone = "013800138000"
    world.cn_boss.save()
    return world.cn_boss


def test_a_manager_whose_phone_changed_is_the_person_on_the_map(world):
    """Re-importing a CRM export after 王建国's phone changed: his row is him (same name and title, only the
    phone differs), so the manager cell 王建国 names one person and the phone is updated, said by row."""
    wang = _wang_with_phone(world)
    text = "姓名,职务,上级,手机\n钱学森,采购经理,王建国,\n王建国,总经理,,013800138999\n"
    result = _import(world, text, dry_run=False)
    wang.refresh_from_db()
    assert wang.phone == "013800138999" and world.cn.people.filter(name="王建国").count() == 1
    assert world.cn.people.get(name="钱学森").reports_to == wang
    with translation.override("en"):
        lines = summary_lines(result)
    assert any("row 3, Phone" in line and "013800138000" in line and "013800138999" in line for line in lines)
    assert any("Phone 013800138000 → 013800138999" in line for line in lines)


def test_a_namesake_of_another_post_and_phone_is_still_another_person(world):
    _wang_with_phone(world)
    text = "姓名,职务,手机\n王建国,司机,013900000001\n"
    result = _import(world, text, dry_run=False)
    assert result.created == 1 and world.cn.people.filter(name="王建国").count() == 2
