"""Deleting a person clears every reference to them through the service path: whoever reported to them
moves to the top with a new version and a history row, so the map as of later never shows the deleted
manager."""

from __future__ import annotations

from django.utils import timezone

from battlemap.maps import map_as_of
from tests import factories as f


def test_deleting_a_manager_records_their_reports_moving_to_the_top(world, owner_api):
    li = world.cn.people.get(name="李明")
    action = f.action(deal=world.cn_deal, text="约王总", person=world.cn_boss)
    seen = li.version
    response = owner_api.delete(f"/api/people/{world.cn_boss.id}")
    assert response.status_code == 204
    li.refresh_from_db()
    action.refresh_from_db()
    assert li.reports_to is None and li.version == seen + 1
    assert li.history.first().reports_to_id is None  # the newest history row
    assert action.person is None and action.history.first().person_id is None
    people = map_as_of(account=world.cn, when=timezone.now())["people"]
    assert [p["reports_to"] for p in people if p["id"] == li.id] == [None]
