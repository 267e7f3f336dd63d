"""Every route: the owner succeeds, an outsider gets 404, no token gets 401, bad input gets 422 naming the field."""

from __future__ import annotations

import pytest

from tests.api.routes import ROUTES, UNSCOPED

pytestmark = pytest.mark.django_db


def _call(api, route, world, objs, bad=False):
    if bad:
        path, body = route.bad(world, objs)
    else:
        path, body = route.path(world, objs), route.body(world, objs) if route.body else None
        if route.method == "PUT":  # a PUT sends the whole object: what a GET gave, with the route's changes
            read = api.get(path)
            if read.status_code == 200 and isinstance(read.json(), dict):  # not the competitors' list
                body = {**read.json(), **body}
    return api.call(route.method, path, body)


def _error_fields(response) -> list[str]:
    body = response.json()
    assert set(body) == {"detail", "errors"}, body
    return [e["field"] for e in body["errors"]]


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_owner_succeeds(route, world, objs, owner_api):
    response = _call(owner_api, route, world, objs)
    assert response.status_code == route.ok, response.content


@pytest.mark.parametrize("route", [r for r in ROUTES if r.name not in UNSCOPED], ids=str)
def test_outsider_gets_404(route, world, objs, outsider_api):
    response = _call(outsider_api, route, world, objs)
    assert response.status_code == 404, response.content
    assert _error_fields(response) == []


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_no_token_gets_401(route, world, objs, anon_api):
    response = _call(anon_api, route, world, objs)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("route", [r for r in ROUTES if r.bad], ids=str)
def test_bad_input_gets_422_naming_the_field(route, world, objs, owner_api):
    response = _call(owner_api, route, world, objs, bad=True)
    assert response.status_code == 422, response.content
    assert route.bad_field in _error_fields(response)


def test_manager_may_read_but_not_change_an_account_outside_the_team(world, manager_api):
    # carol manages alice's team; alice's English account is not shared with the team: view only.
    person = world.en.people.get()
    assert manager_api.get("/api/accounts/northwind").status_code == 200
    assert manager_api.get(f"/api/people/{person.id}").status_code == 200
    patch = manager_api.patch("/api/accounts/northwind", {"industry": "x", "version": world.en.version})
    assert patch.status_code == 403  # a reader of the account: told so, not "not found"
    assert manager_api.patch(f"/api/people/{person.id}", {"title": "x", "version": 1}).status_code == 403
    assert manager_api.post("/api/accounts/northwind/people", {"name": "x"}).status_code == 403
    assert manager_api.delete("/api/accounts/northwind").status_code == 403
    world.en.refresh_from_db()
    assert world.en.industry == ""


def test_outsider_cannot_list_the_owners_deals_or_accounts(world, objs, outsider_api):
    accounts = outsider_api.get("/api/accounts").json()
    assert [a["slug"] for a in accounts["items"]] == ["secret"]
    assert outsider_api.get("/api/deals").json()["count"] == 0
    assert outsider_api.get("/api/teams/east").status_code == 404


def test_manager_sees_the_team_account(world, objs, manager_api):
    assert manager_api.get("/api/accounts/guodian").status_code == 200
    assert manager_api.get(f"/api/people/{world.cn_boss.id}").json()["name"] == "王建国"


def test_a_locked_database_is_a_json_503_not_an_html_500(world, owner_api, monkeypatch):
    from django.db import OperationalError

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("battlemap.accounts.api.get_account_for", locked)
    response = owner_api.get("/api/accounts/guodian")
    assert response.status_code == 503 and response["Content-Type"].startswith("application/json")
    assert any(w in response.json()["detail"] for w in ("try again", "请稍后再试"))


def test_the_same_influence_link_twice_is_refused_naming_the_target(world, owner_api):
    boss = world.cn_boss
    other = world.cn.people.exclude(pk=boss.pk).first()
    link = {"source": other.pk, "target": boss.pk}
    assert owner_api.post("/api/accounts/guodian/influence-links", link).status_code == 201
    again = owner_api.post("/api/accounts/guodian/influence-links", link)
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "target"
    other_kind = owner_api.post("/api/accounts/guodian/influence-links", {**link, "kind": "opposes"})
    assert other_kind.status_code == 201, other_kind.content  # another kind of link between them is news
    assert world.cn.influence_links.count() == 2
