"""Salesforce shows a contact's name First Last: its Reports To column says "建国 王" of the contact stored as 王建国
(First Name 建国, Last Name 王), and the whole file was refused — "no person 建国王" (API trial, sixth round)."""

from __future__ import annotations

import pytest

from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db

SALESFORCE = (
    "Contact ID,First Name,Last Name,Title,Reports To\n003A,建国,王,总经理,\n003B,丽,李,采购经理,建国 王\n"
)


def test_a_manager_written_given_name_first_is_found(world):
    people_import(account=world.cn, data=SALESFORCE.encode(), filename="contacts.csv")
    li = Person.objects.get(account=world.cn, name="李丽")
    assert li.reports_to.name == "王建国"


def test_the_name_as_written_wins_when_someone_bears_it(world):
    f.person(account=world.cn, name="建国王")  # a person whose name is written so (rare, but theirs)
    people_import(account=world.cn, data=SALESFORCE.encode(), filename="contacts.csv")
    assert Person.objects.get(account=world.cn, name="李丽").reports_to.name == "建国王"
