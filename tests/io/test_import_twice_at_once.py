"""Two imports of one file into one account at once (two colleagues, a double submit, the API called twice):
each read the account before either wrote, and each created everyone — every person twice. The import now reads
again, within its write lock, an account written since it read it (io.tabular.services.people_import)."""

from __future__ import annotations

import pytest

from battlemap.io.mapformat import export_map
from battlemap.io.tabular import services
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests import factories as f

from .files import CHINESE, csv_bytes


@pytest.mark.parametrize(
    "meanwhile",
    [
        "_planned",  # the other lands once this one read the file against the account
        "new_import_id",  # … once this one also checked its new people (before its write lock)
    ],
)
def test_an_import_that_lands_while_another_is_read_leaves_each_person_once(db, monkeypatch, meanwhile):
    owner = f.user("alice")
    account = f.account(owner=owner, slug="sdny", name="山东能源")
    data = csv_bytes(CHINESE, "utf-8")
    clean = f.account(owner=owner, slug="clean", name="山东能源二")
    people_import(account=clean, data=data, filename="people.csv", user=owner)
    read = getattr(services, meanwhile)
    others: list = []
    landed = [False]

    def read_then_the_other_lands(*args, **kwargs):
        planned = read(*args, **kwargs)
        if not landed[0]:  # the colleague's import of the same file commits after this one read the account
            landed[0] = True
            others.append(people_import(account=account, data=data, filename="people.csv", user=owner))
        return planned

    monkeypatch.setattr(services, meanwhile, read_then_the_other_lands)
    second = people_import(account=account, data=data, filename="people.csv", user=owner)

    names = sorted(Person.objects.filter(account=account).values_list("name", flat=True))
    assert names == sorted(Person.objects.filter(account=clean).values_list("name", flat=True))
    assert len(names) == len(set(names)) == others[0].created
    assert (second.created, second.unchanged) == (0, others[0].created)  # what a second run says
    assert _lines(account) == _lines(clean)  # who reports to whom, as one clean run wrote it


def _lines(account) -> list[tuple[str, str | None]]:
    people = export_map(account)["people"]
    names = {p["id"]: p["name"] for p in people}
    return sorted((p["name"], names.get(p.get("reports_to"))) for p in people)
