"""纷享销客 (Fxiaoke) contacts imported with a deal of the demo account 华东省能源投资集团 (hdny), as a
sales-operations reviewer brought them: the role column 联系人角色 was ignored, and the summary asked to "add a role
column to the file" it had."""

from __future__ import annotations

import pytest

from battlemap.deals.models import Deal, StakeholderRole
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person

from .demo_people import summary
from .files import xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = [
    "姓名",
    "客户名称",
    "职务",
    "部门",
    "手机号",
    "邮箱",
    "关键决策人",
    "联系人角色",
    "负责人",
    "所属部门",
    "性别",
]
# the reviewer's fxiaoke_contacts.xlsx (生日 and 创建时间 left out)
FXIAOKE = [
    HEADER,
    ["陈国强", "华东省能源投资集团", "董事长、党委书记", "集团领导", None, "chenguoqiang@hdny.com.cn", "是", "决策人",
     "张明", "华东大客户部", "男"],
    ["王建明", "华东省能源投资集团", "信息中心主任", "信息中心", "+8613901010001", "wangjianming@hdny.com.cn", "否",
     "影响者", "张明", "华东大客户部", "男"],
    ["郑海涛", "华东省能源投资集团", "采购与招标中心主任", "采购与招标中心", None, "zhenghaitao@hdny.com.cn", "是",
     "采购者", "张明", "华东大客户部", "男"],
    ["曹雪", "华东省能源投资集团", "数据工程师", "信息中心", None, "caoxue@hdny.com.cn", "否", "使用者", "李娜",
     "华东大客户部", "女"],
    ["赵磊", "华东省能源投资集团", "信息中心副主任", "信息中心", None, "zhaolei@hdny.com.cn", "否", "技术把关人",
     "李娜", "华东大客户部", "男"],
    ["孙浩", "华东省能源投资集团", "运维部经理", "信息中心", "13812345678", "sunhao@hdny.com.cn", "否", "普通联系人",
     "李娜", "华东大客户部", "男"],
]  # fmt: skip


@pytest.fixture
def deal(hdny):
    return Deal.objects.filter(account=hdny).order_by("pk").first()


def _roles(deal) -> dict[str, list[str]]:
    return {
        r.person.name: list(r.roles)
        for r in StakeholderRole.objects.filter(deal=deal).select_related("person")
    }


def test_the_contact_role_column_and_the_key_decision_maker_give_the_roles(hdny, deal):
    before = _roles(deal)
    result = people_import(
        account=hdny, data=xlsx_bytes(FXIAOKE), filename="fxiaoke_contacts.xlsx", deal=deal
    )

    after = _roles(deal)
    added = {"陈国强": ["decision_maker"], "王建明": ["influencer"], "郑海涛": ["purchaser", "decision_maker"],
             "曹雪": ["user"], "赵磊": ["gatekeeper"]}  # fmt: skip
    for name, roles in added.items():  # added to the roles the deal held (a CRM file may name one of several)
        assert set(after[name]) == {*before.get(name, []), *roles}
    assert "孙浩" not in after  # 普通联系人: a contact of no buying role, not added to the deal, no error
    assert {n: r for n, r in after.items() if n not in added} == {
        n: r for n, r in before.items() if n not in added
    }
    assert Person.objects.get(account=hdny, name="孙浩").org_unit.name == "信息中心"
    assert result.recognised["roles"] == "联系人角色"
    assert result.recognised["key_decision_maker"] == "关键决策人"
    assert (
        "1 row gives no role, attitude or influence: that person was not added to the deal (its 联系人角色 cell is "
        "empty or names no buying role: give their role in the deal room)."
    ) in summary(result)


def test_a_key_decision_maker_cell_neither_yes_nor_no_is_refused_by_row(hdny, deal):
    rows = [HEADER, [*FXIAOKE[2][:6], "待定", *FXIAOKE[2][7:]]]
    with pytest.raises(ImportFailed) as failed:
        people_import(account=hdny, data=xlsx_bytes(rows), filename="fx.xlsx", deal=deal)
    assert [p.message("en") for p in failed.value.problems] == [
        'row 2, Key decision maker: unknown value "待定"'
    ]


def test_rows_without_roles_name_a_role_column_the_file_has_but_is_not_read(hdny, deal):
    rows = [["姓名", "客户名称", "角色类型"], ["孙浩", "华东省能源投资集团", "普通联系人"]]
    result = people_import(account=hdny, data=xlsx_bytes(rows), filename="fx.xlsx", deal=deal, dry_run=True)
    assert (
        "1 row gives no role, attitude or influence: that person was not added to the deal. Column “角色类型” is not "
        "read: if it holds the roles, choose Role for it (the preview's column menu, or a mapping file)."
    ) in summary(result)
