"""One cleaning for every imported text field (io.cleaning.tidy_text; a person's name clean_name, which is
tidy_text with the name rules): a right-to-left mark (RLM, U+200F) copied with an Arabic customer's name from
a web page was kept in the account's name but dropped from a person's title, so the account and its
people's employer no longer matched, and a re-import of the same people file said every title with one had
changed. Direction marks, the Arabic letter mark and embeddings go from names, titles, departments,
companies and account names alike; full-width punctuation keeps its width in each."""

from __future__ import annotations

import copy

import pytest
from django.utils import translation

from battlemap.accounts.models import OrgUnit
from battlemap.io.cleaning import tidy_text
from battlemap.io.mapformat import export_map
from battlemap.io.mapformat.load import map_import
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person
from tests import factories as f

RLM, LRM, ALM = "\u200f", "\u200e", "\u061c"


def test_a_map_file_stores_the_account_units_and_titles_by_one_rule(world):
    data = copy.deepcopy(export_map(world.cn))
    data["account"]["name"] = f"{RLM}شركة النور{RLM}"
    data["org_units"].append({"id": 999, "name": f"{LRM}المالية{ALM}", "parent": None})
    boss = next(p for p in data["people"] if p["name"] == "王建国")
    boss["title"] = f"{RLM}مدير المشتريات{RLM}"
    account = map_import(data=data, owner=world.owner, slug="nour")
    assert account.name == "شركة النور"
    assert Person.objects.get(account=account, name="王建国").title == "مدير المشتريات"
    assert OrgUnit.objects.filter(account=account, name="المالية").exists()


@pytest.fixture
def account(db):
    return f.account(owner=f.user("rtl"), slug="rtl", name="شركة النور")


def _csv(rows: list[str]) -> bytes:
    return ("姓名,职务,部门,公司\n" + "\n".join(rows) + "\n").encode()


def test_a_people_file_cleans_names_titles_departments_and_companies_alike(account):
    data = _csv(
        [
            f"{RLM}Ahmad Nasser{RLM},{RLM}مدير المشتريات{RLM},{LRM}信息中心（北京）{ALM},{RLM}شركة النور",
            f"张伟,副总经理（分管信息化）{LRM},信息中心（北京）,شركة النور{RLM}",
        ]
    )
    people_import(account=account, data=data, filename="people.csv")
    ahmad = Person.objects.get(account=account, name="Ahmad Nasser")
    assert ahmad.title == "مدير المشتريات" and not ahmad.external  # the account's own company
    assert Person.objects.get(account=account, name="张伟").title == "副总经理（分管信息化）"
    assert list(OrgUnit.objects.filter(account=account).values_list("name", flat=True)) == [
        "信息中心（北京）"
    ]

    again = people_import(account=account, data=data, filename="people.csv", dry_run=True)
    with translation.override("en"):
        assert again.updated == 0, summary_lines(again)


def test_a_department_an_earlier_import_stored_half_width_is_the_same_unit(account):
    """Imports before this one stored departments in NFKC (`信息中心(北京)`): the file's `信息中心（北京）` is that unit."""
    old = OrgUnit.objects.create(account=account, name="信息中心(北京)")
    people_import(account=account, data=_csv(["张伟,工程师,信息中心（北京）,"]), filename="people.csv")
    assert Person.objects.get(account=account, name="张伟").org_unit == old
    assert OrgUnit.objects.filter(account=account).count() == 1


def test_direction_marks_are_invisible_characters_to_every_cleaner():
    assert tidy_text(f"{ALM}المالية{RLM} {LRM}") == "المالية"
