"""The changes feed pages with `offset`: the pages together are every change once, `total` counts them all and
`truncated` says when another page follows (an integrator's trial: `offset` was ignored and past `limit` the older
changes could not be read)."""

from __future__ import annotations

import pytest

from battlemap.people.services import person_update

pytestmark = pytest.mark.django_db


def test_pages_cover_every_change_once(world, owner_api):
    boss = world.cn_boss
    for n in range(7):
        boss = person_update(person=boss, version=boss.version, title=f"总经理 {n}")
    url = f"/api/accounts/{world.cn.slug}/changes?since=2000-01-01"
    whole = owner_api.get(f"{url}&limit=1000").json()
    assert whole["total"] == whole["count"] and not whole["truncated"] and whole["total"] >= 12
    seen, offset = [], 0
    while True:
        page = owner_api.get(f"{url}&limit=5&offset={offset}").json()
        assert page["total"] == whole["total"] and page["offset"] == offset
        seen += [(c["model"], c["id"], c["at"]) for c in page["changes"]]
        if not page["truncated"]:
            break
        offset += page["count"]
    assert seen == [(c["model"], c["id"], c["at"]) for c in whole["changes"]]
    assert owner_api.get(f"{url}&offset=-1").status_code == 422
