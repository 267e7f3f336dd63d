"""A team id an outsider sends is refused in the same words whether the team exists or not: `team` named, and
nothing said of whose it is (it said "You are not a member of this team." of a team that did not exist too)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _refusals(api, world, team_id):  # noqa: ANN001
    world.other.refresh_from_db()
    created = api.post("/api/accounts", {"name": "Mallory Two", "team": team_id})
    changed = api.patch("/api/accounts/secret", {"team": team_id, "version": world.other.version})
    return [(r.status_code, r.json()) for r in (created, changed)]


def test_another_teams_id_and_an_unknown_id_get_one_answer_naming_the_field(world, outsider_api):
    theirs = _refusals(outsider_api, world, world.team.pk)
    nobodys = _refusals(outsider_api, world, world.team.pk + 1000)
    assert theirs == nobodys
    for status, body in theirs:
        (error,) = body["errors"]
        assert status == 422 and error["field"] == "team"
        assert error["message"] == "不是你所在的团队：只能共享给你所在的团队。"
        assert "成员" not in error["message"]  # it does not say the team is there to be a member of


def test_the_refusal_reads_in_english(world, outsider_api):
    body = outsider_api.post(
        "/api/accounts", {"name": "Mallory Two", "team": 999999}, headers={"Accept-Language": "en"}
    ).json()
    assert body["errors"][0]["message"] == "Not one of your teams: share the account with a team you are on."
