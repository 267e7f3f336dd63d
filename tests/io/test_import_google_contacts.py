"""Google Contacts' CSV export ("Google CSV", its columns before and since 2024) imported on the demo account
华东省能源投资集团 (hdny), as an operations admin brought a seller's phone book: the organisation, title, department,
e-mail and phone columns were all ignored (people came in as bare names), and a cell of several values joined by
" ::: " was refused as an e-mail or stored whole as one phone number."""

from __future__ import annotations

import pytest

from .demo_people import import_and_read, others_unchanged, summary
from .files import csv_bytes

pytestmark = pytest.mark.django_db

# since 2024: First Name … Organization Name, E-mail 1 - Label / Value …
NEW = [
    ["First Name", "Middle Name", "Last Name", "Phonetic First Name", "Name Prefix", "Name Suffix", "Nickname",
     "File As", "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes", "Labels",
     "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label",
     "Phone 1 - Value", "Phone 2 - Label", "Phone 2 - Value"],
    ["浩", "", "孙", "", "", "", "", "", "华东省能源投资集团", "运维部经理", "信息中心", "", "", "* myContacts ::: 华东能源",
     "* Work", "sunhao@hdny.com.cn ::: sunhao.home@mail.example", "", "", "Mobile",
     "+86 138 1234 5678 ::: 021-6888 0009", "Work", "021-6888 0010"],
    ["Lina", "", "Qian", "", "Ms.", "", "", "", "省电力设计院", "Procurement Lead", "", "", "", "* myContacts",
     "", "", "Home", "qianlina@zjepdi.cn", "Mobile", "13905050077", "", ""],
]  # fmt: skip
# before 2024: Name, Given Name, Additional Name, Family Name … Organization 1 - Name, E-mail 1 - Type / Value …
OLD = [
    ["Name", "Given Name", "Additional Name", "Family Name", "Name Prefix", "Group Membership", "E-mail 1 - Type",
     "E-mail 1 - Value", "Phone 1 - Type", "Phone 1 - Value", "Organization 1 - Type", "Organization 1 - Name",
     "Organization 1 - Title", "Organization 1 - Department"],
    ["", "浩", "", "孙", "", "* myContacts", "* Work", "sunhao@hdny.com.cn", "Mobile",
     "+86 138 1234 5678 ::: 021-6888 0009", "", "华东省能源投资集团", "运维部经理", "信息中心"],
]  # fmt: skip

SUN_HAO = {
    "name": "孙浩", "title": "运维部经理", "email": "sunhao@hdny.com.cn", "phone": "+86 138 1234 5678 / 021-6888 0009",
    "external": False, "organisation": "", "org_unit__name": "信息中心", "reports_to__name": None,
}  # fmt: skip


def test_google_contacts_gives_company_title_department_email_and_every_phone(hdny):
    before, after, result = import_and_read(hdny, csv_bytes(NEW, "utf-8"), "contacts.csv")

    # the first e-mail of the cell (Google's primary); both numbers of the cell, and Phone 2 beside them
    assert after["孙浩"] == SUN_HAO | {"phone": "+86 138 1234 5678 / 021-6888 0009 / 021-6888 0010"}
    # E-mail 1 empty: E-mail 2; another company: an external person of it
    assert after["Lina Qian"] == {
        "name": "Lina Qian", "title": "Procurement Lead", "email": "qianlina@zjepdi.cn", "phone": "13905050077",
        "external": True, "organisation": "省电力设计院", "org_unit__name": None, "reports_to__name": None,
    }  # fmt: skip
    assert others_unchanged(before, after, ("孙浩", "Lina Qian"))
    assert summary(result)[0] == "Read 2 rows (CSV, encoding UTF-8); recognised as: Google Contacts"


def test_google_contacts_before_2024_reads_given_family_and_organization_1(hdny):
    before, after, result = import_and_read(hdny, csv_bytes(OLD, "utf-8"), "google.csv")

    assert after["孙浩"] == SUN_HAO
    assert others_unchanged(before, after, ("孙浩",))
    assert result.recognised["company"] == "Organization 1 - Name"
