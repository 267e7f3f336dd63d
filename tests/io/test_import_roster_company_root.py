"""A DingTalk (钉钉) roster exported as XLSX, built here as DingTalk writes it: a title row merged across the sheet,
a two-row header with group cells (基本信息 over 部门 | 职位, 联系方式 over 手机号 | 办公邮箱; 工号, 姓名, 直属上级 merged
down), and each member's department as its path from the organisation's root, which is the company itself
(`华东省能源投资集团/信息中心/运维部`).

The company at the top of the paths was read as a unit: the import built a second tree beside the map's
(华东省能源投资集团 › 信息中心 beside the map's 信息中心, 华东省能源投资集团 › 财务部 beside its 财务部), placed the
roster's people there, away from their managers' units, and every later file writing `信息中心` alone was refused,
the account now holding two. And 办公邮箱 was an ignored column: no one's e-mail came in."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from battlemap.accounts.models import OrgUnit
from battlemap.accounts.services import org_unit_create
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from tests import factories as f

from .test_realworld_tabular import _path, _people, _xlsx

COMPANY = "华东省能源投资集团"
TITLE = [f"{COMPANY} 员工花名册（导出时间：2026-12-01 10:00）"]
HEADER = [
    ["工号", "姓名", "基本信息", None, "联系方式", None, "直属上级", "入职时间"],
    [None, None, "部门", "职位", "手机号", "办公邮箱", None, None],
]
MERGES = ["A1:H1", "A2:A3", "B2:B3", "C2:D2", "E2:F2", "G2:G3", "H2:H3"]
PEOPLE = [
    ["00123", "孙浩", f"{COMPANY}/信息中心/运维部", "运维部经理", "13812345678", "sunhao@hdny.com.cn", "王建明",
     datetime.datetime(2024, 3, 5)],
    ["00125", "张伟", f"{COMPANY}/财务部", "会计", "13712345678", "zhangwei@hdny.com.cn", "吴芳",
     datetime.datetime(2023, 7, 1)],
    ["00126", "王丽", f"{COMPANY}/信息中心", "数据分析师", "13612345678", "wangli@hdny.com.cn", "00123",
     datetime.datetime(2026, 6, 1)],
    ["00001", "陈国强", COMPANY, "董事长", "13512345678", "chen@hdny.com.cn", None, None],
]  # fmt: skip


@pytest.fixture
def account(db):
    account = f.account(owner=f.user("rw"), slug="hdny", name=COMPANY)
    top = org_unit_create(account=account, name="集团领导")
    info = org_unit_create(account=account, name="信息中心", parent=top)
    finance = org_unit_create(account=account, name="财务部", parent=top)
    f.person(account=account, name="王建明", title="信息中心主任", org_unit=info)
    f.person(account=account, name="吴芳", title="财务部部长", org_unit=finance)
    f.person(account=account, name="陈国强", title="董事长", org_unit=top)
    return account


def _roster(people: list[list] = PEOPLE) -> bytes:
    return _xlsx([("花名册", [TITLE, *HEADER, *people], "visible")], {"花名册": MERGES})


def test_the_company_at_the_top_of_a_rosters_paths_is_the_account_not_a_unit(account):
    result = people_import(account=account, data=_roster(), filename="花名册.xlsx")
    people = _people(account)
    assert _path(people["孙浩"].org_unit) == "集团领导 › 信息中心 › 运维部"
    assert _path(people["王丽"].org_unit) == "集团领导 › 信息中心"  # the map's 信息中心, beside her manager's
    assert _path(people["张伟"].org_unit) == "集团领导 › 财务部"
    assert people["陈国强"].org_unit.name == "集团领导"  # a member of the root alone keeps the unit he has
    assert not OrgUnit.objects.filter(account=account, name=COMPANY).exists()
    assert OrgUnit.objects.filter(account=account, name="信息中心").count() == 1
    assert (people["孙浩"].reports_to.name, people["王丽"].reports_to.name) == ("王建明", "孙浩")
    with translation.override("en"):
        lines = summary_lines(result)
    # one line says how the paths were read, and it never calls the company a unit (it had said first "share
    # the top unit 华东省能源投资集团", then that 华东省能源投资集团 is not a unit)
    departments = [line for line in lines if line.startswith("Departments")]
    assert departments == [
        f"Departments read as a tree of units below {COMPANY}, the account's company, which is not a unit of it: "
        f"“{COMPANY}/信息中心/运维部” is 信息中心 › 运维部 (a person of {COMPANY} alone keeps the unit the map has)."
    ]
    with translation.override("zh-hans"):
        zh = [line for line in summary_lines(result) if line.startswith("部门")]
    assert len(zh) == 1 and "即 信息中心 › 运维部" in zh[0] and f"上级部门 {COMPANY}" not in zh[0]
    # a later list writing 信息中心 alone finds the one unit, as before the roster
    later = "姓名,职务,部门\n周琳,信息中心副主任,信息中心\n".encode()
    people_import(account=account, data=later, filename="list.csv")
    assert _path(_people(account)["周琳"].org_unit) == "集团领导 › 信息中心"
    again = people_import(account=account, data=_roster(), filename="花名册.xlsx")
    assert (again.created, again.updated) == (0, 0)


def test_a_rosters_office_mailbox_is_the_email(account):
    result = people_import(account=account, data=_roster(), filename="花名册.xlsx")
    assert result.recognised["email"] == "办公邮箱"
    assert _people(account)["张伟"].email == "zhangwei@hdny.com.cn"


def test_a_unit_the_map_has_of_the_companys_name_stays_the_top_of_the_paths(account):
    org_unit_create(account=account, name=COMPANY)
    people_import(account=account, data=_roster(), filename="花名册.xlsx")
    assert _path(_people(account)["孙浩"].org_unit) == f"{COMPANY} › 信息中心 › 运维部"


def test_on_a_map_without_departments_the_rosters_tree_is_kept_whole_its_root_the_company(db):
    account = f.account(owner=f.user("rw"), slug="hdny", name=COMPANY)
    managers_not_on_the_map = [
        [*row[:6], None if row[6] in ("王建明", "吴芳") else row[6], row[7]] for row in PEOPLE
    ]
    people_import(account=account, data=_roster(managers_not_on_the_map), filename="花名册.xlsx")
    assert _path(_people(account)["孙浩"].org_unit) == f"{COMPANY} › 信息中心 › 运维部"


def test_a_blank_department_cell_is_no_move_and_no_second_person(account):
    """A CRM export re-imported whose contact has no department (a blank cell of its Department column) is the
    map's one person of that name: it had made a second 王建明, the warning asking whether he had moved."""
    data = "姓名,职务,部门\n王建明,信息中心主任（兼）,\n".encode()
    result = people_import(account=account, data=data, filename="crm.csv")
    assert (result.created, result.updated) == (0, 1)
    wang = _people(account)["王建明"]
    assert (wang.title, _path(wang.org_unit)) == ("信息中心主任（兼）", "集团领导 › 信息中心")
