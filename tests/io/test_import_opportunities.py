"""Contact-role exports (Salesforce's OpportunityContactRole, an "Opportunities with Contact Roles" report): their
roles go into the one deal chosen, so a file of several opportunities is refused rather than merged into it."""

from __future__ import annotations

import pytest

from battlemap.deals.models import StakeholderRole
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
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
