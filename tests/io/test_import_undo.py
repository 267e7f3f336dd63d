"""Undo one people import whole (io.tabular.undo): the map is as it was before it, or nothing is written and the
refusal names what was changed since."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from battlemap.core.reasons import reason_text
from battlemap.io.mapformat import export_map
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.undo import ImportUndoRefused, people_import_undo
from battlemap.people.models import Person
from battlemap.people.services import influence_link_create, person_update
from tests import factories as f

from .files import CHINESE, csv_bytes

# the second file: 李明 promoted, 王建国's attitude warmer, 赵磊 (on the map by hand) moved to a new department,
# 刘芳 and 刘䶮 new (刘芳 in a new department, 刘䶮 reporting to 李明)
SECOND = [row[:] for row in CHINESE]
SECOND[1][7] = "支持"
SECOND[2][1] = "副总经理"
SECOND.append(["赵磊", "", "采购部", "", "", "", "", "", "", ""])


@pytest.fixture
def imported(db):
    owner = f.user("alice")
    account = f.account(owner=owner, slug="sdny", name="山东能源")
    deal = f.deal(account=account, name="平台")
    people_import(
        account=account, data=csv_bytes(CHINESE[:3], "utf-8"), filename="a.csv", deal=deal, user=owner
    )
    f.person(account=account, name="赵磊", title="工程师")
    before = export_map(account)
    second = people_import(
        account=account, data=csv_bytes(SECOND, "utf-8"), filename="people.csv", deal=deal, user=owner
    )
    assert (second.created, second.updated, second.roles_created) == (2, 2, 2)
    return account, deal, before, second.import_id


def test_undo_gives_back_the_map_exactly_as_it_was_before_the_import(imported):
    account, _deal, before, import_id = imported
    assert export_map(account) != before
    report = people_import_undo(account=account, import_id=import_id, user=account.owner)
    assert export_map(account) == before
    assert (report.people_removed, report.people_restored, report.units_removed) == (2, 2, 1)
    assert (report.roles_removed, report.roles_restored, report.filename) == (2, 1, "people.csv")


def test_undo_is_recorded_in_history_by_whom_in_both_languages(imported):
    account, _deal, _before, import_id = imported
    people_import_undo(account=account, import_id=import_id, user=account.owner)
    li = Person.objects.get(account=account, name="李明")
    row = li.history.latest("history_date")
    assert (row.title, row.history_user) == ("信息中心主任", account.owner)
    with translation.override("en"):
        assert reason_text(row.history_change_reason) == "undo of: import people.csv"
    with translation.override("zh-hans"):
        assert reason_text(row.history_change_reason) == "撤销：导入 people.csv"
    gone = Person.history.filter(name="刘芳", history_type="-").get()
    assert gone.history_user == account.owner and gone.history_change_reason == row.history_change_reason


def test_undo_twice_is_refused(imported):
    account, _deal, _before, import_id = imported
    people_import_undo(account=account, import_id=import_id)
    with translation.override("en"), pytest.raises(ImportUndoRefused, match="undone already"):
        people_import_undo(account=account, import_id=import_id)


def test_undo_is_refused_naming_a_person_edited_after_the_import_and_writes_nothing(imported):
    account, _deal, _before, import_id = imported
    li = Person.objects.get(account=account, name="李明")
    person_update(person=li, version=li.version, phone="13911112222")
    after_edit = export_map(account)
    with translation.override("en"), pytest.raises(ImportUndoRefused) as refused:
        people_import_undo(account=account, import_id=import_id)
    assert "李明" in refused.value.message and "changed or deleted after it" in refused.value.message
    assert export_map(account) == after_edit  # nothing written: the later phone and the import both stay
    with translation.override("zh-hans"), pytest.raises(ImportUndoRefused) as refused:
        people_import_undo(account=account, import_id=import_id)
    assert "李明" in refused.value.message and "无法撤销" in refused.value.message


def test_undo_is_refused_when_a_link_added_after_refers_to_a_new_person(imported):
    account, _deal, _before, import_id = imported
    fang, wang = (Person.objects.get(account=account, name=n) for n in ("刘芳", "王建国"))
    influence_link_create(account=account, source=wang, target=fang)
    after_link = export_map(account)
    with translation.override("en"), pytest.raises(ImportUndoRefused) as refused:
        people_import_undo(account=account, import_id=import_id)
    assert "王建国 → 刘芳" in refused.value.message
    assert export_map(account) == after_link


def test_an_unknown_or_other_accounts_import_is_no_import_of_this_account(imported):
    account, _deal, _before, import_id = imported
    other = f.account(owner=f.user("bob"), slug="other")
    for who, which in ((other, import_id), (account, "20200101000000000000"), (account, "../x")):
        with pytest.raises(ValidationError) as error:
            people_import_undo(account=who, import_id=which)
        assert "import" in error.value.message_dict


def test_an_import_that_changed_nothing_offers_no_undo(imported):
    account, deal, _before, _import_id = imported
    again = people_import(account=account, data=csv_bytes(SECOND, "utf-8"), filename="people.csv", deal=deal)
    assert (again.created, again.updated, again.roles_created, again.roles_updated) == (0, 0, 0, 0)
    assert again.import_id is None  # its undo would find nothing it wrote (a 404 behind the button)
