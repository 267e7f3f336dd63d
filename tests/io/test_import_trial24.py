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


@pytest.mark.parametrize("name", ["padded_hidden.xlsx", "padded_hidden.xls"])
def test_a_hidden_row_is_skipped_and_said_in_every_workbook_format(world, name):
    """Written by openpyxl (row 4 hidden, 已删除-勿导入), and as Excel 97 by LibreOffice from it."""
    result = _import(world, "", dry_run=False, filename=name, data=(FIXTURES / name).read_bytes())
    assert result.hidden_rows == [4] and result.created == 3
    assert not world.cn.people.filter(name="已删除-勿导入").exists()
    with translation.override("en"):
        assert "Hidden rows of the sheet skipped (1): 4." in summary_lines(result)


@pytest.mark.parametrize("name", ["padded_hidden.xlsx", "padded_hidden.xls"])
def test_numbers_shown_with_leading_zeros_are_read_as_shown(world, name):
    """13800138000 formatted 000000000000 shows 013800138000; 755888866 formatted 0000000000 shows 0755888866;
    a number in the General format reads as its digits."""
    _import(world, "", dry_run=False, filename=name, data=(FIXTURES / name).read_bytes())
    phones = dict(world.cn.people.values_list("name", "phone"))
    assert phones["周一"] == "013800138000" and phones["吴二"] == "0755888866"
    assert phones["郑三"] == "13800138003"
