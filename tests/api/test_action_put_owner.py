"""`PUT /api/action-items/{id}` without `owner` made the item nobody's: it left its owner's This week and
`?owner=` (API trial, sixth round); then, given "you" in its place, it still changed an owner the client had not
meant to touch. A PUT sends the whole item, as a GET gives it: one without `owner` is refused naming it, and
nothing changes; `"owner": null` still means nobody."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_put_without_owner_is_refused_naming_it_and_null_means_nobody(owner_api, world):
    url = f"/api/deals/{world.cn_deal.pk}/action-items"
    item = owner_api.post(url, {"text": "约王总", "owner": "bob"}).json()
    assert item["owner"] == "bob"
    path = f"/api/action-items/{item['id']}"
    refused = owner_api.put(path, {"text": "约王总面谈", "version": item["version"]})
    assert refused.status_code == 422 and "owner" in [e["field"] for e in refused.json()["errors"]]
    assert owner_api.get(path).json() == item  # nothing changed
    put = owner_api.put(path, {**item, "text": "约王总面谈"})
    assert put.status_code == 200 and put.json()["owner"] == "bob" and put.json()["text"] == "约王总面谈"
    cleared = owner_api.put(path, {**put.json(), "owner": None})
    assert cleared.status_code == 200 and cleared.json()["owner"] is None
    patched = owner_api.patch(path, {"done": True, "version": cleared.json()["version"]})
    assert patched.json()["owner"] is None  # a PATCH changes only what it sends
