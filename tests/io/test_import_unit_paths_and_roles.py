"""A tester's round: `/` in a department name always made a parent › child unit (`Sales/Marketing`,
`党委办公室/董事会办公室`), which also broke the XLSX export's own round trip (`市场/销售部 → 销售部`); and roles edited
in the exported sheet were added to those held, unlisted, while an unchanged sheet updated a role each time.

A column's `/` (as its `-`) separates units only when the column reads as a tree, said in the summary; the
export writes a unit's whole path joined by `›`, which its import reads alone; the own export's roles replace
those held, another file's are added — said either way —, every change of a role is listed with the values
replaced, and an unchanged role is not written."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from battlemap.accounts.services import org_unit_create
from battlemap.deals.models import StakeholderRole
from battlemap.io.export import export_account
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from tests import factories as f

pytestmark = pytest.mark.django_db


def _units(account) -> set[str]:
    """Every unit of the account as its path from the top: {"Sales", "集团 › 信息中心"}."""
    paths = set()
    for unit in account.org_units.all():
        names, at = [], unit
        while at is not None:
            names.insert(0, at.name)
            at = at.parent
        paths.add(" › ".join(names))
    return paths


def _import(account, text: str, **options):
    return people_import(account=account, data=text.encode(), filename="people.csv", **options)


def _en(result) -> list[str]:
    with translation.override("en"):
        return summary_lines(result)


# ---- 5. `/` in a department name ------------------------------------------------------------------------


def test_a_slash_in_a_department_name_is_one_unit_when_the_column_shows_no_tree(world):
    result = _import(
        world.en,
        "Name,Title,Department,Email\n"
        "Ann Lee,VP,Sales/Marketing,ann@t.example\n"
        "Bob Wu,Engineer,R&D / Engineering,bob@t.example\n"
        "Cat Ho,Analyst,Finance,cat@t.example\n",
    )
    assert _units(world.en) == {"Sales/Marketing", "R&D / Engineering", "Finance"}
    assert world.en.people.get(name="Ann Lee").org_unit.name == "Sales/Marketing"
    assert (
        "Departments: “Sales/Marketing” read as the name of one unit, not as a path, as the column shows no tree "
        "(no top unit shared, no path of three levels); to make it a unit within another, write "
        "Sales › Marketing." in _en(result)
    )
    # and in Chinese: two offices joined by `/`, a purchasing unit with its tender centre
    _import(
        world.cn,
        "姓名,职务,部门,邮箱\n"
        "刘建国,主任,党委办公室/董事会办公室,a@t.example\n"
        "张伟,经理,采购/招标中心,b@t.example\n"
        "李娜,专员,财务部,c@t.example\n",
    )
    assert {"党委办公室/董事会办公室", "采购/招标中心", "财务部"} <= _units(world.cn)
    assert "党委办公室" not in _units(world.cn)


@pytest.mark.parametrize(
    ("cells", "units", "said"),
    [
        # values sharing their top unit
        (["集团/信息中心", "集团/财务部"], {"集团", "集团 › 信息中心", "集团 › 财务部"},
         "Departments read as a tree of units: “集团/信息中心” is 集团 › 信息中心, as values of the column share "
         "the top unit 集团."),
        # the top unit named alone by another row
        (["采购", "采购/招标中心"], {"采购", "采购 › 招标中心"},
         "Departments read as a tree of units: “采购/招标中心” is 采购 › 招标中心, as values of the column share "
         "the top unit 采购."),
        # three levels: a path, whatever else the column holds (and then every `/` of it is one)
        (["华东能源/信息中心/运维部", "Sales/Marketing"],
         {"华东能源", "华东能源 › 信息中心", "华东能源 › 信息中心 › 运维部", "Sales", "Sales › Marketing"},
         "Departments read as a tree of units: “华东能源/信息中心/运维部” is 华东能源 › 信息中心 › 运维部, a path of "
         "3 levels."),
        # a top unit named by a path of another separator (`›`) is the same top
        (["集团/信息中心", "集团 › 财务部", "集团›财务部›预算处"],
         {"集团", "集团 › 信息中心", "集团 › 财务部", "集团 › 财务部 › 预算处"},
         "Departments read as a tree of units: “集团/信息中心” is 集团 › 信息中心, as values of the column share "
         "the top unit 集团."),
        # the same rule for DingTalk's `-`
        (["集团-信息中心", "集团-财务部"], {"集团", "集团 › 信息中心", "集团 › 财务部"},
         "Departments read as a tree of units: “集团-信息中心” is 集团 › 信息中心, as values of the column share "
         "the top unit 集团."),
    ],
)  # fmt: skip
def test_slash_and_hyphen_paths_of_a_column_that_reads_as_a_tree_are_a_tree_and_the_summary_says_so(
    world, cells, units, said
):
    rows = "".join(f"人{i},{cell}\n" for i, cell in enumerate(cells))
    result = _import(world.en, "Name,Department\n" + rows)
    assert _units(world.en) == units
    assert said in _en(result)


def test_a_unit_whose_name_holds_a_slash_comes_back_from_the_xlsx_export_as_itself(world):
    """Re-importing the export changes nothing: 市场/销售部 stays one unit, and two 综合部 of two parents keep
    their people (the export wrote the unit's name alone, which the import could not tell apart); the sheet
    moved into another account rebuilds the same tree."""
    account = world.cn
    market = org_unit_create(account=account, name="市场/销售部")
    east = org_unit_create(account=account, name="华东公司")
    west = org_unit_create(account=account, name="华西公司")
    f.person(account=account, name="周敏", org_unit=market)
    f.person(
        account=account, name="陈东", org_unit=org_unit_create(account=account, name="综合部", parent=east)
    )
    f.person(
        account=account, name="林西", org_unit=org_unit_create(account=account, name="综合部", parent=west)
    )
    units_before = _units(account)
    data = export_account(account, fmt="xlsx", lang="zh-hans")
    with translation.override("zh-hans"):
        sheet, column = pgettext("export", "People"), pgettext("export", "Department")
    rows = list(load_workbook(io.BytesIO(data), read_only=True)[sheet].values)
    shown = {r[1]: r[rows[0].index(column)] for r in rows[1:]}
    assert (shown["周敏"], shown["陈东"], shown["林西"]) == (
        "市场/销售部",
        "华东公司 › 综合部",
        "华西公司 › 综合部",
    )

    dry = people_import(account=account, data=data, filename="export.xlsx", dry_run=True)
    assert (dry.created, dry.updated, dry.replaced) == (0, 0, [])
    assert not any(line.startswith("Departments") for line in _en(dry))  # no reading to warn of
    people_import(account=account, data=data, filename="export.xlsx")
    assert _units(account) == units_before
    assert account.people.get(name="周敏").org_unit == market
    assert account.people.get(name="陈东").org_unit.parent == east

    target = f.account(owner=world.owner, slug="moved", name="Moved")
    people_import(account=target, data=data, filename="export.xlsx")
    assert {"市场/销售部", "华东公司 › 综合部", "华西公司 › 综合部"} <= _units(target)
    assert target.people.get(name="林西").org_unit.parent.name == "华西公司"


# ---- 6. roles edited in the exported sheet ----------------------------------------------------------------


def _export_edited(account, edits: dict[str, dict[str, str]]) -> bytes:
    """The account's XLSX export (Chinese) with cells of its People sheet changed: {name: {header: value}}."""
    data = export_account(account, fmt="xlsx", lang="zh-hans")
    book = load_workbook(io.BytesIO(data))
    with translation.override("zh-hans"):
        sheet = book[pgettext("export", "People")]
    headers = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for header, value in edits.get(row[1].value, {}).items():
            row[headers.index(header)].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def zhao(world):
    """赵磊, an influencer against us in the world's deal."""
    person = f.person(account=world.cn, name="赵磊", email="zhaolei@gd.example")
    return f.role(deal=world.cn_deal, person=person, roles=["influencer"], attitude="opponent")


def test_roles_edited_in_the_exported_sheet_replace_those_held_and_are_listed(world, zhao):
    data = _export_edited(world.cn, {"赵磊": {"角色": "把关者", "态度": "怀疑"}})
    result = people_import(account=world.cn, data=data, filename="export.xlsx", deal=world.cn_deal)
    zhao.refresh_from_db()
    assert (zhao.roles, zhao.attitude) == (["gatekeeper"], "skeptic")
    lines = _en(result)
    assert "Roles: 0 created, 1 updated" in lines
    assert any(
        line.startswith("Row ") and "赵磊: Role Influencer → Gatekeeper; Attitude Opponent → Skeptic" in line
        for line in lines
    ), lines
    assert (
        "Roles in the deal: a non-empty Roles cell replaces the roles the person held (Battlemap's own export, "
        "with its Deal id column); an empty one keeps them." in lines
    )


def test_an_unchanged_export_imported_again_updates_no_role(world, zhao):
    """赵磊 holds two roles, kept in the vocabulary's order (influencer before gatekeeper): the file's, compared
    in another order, updated his role (and its version) on every import."""
    zhao.roles = ["influencer", "gatekeeper"]
    zhao.save()
    version = StakeholderRole.objects.get(pk=zhao.pk).version
    data = export_account(world.cn, fmt="xlsx", lang="zh-hans")
    for dry_run in (True, False):
        result = people_import(
            account=world.cn, data=data, filename="export.xlsx", deal=world.cn_deal, dry_run=dry_run
        )
        assert (result.roles_created, result.roles_updated, result.replaced) == (0, 0, [])
        assert not any(line.startswith("Roles: ") for line in _en(result))
    assert StakeholderRole.objects.get(pk=zhao.pk).version == version


def test_a_crm_files_roles_are_added_to_those_held_and_the_summary_says_so(world, zhao):
    result = _import(
        world.cn, "姓名,邮箱,角色,态度\n赵磊,zhaolei@gd.example,把关者,怀疑\n", deal=world.cn_deal
    )
    zhao.refresh_from_db()
    assert (zhao.roles, zhao.attitude) == (["influencer", "gatekeeper"], "skeptic")
    lines = _en(result)
    assert any(
        "赵磊: Role Influencer → Influencer, Gatekeeper; Attitude Opponent → Skeptic" in line
        for line in lines
    )
    assert (
        "Roles in the deal: the file's are added to those each person held, none removed (only Battlemap's own "
        "export, with its Deal id column, replaces them)." in lines
    )
    assert "Roles kept besides the file's: 赵磊 (Influencer)." in lines


def test_a_company_of_a_department_path_keeps_its_co_ltd(world):
    """A CRM's department path through an English-named subsidiary: the comma of "Co., Ltd." is part of its
    name, not a list of two departments (the person landed in "… Trading Co." beside a new top unit "Ltd.").
    Two paths between commas are still two departments."""
    _import(
        world.cn,
        "Name,Title,Department,Email\n"
        '张三,经理,"华东能投集团 > East China Energy Trading Co., Ltd. > 财务部",zs@t.example\n'
        '王五,主管,"集团/信息中心, 集团/财务部",ww@t.example\n',
    )
    assert world.cn.people.get(name="张三").org_unit.parent.name == "East China Energy Trading Co., Ltd."
    assert "Ltd." not in _units(world.cn)
    assert "华东能投集团 › East China Energy Trading Co., Ltd. › 财务部" in _units(world.cn)
    assert {"集团 › 信息中心", "集团 › 财务部"} <= _units(world.cn)
