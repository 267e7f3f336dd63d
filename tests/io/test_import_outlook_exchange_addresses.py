"""Outlook's contacts export writes, for a contact taken from the Exchange address book, its X.500 address in
"E-mail Address" (E-mail Type `EX`) and the SMTP address in "E-mail 2 Address". The whole file was refused for
`row 3, Email: "/o=ExchangeLabs/…" is not an email address`, and ignoring the column lost every other row's
address: the admin had to edit the file by hand."""

from __future__ import annotations

import csv
import io

import pytest

from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db

X500 = "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=3f1e2d-eklein"
HEADER = [
    "First Name",
    "Last Name",
    "Job Title",
    "Company",
    "E-mail Address",
    "E-mail Type",
    "E-mail 2 Address",
]


def _outlook_csv(*rows: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerows([HEADER, *rows])
    return out.getvalue().encode("cp1252")


@pytest.fixture
def account(db):
    return f.account(owner=f.user("ops"), slug="contoso", name="Contoso Ltd")


def test_an_exchange_address_gives_way_to_the_rows_smtp_address(account):
    data = _outlook_csv(
        ["John", "Kennedy", "Director", "Contoso Ltd", "jfk@contoso.example", "SMTP", ""],
        ["Eva", "Klein", "CFO", "Contoso Ltd", X500, "EX", "eva.klein@contoso.example"],
    )
    result = people_import(account=account, data=data, filename="contacts.csv")
    assert result.created == 2
    emails = Person.objects.filter(account=account).order_by("pk").values_list("name", "email")
    assert list(emails) == [
        ("John Kennedy", "jfk@contoso.example"),
        ("Eva Klein", "eva.klein@contoso.example"),
    ]


def test_an_exchange_address_alone_is_refused_saying_what_it_is(account):
    data = _outlook_csv(["Eva", "Klein", "CFO", "Contoso Ltd", X500, "EX", ""])
    with pytest.raises(ImportFailed) as refused:
        people_import(account=account, data=data, filename="contacts.csv")
    [problem] = refused.value.problems
    assert problem.message("en").startswith(f'row 2, Email: "{X500}" is an Exchange (X.500) address')
    assert not Person.objects.filter(account=account).exists()
