"""The competitor view's API: read a deal's competitors, set what we know of one (versioned), read-only
for a manager; the route table (tests/api/routes.py) covers outsider 404, anonymous 401 and bad input."""

from __future__ import annotations

import pytest

from battlemap.competition.models import CompetitorNote

pytestmark = pytest.mark.django_db


def test_api_reads_and_sets_competitors(world, owner_api, manager_api):
    deal = world.cn_deal
    deal.competitors = ["华为云", "ＳＡＰ"]
    deal.save()
    role = deal.roles.get(person=world.cn_boss)
    role.favoured_competitor = "华为云 "
    role.save()
    url = f"/api/deals/{world.cn_deal.id}/competitors"
    got = owner_api.get(url).json()
    assert [c["name"] for c in got] == ["华为云", "SAP"] and got[0]["favoured_by"][0]["name"] == "王建国"
    note = {"name": "华为云", "strengths": "本地服务", "weaknesses": "", "offer": "八折"}
    put = owner_api.put(url, note)
    assert put.status_code == 200 and put.json()["version"] == 1
    again = owner_api.put(url, {**note, "offer": "七折", "version": 0})
    assert again.status_code == 409
    assert manager_api.get(url).status_code == 200
    assert manager_api.put(url, {**note, "offer": "x", "version": 1}).status_code == 403
    assert CompetitorNote.objects.get().offer == "八折"
    # a PUT sends the whole note: one with the offer alone empties nothing, it is refused naming what it left out
    partial = owner_api.put(url, {"name": "华为云", "offer": "七折", "version": 1})
    assert partial.status_code == 422
    assert {e["field"] for e in partial.json()["errors"]} == {"strengths", "weaknesses"}
    assert CompetitorNote.objects.get().strengths == "本地服务"
