"""What an Outlook, a Salesforce Data Loader and a GBK file said or lost (trial s38): Outlook's and Salesforce's
Middle Name was dropped ("John F. Kennedy" landed as John Kennedy); a Data Loader export warned that MASTERRECORDID,
CREATEDBYID … "look like a manager, department or id column"; a GBK file read right was offered as Windows-1252,
-1250, -1251 and Mac Roman, each of which would garble its Chinese names."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import translation

from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person
from tests import factories as f

from .files import csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def account(db):
    return f.account(owner=f.user("ops"), slug="acme", name="Acme")


def _quoted(rows: list[list[str]]) -> bytes:
    """As Outlook and Data Loader write a CSV: every cell quoted, CRLF line ends, UTF-8."""
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode()


def _said(result) -> str:
    with translation.override("en"):
        return "\n".join(summary_lines(result))


OUTLOOK = [
    ["Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department", "Job Title",
     "Business Phone", "Mobile Phone", "E-mail Address", "E-mail Type", "E-mail Display Name", "Manager's Name"],
    ["", "John", "F.", "Kennedy", "", "Acme", "Board", "CEO", "+1 617 555 0100", "", "jfk@acme.example", "SMTP",
     "John F. Kennedy (jfk@acme.example)", ""],
    ["", "Mary", "", "Smith", "", "Acme", "IT", "CIO", "", "", "mary@acme.example", "SMTP",
     "Mary Smith (mary@acme.example)", "John Kennedy"],
]  # fmt: skip


def test_outlooks_middle_name_goes_between_the_given_and_family_name(account):
    result = people_import(account=account, data=_quoted(OUTLOOK), filename="contacts.csv")
    assert result.source == "outlook" and result.recognised["middle_name"] == "Middle Name"
    people = {p.name: p for p in Person.objects.filter(account=account)}
    assert set(people) == {"John F. Kennedy", "Mary Smith"}
    # her Manager's Name leaves his middle name out, as one writes it
    assert people["Mary Smith"].reports_to == people["John F. Kennedy"]


def test_a_person_imported_without_the_middle_name_is_found_not_made_twice(account):
    kept = f.person(account=account, name="John Kennedy")
    rows = [["First Name", "Middle Name", "Last Name", "Job Title"], ["John", "F.", "Kennedy", "President"]]
    result = people_import(account=account, data=_quoted(rows), filename="contacts.csv")
    assert (result.created, result.updated) == (0, 1)
    kept.refresh_from_db()
    assert (kept.name, kept.title) == ("John Kennedy", "President")


DATA_LOADER = [
    ["ID", "ISDELETED", "MASTERRECORDID", "ACCOUNTID", "LASTNAME", "FIRSTNAME", "SALUTATION", "MIDDLENAME", "NAME",
     "EMAIL", "TITLE", "OWNERID", "CREATEDBYID", "LASTMODIFIEDBYID", "JIGSAWCONTACTID", "INDIVIDUALID"],
    ["0035g00000AbCd1AAF", "false", "", "0015g00000XyZabAAB", "Kennedy", "John", "Mr.", "Fitzgerald",
     "John Fitzgerald Kennedy", "jfk@acme.example", "CEO", "0055g00000OwnAAA", "0055g00000OwnAAA",
     "0055g00000OwnAAA", "", ""],
]  # fmt: skip


def test_a_data_loader_export_reads_the_middle_name_and_warns_of_no_record_id(account):
    result = people_import(account=account, data=_quoted(DATA_LOADER), filename="extract.csv")
    assert result.source == "salesforce"
    assert list(Person.objects.filter(account=account).values_list("name", flat=True)) == [
        "John Fitzgerald Kennedy"
    ]
    assert result.suspicious_columns == []
    said = _said(result)
    assert "looks like a manager" not in said and "MASTERRECORDID" in said  # listed as ignored, no more


def test_a_gbk_file_read_right_is_offered_in_no_encoding_that_garbles_its_chinese(account):
    rows = [["姓名", "职位", "部门"], ["张伟", "总经理", "总经办"], ["李娜", "采购经理", "采购部"]]
    result = people_import(account=account, data=csv_bytes(rows, "gbk"), filename="名单.csv")
    assert result.encoding == "GB18030"
    assert result.alternatives == ("big5",)  # Big5 reads its bytes as Chinese too
    said = _said(result)
    assert "The file also reads as Big5:" in said and "Windows-1252" not in said
    assert set(Person.objects.filter(account=account).values_list("name", flat=True)) == {"张伟", "李娜"}


def test_a_western_file_is_still_offered_its_other_readings(account):
    rows = [["Name", "Title"], ["Jürgen Müller", "CFO"]]
    result = people_import(account=account, data=csv_bytes(rows, "cp1252"), filename="kontakte.csv")
    assert "cp1250" in result.alternatives
