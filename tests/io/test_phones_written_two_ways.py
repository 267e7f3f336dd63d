"""A British number written two ways — `+44 121 496 0001` as a CRM writes it, `(0121) 496 0001` as a person types
it at home — is one number by every phone rule (`phones.PhoneBook`, `same_phone`): the row finds the person who
has it, and a re-import in the other form changes nothing. A British mobile kept in an XLSX number cell loses its
+ (447700900123): it is stored as +447700900123, as China's 8613901010001 is (`phones.with_plus`)."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from tests import factories as f

from .files import xlsx_bytes
from .test_realworld_tabular import _people


@pytest.fixture
def account(db):
    return f.account(owner=f.user("rw"), slug="northwind", name="Northwind Logistics")


@pytest.mark.parametrize(
    "stored,written", [("(0121) 496 0001", "+44 121 496 0001"), ("+44 121 496 0001", "(0121) 496 0001")]
)
def test_of_two_namesakes_the_one_whose_number_is_written_another_way_is_updated(account, stored, written):
    """Two Oliver Stones, one with the number: the row writing it the other way was refused ("matches several
    people") — its number found no one, the other Oliver Stone having none to tell him apart."""
    f.person(account=account, name="Oliver Stone", title="Driver")
    desk = f.person(account=account, name="Oliver Stone", title="Dispatcher", phone=stored)
    data = f"Name,Job Title,Phone\nOliver Stone,Senior Dispatcher,{written}\n".encode()
    result = people_import(account=account, data=data, filename="crm.csv")
    desk.refresh_from_db()
    assert (result.created, result.updated) == (0, 1)
    assert (desk.title, desk.phone) == ("Senior Dispatcher", stored)  # the number kept as the map has it


def test_a_british_mobile_in_a_number_cell_gets_its_plus_back(account):
    rows = [["Name", "Job Title", "Mobile"], ["Aisha Khan", "Fleet Manager", 447700900123]]
    result = people_import(account=account, data=xlsx_bytes(rows), filename="contacts.xlsx")
    assert result.created == 1 and _people(account)["Aisha Khan"].phone == "+447700900123"
    for written in ("07700 900123", "+44 7700 900123", 447700900123):
        rows[1][2] = written
        again = people_import(account=account, data=xlsx_bytes(rows), filename="contacts.xlsx")
        assert (again.created, again.updated) == (0, 0)
    with translation.override("en"):
        assert "People: 0 created, 0 updated, 1 unchanged, 0 skipped" in summary_lines(again)
    assert _people(account)["Aisha Khan"].phone == "+447700900123"


def test_a_number_of_twelve_digits_not_a_british_mobile_is_kept_as_written(account):
    rows = [["Name", "Phone"], ["Ben Carter", 441214960001]]  # 44 then a landline: no rule says it is one
    people_import(account=account, data=xlsx_bytes(rows), filename="contacts.xlsx")
    assert _people(account)["Ben Carter"].phone == "441214960001"


def test_one_name_department_and_mobile_written_two_ways_with_two_emails_is_warned_of(account):
    """Outlook's CSV writes the mobile +44 7700 900123, a hand-kept row 07700 900123: one number, so one person
    with a work and a private address is noticed, as when both rows write the number alike."""
    data = (
        '"Name","Department","E-mail Address","Mobile Phone"\r\n'
        '"Laura Chen","IT","l.chen@northwind.example","+44 7700 900123"\r\n'
        '"Laura Chen","IT","laura.chen@gmail.com","07700 900123"\r\n'
        '"Tom Becker","IT","t.becker@northwind.example","07700 900123"\r\n'
    ).encode("cp1252")
    result = people_import(account=account, data=data, filename="contacts.csv", dry_run=True)
    with translation.override("en"):
        lines = "\n".join(summary_lines(result))
    assert "row 3, Phone: row 2 has the same name, department and phone with another e-mail" in lines
    assert "row 4" not in lines  # another name on the same number is no warning
