"""A middle name on one side only, where no Middle Name column says which word is one (trial s38): a file's
"John Fitzgerald Kennedy" with the map's John Kennedy's e-mail was said to be "the name in another script"."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person
from tests import factories as f

from .files import csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def account(db):
    return f.account(owner=f.user("ops"), slug="acme", name="Acme")


def _said(result, lang: str) -> str:
    with translation.override(lang):
        return "\n".join(summary_lines(result))


def _one_row(account, name: str, email: str):
    rows = [["Name", "Email"], [name, email]]
    return people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="contacts.csv")


def _kept(account, stored: str, name: str, email: str):
    """The import of one row `name` beside the map's `stored` of the same `email`: nobody created, the name
    stays; returns the import's result and its summary in English."""
    kept = f.person(account=account, name=stored, email=email)
    result = _one_row(account, name, email)
    assert (result.created, Person.objects.get(pk=kept.pk).name) == (0, stored)
    return result, _said(result, "en")


def test_a_middle_name_added_beside_the_same_e_mail_is_said_as_such_and_the_name_kept(account):
    result, said = _kept(account, "John Kennedy", "John Fitzgerald Kennedy", "jfk@acme.example")
    assert (
        'row 2, Name: "John Fitzgerald Kennedy" is John Kennedy (same e-mail, with a middle name added): the name '
        "stays John Kennedy — rename them on the map to add it" in said
    )
    assert "another script" not in said
    assert (
        "第 2 行，姓名：“John Fitzgerald Kennedy”即 John Kennedy（邮箱相同，多了中间名）：姓名保持为 John Kennedy"
        "——如需加上中间名，请在地图上改名" in _said(result, "zh-hans")
    )


def test_a_middle_name_left_out_beside_the_same_e_mail_is_said_as_such(account):
    f.person(account=account, name="Anna M. Schmidt", email="anna@acme.example")
    said = _said(_one_row(account, "Anna Schmidt", "anna@acme.example"), "en")
    assert 'row 2, Name: "Anna Schmidt" is Anna M. Schmidt (same e-mail, without the middle name)' in said
    assert "the name stays Anna M. Schmidt" in said


def test_a_name_in_another_script_is_still_said_so(account):
    f.person(account=account, name="钱文", email="qw@acme.example")
    said = _said(_one_row(account, "Wen Qian", "qw@acme.example"), "en")
    assert "(same e-mail, the name in another script): the name stays 钱文" in said


def test_a_middle_initial_for_the_middle_name_is_the_same_person_not_a_mailbox_handed_on(account):
    result, said = _kept(account, "Grace Brewster Hopper", "Grace B. Hopper", "grace@acme.example")
    assert (
        'row 2, Name: "Grace B. Hopper" is Grace Brewster Hopper (same e-mail, the middle name written otherwise): '
        "the name stays Grace Brewster Hopper" in said
    )
    assert "handed on" not in said and "another script" not in said
    assert "（邮箱相同，中间名写法不同）：姓名保持为 Grace Brewster Hopper" in _said(result, "zh-hans")


def test_another_middle_initial_is_still_a_mailbox_handed_on(account):
    f.person(account=account, name="Grace Brewster Hopper", email="grace@acme.example")
    with pytest.raises(ImportFailed) as refused:
        _one_row(account, "Grace K. Hopper", "grace@acme.example")
    [problem] = refused.value.problems
    assert (problem.row, problem.column) == (2, "email") and "handed on" in problem.message("en")
    assert Person.objects.filter(account=account).count() == 1


@pytest.mark.parametrize(
    ("stored", "name"),
    [("John Kennedy", "John Fitzgerald Kennedy"), ("John Fitzgerald Kennedy", "John Kennedy")],
)
def test_a_middle_name_added_or_left_out_without_an_e_mail_is_warned_of_as_a_chinese_name_is(
    account, stored, name
):
    kept = f.person(account=account, name=stored)
    result = _one_row(account, name, "")
    assert result.created == 1
    assert (
        f'row 2, Name: "{name}" may be {stored} (id {kept.pk}) on the map (the same name, a word added or left out): '
        "added as a new person" in _said(result, "en")
    )
    assert f"“{name}”可能就是地图上的 {stored}" in _said(result, "zh-hans")


def test_two_middle_names_are_not_warned_of_as_one_name(account):
    f.person(account=account, name="Anna K. Schmidt")
    said = _said(_one_row(account, "Anna M. Schmidt", ""), "en")
    assert "may be" not in said
