"""Every 201 of a POST gives the object's address in `Location`, which answers GET with that object, and its version
in `ETag` (docs/api.md, "Create"): a coverage's and a dotted line's address refused GET (405), and a questionnaire
sent gave neither (a reviewer's CRM client)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _follow(api, path: str, body: dict) -> tuple[dict, dict]:
    made = api.post(path, body)
    assert made.status_code == 201, made.json()
    assert made.headers["ETag"] == f'"{made.json().get("version", 1)}"'
    read = api.get(made.headers["Location"])
    assert read.status_code == 200, made.headers["Location"]
    assert read.headers["ETag"] == made.headers["ETag"]
    return made.json(), read.json()


def test_a_coverage_location_answers_get(world, objs, owner_api):
    made, read = _follow(owner_api, f"/api/roles/{objs.role.id}/coverage", {"user": "bob"})
    assert read == made and read["user"] == "bob"


def test_a_dotted_line_location_answers_get(world, objs, owner_api):
    made, read = _follow(
        owner_api, f"/api/people/{world.cn_boss.id}/dotted-lines", {"manager": objs.person.id}
    )
    assert read == made and read["manager"] == objs.person.id


def test_a_questionnaire_sent_gives_its_location_and_etag(world, owner_api, outsider_api):
    made, read = _follow(
        owner_api,
        "/api/accounts/guodian/questionnaires",
        {"kind": "decision_factors", "people": [world.cn_boss.id], "deal": world.cn_deal.id},
    )
    assert read["id"] == made["id"] and read["deal"] == world.cn_deal.id and read["sent_by"] == "alice"
    assert [link["person"] for link in read["links"]] == [world.cn_boss.id]
    listed = owner_api.get("/api/accounts/guodian/questionnaires").json()
    assert read == next(q for q in listed["items"] if q["id"] == made["id"])  # as the list gives it
    assert outsider_api.get(f"/api/questionnaires/{made['id']}").status_code == 404
