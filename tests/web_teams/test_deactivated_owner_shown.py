"""A seller deactivated while he still owns accounts is marked so wherever his deals are listed — the pipeline, the
portfolio, their owner filters, This week — as the edit forms mark him ("alice (deactivated)",
`core.text.colleague_label`), and his team's manager is shown the link to hand his accounts over. A reviewer's
trial: only the team page said so; elsewhere the departed rep's deals read like anyone's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.teams.models import Membership
from battlemap.users.services import profile_language_set, user_deactivate
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def left(world):
    """alice, who owns the team's account 国电 and its open deal, has an overdue item on it, and has left."""
    f.action(
        deal=world.cn_deal, text="发送ROI测算", owner=world.owner, due=timezone.localdate() - timedelta(2)
    )
    user_deactivate(user=world.owner)
    return Membership.objects.get(team=world.team, user=world.owner)


def _page(client, name: str) -> str:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("page", ["pipeline", "portfolio", "home"])
def test_the_manager_sees_the_departed_owner_marked_with_a_link_to_hand_over(client, world, left, page):
    profile_language_set(user=world.manager, language="en")
    client.force_login(world.manager)
    html = _page(client, page)
    handover = reverse("team_member_handover", args=[world.team.slug, left.pk])
    assert "alice (deactivated)" in html
    assert f'href="{handover}"' in html
    assert client.get(handover).status_code == 200


@pytest.mark.parametrize(
    ("page", "language", "mark"),
    [("pipeline", "zh-hans", "alice（已停用）"), ("portfolio", "en", "alice (deactivated)")],
)
def test_the_owner_filter_marks_the_departed_owner(client, world, left, page, language, mark):
    profile_language_set(user=world.manager, language=language)
    client.force_login(world.manager)
    assert f'<option value="alice" >{mark}</option>' in _page(client, page)


def test_a_teammate_sees_the_mark_but_no_link_he_may_not_follow(client, world, left):
    profile_language_set(user=world.teammate, language="en")
    client.force_login(world.teammate)
    html = _page(client, "pipeline")
    assert "alice (deactivated)" in html
    assert "/handover/" not in html
