"""A list of outside people — a design institute's, a consultancy's — imported on an account whose own people are
on the map: no company of the file is the account's, so they come in as external people of their company, and a
person the map holds as external stays so (a reviewer's 华东电力设计院 list became the account's own people, 钱工
turned internal with his organisation cleared, and no line said so: `importer._companies`). A person who does
move between the account and another company is listed among the values replaced."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person
from tests import factories as f

# the reviewer's sjy.csv
INSTITUTE = "姓名,单位,职务,手机\n钱工,华东电力设计院,总工程师,13900139100\n孙工,华东电力设计院,主任工程师,13900139101\n"


@pytest.fixture
def account(db):
    account = f.account(owner=f.user("hd"), slug="hd5", name="华东能源集团有限公司")
    f.person(account=account, name="刘建华", title="信息中心主任", email="ljh@hdny.example")
    f.person(account=account, name="钱工", title="总工程师", phone="13900139100", external=True,
             organisation="华东电力设计院")  # fmt: skip
    return account


def _people(account) -> dict[str, tuple[bool, str]]:
    return {p.name: (p.external, p.organisation) for p in Person.objects.filter(account=account)}


def _summary(result) -> str:
    with translation.override("en"):
        return "\n".join(summary_lines(result))


def test_an_institutes_list_comes_in_as_its_external_people(account):
    result = people_import(account=account, data=INSTITUTE.encode(), filename="sjy.csv")

    assert _people(account) == {
        "刘建华": (False, ""),
        "钱工": (True, "华东电力设计院"),
        "孙工": (True, "华东电力设计院"),
    }
    lines = _summary(result)
    assert "Company of the account" not in lines
    assert "No company of the file is the account's (华东能源集团有限公司" in lines
    assert "External, of 华东电力设计院: 钱工, 孙工" in lines
    assert (result.created, result.updated) == (1, 0)


def test_a_first_file_on_an_empty_account_still_names_the_customer(db):
    account = f.account(owner=f.user("hd"), slug="hd9", name="HDNY Energy")
    text = "姓名,单位,职务\n刘建华,华东能源,主任\n王芳,华东能源,副主任\n钱工,华东电力设计院,总工程师\n"
    result = people_import(account=account, data=text.encode(), filename="first.csv")

    assert _people(account) == {
        "刘建华": (False, ""),
        "王芳": (False, ""),
        "钱工": (True, "华东电力设计院"),
    }
    assert "Company of the account: 华东能源" in _summary(result)


def test_an_external_person_the_file_puts_in_the_account_is_a_value_replaced(account):
    text = "姓名,单位,职务,手机\n钱工,华东能源集团,总工程师,13900139100\n"
    result = people_import(account=account, data=text.encode(), filename="move.csv", dry_run=True)

    assert "Row 2, 钱工: External yes → no; Organisation 华东电力设计院 → —" in _summary(result)
    assert _people(account)["钱工"] == (True, "华东电力设计院")  # a dry run writes nothing
