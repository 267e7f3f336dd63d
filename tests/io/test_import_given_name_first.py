"""Zoho writes a contact's Full Name "First Last", so a Chinese contact reads "文博 许": a reviewer's Zoho export
made a second 文博许 beside the map's 许文博 (same unit, same phone) without a word, and its rows carrying the
map's e-mail were refused as "the mailbox may have been handed on … names someone else". A Full Name that only
joins First and Last Name is read by their rule (family name first), and a name written given name first is the
map's person of that name read family name first."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person
from tests import factories as f

from .hdny import it_centre, people_of

pytestmark = pytest.mark.django_db

# Zoho CRM's contact export, as the reviewer's file has it (columns that stay empty left out)
ZOHO = (
    '"Record Id","Contact Owner","First Name","Last Name","Account Name","Email","Title","Department","Phone",'
    '"Reporting To","Full Name","Salutation"\n'
)
FIELDS = ("name", "title", "phone", "email", "external_id", "org_unit__name")


@pytest.fixture
def account(db):
    return it_centre(
        {"name": "王建明", "title": "信息中心主任", "email": "wangjianming@hdny.com.cn"},
        {"name": "许文博", "title": "信息中心架构师", "phone": "13905050005", "reports_to": "王建明"},
    )


def _map(account) -> dict[str, tuple]:
    return {p[0]: p[1:] for p in people_of(account, FIELDS)}


def _import(account, text: str):
    result = people_import(account=account, data=text.encode(), filename="Contacts.csv")
    with translation.override("en"):
        return result, "\n".join(summary_lines(result))


def test_a_zoho_full_name_given_name_first_is_the_person_on_the_map(account):
    before = _map(account)
    text = ZOHO + (
        '"zcrm_6","Demo User","文博","许","华东省能源投资集团","","首席架构师","信息中心","+86 139 0505 0005",'
        '"建明 王","文博 许","Mr."\n'
    )
    result, summary = _import(account, text)
    assert (result.created, result.updated) == (0, 1)
    assert "Row 2, 许文博: Title 信息中心架构师 → 首席架构师" in summary
    after = _map(account)
    assert set(after) == {"王建明", "许文博"}  # no 文博许
    assert after["许文博"] == ("首席架构师", "13905050005", "", "zcrm_6", "信息中心")
    assert after["王建明"] == before["王建明"]


def test_a_zoho_row_with_the_maps_e_mail_is_that_person_not_a_handed_on_mailbox(account):
    text = ZOHO + (
        '"zcrm_1","Demo User","建明","王","华东省能源投资集团","wangjianming@hdny.com.cn","信息中心主任",'
        '"信息中心","","","建明 王","Mr."\n'
    )
    result, summary = _import(account, text)
    assert (result.created, result.updated) == (0, 1)
    assert "handed on" not in summary
    assert _map(account)["王建明"] == ("信息中心主任", "", "wangjianming@hdny.com.cn", "zcrm_1", "信息中心")


def test_a_name_column_written_given_name_first_finds_the_person(account):
    result, _summary = _import(account, "姓名,部门,职务\n文博 许,信息中心,首席架构师\n")
    assert (result.created, result.updated) == (0, 1)
    assert set(_map(account)) == {"王建明", "许文博"}


def test_the_name_as_written_wins_when_someone_bears_it(account):
    f.person(account=account, name="文博许", title="工程师")  # rare, but theirs
    result, _summary = _import(account, "姓名,职务\n文博 许,工程师\n")
    assert (result.created, result.unchanged) == (0, 1)
    assert Person.objects.get(account=account, name="许文博").title == "信息中心架构师"
