"""Contact-role exports (Salesforce's OpportunityContactRole, an "Opportunities with Contact Roles" report): their
roles go into the one deal chosen, so a file of several opportunities is refused rather than merged into it."""

from __future__ import annotations

import pytest

from battlemap.deals.models import StakeholderRole
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests import factories as f

from .files import csv_bytes

PEOPLE = [
    ["ContactId", "Name", "Email"],
    ["51", "Ann Lee", "ann@acme.example"],
    ["52", "Bob Fox", "bob@acme.example"],
    ["55", "Cy Hart", "cy@acme.example"],
]
ROLES = [
    ["OpportunityId", "ContactId", "Role", "IsPrimary"],
    ["0065g00000Opp01", "51", "Decision Maker", "true"],
    ["0065g00000Opp01", "52", "Influencer", "false"],
    ["0065g00000Opp02", "52", "Economic Buyer", "true"],
    ["0065g00000Opp02", "55", "Business User", "false"],
]


@pytest.fixture
def target(db):
    account = f.account(owner=f.user("opp"), slug="acme", name="Acme")
    deal = f.deal(account=account, name="Platform")
    people_import(account=account, data=csv_bytes(PEOPLE, "utf-8"), filename="people.csv")
    return account, deal


def test_a_file_of_two_opportunities_is_refused_for_one_deal(target):
    account, deal = target
    with pytest.raises(ImportFailed) as caught:
        people_import(account=account, data=csv_bytes(ROLES, "utf-8"), filename="roles.csv", deal=deal)
    assert [p.message("en") for p in caught.value.problems] == [
        'row 4, Opportunity id: this row is of opportunity "0065g00000Opp02" and row 2 of opportunity '
        '"0065g00000Opp01": the roles of every opportunity of the file would go into the one deal chosen. Filter '
        "the file to that deal's opportunity and import it again"
    ]
    assert "第 4 行" in caught.value.problems[0].message("zh")
    assert not StakeholderRole.objects.filter(deal=deal).exists()


def test_the_file_filtered_to_one_opportunity_lands_its_roles(target):
    account, deal = target
    # the 18-character form of a Salesforce id is the same opportunity as its 15-character form
    one = [*ROLES[:3], ["0065g00000Opp01AAB", "55", "Business User", "false"]]
    result = people_import(account=account, data=csv_bytes(one, "utf-8"), filename="roles.csv", deal=deal)
    assert result.roles_created == 3
    held = {r.person.external_id: tuple(r.roles) for r in StakeholderRole.objects.filter(deal=deal)}
    assert held == {"51": ("decision_maker",), "52": ("influencer",), "55": ("user",)}


def test_without_a_deal_the_people_of_several_opportunities_import(target):
    account, _deal = target
    result = people_import(account=account, data=csv_bytes(ROLES, "utf-8"), filename="roles.csv")
    assert result.roles_ignored == 4


def test_a_data_loader_export_reads_the_contact_id_not_the_role_records_id(target):
    """Data Loader's OpportunityContactRole: `ID` is the role record's own id; CONTACTID names the person."""
    account, deal = target
    rows = [
        ["ID", "OPPORTUNITYID", "CONTACTID", "ROLE", "ISPRIMARY"],
        ["00K1", "0065g00000Opp01", "51", "Decision Maker", "true"],
        ["00K2", "0065g00000Opp01", "52", "Influencer", "false"],
    ]
    result = people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="ocr.csv", deal=deal)
    assert (result.roles_created, result.ignored_columns, result.suspicious_columns) == (2, ["ID"], [])
    held = {r.person.external_id: tuple(r.roles) for r in StakeholderRole.objects.filter(deal=deal)}
    assert held == {"51": ("decision_maker",), "52": ("influencer",)}


REPORT = [
    [
        "Opportunity: Opportunity Name",
        "Opportunity: Opportunity ID",
        "Contact: Full Name",
        "Contact: Contact ID",
        "Contact: Email",
        "Account: Phone",
        "Role",
    ],
    [
        "Platform",
        "0065g00000Opp01",
        "Tom Baker",
        "0035g00000Tom01",
        "tom@t2.example",
        "+1 555 0100",
        "Decision Maker",
    ],
    [
        "Platform",
        "0065g00000Opp01",
        "Sara Lee",
        "0035g00000Sar01",
        "sara@t2.example",
        "+1 555 0100",
        "Influencer",
    ],
    [
        "Helpdesk",
        "0065g00000Opp02",
        "Sara Lee",
        "0035g00000Sar01",
        "sara@t2.example",
        "+1 555 0100",
        "Economic Buyer",
    ],
]


def test_a_contact_roles_report_reads_object_field_headers(target):
    """An "Opportunities with Contact Roles" report: `Opportunity: Opportunity ID` is the opportunity, so a contact
    on two opportunities is one person (it was refused as a duplicate e-mail); an opportunity's name is no
    person's name, an account's phone no person's phone."""
    account, deal = target
    result = people_import(account=account, data=csv_bytes(REPORT, "utf-8"), filename="report.csv")
    assert result.recognised["opportunity_id"] == "Opportunity: Opportunity ID"
    assert (result.source, result.created) == ("salesforce", 2)
    people = Person.objects.filter(account=account, external_id__startswith="0035")
    assert sorted((p.name, p.email, p.phone) for p in people) == [
        ("Sara Lee", "sara@t2.example", ""),
        ("Tom Baker", "tom@t2.example", ""),
    ]
    with pytest.raises(ImportFailed) as caught:
        people_import(account=account, data=csv_bytes(REPORT, "utf-8"), filename="report.csv", deal=deal)
    assert [(p.row, p.code) for p in caught.value.problems] == [(4, "other_opportunity")]
