"""A department typed on the person form: a new user has no other way to start the account's departments."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.accounts.services import org_unit_create

pytestmark = pytest.mark.django_db


def test_a_department_typed_on_the_person_form_is_made_once_and_used_again(owner_client, world):
    url = reverse("person_new", args=[world.cn.slug])
    for name in ("赵丽", "钱进"):
        response = owner_client.post(url, {"name": name, "status": "active", "new_department": " 信息 中心 "})
        assert response.status_code == 302
    zhao, qian = (world.cn.people.get(name=n) for n in ("赵丽", "钱进"))
    assert zhao.org_unit == qian.org_unit and zhao.org_unit.name == "信息 中心"
    assert world.cn.org_units.count() == 1
    # an edit moves a person to a department typed the same way
    boss = world.cn_boss
    page = reverse("person", args=[world.cn.slug, boss.pk])
    moved = owner_client.post(
        page, {"name": boss.name, "status": "active", "version": boss.version, "new_department": "总经办"}
    )
    assert moved.status_code == 302
    boss.refresh_from_db()
    assert boss.org_unit.name == "总经办"


def test_a_department_name_two_departments_share_is_refused_on_the_field(owner_client, world):
    group = org_unit_create(account=world.cn, name="集团")
    org_unit_create(account=world.cn, name="采购部", parent=group)
    org_unit_create(account=world.cn, name="采购部", parent=org_unit_create(account=world.cn, name="分公司"))
    response = owner_client.post(
        reverse("person_new", args=[world.cn.slug]),
        {"name": "孙丽", "status": "active", "new_department": "采购部"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="field-new_department"' in html and "采购部" in html and "has-error" in html
    assert not world.cn.people.filter(name="孙丽").exists()


def test_the_person_form_lists_its_own_fields_each_beside_the_one_it_completes(world):
    from battlemap.people.forms import PersonForm

    shown = [field.name for field in PersonForm(account=world.cn).main_fields()]
    assert shown == [
        "name",
        "title",
        "org_unit",
        "new_department",
        "reports_to",
        "dotted_managers",
        "email",
        "phone",
        "status",
        "left_on",
        "placeholder",
        "external",
        "external_kind",
        "organisation",
    ]
