"""A rep removed from a team, or whose accounts are handed over as he leaves, stops covering the stakeholders of the
team's other accounts: each account's owner covers them instead, as his open action items go to them. Before, a rep
moved to another team still "covered" the decision maker of an account he could no longer open, and nobody on the
deal knew that person was theirs to call."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from battlemap.deals.models import Coverage
from battlemap.teams.models import Membership
from tests import factories as f
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db


def _bobs_account(world):
    """bob's account shared with the team, alice covering its decision maker (and, on a won deal, its buyer)."""
    theirs = f.account(owner=world.teammate, slug="huaneng", name="华能集团", team=world.team)
    boss = f.person(account=theirs, name="李总")
    role = f.role(deal=f.deal(account=theirs, name="二期"), person=boss, roles=["decision_maker"])
    Coverage.objects.create(stakeholder=role, user=world.owner)
    won = f.role(deal=f.deal(account=theirs, name="一期", status="won"), person=boss)
    Coverage.objects.create(stakeholder=won, user=world.owner)
    return role, won


def _coverers(world, role):
    return [c["user"] for c in _client_for(world.teammate).get(f"/api/roles/{role.pk}/coverage").json()]


def test_removing_a_rep_gives_whom_he_covered_to_the_accounts_owner(client, world):
    role, won = _bobs_account(world)
    membership = Membership.objects.get(team=world.team, user=world.owner)
    remove = reverse("team_member_remove", args=["east", membership.id])
    client.force_login(world.manager)
    page = client.get(remove, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        "alice covers 1 stakeholder in the open deals of the team's accounts: the account's owner covers"
        in page
    )
    zh = client.get(remove, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "alice 在团队客户的进行中商机里负责对接 1 位相关人：改由该客户的负责人对接。" in zh

    response = client.post(remove, {"version": membership.version}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert _coverers(world, role) == ["bob"]
    assert Coverage.objects.get(stakeholder=won).user == world.owner  # a won deal keeps who covered them then
    told = [str(m) for m in response.wsgi_request._messages]
    assert "1 stakeholder they covered is now covered by the account's owner." in told


def test_the_owner_covering_them_already_keeps_one_row(client, world):
    role, _won = _bobs_account(world)
    Coverage.objects.create(stakeholder=role, user=world.teammate)
    membership = Membership.objects.get(team=world.team, user=world.owner)
    client.force_login(world.manager)
    client.post(reverse("team_member_remove", args=["east", membership.id]), {"version": membership.version})
    assert _coverers(world, role) == ["bob"]


def test_the_leavers_handover_gives_whom_he_covered_to_the_accounts_owner(world, capsys):
    role, won = _bobs_account(world)
    with translation.override("en"):
        call_command("handover", "--from", "alice", "--to", "carol", "--note", "离职")
    assert "1 stakeholder they covered is now covered by the account's owner." in capsys.readouterr().out
    assert _coverers(world, role) == ["bob"]
    assert Coverage.objects.get(stakeholder=won).user == world.owner
    assert Coverage.history.filter(stakeholder=role).first().history_change_reason == "离职"


def test_the_team_page_handover_says_so_first(client, world):
    _bobs_account(world)
    membership = Membership.objects.get(team=world.team, user=world.owner)
    client.force_login(world.manager)
    page = client.get(
        reverse("team_member_handover", args=["east", membership.id]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "alice covers 1 stakeholder in the open deals of the team's accounts" in page
