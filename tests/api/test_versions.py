"""Updates carry the version the client read: a stale one gets 409 and changes nothing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_stale_update_gets_409_and_changes_nothing(world, objs, owner_api):
    path = f"/api/people/{objs.person.id}"
    records = objs.person.history.count()
    read = owner_api.get(path).json()
    first = owner_api.patch(path, {"title": "CIO", "version": read["version"]})
    assert first.status_code == 200
    assert first.json()["version"] == read["version"] + 1

    stale = owner_api.patch(path, {"title": "CTO", "version": read["version"]})
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["field"] == "version"
    objs.person.refresh_from_db()
    assert objs.person.title == "CIO"
    assert objs.person.history.count() == records + 1  # only the accepted change


def test_if_match_etag_works_like_the_version_field(world, owner_api):
    path = f"/api/deals/{world.cn_deal.id}"
    etag = owner_api.get(path)["ETag"]
    ok = owner_api.patch(path, {"our_win": "标杆案例"}, headers={"If-Match": etag})
    assert ok.status_code == 200
    again = owner_api.patch(path, {"our_win": "改"}, headers={"If-Match": etag})
    assert again.status_code == 409
    world.cn_deal.refresh_from_db()
    assert world.cn_deal.our_win == "标杆案例"


def test_update_without_a_version_is_refused_naming_version(world, owner_api):
    response = owner_api.patch("/api/accounts/guodian", {"industry": "能源"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["version"]
    world.cn.refresh_from_db()
    assert world.cn.industry == ""


def test_a_stale_put_on_a_role_changes_nothing(world, objs, owner_api):
    path = f"/api/roles/{objs.role.id}"
    body = {**owner_api.get(path).json(), "roles": ["decision_maker"], "attitude": "opponent", "version": 99}
    assert owner_api.put(path, body).status_code == 409
    objs.role.refresh_from_db()
    assert objs.role.attitude == "neutral"


def test_moving_a_deal_stage_records_the_stage_history(world, owner_api):
    deal = world.cn_deal
    response = owner_api.patch(
        f"/api/deals/{deal.id}", {"stage": "purchase_decision", "version": deal.version}
    )
    assert response.status_code == 200
    assert list(deal.stage_changes.values_list("stage", flat=True)) == ["purchase_decision"]


def test_true_is_no_version_nor_id(world, objs, owner_api):
    """`"version": true` was read as version 1 and the edit saved; `"person": true` as person 1 (a reviewer's
    trial): a boolean is refused where a whole number is asked, naming the field."""
    person = owner_api.post(f"/api/accounts/{world.cn.slug}/people", {"name": "钱七", "title": "主任"}).json()
    path = f"/api/people/{person['id']}"
    assert person["version"] == 1  # so `true` would have matched it
    refused = owner_api.patch(path, {"title": "CIO", "version": True}, headers={"Accept-Language": "en"})
    assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == ["version"]
    assert refused.json()["errors"][0]["message"] == "Enter a whole number."
    assert owner_api.get(path).json()["title"] == person["title"]
    role = owner_api.post(f"/api/deals/{world.cn_deal.id}/roles", {"person": True, "roles": ["user"]})
    assert role.status_code == 422 and [e["field"] for e in role.json()["errors"]] == ["person"]
    # and wherever a whole number is asked: an influence, a deal's factor weights, the people who took part
    made = owner_api.post(
        f"/api/deals/{world.cn_deal.id}/roles", {"person": person["id"], "roles": ["user"], "influence": True}
    )
    assert made.status_code == 422 and [e["field"] for e in made.json()["errors"]] == ["influence"]
    deal = owner_api.get(f"/api/deals/{world.cn_deal.id}").json()
    weights = owner_api.patch(
        f"/api/deals/{world.cn_deal.id}", {"decision_factors": {"price": True}, "version": deal["version"]}
    )
    assert weights.status_code == 422 and weights.json()["errors"][0]["field"].startswith("decision_factors")
    met = owner_api.post(
        f"/api/accounts/{world.cn.slug}/interactions",
        {"occurred_at": "2026-11-02T10:00", "participants": [True]},
    )
    assert met.status_code == 422 and met.json()["errors"][0]["field"].startswith("participants")
