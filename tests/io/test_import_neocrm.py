"""销售易 (Neocrm) contact exports imported on the demo account 华东省能源投资集团 (hdny), as a sales-operations
reviewer brought them: the account column 所属客户 was ignored, so the partners of the file (德勤, 省电力设计院)
became the customer's own people; 所属部门 beside 负责人 — our colleague's unit — moved 王建明 to 华东大客户部."""

from __future__ import annotations

import pytest

from battlemap.accounts.models import OrgUnit
from battlemap.io.tabular.columns import recognise
from battlemap.io.tabular.mappingfile import load_mapping
from battlemap.io.tabular.services import people_import

from .demo_people import people, summary
from .files import xlsx_bytes

pytestmark = pytest.mark.django_db

# the reviewer's neocrm_contacts2.xlsx (林涛 of 华东能投南湖电厂 left out: a subsidiary's company is another rule)
CONTACTS = [
    ["联系人姓名", "所属客户", "部门", "职务", "手机", "电话", "邮箱", "直属上级", "性别", "负责人", "所属部门",
     "创建人", "创建时间", "最新修改时间"],
    ["王建明", "华东省能源投资集团", "信息中心", "信息中心主任", "+86 13901010001", None, "wangjianming@hdny.com.cn",
     "刘卫东", "男", "张明", "华东大客户部", "张明", "2026/11/3 14:05", "2026/11/20 9:12"],
    ["沈明", "德勤管理咨询（上海）有限公司", None, "高级经理", None, None, "shenming@consulting.example", None, "男",
     "张明", "华东大客户部", "张明", "2026/11/6 11:00", "2026/11/6 11:00"],
    ["周杰", "德勤管理咨询（上海）有限公司", None, "咨询顾问", "13600002222", None, "zhoujie@deloitte.example", None,
     "男", "张明", "华东大客户部", "张明", "2026/11/7 11:01", "2026/11/7 11:01"],
    ["陈工", "省电力设计院", None, "电气专业负责人", "13600003333", None, "chengong@zjepdi.cn", "蒋立新", "男", "张明",
     "华东大客户部", "张明", "2026/11/7 11:02", "2026/11/7 11:02"],
]  # fmt: skip


def test_the_account_column_makes_the_partners_external(hdny):
    before = people(hdny)
    result = people_import(account=hdny, data=xlsx_bytes(CONTACTS), filename="neocrm_contacts2.xlsx")

    after = people(hdny)
    assert after["周杰"] == {
        "name": "周杰", "title": "咨询顾问", "email": "zhoujie@deloitte.example", "phone": "13600002222",
        "external": True, "organisation": "德勤管理咨询（上海）有限公司", "org_unit__name": None,
        "reports_to__name": None,
    }  # fmt: skip
    assert (after["陈工"]["external"], after["陈工"]["organisation"]) == (True, "省电力设计院")
    shen = after["沈明"]
    assert (shen["external"], shen["organisation"]) == (True, "德勤管理咨询（上海）有限公司")
    # the customer's own: in 信息中心 still, his empty phone filled; nobody else changed
    assert after["王建明"] == before["王建明"] | {"phone": "+86 13901010001"}
    assert {n: p for n, p in after.items() if n not in ("周杰", "陈工", "沈明", "王建明")} == {
        n: p for n, p in before.items() if n not in ("沈明", "王建明")
    }
    lines = summary(result)
    assert result.recognised["company"] == "所属客户"
    assert "External, of 德勤管理咨询（上海）有限公司: 沈明, 周杰" in lines
    assert "External, of 省电力设计院: 陈工" in lines


ACCOUNT_COLUMNS = "所属客户 客户名称 所属公司 所在公司 公司名称 单位名称 工作单位 所属单位 企业名称".split()


@pytest.mark.parametrize("header", ACCOUNT_COLUMNS)
def test_chinese_crm_account_columns_give_the_company(header):
    assert recognise(["姓名", header, "职务"]).fields == {"name": 0, "company": 1, "title": 2}


def test_a_lone_customer_column_is_not_read_as_the_company():
    """客户 alone is also a yes/no or a customer grade: read as the company, 是 would make a person external."""
    assert "company" not in recognise(["姓名", "客户", "职务"]).fields


# the reviewer's neocrm_default.xlsx: 销售易's default export, without the contact's 部门
DEFAULT = [
    ["联系人姓名", "所属客户", "职务", "手机", "邮箱", "负责人", "所属部门", "创建人", "创建时间"],
    ["王建明", "华东省能源投资集团", "信息中心主任", "13901010001", "wangjianming@hdny.com.cn", "张明", "华东大客户部",
     "张明", "2026/11/3 14:05"],
    ["孙浩", "华东省能源投资集团", "运维部经理", "13812345678", "sunhao@hdny.com.cn", "张明", "华东大客户部", "张明",
     "2026/11/4 10:00"],
    ["钱志刚", "华东省能源投资集团", "生产运营部主任", None, "qianzhigang@hdny.com.cn", "李娜", "华东二部", "李娜",
     "2026/11/4 10:05"],
]  # fmt: skip


def test_the_owners_unit_beside_the_owner_column_is_no_department(hdny):
    units = set(OrgUnit.objects.filter(account=hdny).values_list("name", flat=True))
    result = people_import(account=hdny, data=xlsx_bytes(DEFAULT), filename="neocrm_default.xlsx")

    known = people(hdny)
    assert known["王建明"]["org_unit__name"] == "信息中心"
    assert known["钱志刚"]["org_unit__name"] == "生产运营部"
    assert known["孙浩"]["org_unit__name"] is None  # new, and the file gives no department of his
    assert set(OrgUnit.objects.filter(account=hdny).values_list("name", flat=True)) == units
    assert "department" not in result.recognised
    assert (
        "Warning: column “所属部门” is not read as the department: beside the owner column “负责人” it is the unit of "
        "the colleague who owns the record, not the contact's. If it is the contact's department, choose Department "
        "for it (the preview's column menu, or a mapping file)."
    ) in summary(result)
    assert result.suspicious_columns == []  # said once, by the line above


def test_a_mapping_file_still_reads_it_as_the_department(hdny):
    mapping = load_mapping('[columns]\n"所属部门" = "department"\n')
    rows = [
        DEFAULT[0],
        ["孙浩", "华东省能源投资集团", "运维部经理", None, None, "张明", "运维部", "张明", None],
    ]
    result = people_import(account=hdny, data=xlsx_bytes(rows), filename="own.xlsx", mapping=mapping)
    assert result.owner_units == []
    assert people(hdny)["孙浩"]["org_unit__name"] == "运维部"


def test_without_an_owner_column_it_is_the_department():
    assert recognise(["姓名", "所属部门", "职务"]).fields == {"name": 0, "department": 1, "title": 2}


@pytest.mark.parametrize(
    "owner",
    ["负责人", "创建人", "Contact Owner", "Owner", "OwnerId", "Record Owner", "Created By", "负责人所属部门"],
)
def test_our_owner_is_never_the_manager_nor_a_column_to_warn_of(owner):
    columns = recognise(["Name", "Title", owner])
    assert columns.field_at(2) == "ignore"
    assert columns.suspicious == []


@pytest.mark.parametrize("handle", ["Skype ID", "微信ID", "QQ ID"])
def test_a_messaging_account_is_no_id_to_warn_of(handle):
    columns = recognise(["Name", handle, "Manager ID"])
    assert columns.suspicious == ["Manager ID"]
