"""A deal's competitors sent over the API are stored each once, by the competitor view's rule
(io.matching.names_by_key): "华为云" and "华为云 " are one, so are "ＩＢＭ" and "IBM"; blanks are dropped."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_api_stores_each_competitor_once(world, owner_api):
    sent = ["华为云", "华为云 ", "ＩＢＭ", "IBM", " "]
    made = owner_api.post("/api/accounts/guodian/deals", {"name": "二期", "competitors": sent})
    assert made.status_code == 201, made.json()
    assert made.json()["competitors"] == ["华为云", "IBM"]
    read = owner_api.get(f"/api/deals/{made.json()['id']}")
    assert read.json()["competitors"] == ["华为云", "IBM"]
    patched = owner_api.patch(
        f"/api/deals/{made.json()['id']}",
        {"competitors": ["  浪潮", "浪潮", "华为云"], "version": read.json()["version"]},
    )
    assert patched.status_code == 200, patched.json()
    assert patched.json()["competitors"] == ["浪潮", "华为云"]
