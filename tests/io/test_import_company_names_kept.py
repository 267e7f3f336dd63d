"""A company a people import takes as the account's is kept among the account's names (`Account.company_names`,
"Also written as"), so the next file writing the customer so is the account's too — even a file of new people only:
the account 华东能源集团有限公司 imported its IT department's roster (company 华东能投) as its own people, then its
finance department's (all new people, company 华东能投) came in as external people of 华东能投
(`companies.account_companies`, `accounts.services.account_company_name_remember`). A seller removes a wrong name on
the account's edit page, and the next file of that company comes in as external again."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.accounts.models import Account
from battlemap.accounts.services import account_update
from battlemap.core.reasons import reason_text
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person
from tests import factories as f

IT = "姓名,单位,部门,职务\n刘建华,华东能投,信息中心,信息中心主任\n王芳,华东能投,信息中心,副主任\n"
FINANCE = "姓名,单位,部门,职务\n陈静,华东能投,财务部,财务总监\n孙七,华东能投,财务部,会计\n"
INSTITUTE = "姓名,单位,职务\n钱工,华东电力设计院,总工程师\n赵工,华东电力设计院,工程师\n"


@pytest.fixture
def account(db):
    return f.account(owner=f.user("hd"), slug="hb4", name="华东能源集团有限公司")


def _people(account) -> dict[str, tuple[bool, str]]:
    return {p.name: (p.external, p.organisation) for p in Person.objects.filter(account=account)}


def _summary(result) -> str:
    with translation.override("en"):
        return "\n".join(summary_lines(result))


def _stored(account) -> list[str]:
    return Account.objects.get(pk=account.pk).company_names


def test_a_second_roster_of_new_people_written_by_the_short_name_is_the_accounts(account):
    first = people_import(account=account, data=IT.encode(), filename="it.csv")
    assert _stored(account) == ["华东能投"]
    assert "华东能投 is kept among the account's names (Also written as" in _summary(first)

    second = people_import(
        account=Account.objects.get(pk=account.pk), data=FINANCE.encode(), filename="fin.csv"
    )

    assert _people(account) == {name: (False, "") for name in ("刘建华", "王芳", "陈静", "孙七")}
    lines = _summary(second)
    assert "Company of the account: 华东能投" in lines
    assert "No company of the file" not in lines and "kept among the account's names" not in lines
    assert _stored(account) == ["华东能投"]  # kept once


def test_the_name_is_kept_in_the_imports_history_and_a_dry_run_keeps_none(account):
    dry = people_import(account=account, data=IT.encode(), filename="it.csv", dry_run=True)
    assert "华东能投 will be kept among the account's names" in _summary(dry)
    assert _stored(account) == []

    people_import(account=account, data=IT.encode(), filename="it.csv")
    latest = Account.history.filter(id=account.pk).latest("history_date")
    assert latest.company_names == ["华东能投"]
    with translation.override("en"):
        assert reason_text(latest.history_change_reason) == "import it.csv"


def test_the_accounts_own_name_is_not_kept_again(account):
    text = "姓名,单位,职务\n刘建华,华东能源集团,信息中心主任\n"
    people_import(account=account, data=text.encode(), filename="own.csv")
    assert _stored(account) == []


def test_a_design_institutes_list_still_comes_in_as_external_people(account):
    people_import(account=account, data=IT.encode(), filename="it.csv")
    result = people_import(
        account=Account.objects.get(pk=account.pk), data=INSTITUTE.encode(), filename="sjy.csv"
    )

    people = _people(account)
    assert [people[name] for name in ("钱工", "赵工")] == [(True, "华东电力设计院")] * 2
    assert "No company of the file is the account's (华东能源集团有限公司" in _summary(result)
    assert _stored(account) == ["华东能投"]


def test_a_wrong_name_removed_by_the_seller_makes_the_next_file_external_again(account):
    # an institute's list imported first, on the empty account: its company taken as the customer's (the first-file
    # rule), and kept; the seller sees it in Also written as and removes it
    people_import(account=account, data=INSTITUTE.encode(), filename="sjy.csv")
    stored = Account.objects.get(pk=account.pk)
    assert stored.company_names == ["华东电力设计院"]
    account_update(account=stored, version=stored.version, company_names=[])

    more = "姓名,单位,职务\n孙工,华东电力设计院,主任工程师\n"
    result = people_import(
        account=Account.objects.get(pk=account.pk), data=more.encode(), filename="sjy2.csv"
    )

    assert _people(account)["孙工"] == (True, "华东电力设计院")
    assert "No company of the file is the account's" in _summary(result)
    assert _stored(account) == []


def test_a_name_kept_stays_so_when_the_seller_edits_other_facts(account):
    people_import(account=account, data=IT.encode(), filename="it.csv")
    stored = Account.objects.get(pk=account.pk)
    account_update(account=stored, version=stored.version, industry="能源")
    assert _stored(account) == ["华东能投"]
