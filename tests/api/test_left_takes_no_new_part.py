"""A person who has left the customer takes no new part in a deal, on every road: the web's form refused them,
the API gave them one with a 201 (a fresh reviewer's finding: the rule lived in the form only). What a map file
records as held before (a map export read back) still loads."""

from __future__ import annotations

import datetime as dt

import pytest

from battlemap.deals.models import StakeholderRole
from battlemap.io.mapformat import export_map
from battlemap.io.mapformat.load import map_import
from tests import factories as f

pytestmark = pytest.mark.django_db


def _left(world, name="离职的人"):
    return f.person(
        account=world.cn, name=name, title="副总经理", status="left", left_on=dt.date(2026, 10, 31)
    )


def test_the_api_refuses_a_new_part_for_someone_who_left(world, owner_api):
    gone = _left(world)
    response = owner_api.post(
        f"/api/deals/{world.cn_deal.id}/roles", {"person": gone.id, "roles": ["influencer"]}
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["person"]
    assert "离开客户" in response.json()["errors"][0]["message"]  # the account's language
    assert not StakeholderRole.objects.filter(person=gone).exists()


def test_the_api_refuses_moving_a_role_to_someone_who_left(world, owner_api):
    gone = _left(world)
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    body = {"person": gone.id, "version": role.version}
    response = owner_api.patch(f"/api/roles/{role.id}", body)
    assert response.status_code == 422 and [e["field"] for e in response.json()["errors"]] == ["person"]
    role.refresh_from_db()
    assert role.person_id == world.cn_boss.id


def test_a_role_held_before_leaving_stays_editable(world, owner_api):
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    world.cn_boss.status, world.cn_boss.left_on = "left", dt.date(2026, 10, 31)
    world.cn_boss.save()
    body = {"attitude": "supporter", "version": role.version}
    response = owner_api.patch(f"/api/roles/{role.id}", body)
    assert response.status_code == 200 and response.json()["attitude"] == "supporter"


def test_a_map_file_keeps_the_part_held_by_someone_who_left(world):
    world.cn_boss.status, world.cn_boss.left_on = "left", dt.date(2026, 10, 31)
    world.cn_boss.save()
    account = map_import(data=export_map(world.cn), owner=world.owner, slug="read-back")
    role = StakeholderRole.objects.get(deal__account=account, person__name="王建国")
    assert role.person.status == "left" and role.roles == ["decision_maker"]


def test_a_people_file_gives_no_new_part_to_someone_who_left_unless_it_says_they_left(world):
    """A fresh reviewer: a CRM file imported into a deal gave a new role to a person the map has as left."""
    from battlemap.io.tabular.problems import ImportFailed
    from battlemap.io.tabular.services import people_import

    gone = _left(world, "冯晓东")
    data = "姓名,角色\n冯晓东,影响者\n".encode()
    with pytest.raises(ImportFailed) as refused:
        people_import(account=world.cn, data=data, filename="crm.csv", deal=world.cn_deal, user=world.owner)
    assert [(p.row, p.column, p.code) for p in refused.value.problems] == [(2, "roles", "left_new_role")]
    assert not StakeholderRole.objects.filter(person=gone).exists()
    held = (
        "姓名,状态,离职日期,角色\n冯晓东,已离职,2026-10-31,影响者\n".encode()
    )  # the file records a part held before
    people_import(account=world.cn, data=held, filename="crm.csv", deal=world.cn_deal, user=world.owner)
    assert StakeholderRole.objects.get(person=gone).roles == ["influencer"]
