"""An account's questionnaires are listed as every list is: `{count, items}`, paged by `limit` and `offset` (an
integrator's trial: the route answered a bare JSON list and refused `limit`, unlike the documented convention)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/accounts/guodian/questionnaires"


def test_the_questionnaires_come_in_pages_newest_first(world, owner_api):
    sent = [
        owner_api.post(URL, {"kind": "decision_factors", "people": [world.cn_boss.pk]}).json()["id"]
        for _ in range(3)
    ]
    first = owner_api.get(f"{URL}?limit=2")
    assert first.status_code == 200, first.content
    assert first.json()["count"] == 3 and [q["id"] for q in first.json()["items"]] == sent[::-1][:2]
    rest = owner_api.get(f"{URL}?limit=2&offset=2").json()
    assert [q["id"] for q in rest["items"]] == [sent[0]]
    assert owner_api.get(f"{URL}?limit=0").json()["errors"][0]["field"] == "limit"
