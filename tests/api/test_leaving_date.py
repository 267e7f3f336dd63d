"""A leaving date sent for a person who has not left is refused with a 422 naming `left_on`, never dropped with a 200
(an integrator's trial: `PATCH {"left_on": …}` answered 200 and kept nothing); a rehire still clears the date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from battlemap.people.models import Person

pytestmark = pytest.mark.django_db

DAY = "2026-11-30"


def _fields(response):
    return {e["field"] for e in response.json()["errors"]}


def test_a_leaving_date_alone_on_an_active_person_is_refused(world, owner_api):
    boss = world.cn_boss
    response = owner_api.patch(f"/api/people/{boss.pk}", {"left_on": DAY, "version": boss.version})
    assert response.status_code == 422 and _fields(response) == {"left_on"}
    boss.refresh_from_db()
    assert (boss.status, boss.left_on, boss.version) == ("active", None, 1)


def test_a_new_person_with_a_leaving_date_and_no_left_status_is_refused(world, owner_api):
    response = owner_api.post(f"/api/accounts/{world.cn.slug}/people", {"name": "测试离职", "left_on": DAY})
    assert response.status_code == 422 and _fields(response) == {"left_on"}
    assert not Person.objects.filter(name="测试离职").exists()


def test_status_left_with_the_date_is_kept(world, owner_api):
    boss = world.cn_boss
    body = {"status": "left", "left_on": DAY, "version": boss.version}
    response = owner_api.patch(f"/api/people/{boss.pk}", body)
    assert response.status_code == 200 and response.json()["left_on"] == DAY


def test_a_rehire_sent_back_with_the_old_date_clears_it(world, owner_api):
    boss = world.cn_boss
    boss.status, boss.left_on = "left", dt.date(2026, 6, 30)
    boss.save()
    body = owner_api.get(f"/api/people/{boss.pk}").json()
    edit = {"status": "active", "left_on": body["left_on"], "version": body["version"]}
    response = owner_api.patch(f"/api/people/{boss.pk}", edit)
    assert response.status_code == 200 and response.json()["left_on"] is None
    assert response.json()["status"] == "active"


def test_the_web_form_says_it_on_the_field(world, owner_client):
    url = reverse("person_new", args=[world.cn.slug])
    page = owner_client.post(url, {"name": "赵六", "status": "active", "left_on": DAY})
    assert page.status_code == 422 and "field-left_on" in page.content.decode()
    assert not Person.objects.filter(name="赵六").exists()
