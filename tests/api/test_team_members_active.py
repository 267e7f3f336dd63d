"""`GET /api/teams` says which members were deactivated: a manager's report read rep who had left as one still
at work (the team page marks them *deactivated*; the API gave only a username and a role)."""

from __future__ import annotations

import pytest

from battlemap.users.services import user_deactivate
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db


def _members(user, path="/api/teams/east"):
    answer = _client_for(user).get(path)
    assert answer.status_code == 200, answer.content
    return {m["username"]: m for m in answer.json()["members"]}


def test_a_deactivated_member_reads_inactive(world):
    assert _members(world.manager)["bob"]["active"] is True
    user_deactivate(user=world.teammate)
    assert _members(world.manager)["bob"] == {"username": "bob", "role": "member", "active": False}
    listed = _client_for(world.owner).get("/api/teams").json()["items"][0]["members"]
    assert {m["username"]: m["active"] for m in listed} == {"carol": True, "alice": True, "bob": False}


def test_another_teams_members_stay_unseen(world):
    assert _client_for(world.outsider).get("/api/teams/east").status_code == 404
