"""The role form's "Covered by" offers exactly the colleagues `coverage_add` takes — the active users who may view
the account (`core.access.viewers_of`), the API's rule too, but the installation's administrators. A fresh reviewer found a deactivated teammate offered
(ticked and saved: a banner "No user of that name works on this account.") and the manager the API takes left out.
A colleague who covers someone and is deactivated since stays, marked, until unticked."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from battlemap.core.access import can
from battlemap.deals import services
from battlemap.deals.models import Coverage, StakeholderRole
from battlemap.users.services import user_deactivate
from tests import factories as f

pytestmark = pytest.mark.django_db

NOT_ON_ACCOUNT = "没有这个用户名的同事负责此客户。"  # the world's users read Chinese


@pytest.fixture
def erin(world):
    """A member of the account's team, deactivated."""
    erin = f.user("erin")
    world.team.memberships.create(user=erin, role="member")
    user_deactivate(user=erin)
    return erin


def _page(client, world, role: StakeholderRole | None = None) -> str:
    role = role or StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    url = reverse("deal_role", args=[role.deal.account.slug, role.deal_id, role.person_id])
    return client.get(url).content.decode()


def _offered(page: str) -> set[str]:
    ids = re.findall(r'name="covered_by" value="(\d+)"', page)
    return set(get_user_model().objects.filter(pk__in=ids).values_list("username", flat=True))


def _save(client, world, covered_by: list[int]):
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    data = {
        "person": world.cn_boss.pk,
        "roles": role.roles,
        "attitude": role.attitude,
        "influence": role.influence,
        "relationship": role.relationship,
        "covered_by": covered_by,
        "version": role.version,
    }
    return client.post(reverse("deal_role", args=[world.cn.slug, world.cn_deal.pk, world.cn_boss.pk]), data)


def _covering(world) -> set[str]:
    return set(
        Coverage.objects.filter(
            stakeholder__deal=world.cn_deal, stakeholder__person=world.cn_boss
        ).values_list("user__username", flat=True)
    )


def test_it_offers_exactly_the_colleagues_coverage_add_takes(owner_client, world, erin):
    f.user("root", is_superuser=True)
    takes = {u.username for u in get_user_model().objects.all() if u.is_active and can(u, world.cn)}
    # carol manages; the installation's administrator, who sees every account, is taken but not offered: he is
    # no colleague on it (test_colleagues_offered.py)
    assert takes == {"alice", "bob", "carol", "root"}
    assert _offered(_page(owner_client, world)) == takes - {"root"}


def test_the_manager_of_the_owners_team_is_offered_on_an_account_of_no_team(owner_client, world):
    """Northwind has no team: carol views it as the manager of alice's team, and the API lets her cover."""
    role = f.role(deal=f.deal(account=world.en, name="Fleet"), person=world.en.people.get())
    assert _offered(_page(owner_client, world, role)) == {"alice", "carol"}


def test_a_deactivated_colleague_sent_anyway_is_refused_at_the_field(owner_client, world, erin):
    response = _save(owner_client, world, [world.owner.pk, erin.pk])
    assert response.status_code == 422
    field = re.search(r'id="field-covered_by".*?</fieldset>', response.content.decode(), re.S).group(0)
    assert NOT_ON_ACCOUNT in field
    assert _covering(world) == set()


def test_a_colleague_deactivated_since_stays_ticked_marked_and_kept_until_unticked(owner_client, world):
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    services.coverage_add(role=role, user=world.teammate)
    user_deactivate(user=world.teammate)
    page = _page(owner_client, world)
    assert "bob（已停用）" in page and "bob" in _offered(page)

    saved = _save(owner_client, world, [world.teammate.pk, world.owner.pk])  # bob left ticked, alice added
    assert saved.status_code == 302, saved.content
    assert _covering(world) == {"bob", "alice"}
    assert _save(owner_client, world, [world.owner.pk]).status_code == 302
    assert _covering(world) == {"alice"}
    assert "bob" not in _offered(_page(owner_client, world))
