"""A file that writes the customer in its short form (深圳智慧交通, 智慧交通 for 深圳市智慧交通集团有限公司): those
rows are the account's own people, though another company has more rows — a reviewer's file made the three
华为 people the account's and the customer's two external (`company_names.account_company_keys`)."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.io.company_names import account_company_keys, company_key
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person
from tests import factories as f

from .files import csv_bytes

HEAD = ["姓名", "公司", "职务", "手机"]
HUAWEI = [
    ["张华", "华为技术有限公司", "客户经理", "13811110003"],
    ["李强", "华为技术有限公司", "解决方案经理", "13811110004"],
    ["王磊", "华为技术有限公司", "交付经理", "13811110005"],
]


@pytest.fixture
def account(db):
    return f.account(owner=f.user("c"), slug="szzhjt", name="深圳市智慧交通集团有限公司")


def _external(account) -> dict[str, str]:
    people = Person.objects.filter(account=account, external=True)
    return dict(people.values_list("name", "organisation"))


def test_the_customer_in_its_short_form_outranks_the_most_common_company(account):
    rows = [HEAD, ["刘洋", "深圳智慧交通", "信息中心主任", "13811110001"],
            ["陈静", "智慧交通集团", "采购经理", "13811110002"], *HUAWEI]  # fmt: skip
    result = people_import(account=account, data=csv_bytes(rows, "gbk"), filename="people.csv")

    assert _external(account) == {
        "张华": "华为技术有限公司",
        "李强": "华为技术有限公司",
        "王磊": "华为技术有限公司",
    }
    assert set(Person.objects.filter(account=account, external=False).values_list("name", flat=True)) == {
        "刘洋",
        "陈静",
    }
    with translation.override("en"):
        lines = "\n".join(summary_lines(result))
    assert "Company of the account: 深圳智慧交通" in lines
    assert "External, of 华为技术有限公司: 张华, 李强, 王磊" in lines


def test_the_same_name_in_another_place_is_another_company(account):
    rows = [HEAD, ["刘洋", "北京智慧交通", "主任", ""], ["陈静", "深圳市智慧交通", "经理", ""]]
    people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="people.csv")
    assert _external(account) == {"刘洋": "北京智慧交通"}


def test_short_forms_drop_the_place_word_the_place_and_the_legal_form():
    keys = account_company_keys("深圳市智慧交通集团有限公司")
    for short in ("深圳智慧交通", "智慧交通", "深圳市智慧交通股份有限公司", "智慧交通集团"):
        assert company_key(short) in keys, short
    assert company_key("北京智慧交通") not in keys
    assert company_key("华为技术（中国）有限公司") == company_key("华为技术有限公司")
    assert company_key("Huawei (China) Co., Ltd.") == company_key("HUAWEI")
    assert company_key("城市之光") == "城市之光"  # 城市 is no place: one character before 市
    assert company_key("广东省深圳市智慧交通") in account_company_keys("广东省深圳市智慧交通有限公司")
    assert company_key("深圳智慧交通") in account_company_keys("广东省深圳市智慧交通有限公司")
