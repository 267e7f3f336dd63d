"""A write that changes nothing — the same title sent back, a PUT of what GET gave — keeps the version and writes
no history row (a nightly sync had moved 赵静 from v3 to v5 and filled the timeline with empty "changed" lines)."""

from __future__ import annotations

import pytest

from battlemap.people.models import Person

pytestmark = pytest.mark.django_db


def test_the_same_values_keep_the_version_and_the_history(world, owner_api):
    boss = world.cn_boss
    before = Person.history.filter(id=boss.pk).count()
    same = owner_api.patch(f"/api/people/{boss.pk}", {"title": f"  {boss.title} ", "version": boss.version})
    assert same.status_code == 200 and same.json()["version"] == boss.version  # trimmed as a save trims
    body = owner_api.get(f"/api/people/{boss.pk}").json()
    put = {k: v for k, v in body.items() if k not in ("id", "account", "created_at", "updated_at")}
    again = owner_api.put(f"/api/people/{boss.pk}", put)
    assert again.status_code == 200, again.json()
    assert again.json()["version"] == boss.version
    assert Person.history.filter(id=boss.pk).count() == before
    changed = owner_api.patch(f"/api/people/{boss.pk}", {"title": "董事长", "version": boss.version})
    assert (
        changed.json()["version"] == boss.version + 1
        and Person.history.filter(id=boss.pk).count() == before + 1
    )
