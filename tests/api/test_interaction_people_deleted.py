"""Deleting the only customer participant of an interaction left it with `"participants": []`, and the product then
refused what it stored: a GET then PUT of it was a 422, and the account's exported map did not load anywhere
("interactions 40: participants: …", nothing imported). The meeting happened: it stays, is saved back as it is and
loads from a map; a new interaction, or an edit that takes the last person off, still names someone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.interactions.models import Interaction
from battlemap.io.mapformat import export_map
from battlemap.io.mapformat.load import map_import
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def alone(world):
    """A visit whose only customer participant, 周总, is then deleted through the API."""
    zhou = f.person(account=world.cn, name="周总")
    return f.interaction(account=world.cn, people=[zhou], summary="拜访周总，确认预算"), zhou


def test_the_interaction_stays_and_a_get_then_put_saves_it(world, owner_api, alone):
    visit, zhou = alone
    assert owner_api.delete(f"/api/people/{zhou.pk}").status_code == 204
    path = f"/api/interactions/{visit.pk}"
    read = owner_api.get(path).json()
    assert (read["participants"], read["summary"]) == ([], "拜访周总，确认预算")
    put = owner_api.put(path, {**read, "outcome": "预算已确认"})
    assert put.status_code == 200, put.json()
    assert Interaction.objects.get(pk=visit.pk).outcome == "预算已确认"


def test_the_exported_map_loads_with_the_interaction(world, owner_api, alone):
    visit, zhou = alone
    owner_api.delete(f"/api/people/{zhou.pk}")
    data = export_map(world.cn)
    assert [i["participants"] for i in data["interactions"] if i["summary"] == "拜访周总，确认预算"] == [[]]
    copy = map_import(data=data, owner=world.owner, slug="copy")
    loaded = Interaction.objects.get(account=copy, summary="拜访周总，确认预算")
    assert loaded.participants.count() == 0
    assert copy.interactions.count() == world.cn.interactions.count()


def test_the_delete_page_says_the_interaction_stays(client, world, alone):
    _visit, zhou = alone
    client.force_login(world.owner)
    page = client.get(
        reverse("person_delete", args=[world.cn.slug, zhou.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "they leave 1 logged interaction — 1 of them named no one else from the customer" in page
    assert "it stays in the timeline, as it happened" in page
    zh = client.get(reverse("person_delete", args=[world.cn.slug, zhou.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "其中 1 条没有其他客户人员参与：它们照常留在时间线上" in zh.content.decode()
