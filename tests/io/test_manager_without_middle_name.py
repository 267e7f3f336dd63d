"""A manager cell that leaves the middle name out (Outlook's Manager's Name "Anna Schmidt") finds the map's Anna M.
Schmidt, not only a row of the same file (trial s38: `no person "Anna Schmidt" in the file or the account`); two
people whose names differ only by a middle name are never taken one for the other: the row asks which."""

from __future__ import annotations

import pytest

from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests import factories as f

from .files import csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def account(db):
    return f.account(owner=f.user("ops"), slug="acme", name="Acme")


def _import(account, *rows: list[str]):
    data = csv_bytes([["Name", "Email", "Manager"], *rows], "utf-8")
    return people_import(account=account, data=data, filename="contacts.csv")


def _refused(account, *rows: list[str]) -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        _import(account, *rows)
    assert not Person.objects.filter(account=account, name="Bob Lee").exists()
    return [p.message("en") for p in failed.value.problems]


def test_a_manager_named_without_the_middle_name_is_found_on_the_map(account):
    anna = f.person(account=account, name="Anna M. Schmidt", email="anna@acme.example")
    _import(account, ["Bob Lee", "bob@acme.example", "Anna Schmidt"])
    assert Person.objects.get(account=account, name="Bob Lee").reports_to == anna


def test_a_row_of_the_file_named_so_is_found_by_the_name_without_it_too(account):
    _import(
        account, ["Anna M. Schmidt", "anna@acme.example", ""], ["Bob Lee", "bob@acme.example", "Anna Schmidt"]
    )
    bob = Person.objects.get(account=account, name="Bob Lee")
    assert bob.reports_to.name == "Anna M. Schmidt"


def test_two_people_who_differ_only_by_a_middle_name_are_asked_for(account):
    k = f.person(account=account, name="Anna K. Schmidt")
    m = f.person(account=account, name="Anna M. Schmidt")
    assert _refused(account, ["Bob Lee", "bob@acme.example", "Anna Schmidt"]) == [
        'row 2, Manager: "Anna Schmidt" matches several people whose names differ only by a middle name '
        f"(Anna K. Schmidt (id {k.pk}), Anna M. Schmidt (id {m.pk})): give the manager's e-mail or id instead"
    ]


def test_a_name_without_a_middle_name_beside_one_with_it_is_asked_for_too(account):
    f.person(account=account, name="Anna Schmidt")
    f.person(account=account, name="Anna M. Schmidt")
    (said,) = _refused(account, ["Bob Lee", "bob@acme.example", "Anna Schmidt"])
    assert "matches several people whose names differ only by a middle name" in said


def test_the_full_name_finds_its_one_person_among_them(account):
    f.person(account=account, name="Anna K. Schmidt")
    m = f.person(account=account, name="Anna M. Schmidt")
    _import(account, ["Bob Lee", "bob@acme.example", "anna m. schmidt"])
    assert Person.objects.get(account=account, name="Bob Lee").reports_to == m
