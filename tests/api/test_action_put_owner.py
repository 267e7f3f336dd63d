"""`PUT /api/action-items/{id}` without `owner` made the item nobody's: it left its owner's This week and
`?owner=` (API trial, sixth round). A PUT sends the whole item, and an owner not sent is you, as on POST;
`"owner": null` still means nobody."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_put_without_owner_gives_the_item_to_you_as_a_post_does(owner_api, world):
    url = f"/api/deals/{world.cn_deal.pk}/action-items"
    item = owner_api.post(url, {"text": "约王总", "owner": "bob"}).json()
    assert item["owner"] == "bob"
    put = owner_api.put(f"/api/action-items/{item['id']}", {"text": "约王总面谈", "version": item["version"]})
    assert put.status_code == 200 and put.json()["owner"] == "alice"
    cleared = owner_api.put(
        f"/api/action-items/{item['id']}",
        {"text": "约王总面谈", "owner": None, "version": put.json()["version"]},
    )
    assert cleared.status_code == 200 and cleared.json()["owner"] is None
    patched = owner_api.patch(
        f"/api/action-items/{item['id']}", {"done": True, "version": cleared.json()["version"]}
    )
    assert patched.json()["owner"] is None  # a PATCH changes only what it sends
