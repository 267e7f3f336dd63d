"""A name of a Latin given name and a Chinese family name (Outlook's 名 Kevin, 姓 黄): stored as Outlook shows it,
`Kevin 黄` — it was `黄Kevin`, the Chinese order without a space — and either order is the same person when a
file comes again (`core.text.person_name_of`, `io.matching.match_name`; a reviewer's finding)."""

from __future__ import annotations

import pytest

from battlemap.io.matching import match_name
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests import factories as f

from .files import csv_bytes

OUTLOOK = ["称谓", "名", "中间名", "姓", "后缀", "公司", "部门", "职务", "电子邮件地址", "经理姓名"]


@pytest.fixture
def account(db):
    return f.account(owner=f.user("c"), slug="acme10", name="Acme t10 Corp")


def _names(account) -> dict[str, str]:
    people = Person.objects.filter(account=account).select_related("reports_to")
    return {p.name: p.reports_to.name if p.reports_to else "" for p in people}


def test_an_outlook_contact_with_a_latin_given_name_is_stored_as_outlook_shows_it(account):
    rows = [
        OUTLOOK,
        ["", "John", "", "Smith", "", "Acme t10 Corp", "IT", "CIO", "john@t10.example", ""],
        ["", "Kevin", "", "黄", "", "Acme t10 Corp", "IT", "经理", "kevin@t10.example", "John Smith"],
        ["", "建华", "", "刘", "", "Acme t10 Corp", "IT", "副总", "ljh@t10.example", "黄Kevin"],
    ]
    people_import(account=account, data=csv_bytes(rows, "gbk"), filename="contacts.csv")
    assert _names(account) == {"John Smith": "", "Kevin 黄": "John Smith", "刘建华": "Kevin 黄"}


def test_either_order_of_a_mixed_name_is_the_same_person_on_re_import(account):
    f.person(account=account, name="黄Kevin", title="经理")  # as an import stored it before
    rows = [OUTLOOK, ["", "Kevin", "", "黄", "", "Acme t10 Corp", "IT", "经理", "", ""]]
    result = people_import(account=account, data=csv_bytes(rows, "gbk"), filename="contacts.csv")
    assert (result.created, result.updated) == (0, 1)
    assert list(Person.objects.filter(account=account).values_list("name", flat=True)) == ["Kevin 黄"]

    again = [["姓名", "职务"], ["黄 Kevin", "经理"]]
    result = people_import(account=account, data=csv_bytes(again, "utf-8"), filename="people.csv")
    assert result.created == 0 and Person.objects.filter(account=account).count() == 1


def test_the_scripts_of_a_mixed_name_key_alike_and_latin_names_keep_their_order():
    assert match_name("Kevin 黄") == match_name("黄 Kevin") == match_name("黄Kevin")
    assert match_name("Kevin Huang 黄凯") == match_name("黄凯 Kevin Huang")
    assert match_name("Kevin Huang") != match_name("Huang Kevin")
    assert match_name("张伟 (David)") != match_name("David 张伟")
