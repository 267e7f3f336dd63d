"""What the pipeline and map quality say of the team filter: the list narrowed to a team said "Every open deal you
may see." (a manager's Monday: he read the team's deals as all of them); now the subtitle names the team."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def _said(client, page="pipeline", language="en", **query) -> str:
    html = client.get(reverse(page), query, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    start = html.index("<h1>")  # what the page says above its filters
    return html[start : html.index('<form method="get" class="filters"', start)]


@pytest.mark.parametrize("page", ["pipeline", "map_quality"])
def test_a_team_filter_is_said_by_the_teams_name(client, world, page):
    client.force_login(world.owner)  # alice: no reps, every deal she may see by default
    assert "Every open deal you may see." in _said(client, page)
    said = _said(client, page, team="east")
    assert "The open deals of team East: of the accounts shared with it or owned by its members." in said
    assert "Every open deal" not in said
    zh = _said(client, page, language="zh-hans", team="east")
    assert "团队 East 的进行中商机：与该团队共享或由其成员负责的客户。" in zh


def test_a_managers_reps_narrowed_to_a_team_say_both(client, world):
    f.team("west", members=[f.user("dave")], managers=[world.manager])
    client.force_login(world.manager)
    said = _said(client, team="east")
    assert "The open deals of the people in the teams you manage." in said
    assert "Of team East only: the accounts shared with it or owned by its members." in said
    said = _said(client, owner="alice", team="east")
    assert "The open deals owned by alice." in said and "Of team East only" in said


def test_no_such_team_names_none(client, world):
    client.force_login(world.owner)
    said = _said(client, team="nowhere")
    assert "team nowhere" not in said and "Of team" not in said
