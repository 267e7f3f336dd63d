"""Every API operation refuses a query parameter it does not read, naming it: a typo no longer turns a
version-checked delete into an unconditional one, nor a filtered list into every row (an integrator's trial)."""

from __future__ import annotations

import pytest

from battlemap.people.models import Person

pytestmark = pytest.mark.django_db


def _fields(response):
    return [e["field"] for e in response.json()["errors"]]


def test_a_misspelt_version_does_not_delete(world, owner_api):
    boss = world.cn_boss
    response = owner_api.delete(f"/api/people/{boss.pk}?versoin=7")
    assert response.status_code == 422 and _fields(response) == ["versoin"]
    assert Person.objects.filter(pk=boss.pk).exists()
    assert owner_api.delete(f"/api/people/{boss.pk}?version=7").status_code == 409  # the real one is checked


def test_a_misspelt_filter_is_named_not_ignored(world, owner_api):
    response = owner_api.get("/api/deals?staus=won&limit=1")
    assert response.status_code == 422 and _fields(response) == ["staus"]
    assert owner_api.get("/api/deals?status=won&limit=1").json()["count"] == 0  # the real one filters


def test_every_unknown_parameter_is_named(world, owner_api):
    response = owner_api.get(f"/api/accounts/{world.cn.slug}/people?b=1&a=2&search=王")
    assert response.status_code == 422 and _fields(response) == ["a", "b"]


def test_the_token_is_checked_first(world, anon_api):
    assert anon_api.get("/api/deals?staus=won").status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/api/accounts/guodian/analysis?as_off=2026-06-01",
        "/api/accounts/guodian/what-changed?sinse=2026-01-01",
        "/api/pipeline?ownr=alice",
        "/api/accounts/guodian/changes?since=2000-01-01&page=2",
        "/api/accounts/guodian/map?x=1",
    ],
)
def test_routes_mounted_on_another_router_refuse_them_too(world, owner_api, path):
    """A fresh reviewer: the routes of routers mounted on another (the map, the analysis, the pipeline) took any."""
    response = owner_api.get(path)
    assert response.status_code == 422 and len(_fields(response)) == 1
