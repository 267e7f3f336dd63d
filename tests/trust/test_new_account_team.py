"""A new account's team is one rule (accounts.services.account_create), whichever road creates it: no team
given and the creator on exactly one team → that team, so teammates see it at once; on none or several →
unshared until the creator chooses; an explicit "no team" (`"team": null`, `--no-team`) is kept.

The web form shows the rule as its preset (tests/web_deals/test_loop_gaps.py); here the API, the CLI and
the map import, which used to create every account unshared when no team was sent."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from battlemap.accounts.models import Account
from battlemap.accounts.services import account_create
from battlemap.core.access import accounts_visible_to
from tests import factories as f
from tests.api.conftest import _client_for

pytestmark = pytest.mark.django_db
EN = {"Accept-Language": "en"}


def _create(api, **body):
    return api.post("/api/accounts", {"slug": "huadong", "name": "华东电网", **body}, headers=EN)


# --- the service ------------------------------------------------------------------------------------


def test_the_service_shares_with_the_creators_only_team_else_with_nobody(world):
    assert account_create(owner=world.owner, by=world.owner, slug="a1", name="A1").team == world.team
    assert (
        account_create(owner=world.teammate, slug="a3", name="A3").team == world.team
    )  # the CLI: the owner's
    assert account_create(owner=world.owner, team=None, slug="a4", name="A4").team is None
    # the creator is the acting user, not the owner they pick
    west = f.team("west", members=[world.outsider, world.manager])
    assert account_create(owner=world.manager, by=world.outsider, slug="a2", name="A2").team == west
    # …who must keep seeing it: an owner off its team would take it from them (new-user trial, 2026-12-03)
    with pytest.raises(ValidationError) as refused:
        account_create(owner=world.owner, by=world.outsider, slug="a2b", name="A2b")
    assert "owner" in refused.value.message_dict and not Account.objects.filter(slug="a2b").exists()
    f.team("north", members=[world.owner])
    assert account_create(owner=world.owner, by=world.owner, slug="a5", name="A5").team is None


# --- the API ----------------------------------------------------------------------------------------


def test_api_without_a_team_shares_with_your_only_team_and_teammates_see_it(world, owner_api):
    response = _create(owner_api)
    assert response.status_code == 201, response.content
    assert response.json()["team"] == world.team.pk
    account = Account.objects.get(slug="huadong")
    assert account.team == world.team and account.owner == world.owner
    assert accounts_visible_to(world.teammate).filter(slug="huadong").exists()
    # the schema's defaults still apply to the fields not sent
    assert (account.currency, account.lifecycle, account.industry) == ("CNY", "prospect", "")


def test_api_team_null_keeps_the_account_to_yourself(world, owner_api):
    response = _create(owner_api, team=None)
    assert response.status_code == 201 and response.json()["team"] is None
    assert not accounts_visible_to(world.teammate).filter(slug="huadong").exists()


def test_api_on_several_teams_leaves_it_unshared_unless_you_choose(world, owner_api):
    west = f.team("west", members=[world.owner])
    response = _create(owner_api)
    assert response.status_code == 201 and response.json()["team"] is None
    chosen = owner_api.post(
        "/api/accounts", {"slug": "west-co", "name": "West Co", "team": west.pk}, headers=EN
    )
    assert chosen.status_code == 201 and chosen.json()["team"] == west.pk


def test_api_on_no_team_leaves_it_unshared(world, outsider_api):
    response = _create(outsider_api)
    assert response.status_code == 201 and response.json()["team"] is None


def test_api_a_team_not_yours_or_bad_names_the_field(world, outsider_api, anon_api):
    for team in (world.team.pk, 999999, "east"):
        response = _create(outsider_api, team=team)
        assert response.status_code == 422, (team, response.content)
        assert response.json()["errors"][0]["field"] == "team"
    assert not Account.objects.filter(slug="huadong").exists()
    assert _create(anon_api).status_code == 401


def test_api_a_new_account_with_a_slug_taken_by_an_outsiders_account_names_the_slug(world, owner_api):
    response = _create(owner_api, slug="secret")  # mallory's: the slug is taken, its account stays hidden
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "slug"
    assert "Mallory" not in response.content.decode()


# --- the CLI ----------------------------------------------------------------------------------------


def test_create_account_uses_the_owners_only_team_unless_told(world, capsys):
    call_command("create-account", "c1", "--name", "C1", "--owner", "bob")
    assert Account.objects.get(slug="c1").team == world.team
    call_command("create-account", "c2", "--name", "C2", "--owner", "bob", "--no-team")
    assert Account.objects.get(slug="c2").team is None
    call_command("create-account", "c3", "--name", "C3", "--owner", "mallory")  # on no team
    assert Account.objects.get(slug="c3").team is None
    west = f.team("west", members=[world.teammate])
    call_command("create-account", "c4", "--name", "C4", "--owner", "bob")  # on two teams now
    assert Account.objects.get(slug="c4").team is None
    call_command("create-account", "c5", "--name", "C5", "--owner", "bob", "--team", "west")
    assert Account.objects.get(slug="c5").team == west
    with pytest.raises(CommandError, match="--team"):
        call_command("create-account", "c6", "--name", "C6", "--owner", "bob", "--team", "nope")
    with pytest.raises(CommandError):
        call_command("create-account", "c7", "--name", "C7", "--owner", "bob", "--team", "west", "--no-team")


def test_import_map_with_a_new_owner_takes_the_new_owners_only_team(world, tmp_path):
    west = f.team("west", members=[world.outsider])  # mallory's only team
    path = tmp_path / "map.json"
    call_command("export", "guodian", "--format", "json", "-o", str(path))
    assert json.loads(path.read_text())["account"]["team"] == "east"
    call_command("import-map", str(path), "--as", "handed", "--owner", "mallory")
    assert Account.objects.get(slug="handed").team == west  # hers, never the old owner's east
    call_command("import-map", str(path), "--as", "mine", "--owner", "mallory", "--no-team")
    assert Account.objects.get(slug="mine").team is None
    call_command("import-map", str(path), "--as", "copy")  # no --owner: the file's owner and team
    assert Account.objects.get(slug="copy").team == world.team
    call_command("import-map", str(path), "--as", "bobs", "--owner", "bob")  # bob's only team is east
    assert Account.objects.get(slug="bobs").team == world.team


def test_the_web_map_import_keeps_the_team_the_user_chose(world):
    """The web's *Import a map* sends the form's team (preset to the only team; emptied: none)."""
    from battlemap.io.mapformat import export_map
    from battlemap.io.mapformat.load import map_import

    data = export_map(Account.objects.get(slug="guodian"))
    unshared = map_import(data=data, owner=world.owner, slug="web-none", team=None, by=world.owner)
    assert unshared.team is None
    shared = map_import(data=data, owner=world.owner, slug="web-east", team="east", by=world.owner)
    assert shared.team == world.team


def test_a_teammate_sees_an_api_created_account_in_the_portfolio(world, owner_api, client):
    assert _create(owner_api).status_code == 201
    client.force_login(world.teammate)
    assert "华东电网" in client.get(reverse("portfolio")).content.decode()
    assert _client_for(world.teammate).get("/api/accounts/huadong").status_code == 200
