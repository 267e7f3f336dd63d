"""A manager written the way Outlook writes a person: its contacts export (CSV, cp1252, every field quoted, CRLF)
gives Manager's Name as "File As" — last name first, "Stone, Oliver" — or as a mailbox, "Oliver Stone
<o.stone@x.com>". Both were refused by row ("no one of that name"): they are read when they name exactly one
person, of the file or of the map, by the rule a manager's name is matched by (`reporting_lines._manager_keys`),
and still refused by row when they name no one or several."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import translation

from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from tests import factories as f

from .test_realworld_tabular import _people

HEADER = ["Title", "First Name", "Middle Name", "Last Name", "Job Title", "Department", "E-mail Address",
          "Business Phone", "Manager's Name", "Birthday"]  # fmt: skip


def _outlook(*rows: list[str]) -> bytes:
    """The rows as Outlook's "Export to a file → Comma Separated Values" writes them."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for first, last, title, manager in rows:
        email = f"{first[0]}.{last}@northwind.example".lower()
        writer.writerow(["", first, "", last, title, "Fleet", email, "", manager, "0/0/00"])
    return out.getvalue().encode("cp1252")


@pytest.fixture
def account(db):
    account = f.account(owner=f.user("rw"), slug="northwind", name="Northwind Logistics")
    f.person(account=account, name="Oliver Stone", title="VP Fleet", email="o.stone@northwind.example")
    return account


@pytest.mark.parametrize(
    "manager",
    ["Stone, Oliver", "Oliver Stone <o.stone@northwind.example>", "Oliver Stone <oliver@old.example>",
     '"Stone, Oliver" <o.stone@northwind.example>'],
)  # fmt: skip
def test_a_manager_outlooks_way_is_the_one_person_of_that_name_on_the_map(account, manager):
    people_import(
        account=account, data=_outlook(["Aisha", "Khan", "Fleet Manager", manager]), filename="c.csv"
    )
    assert _people(account)["Aisha Khan"].reports_to.name == "Oliver Stone"
    again = people_import(
        account=account, data=_outlook(["Aisha", "Khan", "Fleet Manager", manager]), filename="c.csv"
    )
    assert (again.created, again.updated) == (0, 0)


def test_a_manager_last_name_first_is_a_row_of_the_file(db):
    account = f.account(owner=f.user("rw"), slug="northwind", name="Northwind Logistics")
    data = _outlook(
        ["Laura", "Chen", "VP Fleet Operations", ""], ["Ben", "Carter", "Supervisor", "Chen, Laura"]
    )
    people_import(account=account, data=data, filename="c.csv")
    assert _people(account)["Ben Carter"].reports_to.name == "Laura Chen"


def test_a_manager_outlooks_way_naming_no_one_or_two_people_is_refused_by_row(account):
    f.person(account=account, name="Stone Oliver", title="Driver")  # the same words in the other order
    for manager, words in [
        ("Stone, Oliver", "Stone, Oliver"),
        ("Nobody, Anne", "Nobody, Anne"),
        ("Anne Nobody <anne@nowhere.example>", "Anne Nobody <anne@nowhere.example>"),
    ]:
        data = _outlook(["Aisha", "Khan", "Fleet Manager", manager])
        with pytest.raises(ImportFailed) as failed:
            people_import(account=account, data=data, filename="c.csv")
        with translation.override("en"):
            text = " ".join(str(p) for p in failed.value.problems)
        assert text.startswith("row 2, Manager: ") and words in text, text
    assert "Aisha Khan" not in _people(account)


def test_the_summary_names_the_reporting_line_read_from_file_as(account):
    result = people_import(
        account=account, data=_outlook(["Aisha", "Khan", "Fleet Manager", "Stone, Oliver"]), filename="c.csv"
    )
    with translation.override("en"):
        assert any("Aisha Khan reports to Oliver Stone" in line for line in summary_lines(result))
