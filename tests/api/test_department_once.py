"""A department is kept once at its place in the tree: a second one of the same name under the same parent is
refused, naming the first by its id (an integrator's trial: a nightly HR sync that posted its departments again made
a second 信息中心 each night; the person form's department list then showed both, and typing 信息中心 as a new
department was refused: "several departments are called 信息中心")."""

from __future__ import annotations

import re

import pytest

from battlemap.accounts.models import OrgUnit
from tests import factories as f

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


def test_posting_a_department_again_names_the_first_and_adds_nothing(world, owner_api):
    first = owner_api.post("/api/accounts/guodian/org-units", {"name": "信息中心"})
    assert first.status_code == 201
    for again in ("信息中心", " 信息 中心 "):  # as departments match everywhere (io.matching.department_key)
        response = owner_api.post("/api/accounts/guodian/org-units", {"name": again}, headers=EN)
        assert response.status_code == 422, again
        (error,) = response.json()["errors"]
        assert error["field"] == "name" and f"(id {first.json()['id']})" in error["message"]
    assert list(world.cn.org_units.values_list("name", flat=True)) == ["信息中心"]


def test_a_namesake_elsewhere_in_the_tree_is_another_department(world, owner_api):
    east = f.org_unit(account=world.cn, name="华东分公司")
    west = f.org_unit(account=world.cn, name="华西分公司")
    for parent in (east, west):
        response = owner_api.post("/api/accounts/guodian/org-units", {"name": "综合部", "parent": parent.pk})
        assert response.status_code == 201
    f.org_unit(account=world.en, name="综合部")  # another account's
    assert owner_api.post("/api/accounts/guodian/org-units", {"name": "综合部"}).status_code == 201
    assert OrgUnit.objects.filter(account=world.cn, name="综合部").count() == 3


def test_renaming_or_moving_onto_a_namesake_is_refused(world, owner_api):
    east = f.org_unit(account=world.cn, name="华东分公司")
    office = f.org_unit(account=world.cn, name="综合部", parent=east)
    stray = f.org_unit(account=world.cn, name="综合部")  # at the top: another place
    moved = owner_api.patch(f"/api/org-units/{stray.pk}", {"parent": east.pk, "version": 1}, headers=EN)
    assert moved.status_code == 422
    assert moved.json()["errors"][0]["field"] == "name" and f"(id {office.pk})" in moved.content.decode()
    other = f.org_unit(account=world.cn, name="财务部", parent=east)
    renamed = owner_api.patch(f"/api/org-units/{other.pk}", {"name": "综合部", "version": 1})
    assert renamed.status_code == 422
    stray.refresh_from_db(), other.refresh_from_db()
    assert (stray.parent_id, other.name) == (None, "财务部")
    same = owner_api.patch(f"/api/org-units/{office.pk}", {"name": "综合部", "parent": east.pk, "version": 1})
    assert same.status_code == 200  # its own name is no namesake


def test_the_person_form_then_finds_the_one_department(world, owner_api, owner_client):
    owner_api.post("/api/accounts/guodian/org-units", {"name": "信息中心"})
    owner_api.post("/api/accounts/guodian/org-units", {"name": "信息中心"})  # the sync's second night
    response = owner_client.post(
        "/accounts/guodian/people/new/", {"name": "周工", "new_department": "信息中心", "status": "active"}
    )
    assert response.status_code == 302, re.findall(
        r'class="errorlist[^>]*>(.*?)</ul>', response.content.decode(), re.S
    )
    unit = world.cn.people.get(name="周工").org_unit
    assert unit is not None and unit.name == "信息中心" and world.cn.org_units.count() == 1
