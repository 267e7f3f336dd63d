"""The changes feed's `by` is the author's username, as the 409's `changed[].by` and the 410's `deleted.by` give it:
it gave the display name ("Demo Rep"), so two colleagues of one name could not be told apart and a sync mapping authors
to CRM users had to hold two kinds of key. The web keeps naming them by their name (the import preview's edits)."""

from __future__ import annotations

import pytest

from battlemap.core.history_stamp import authored_by
from battlemap.people.services import person_update

pytestmark = pytest.mark.django_db


def test_the_feed_names_the_author_as_the_409_does(world, owner_api):
    world.teammate.first_name, world.teammate.last_name = "Bob", "Li"
    world.teammate.save()
    boss = world.cn_boss
    seen = boss.version
    with authored_by(world.teammate):
        person_update(person=boss, version=seen, title="董事长")
    feed = owner_api.get("/api/accounts/guodian/changes?since=2000-01-01").json()
    stale = owner_api.patch(f"/api/people/{boss.pk}", {"title": "x", "version": seen})
    assert stale.status_code == 409
    assert [c["by"] for c in feed["changes"] if c["model"] == "person" and c["id"] == boss.pk][0] == "bob"
    assert stale.json()["changed"][0]["by"] == "bob"
