"""A second interaction with a source reference the account already holds is a 422 naming `source_ref` and the
interaction that holds it (a trial got the database constraint's name, with no field)."""

from __future__ import annotations

import pytest

from battlemap.interactions.models import Interaction

pytestmark = pytest.mark.django_db


def test_the_duplicate_names_the_field_and_the_interaction(world, owner_api):
    body = {
        "occurred_at": "2026-11-01T10:00:00+08:00",
        "kind": "call",
        "source_ref": "00T123",
        "participants": [world.cn_boss.pk],
    }
    url = f"/api/accounts/{world.cn.slug}/interactions"
    first = owner_api.post(url, body)
    assert first.status_code == 201
    again = owner_api.post(url, body)
    assert again.status_code == 422
    errors = again.json()["errors"]
    assert [e["field"] for e in errors] == ["source_ref"]
    assert str(first.json()["id"]) in errors[0]["message"] and "2026-11-01" in errors[0]["message"]
    assert Interaction.objects.filter(account=world.cn).count() == 1
