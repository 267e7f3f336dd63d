"""A list of outside people — a design institute's, a consultancy's — imported on an account whose own people are
on the map: no company of the file is the account's, so they come in as external people of their company, and a
person the map holds as external stays so (a reviewer's 华东电力设计院 list became the account's own people, 钱工
turned internal with his organisation cleared, and no line said so: `companies.account_companies`). A person who does
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


# the reviewer's r1.csv and r2.csv: a roster writing the customer 华东能投, with no e-mails, imported twice
ROSTER = (
    "姓名,单位,职务,手机\n刘建华,华东能投,信息中心主任,13900000001\n王芳,华东能投,副主任,13900000002\n"
    "陈静,华东能投,财务总监,13900000003\n钱工,华东电力设计院,总工程师,13900000009\n"
)
ROSTER_AGAIN = (
    "姓名,单位,职务,手机\n刘建华,华东能投,信息中心主任,13900000001\n孙七,华东能投,采购经理,13900000004\n"
)


@pytest.fixture
def first_roster(db):
    account = f.account(owner=f.user("hd"), slug="hb4", name="华东能源集团有限公司")
    people_import(account=account, data=ROSTER.encode(), filename="r1.csv")
    return account


def test_the_customers_roster_imported_again_keeps_its_people_the_accounts(first_roster):
    text = ROSTER_AGAIN + "周八,华东能投,工程师,13900000005\n"
    result = people_import(account=first_roster, data=text.encode(), filename="r2.csv")

    people = _people(first_roster)
    assert {name: people[name] for name in ("刘建华", "孙七", "周八", "钱工")} == {
        "刘建华": (False, ""),
        "孙七": (False, ""),
        "周八": (False, ""),
        "钱工": (True, "华东电力设计院"),
    }
    lines = _summary(result)
    assert "Company of the account: 华东能投" in lines
    assert "No company of the file" not in lines and "External yes" not in lines


def test_a_roster_naming_its_people_by_name_alone_keeps_them_the_accounts(first_roster):
    text = "姓名,单位,职务\n王芳,华东能投,副主任\n吴九,华东能投,工程师\n"
    people_import(account=first_roster, data=text.encode(), filename="r3.csv")

    assert [_people(first_roster)[name] for name in ("王芳", "吴九")] == [(False, ""), (False, "")]


def test_a_mixed_roster_again_keeps_the_institutes_engineer_external(first_roster):
    text = ROSTER_AGAIN + "钱工,华东电力设计院,总工程师,13900000009\n郑工,华东电力设计院,工程师,13900000010\n"
    people_import(account=first_roster, data=text.encode(), filename="r4.csv")

    people = _people(first_roster)
    assert [people[name] for name in ("刘建华", "孙七", "钱工", "郑工")] == [
        (False, ""),
        (False, ""),
        (True, "华东电力设计院"),
        (True, "华东电力设计院"),
    ]


def test_an_institutes_list_naming_an_external_person_by_name_stays_external(account):
    text = "姓名,单位,职务\n钱工,华东电力设计院,总工程师\n赵工,华东电力设计院,工程师\n"
    people_import(account=account, data=text.encode(), filename="sjy2.csv")

    assert [_people(account)[name] for name in ("钱工", "赵工")] == [(True, "华东电力设计院")] * 2


def test_one_namesake_in_an_institutes_list_does_not_make_it_the_customer(account):
    """A reviewer's trial: the institute's list named 杨帆, as the customer's own 杨帆 is named; that one name made
    华东电力设计院 the account's company — its people the account's own — and kept it among the account's names."""
    f.person(account=account, name="杨帆", title="网络安全主管")
    text = "姓名,单位,职务\n杨帆,华东电力设计院,结构工程师\n郑工,华东电力设计院,工程师\n冯工,华东电力设计院,工程师\n"
    result = people_import(account=account, data=text.encode(), filename="sjy3.csv")

    people = _people(account)
    assert [people[name] for name in ("郑工", "冯工")] == [(True, "华东电力设计院")] * 2
    account.refresh_from_db()
    assert account.company_names == []
    assert "No company of the file is the account's" in _summary(result)
