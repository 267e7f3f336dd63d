"""POST /api/accounts/{slug}/people/{id}/restore: the undo of DELETE /api/people/{id} — the person back with the
same id and what their deletion took; the account's editors only, as the other routes gate."""

from __future__ import annotations

import pytest

from battlemap.people.models import Person

pytestmark = pytest.mark.django_db


def _url(world, pk=None):
    return f"/api/accounts/{world.cn.slug}/people/{pk or world.cn_boss.pk}/restore"


def test_the_owner_brings_back_a_person_the_api_deleted(owner_api, objs, world):
    boss = world.cn_boss
    assert owner_api.delete(f"/api/people/{boss.pk}").status_code in (200, 204)
    done = owner_api.post(_url(world))
    assert done.status_code == 200, done.content
    assert done.json()["id"] == boss.pk and done.json()["name"] == "王建国" and done.json()["notes"] == []
    objs.person.refresh_from_db()
    assert objs.person.reports_to_id == boss.pk  # 李明's solid line back
    assert world.cn_deal.roles.filter(person=boss, coverage__user=world.owner).exists()
    assert boss.influences.exists() and boss.participations.exists()
    again = owner_api.post(_url(world))
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "person"


def test_readers_outsiders_and_strangers_may_not(owner_api, manager_api, outsider_api, anon_api, world):
    owner_api.delete(f"/api/people/{world.cn_boss.pk}")
    assert manager_api.post(_url(world)).status_code == 403
    assert outsider_api.post(_url(world)).status_code == 404
    assert anon_api.post(_url(world)).status_code == 401
    assert not Person.objects.filter(pk=world.cn_boss.pk).exists()
    other = outsider_api.post(f"/api/accounts/secret/people/{world.cn_boss.pk}/restore")
    assert other.status_code == 422  # their own account: no deleted person of it
