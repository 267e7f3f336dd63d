"""POST /api/accounts/{slug}/interactions/{id}/restore: the undo of DELETE /api/interactions/{id} — the interaction
back with the same id and who took part; the account's editors only, as the other routes gate."""

from __future__ import annotations

import pytest

from battlemap.interactions.models import Interaction
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_owner_brings_back_an_interaction_the_api_deleted(owner_api, world):
    call = f.interaction(account=world.cn, people=[world.cn_boss], deal=world.cn_deal)
    assert owner_api.delete(f"/api/interactions/{call.pk}").status_code == 204
    done = owner_api.post(f"/api/accounts/{world.cn.slug}/interactions/{call.pk}/restore")
    assert done.status_code == 200, done.content
    assert done.json()["id"] == call.pk and done.json()["rows"] == 1 and done.json()["notes"] == []
    back = owner_api.get(f"/api/interactions/{call.pk}").json()
    assert back["participants"] == [world.cn_boss.pk] and back["deal"] == world.cn_deal.pk
    again = owner_api.post(f"/api/accounts/{world.cn.slug}/interactions/{call.pk}/restore")
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "interaction"


def test_readers_outsiders_and_strangers_may_not(owner_api, manager_api, outsider_api, anon_api, world):
    call = f.interaction(account=world.cn, people=[world.cn_boss])
    owner_api.delete(f"/api/interactions/{call.pk}")
    url = f"/api/accounts/{world.cn.slug}/interactions/{call.pk}/restore"
    assert manager_api.post(url).status_code == 403
    assert outsider_api.post(url).status_code == 404
    assert anon_api.post(url).status_code == 401
    assert not Interaction.objects.filter(pk=call.pk).exists()
    other = outsider_api.post(f"/api/accounts/secret/interactions/{call.pk}/restore")
    assert other.status_code == 422  # their own account: no deleted interaction of it
