"""A stale PUT of a competitor note says who wrote it meanwhile (an integrator's trial: with version 0 — "I saw
none" — while a colleague had just written one, the 409 answered `"changed": []` and no sentence, where every other
409 says who changed what since)."""

from __future__ import annotations

import pytest

from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


def test_a_stale_competitor_note_says_who_wrote_it_meanwhile(world, owner_api):
    teammate_api = _client_for(world.teammate)
    url = f"/api/deals/{world.cn_deal.pk}/competitors"
    note = {"name": "华为云", "strengths": "价格", "weaknesses": "", "offer": "", "version": 0}
    assert teammate_api.put(url, note).status_code == 200  # bob writes it first
    stale = owner_api.put(url, {**note, "strengths": "渠道"}, headers=EN)
    assert stale.status_code == 409
    body = stale.json()
    assert [entry["by"] for entry in body["changed"]] == ["bob"]
    assert "bob added it at" in body["detail"]
