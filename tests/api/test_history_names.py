"""The map as it was (`GET /api/accounts/{slug}/history?as_of=`) names users and accounts as every other route does
— a user by username, an account by slug — and writes moments as they do (UTC, milliseconds, `Z`): it gave database
ids no route resolves (`"owner": 2`, `"account": 3`) and `+00:00` to the microsecond (a reviewer's CRM client)."""

from __future__ import annotations

import re

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

API_MOMENT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$")


def test_the_history_names_users_and_accounts_as_the_live_routes_do(world, owner_api):
    action = f.action(deal=world.cn_deal, person=world.cn_boss, owner=world.teammate, text="约王总")
    then = owner_api.get("/api/accounts/guodian/history?as_of=2999-01-01").json()
    live = owner_api.get(f"/api/action-items/{action.pk}").json()
    [item] = [a for d in then["deals"] for a in d["action_items"] if a["id"] == action.pk]
    assert item["owner"] == live["owner"] == "bob"
    assert then["account"]["owner"] == "alice"
    person = next(p for p in then["people"] if p["id"] == world.cn_boss.pk)
    assert (
        person["account"] == owner_api.get(f"/api/people/{world.cn_boss.pk}").json()["account"] == "guodian"
    )
    assert then["deals"][0]["account"] == "guodian"


def test_the_history_writes_moments_as_the_other_routes_do(world, owner_api):
    then = owner_api.get("/api/accounts/guodian/history?as_of=2999-01-01").json()
    person = next(p for p in then["people"] if p["id"] == world.cn_boss.pk)
    live = owner_api.get(f"/api/people/{world.cn_boss.pk}").json()
    assert API_MOMENT.match(person["updated_at"]) and person["updated_at"] == live["updated_at"]
    assert API_MOMENT.match(then["as_of"])
