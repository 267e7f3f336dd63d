"""A row without a name updates the person its CRM id, e-mail or Battlemap id finds, keeping their name (docs/
import.md, "Matching"); when it finds nobody it is refused by row on the Name, saying what was looked for. A row
matched by an id whose e-mail is another person's says what it was matched by, never "this row names someone
else" — in both languages, people named "name (id N)" as the pages write them."""

from __future__ import annotations

import pytest

from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests import factories as f

from .files import csv_bytes


@pytest.fixture
def account(db):
    return f.account(owner=f.user("nl"), slug="nl", name="无名客户")


def _import(account, rows, **kw):
    return people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="people.csv", **kw)


def _refused(account, rows):
    with pytest.raises(ImportFailed) as failed:
        _import(account, rows)
    return failed.value.problems


def test_a_nameless_row_matched_by_email_updates_that_person_and_keeps_their_name(account):
    person = f.person(account=account, name="冯晓东", email="feng@nl.example", title="主任")
    result = _import(
        account, [["姓名", "邮箱", "职务", "电话"], ["", "FENG@nl.example", "副总经理", "13900000001"]]
    )
    assert (result.created, result.updated) == (0, 1)
    person.refresh_from_db()
    assert (person.name, person.title, person.phone) == ("冯晓东", "副总经理", "13900000001")


def test_a_nameless_row_matched_by_battlemap_id_updates_that_person_and_keeps_their_name(account):
    person = f.person(account=account, name="Peter Novak", title="CIO")
    result = _import(account, [["Battlemap id", "Name", "Title"], [str(person.pk), "", "CTO"]])
    assert (result.created, result.updated) == (0, 1)
    person.refresh_from_db()
    assert (person.name, person.title) == ("Peter Novak", "CTO")


def test_a_nameless_row_that_matches_nobody_is_refused_on_its_name_saying_what_was_looked_for(account):
    [problem] = _refused(account, [["Name", "Email", "Title"], ["Ann Lee", "ann@nl.example", "CFO"],
                                   ["", "nobody@nl.example", "CTO"]])  # fmt: skip
    assert (problem.row, problem.column, problem.code) == (3, "name", "empty_new")
    assert problem.message("en") == (
        "row 3, Name: empty — no one on the map has the e-mail nobody@nl.example, so the row would be a new "
        "person, and a person needs a name: fill it in, or leave the row out"
    )
    assert problem.message("zh").startswith("第 3 行，姓名：为空——地图上没有邮箱为“nobody@nl.example”的人，")
    [both] = _refused(account, [["Battlemap id", "Name", "Email"], ["99999", "", "nobody@nl.example"]])
    assert "no one on the map has the Battlemap id 99999 or the e-mail nobody@nl.example" in both.message(
        "en"
    )
    assert "地图上没有作战地图编号为“99999”或邮箱为“nobody@nl.example”的人" in both.message("zh")
    [bare] = _refused(account, [["Name", "Title"], ["", "CTO"]])
    assert bare.message("en") == "row 2, Name: empty"
    assert not Person.objects.filter(account=account).exists()


def test_a_row_found_by_battlemap_id_with_a_namesakes_email_says_it_was_found_by_id(account):
    first = f.person(account=account, name="张伟", email="zhangwei1@nl.example")
    second = f.person(account=account, name="张伟", email="zhangwei2@nl.example")
    [problem] = _refused(
        account, [["Battlemap id", "Name", "Email"], [str(first.pk), "张伟", "zhangwei2@nl.example"]]
    )
    assert (problem.row, problem.column, problem.code) == (2, "email", "email_of_other_found")
    en, zh = problem.message("en"), problem.message("zh")
    assert en == (
        f"row 2, Email: zhangwei2@nl.example is the e-mail of 张伟 (id {second.pk}) on the map, and this row is "
        f"张伟 (id {first.pk}), found by its Battlemap id: an e-mail is one person's. Give this row the e-mail of "
        f"张伟 (id {first.pk}), or leave it empty."
    )
    assert zh == (
        f"第 2 行，邮箱：zhangwei2@nl.example 是地图上 张伟（id {second.pk}）的邮箱，而这一行按作战地图编号找到的是 "
        f"张伟（id {first.pk}）：一个邮箱只属于一个人。请给这一行填写 张伟（id {first.pk}）本人的邮箱，或留空。"
    )
    assert "someone else" not in en and "编号 " not in zh


def test_a_nameless_row_found_by_its_crm_id_with_anothers_email_is_not_told_it_names_someone_else(account):
    f.person(account=account, name="Ann Lee", external_id="A1")
    f.person(account=account, name="Bo Chan", email="bo@nl.example")
    [problem] = _refused(account, [["Id", "Name", "Email"], ["A1", "", "bo@nl.example"]])
    assert problem.code == "email_of_other_found"
    assert "found by its id" in problem.message("en") and "someone else" not in problem.message("en")
    assert "按编号找到的是 Ann Lee（id" in problem.message("zh") and "另一个人" not in problem.message("zh")


def test_a_mailbox_handed_on_names_its_owner_with_the_pages_id_and_a_full_stop(account):
    owner = f.person(account=account, name="Lei Wang", email="it-desk@nl.example")
    [problem] = _refused(account, [["Name", "Email"], ["Fang Chen", "it-desk@nl.example"]])
    zh = problem.message("zh")
    assert f"Lei Wang（id {owner.pk}）的邮箱" in zh and zh.endswith("。") and "编号" not in zh
    assert f"Lei Wang (id {owner.pk}) on the map, and this row names someone else" in problem.message("en")
