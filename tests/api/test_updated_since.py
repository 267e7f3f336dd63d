"""A sync reads a list by what changed: `?updated_since=` on every list of map objects (an integrator's trial had
to read every page of every list to find the few changed since its last run)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from battlemap.people.models import Person
from battlemap.people.services import person_update

pytestmark = pytest.mark.django_db


def test_only_what_changed_since_then_is_listed(world, owner_api):
    long_ago = timezone.now() - dt.timedelta(days=3)
    Person.objects.filter(account=world.cn).update(updated_at=long_ago)
    since = (timezone.now() - dt.timedelta(minutes=1)).isoformat()
    person_update(person=world.cn_boss, version=world.cn_boss.version, title="董事长")
    url = f"/api/accounts/{world.cn.slug}/people"
    changed = owner_api.get(f"{url}?updated_since={since.replace('+', '%2B')}")
    assert changed.status_code == 200
    assert [p["id"] for p in changed.json()["items"]] == [world.cn_boss.pk]
    everyone = owner_api.get(url).json()
    assert everyone["count"] == Person.objects.filter(account=world.cn).count() > 1
    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()  # a day alone: from its start
    assert owner_api.get(f"{url}?updated_since={day}").json()["count"] == 1
    assert owner_api.get(f"/api/deals?updated_since={day}").status_code == 200


@pytest.mark.parametrize("bad", ["yesterday", "2026-02-30", "9999-01-01"])
def test_a_bad_moment_is_a_422_naming_it(world, owner_api, bad):
    response = owner_api.get(f"/api/accounts/{world.cn.slug}/people?updated_since={bad}")
    assert response.status_code == 422 and "updated_since" in response.content.decode()
