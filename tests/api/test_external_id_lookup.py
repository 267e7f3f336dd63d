"""`?external_id=` finds a person as the import and the duplicate check match CRM ids (`io.matching.id_key`), so a
sync that looks up, finds nothing and creates is not then refused as a duplicate (an integrator's trial); the
refusal names the person who holds the id, with their id, and the id as they hold it."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

SF15, SF18 = "0035g00000AbCdE", "0035g00000AbCdEAAV"
GUID = "{6F9619FF-8B86-D011-B42D-00C04FC964FF}"


@pytest.mark.parametrize(
    ("stored", "asked"),
    [
        (SF15, SF18),
        (SF18, SF15),
        (SF15, SF18.lower()),  # the 18 characters survive case-folding: that is what they are for
        ("003D000000QyK9h", "003D000000QYK9HIAF"),
        (GUID, GUID.strip("{}").lower()),
        ("502", "502.0"),
        (SF15, SF15),
    ],
)
def test_the_filter_finds_the_person_under_any_form_of_the_id(world, owner_api, stored, asked):
    person = f.person(account=world.cn, name="孙七", external_id=stored)
    f.person(account=world.cn, name="周八", external_id="0035g00000ZZZZZ")
    found = owner_api.get(f"/api/accounts/{world.cn.slug}/people?external_id={quote(asked)}").json()
    assert [p["id"] for p in found["items"]] == [person.pk]


def test_another_id_is_not_found(world, owner_api):
    f.person(account=world.cn, name="孙七", external_id=SF15)
    f.person(account=world.cn, name="郑九", external_id="ord-2026-0000001")
    for asked in (
        "0035g00000AbCdF",
        SF15.lower(),
        "0035g00000AbCd",
        "ORD-2026-0000001",
        "0035g00000abcdeaaa",
    ):
        found = owner_api.get(f"/api/accounts/{world.cn.slug}/people?external_id={quote(asked)}").json()
        assert found["count"] == 0, asked


def test_the_duplicate_names_who_holds_the_id_as_they_hold_it(world, owner_api):
    person = f.person(account=world.cn, name="孙七", external_id=SF15)
    response = owner_api.post(
        f"/api/accounts/{world.cn.slug}/people", {"name": "SF Eighteen", "external_id": SF18}
    )
    assert response.status_code == 422
    message = response.json()["errors"][0]["message"]
    assert SF15 in message and SF18 not in message and str(person.pk) in message
