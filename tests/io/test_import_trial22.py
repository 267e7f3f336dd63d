"""Real-tool files of trial 22 (WPS inline strings, broken VLOOKUPs, one person with two e-mails): each is
read as the spreadsheet shows it, refused by row and column, or warned of — never written wrong silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.io.tabular.table import cell_text
from battlemap.people.models import Person
from tests import factories as f

FIXTURES = Path(__file__).parents[1] / "fixtures" / "tabular"


@pytest.fixture
def account(db):
    return f.account(owner=f.user("t22"), slug="t22", name="试验")


def _import(account, name: str, data: bytes | None = None, dry_run: bool = False):
    data = data if data is not None else (FIXTURES / name).read_bytes()
    return people_import(account=account, data=data, filename=name, dry_run=dry_run)


def _refusals(account, name: str) -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        _import(account, name)
    assert not Person.objects.filter(account=account).exists()
    return [p.message("en") for p in failed.value.problems]


def test_a_phone_stored_with_float_noise_is_saved_as_the_sheet_shows_it(account):
    """WPS saved C4 as 13812345680.000002; Excel shows 13812345680, and that was stored with the noise."""
    _import(account, "b1_wps_inline.xlsx")
    assert Person.objects.get(account=account, name="张三").phone == "13812345680"
    assert (
        cell_text(0.1 + 0.2) == "0.3"
        and cell_text(4.6) == "4.6"
        and cell_text(13812345678.0) == "13812345678"
    )


def test_formula_error_cells_are_refused_by_row_and_column(account):
    """A broken VLOOKUP (#N/A) in 职务 and #REF! in 备注 were imported as empty values."""
    refusals = _refusals(account, "b2b_errors_no_influence.xlsx")
    assert "row 2, Title: the cell shows the error #N/A (a formula that failed)" in refusals[1]
    assert refusals[0].startswith("row 2, Notes: the cell shows the error #REF!")


def test_an_influence_of_4_6_is_refused_as_not_whole(account):
    refusals = _refusals(account, "b2_errors_bools.xlsx")
    assert 'row 3, Influence: "4.6" is not a whole number from 1 to 5' in refusals


def test_a_score_written_with_its_unit_is_the_score(account):
    """影响力 "4分" — typed so, or a number formatted `0"分"` read as the sheet shows it — is 4, not refused."""
    deal = f.deal(account=account, name="一期")
    csv = "姓名,职务,影响力,关系\n张三,总监,4分,3 分\n李四,经理,2 points,1\n".encode()
    people_import(account=account, data=csv, filename="people.csv", deal=deal)
    stored = {r.person.name: (r.influence, r.relationship) for r in deal.roles.select_related("person")}
    assert stored == {"张三": (4, 3), "李四": (2, 1)}


def test_one_name_department_and_phone_with_two_emails_is_warned_of(account):
    csv = (
        "姓名,职务,部门,邮箱,手机\n张五,工程师,信息中心,zhang5@cust.example,13900000001\n"
        "张五,高级工程师,信息中心,zhang5.alt@cust.example,13900000001\n李四,工程师,信息中心,li4@cust.example,13900000001\n"
    ).encode()
    result = _import(account, "people.csv", csv, dry_run=True)
    with translation.override("en"):
        lines = "\n".join(summary_lines(result))
    assert "row 3, Phone: row 2 has the same name, department and phone with another e-mail" in lines
    assert "row 4" not in lines  # another name on a shared desk phone is no warning


@pytest.mark.parametrize("name", ["a5_hidden_rows_cols.xlsx", "a5_hidden_rows_cols.ods"])
def test_hidden_rows_and_columns_are_skipped_and_said(account, name):
    """Row 3 (卫十一, "已删除-勿导入") and column E (an old second 邮箱) are hidden in the sheet: they were
    imported with no mark. They are skipped, and the summary says which — in the .ods LibreOffice saves of
    the same sheet (`soffice --headless --convert-to ods`) too."""
    result = _import(account, name)
    assert sorted(Person.objects.filter(account=account).values_list("name", flat=True)) == ["蒋十二", "褚十"]
    assert Person.objects.get(account=account, name="褚十").email == "chu10@cust.example"
    with translation.override("en"):
        lines = summary_lines(result)
    assert "Hidden rows of the sheet skipped (1): 3." in lines
    assert "Hidden columns of the sheet skipped (1): E." in lines
