"""A process step says what it is (an integrator's trial: `POST …/process-steps` with `{}` made a step of no name,
listed as "other step")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


def test_an_other_step_needs_a_name(world, owner_api):
    url = f"/api/deals/{world.cn_deal.pk}/process-steps"
    for body in ({}, {"kind": "other_step", "name": "  "}):
        response = owner_api.post(url, body, headers=EN)
        assert response.status_code == 422, response.content
        assert response.json()["errors"][0]["field"] == "name"
    assert not world.cn_deal.process_steps.exists()
    named = owner_api.post(url, {"name": "样机测试"}).json()
    assert named["kind"] == "other_step" and named["name"] == "样机测试"
    assert owner_api.post(url, {"kind": "bidding"}).status_code == 201  # a kind of its own names it
    blanked = owner_api.patch(f"/api/process-steps/{named['id']}", {"name": "", "version": 1}, headers=EN)
    assert blanked.status_code == 422 and blanked.json()["errors"][0]["field"] == "name"


def test_an_unnamed_step_stored_before_the_rule_is_saved_as_read(world, owner_api):
    step = world.cn_deal.process_steps.create(kind="other_step", name="", position=1)
    as_read = owner_api.get(f"/api/process-steps/{step.pk}").json()
    assert owner_api.put(f"/api/process-steps/{step.pk}", {**as_read, "status": "done"}).status_code == 200


def test_the_deal_rooms_step_form_asks_the_same(world, owner_client):
    url = f"/accounts/guodian/deals/{world.cn_deal.pk}/process/"
    refused = owner_client.post(url, {"kind": "other_step", "name": ""})
    assert refused.status_code == 422 and not world.cn_deal.process_steps.exists()
    assert owner_client.post(url, {"kind": "other_step", "name": "样机测试"}).status_code == 302
