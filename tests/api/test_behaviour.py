"""What a script using the API relies on: sessions with CSRF, bulk all-or-nothing, map, history, changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from battlemap.io.mapformat import export_map
from battlemap.people.models import Person
from battlemap.users.models import Profile

pytestmark = pytest.mark.django_db


def test_session_cookie_works_for_reads_and_needs_csrf_for_writes(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    assert client.get("/api/accounts/guodian").status_code == 200
    no_csrf = client.post("/api/accounts/guodian/people", {"name": "张三"}, content_type="application/json")
    assert no_csrf.status_code == 403
    client.get("/accounts/")  # any page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    ok = client.post(
        "/api/accounts/guodian/people",
        {"name": "张三"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert ok.status_code == 201


@pytest.mark.parametrize(
    "language, accept, said",
    [
        ("zh-hans", "en-US,en", "CSRF 校验失败：请发送 X-CSRFToken 请求头。"),
        ("en", "zh-CN,zh", "CSRF check failed: send the X-CSRFToken header."),
        ("", "zh-CN,zh", "CSRF 校验失败：请发送 X-CSRFToken 请求头。"),
    ],
)
def test_the_csrf_refusal_is_in_the_users_language(world, language, accept, said):
    # the language the user chose wins over the browser's; none chosen: the browser's
    Profile.objects.update_or_create(user=world.owner, defaults={"language": language})
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    response = client.post(
        "/api/accounts/guodian/people",
        {"name": "张三"},
        content_type="application/json",
        headers={"Accept-Language": accept},
    )
    assert response.status_code == 403
    assert response.json()["detail"] == said


def test_bulk_people_is_all_or_nothing_and_names_every_bad_row(world, owner_api):
    before = Person.objects.count()
    body = {
        "people": [{"name": "甲"}, {"name": "乙", "reports_to": 999999}, {"name": "丙", "status": "left"}]
    }
    response = owner_api.post("/api/accounts/guodian/people/bulk", body)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"people.1.reports_to", "people.2.left_on"}
    assert Person.objects.count() == before


def test_bulk_people_creates_all(world, owner_api):
    body = {"people": [{"name": f"人{i}", "title": "工程师"} for i in range(20)]}
    response = owner_api.post("/api/accounts/guodian/people/bulk", body)
    assert response.status_code == 201
    assert response.json()["count"] == 20
    assert world.cn.people.filter(title="工程师").count() == 20


def test_bulk_roles_refuses_a_person_of_another_account(world, objs, owner_api):
    stranger = world.other.people.create(name="Eve")
    body = {"roles": [{"person": objs.person.id, "roles": ["coach"]}, {"person": stranger.id}]}
    response = owner_api.post(f"/api/deals/{world.cn_deal.id}/roles/bulk", body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["roles.1.person"]
    assert world.cn_deal.roles.count() == 1


def test_map_is_the_documented_map_format(world, objs, owner_api):
    assert owner_api.get("/api/accounts/guodian/map").json() == export_map(world.cn)


def test_history_shows_the_map_as_it_was(world, objs, owner_api):
    boss = world.cn_boss
    earlier = timezone.now()
    boss.title = "董事长"
    boss.save()
    then = owner_api.get(
        f"/api/accounts/guodian/history?as_of={earlier.isoformat().replace('+', '%2B')}"
    ).json()
    now = owner_api.get("/api/accounts/guodian/history?as_of=2999-01-01").json()
    title_then = {p["id"]: p["title"] for p in then["people"]}[boss.id]
    title_now = {p["id"]: p["title"] for p in now["people"]}[boss.id]
    assert (title_then, title_now) == ("总经理", "董事长")


def test_history_is_cached_per_map_state_with_an_etag_and_an_edit_since_shows(world, owner_api):
    """The map as of a day was computed again on every call (not cached, unlike the map): now its ETag answers
    304, and an edit after that moment, back-dated or not, gives the map again."""
    url = "/api/accounts/guodian/history?as_of=2999-01-01"
    first = owner_api.get(url)
    assert first.status_code == 200 and first.headers["ETag"]
    assert owner_api.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    boss = world.cn_boss
    boss.title = "董事长"
    boss.save()
    again = owner_api.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert (
        again.status_code == 200
        and {p["id"]: p["title"] for p in again.json()["people"]}[boss.id] == "董事长"
    )


def test_history_before_the_account_existed_is_404(world, owner_api):
    assert owner_api.get("/api/accounts/guodian/history?as_of=2000-01-01").status_code == 404


def test_changes_lists_what_changed_and_who_did_it(world, objs, owner_api):
    since = (timezone.now() - timedelta(minutes=1)).isoformat().replace("+", "%2B")
    owner_api.patch(f"/api/people/{objs.person.id}", {"title": "CIO", "version": objs.person.version})
    owner_api.delete(f"/api/influence-links/{objs.link.id}")
    changes = owner_api.get(f"/api/accounts/guodian/changes?since={since}").json()["changes"]
    person_change = next(c for c in changes if c["model"] == "person" and c["change"] == "changed")
    assert person_change["fields"] == ["title"] and person_change["by"] == "alice"
    assert any(c["model"] == "influence_link" and c["change"] == "deleted" for c in changes)
    assert changes == sorted(changes, key=lambda c: c["at"], reverse=True)


def test_lists_paginate_and_filter(world, owner_api):
    for i in range(7):
        world.cn.people.create(name=f"Zed {i}", status="active")
    page = owner_api.get("/api/accounts/guodian/people?search=zed&limit=5&offset=5").json()
    assert page["count"] == 7 and len(page["items"]) == 2


def test_names_with_markup_come_back_as_plain_data(world, owner_api):
    created = owner_api.post("/api/accounts/guodian/people", {"name": "<script>alert(1)</script>"}).json()
    assert owner_api.get(f"/api/people/{created['id']}").json()["name"] == "<script>alert(1)</script>"


def test_malformed_json_gets_400_in_the_error_shape(world, owner_api):
    response = owner_api.client.post(
        "/api/accounts/guodian/people",
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {owner_api.token}"},
    )
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


def test_openapi_schema_and_docs_are_served(client, db):
    schema = client.get("/api/openapi.json").json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert all(op.get("summary") for op in operations)
    assert all("401" in op["responses"] and "404" in op["responses"] for op in operations)
    assert client.get("/api/docs").status_code == 200


def test_map_and_analysis_follow_every_change_and_answer_304_when_unchanged(world, objs, owner_api):
    first = owner_api.get("/api/accounts/guodian/map")
    etag = first["ETag"]
    assert owner_api.get("/api/accounts/guodian/map", headers={"If-None-Match": etag}).status_code == 304
    analysis_before = owner_api.get(f"/api/deals/{world.cn_deal.id}/analysis").json()
    # a change deep in the map (a stakeholder's attitude) must show at once, not a cached copy
    role = objs.role
    owner_api.patch(f"/api/roles/{role.id}", {"attitude": "opponent", "version": role.version})
    second = owner_api.get("/api/accounts/guodian/map", headers={"If-None-Match": etag})
    assert second.status_code == 200 and second["ETag"] != etag
    attitudes = [r["attitude"] for d in second.json()["deals"] for r in d["roles"]]
    assert "opponent" in attitudes
    analysis_after = owner_api.get(f"/api/deals/{world.cn_deal.id}/analysis").json()
    assert analysis_after != analysis_before
    # deleting is a change too
    owner_api.delete(f"/api/influence-links/{objs.link.id}")
    assert (
        owner_api.get("/api/accounts/guodian/map", headers={"If-None-Match": second["ETag"]}).status_code
        == 200
    )


def test_a_nul_character_is_bad_input_not_a_database_error(world, owner_api):
    response = owner_api.post("/api/accounts/guodian/people", {"name": "王\x00五"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "name", "message": "文本不能包含控制字符（如 NUL）：请删除。"}
    ]  # what is wrong, not a bare "Enter a valid value."


def test_api_docs_load_their_scripts_from_our_own_static_files(client, db):
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html  # works on a server without internet access


def test_far_off_dates_are_bad_input_naming_the_field(world, owner_api):
    listing = owner_api.get("/api/accounts/guodian/interactions?since=0001-01-01T00:00:00%2B14:00")
    assert listing.status_code == 422 and listing.json()["errors"][0]["field"] == "since"
    history = owner_api.get("/api/accounts/guodian/history?as_of=0001-01-01")
    assert history.status_code == 422 and history.json()["errors"][0]["field"] == "as_of"
    created = owner_api.post(
        "/api/accounts/guodian/interactions", {"occurred_at": "9999-12-31T23:59:59-12:00"}
    )
    assert created.status_code == 422 and created.json()["errors"][0]["field"] == "occurred_at"


def test_a_person_already_on_the_map_is_refused_unless_asked_for(world, owner_api):
    # as the web's New person form: the same name (full-width and spacing aside) or e-mail is named, not added
    world.cn.people.filter(pk=world.cn_boss.pk).update(email="wang@guodian.cn")
    before = world.cn.people.count()
    same_name = owner_api.post("/api/accounts/guodian/people", {"name": "王 建国"})
    assert same_name.status_code == 422
    [error] = same_name.json()["errors"]
    assert error["field"] == "name"
    assert f"王建国（id {world.cn_boss.pk}）" in error["message"]
    same_mail = owner_api.post("/api/accounts/guodian/people", {"name": "Wang J", "email": "WANG@guodian.cn"})
    assert same_mail.status_code == 422
    assert [e["field"] for e in same_mail.json()["errors"]] == ["email"]  # not a name question
    in_bulk = owner_api.post(
        "/api/accounts/guodian/people/bulk", {"people": [{"name": "新人"}, {"name": "新人"}]}
    )
    assert [e["field"] for e in in_bulk.json()["errors"]] == ["people.1.name"]
    assert world.cn.people.count() == before
    taken = owner_api.post(
        "/api/accounts/guodian/people", {"name": "Wang J", "email": "wang@guodian.cn", "another_person": True}
    )
    assert taken.status_code == 422
    assert [e["field"] for e in taken.json()["errors"]] == ["email"]
    assert "王建国" in taken.json()["errors"][0]["message"]
    another = owner_api.post("/api/accounts/guodian/people", {"name": "王建国", "another_person": True})
    assert another.status_code == 201
    assert world.cn.people.filter(name="王建国").count() == 2
    # an edit keeps its name without the flag; a rename to another's name asks it (test_invisible_names)
    patched = owner_api.patch(
        f"/api/people/{world.cn_boss.pk}", {"title": "董事长", "version": world.cn_boss.version}
    )
    assert patched.status_code == 200
    assert (
        "another_person"
        in owner_api.get("/api/openapi.json").json()["components"]["schemas"]["PersonPatch"]["properties"]
    )
