"""The undo of a large import deletes the people it created in one pass (people.services.people_bulk_delete):
a few queries a kind of record, not a dozen a person — one by one, a 3,000-person import took 61 s to undo
and ~5,000 passed the web server's timeout (bench/import_undo.py measures it)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from battlemap.core.reasons import reason
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.undo import people_import_undo
from battlemap.people.models import Person
from tests import factories as f

from .files import csv_bytes

PEOPLE = 300


def _file(n: int) -> bytes:
    rows = [["姓名", "职位", "部门", "邮箱", "上级"]]
    for i in range(n):  # ten at the top; each of the others reports to one of the first tenth
        rows.append(
            [f"员工{i}", "工程师", f"部门{i % 5}", f"p{i}@example.cn", "" if i < 10 else f"员工{i // 10}"]
        )
    return csv_bytes(rows, "utf-8")


def test_undoing_a_large_import_takes_a_few_queries_and_keeps_each_persons_history(db):
    owner = f.user("alice")
    account = f.account(owner=owner, slug="big", name="大客户")
    kept = f.person(account=account, name="老员工")
    result = people_import(account=account, data=_file(PEOPLE), filename="people.csv", user=owner)
    assert result.created == PEOPLE
    with CaptureQueriesContext(connection) as queries:
        report = people_import_undo(account=account, import_id=result.import_id, user=owner)
    assert report.people_removed == PEOPLE
    assert list(Person.objects.filter(account=account)) == [kept]
    assert len(queries) < 2 * PEOPLE  # a history row a person, a few a kind: one by one, 8,500
    gone = Person.history.filter(account=account, history_type="-")
    assert gone.count() == PEOPLE
    undo = reason("undo", Person.history.filter(name="员工0", history_type="+").get().history_change_reason)
    assert set(gone.values_list("history_change_reason", "history_user")) == {(undo, owner.pk)}
