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


def test_a_copy_read_before_the_deletion_is_stale_once_the_person_is_back(owner_api, world):
    """A sync (or a tab) that read 王建国 before a colleague's edit, then the deletion and its undo, must not save
    over him: the restored person was back at version 1, so a PATCH naming the old version 1 went through and
    overwrote the colleague's title."""
    boss = world.cn_boss
    owner_api.patch(f"/api/people/{boss.pk}", {"phone": "021-5555 0101", "version": boss.version})
    read = owner_api.get(f"/api/people/{boss.pk}").json()  # version 2
    edited = owner_api.patch(f"/api/people/{boss.pk}", {"title": "董事长", "version": read["version"]})
    assert edited.status_code == 200, edited.content
    owner_api.delete(f"/api/people/{boss.pk}")
    assert owner_api.post(_url(world)).status_code == 200
    stale = owner_api.patch(f"/api/people/{boss.pk}", {"title": "总经理", "version": read["version"]})
    assert stale.status_code == 409, stale.content
    back = owner_api.get(f"/api/people/{boss.pk}").json()
    assert back["title"] == "董事长" and back["version"] > edited.json()["version"]
