"""An interaction's "our people" offers the colleagues who may see the account (`core.access.viewers_of`, whom
the role form's Covered by offers too): a deactivated teammate was offered unmarked and the team's manager, who
may see the account and joins meetings, was not. Someone listed on an interaction and deactivated since stays
ticked, marked, so saving the interaction keeps them."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from battlemap.interactions.models import OurParticipant
from battlemap.users.services import user_deactivate
from tests import factories as f

pytestmark = pytest.mark.django_db


def _offered(page: str) -> dict[str, str]:
    """username → the label the form shows for each offered colleague."""
    found = re.findall(r'<input type="checkbox" name="our_people" value="(\d+)"[^>]*>\s*([^<]*)<', page)
    users = get_user_model().objects.in_bulk([int(pk) for pk, _label in found])
    return {users[int(pk)].username: label.strip() for pk, label in found}


def test_a_new_interaction_offers_the_colleagues_who_may_see_the_account(owner_client, world):
    erin = f.user("erin")
    world.team.memberships.create(user=erin, role="member")
    user_deactivate(user=erin)
    page = owner_client.get(reverse("interaction_new", args=[world.cn.slug])).content.decode()
    offered = _offered(page)
    assert {"alice", "bob", "carol"} <= set(offered)  # owner, teammate, the team's manager
    assert "erin" not in offered and "mallory" not in offered


def test_a_colleague_listed_and_deactivated_since_stays_ticked_and_marked(owner_client, world):
    meeting = f.interaction(account=world.cn, people=[world.cn_boss])
    OurParticipant.objects.create(interaction=meeting, user=world.teammate)
    user_deactivate(user=world.teammate)
    page = owner_client.get(reverse("interaction_edit", args=[world.cn.slug, meeting.pk])).content.decode()
    offered = _offered(page)
    assert "bob" in offered and "bob" in offered["bob"] and offered["bob"] != "bob"  # marked deactivated
    assert re.search(rf'name="our_people" value="{world.teammate.pk}"[^>]*checked', page)
