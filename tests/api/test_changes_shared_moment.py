"""The changes feed names the fields of an edit made at its record's creation's moment (an import that creates then
renames, a map load): simple-history's `prev_record` looks only strictly earlier, so the rename had `"fields": []`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from battlemap.core.history_stamp import recorded
from battlemap.people.services import person_create, person_update

pytestmark = pytest.mark.django_db


def test_a_rename_at_the_creation_moment_names_its_fields(world, owner_api):
    with recorded(at=timezone.now() - timedelta(hours=1)):
        person = person_create(account=world.cn, name="张三", title="工程师")
        person_update(person=person, version=person.version, name="张三丰", title="总工程师")
    feed = owner_api.get(f"/api/accounts/{world.cn.slug}/changes?since=2000-01-01").json()["changes"]
    mine = [
        (c["change"], sorted(c["fields"])) for c in feed if c["model"] == "person" and c["id"] == person.id
    ]
    assert mine == [("changed", ["name", "title"]), ("created", [])]
