"""A nightly sync finds again what it wrote before by the key it holds (an integrator's trial: `?source_ref=` on
the interactions was an unknown field, the deals list took no name, and an action item — whose text, day and deal
may repeat — could not be told from a new one, so each run posted a second 约王总演示)."""

from __future__ import annotations

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_an_interaction_is_found_by_its_crm_id(world, owner_api):
    url = "/api/accounts/guodian/interactions"
    body = {"kind": "meeting", "occurred_at": "2026-12-01T10:00:00+08:00", "summary": "kickoff"}
    posted = owner_api.post(
        url, {**body, "participants": [world.cn_boss.pk], "source": "import", "source_ref": "CRM-ACT-1"}
    ).json()
    f.interaction(account=world.cn, people=[world.cn_boss], source_ref="CRM-ACT-10")
    assert _ids(owner_api.get(f"{url}?source_ref=CRM-ACT-1")) == [posted["id"]]  # exact: not CRM-ACT-10
    assert _ids(owner_api.get(f"{url}?source_ref=crm-act-1")) == []


def test_a_deal_is_found_by_its_name_on_both_lists(world, owner_api):
    f.deal(account=world.cn, name="物联网平台二期")
    f.deal(account=world.en, name="物联网平台")  # another account's namesake
    mine = _ids(owner_api.get("/api/accounts/guodian/deals?name=物联网平台"))
    assert mine == [world.cn_deal.pk]
    trimmed = owner_api.get("/api/accounts/guodian/deals?name=%20物联网平台%20")  # compared as stored
    assert _ids(trimmed) == mine
    assert len(_ids(owner_api.get("/api/deals?name=物联网平台"))) == 2
    assert _ids(owner_api.get("/api/deals?name=物联网平台&account=guodian")) == [world.cn_deal.pk]


def test_an_action_item_is_found_by_its_text_and_day(world, owner_api):
    url = f"/api/deals/{world.cn_deal.pk}/action-items"
    posted = owner_api.post(url, {"text": "约王总演示", "due": "2026-12-20"}).json()
    owner_api.post(url, {"text": "约王总演示", "due": "2027-01-10"})  # another day: another item
    owner_api.post(url, {"text": "约王总演示方案", "due": "2026-12-20"})
    assert _ids(owner_api.get(f"{url}?text=约王总演示&due=2026-12-20")) == [posted["id"]]
    assert len(_ids(owner_api.get(f"{url}?text=约王总演示"))) == 2
