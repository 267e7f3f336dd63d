"""POST /api/accounts/{slug}/decision-bodies/{id}/restore: the undo of DELETE /api/decision-bodies/{id} — the body
back with the same id, its seats and its roles in deals; the account's editors only, as the other routes gate."""

from __future__ import annotations

import pytest

from battlemap.process.models import BodyMember, BodyRole, DecisionBody

pytestmark = pytest.mark.django_db


def _body(world):
    body = DecisionBody.objects.create(account=world.cn, name="总经理办公会", chair=world.cn_boss)
    BodyMember.objects.create(body=body, person=world.cn_boss)
    BodyRole.objects.create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    return body


def test_the_owner_brings_back_a_body_the_api_deleted(owner_api, world):
    body = _body(world)
    assert owner_api.delete(f"/api/decision-bodies/{body.pk}").status_code == 204
    done = owner_api.post(f"/api/accounts/{world.cn.slug}/decision-bodies/{body.pk}/restore")
    assert done.status_code == 200, done.content
    assert done.json() == {"id": body.pk, "name": "总经理办公会", "rows": 2, "notes": []}
    back = owner_api.get(f"/api/decision-bodies/{body.pk}").json()
    assert back["members"] == [world.cn_boss.pk] and back["chair"] == world.cn_boss.pk
    assert BodyRole.objects.filter(body_id=body.pk, deal=world.cn_deal).exists()
    again = owner_api.post(f"/api/accounts/{world.cn.slug}/decision-bodies/{body.pk}/restore")
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "body"


def test_readers_outsiders_and_strangers_may_not(owner_api, manager_api, outsider_api, anon_api, world):
    body = _body(world)
    owner_api.delete(f"/api/decision-bodies/{body.pk}")
    url = f"/api/accounts/{world.cn.slug}/decision-bodies/{body.pk}/restore"
    assert manager_api.post(url).status_code == 403
    assert outsider_api.post(url).status_code == 404
    assert anon_api.post(url).status_code == 401
    assert not DecisionBody.objects.filter(pk=body.pk).exists()
    assert outsider_api.post(f"/api/accounts/secret/decision-bodies/{body.pk}/restore").status_code == 422
