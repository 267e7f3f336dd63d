"""Deactivating a team's only manager says that the team is left without one: the admin's save said only "was
changed successfully", and the team stayed with no one to add its members, hand a leaver's accounts over or review
its reps' deals — nobody but an administrator, who was not told. Now the save warns, naming the team and linking its
page, where another manager is marked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.teams.models import Membership
from battlemap.teams.selectors import teams_left_unmanaged
from battlemap.users.services import profile_language_set
from tests import factories as f
from tests.trust.test_admin_deactivate import _save_in_admin

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "was the only active manager of"), ("zh-hans", "是以下团队唯一在职的经理")],
)
def test_deactivating_the_only_manager_warns(client, world, language, said):
    root = f.user("root", is_superuser=True)
    profile_language_set(user=root, language=language)
    client.force_login(root)
    page = _save_in_admin(client, world.manager, active=False).content.decode()
    assert said in page
    assert f'<a href="{reverse("team_detail", args=[world.team.slug])}">{world.team.name}</a>' in page
    assert teams_left_unmanaged(world.manager) == [world.team]


def test_no_warning_while_another_manager_runs_the_team(client, world):
    Membership.objects.create(team=world.team, user=f.user("dora"), role=Membership.Role.MANAGER)
    root = f.user("root", is_superuser=True)
    profile_language_set(user=root, language="en")
    client.force_login(root)
    page = _save_in_admin(client, world.manager, active=False).content.decode()
    assert "only active manager" not in page and teams_left_unmanaged(world.manager) == []


def test_a_seller_leaving_leaves_the_team_its_manager(world):
    assert teams_left_unmanaged(world.owner) == []
