"""An import that updates a person deleted by a colleague after the import checked, within its write lock, that the
account was as it read it (on PostgreSQL a deletion does not wait for the import's lock on the account): the write
looked the person up by id and failed with a KeyError — a 500, the job "failed unexpectedly". The import now holds
the people it writes or names (core.services.locked_ids) and, one being gone, reads the file again within the
lock, as it does for any other change meanwhile: it writes what it would have written just after the deletion."""

from __future__ import annotations

from battlemap.io.tabular import services
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from battlemap.people.services import person_delete
from tests import factories as f

FIRST = "姓名,职务,邮箱\n王建国,总经理,wang@sdny.cn\n李明,主任,li@sdny.cn\n".encode()
SECOND = "姓名,职务,邮箱\n王建国,董事长,wang@sdny.cn\n李明,副总,li@sdny.cn\n".encode()


def test_a_person_deleted_after_the_imports_check_is_imported_as_after_the_deletion(db, monkeypatch):
    owner = f.user("alice")
    account = f.account(owner=owner, slug="sdny", name="山东能源")
    people_import(account=account, data=FIRST, filename="people.csv", user=owner)
    fingerprint = services.map_fingerprint
    calls = [0]

    def checked_then_deleted(acct):
        seen = fingerprint(acct)
        calls[0] += 1
        if (
            calls[0] == 2
        ):  # the check within the lock saw the account as read; the deletion commits just after
            person_delete(person=Person.objects.get(account=account, name="李明"))
        return seen

    monkeypatch.setattr(services, "map_fingerprint", checked_then_deleted)
    result = people_import(account=account, data=SECOND, filename="people.csv", user=owner)

    titles = dict(Person.objects.filter(account=account).values_list("name", "title"))
    assert titles == {
        "王建国": "董事长",
        "李明": "副总",
    }  # 李明 as a new person, as an import just after says
    assert (result.updated, result.created) == (1, 1)
