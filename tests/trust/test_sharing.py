"""Sharing stays with the owner: only the owner or an administrator changes an account's owner or team
or deletes it; deleting is soft (restorable for 30 days, then purged); a manager views, never edits;
`import-map --owner U` does not keep the old owner's team.

Before, a team member could re-share the owner's account with another team of theirs by one PATCH, and
a member of that team could then read and delete it for good."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from battlemap.accounts.models import Account
from battlemap.accounts.services import account_delete, accounts_purge
from battlemap.core.access import accounts_visible_to
from tests import factories as f
from tests.api.conftest import _client_for


@pytest.fixture
def bob_elsewhere(world):
    """bob (alice's teammate) also belongs to team west, with mallory."""
    return f.team("west", members=[world.teammate, world.outsider])


def _patch(api, slug, **body):
    account = Account.all_objects.get(slug=slug)
    return api.patch(
        f"/api/accounts/{slug}", {"version": account.version, **body}, headers={"Accept-Language": "en"}
    )


def test_a_team_member_cannot_reshare_the_owners_account(world, bob_elsewhere):
    bob = _client_for(world.teammate)
    response = _patch(bob, "guodian", team=bob_elsewhere.pk)
    assert response.status_code == 422
    assert (
        response.json()["errors"][0]["field"] == "team" and "owner" in response.json()["errors"][0]["message"]
    )
    assert Account.objects.get(slug="guodian").team == world.team
    assert _patch(bob, "guodian", team=None).status_code == 422  # nor unshare it
    # sending the team it has is no change: a teammate may still edit the rest
    assert _patch(bob, "guodian", team=world.team.pk, industry="能源").status_code == 200
    mallory = _client_for(world.outsider)
    assert mallory.get("/api/accounts/guodian").status_code == 404


def test_the_owner_and_an_administrator_may_change_the_team(world, bob_elsewhere):
    alice = _client_for(world.owner)
    assert _patch(alice, "guodian", team=None).status_code == 200
    refused = _patch(alice, "guodian", team=bob_elsewhere.pk)  # not her team
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "team"
    admin = _client_for(f.user("root", is_superuser=True, is_staff=True))
    assert _patch(admin, "guodian", team=bob_elsewhere.pk).status_code == 200
    assert Account.objects.get(slug="guodian").team == bob_elsewhere


def test_only_the_owner_deletes_and_deleting_is_soft(world, owner_api, anon_api):
    bob = _client_for(world.teammate)
    assert bob.delete("/api/accounts/guodian").status_code == 403
    assert anon_api.delete("/api/accounts/guodian").status_code == 401
    assert _client_for(world.outsider).delete("/api/accounts/guodian").status_code == 404
    assert _client_for(world.manager).delete("/api/accounts/guodian").status_code == 403
    assert owner_api.delete("/api/accounts/guodian").status_code == 204
    account = Account.all_objects.get(slug="guodian")
    assert account.deleted_at is not None and account.people.count() == 2  # the map is untouched
    # gone from every list and the gate, for the owner and the administrator alike
    root = f.user("root", is_superuser=True, is_staff=True)
    for user in (world.owner, world.teammate, world.manager, root):
        assert "guodian" not in set(accounts_visible_to(user).values_list("slug", flat=True))
    assert owner_api.get("/api/accounts/guodian").status_code == 404
    assert "guodian" not in [a["slug"] for a in owner_api.get("/api/accounts").json()["items"]]
    assert owner_api.get(f"/api/people/{world.cn_boss.pk}").status_code == 404
    assert _client_for(root).get("/api/accounts/guodian").status_code == 404
    # its slug stays taken while it can be restored
    again = owner_api.post("/api/accounts", {"slug": "guodian", "name": "x"})
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "slug"


def test_the_web_hides_a_deleted_account(world, client):
    account_delete(account=world.cn, by=world.owner)
    client.force_login(world.owner)
    assert client.get("/accounts/guodian/").status_code == 404
    assert "/accounts/guodian/" not in client.get("/accounts/").content.decode()


def test_restore_within_30_days_then_purge(world, capsys):
    account_delete(account=world.cn, by=world.owner)
    call_command("restore-account", "guodian")
    assert "已恢复 guodian" in capsys.readouterr().out  # the CLI speaks the site's language
    assert Account.objects.get(slug="guodian").deleted_at is None
    with translation.override("en"), pytest.raises(CommandError, match="no deleted account 'guodian'"):
        call_command("restore-account", "guodian")
    account_delete(account=world.cn, by=world.owner)
    assert accounts_purge(now=timezone.now() + dt.timedelta(days=29)) == []
    assert accounts_purge(now=timezone.now() + dt.timedelta(days=31)) == ["guodian"]
    assert not Account.all_objects.filter(slug="guodian").exists()
    assert not Account.history.filter(
        slug="guodian"
    ).exists()  # nothing of it left (test_purge_leaves_nothing)


def test_purge_command_and_admin_restore(world, client, capsys):
    account_delete(account=world.en, by=world.owner)
    call_command("purge-accounts")
    assert Account.all_objects.filter(slug="northwind").exists()  # deleted today: kept
    root = f.user("root", is_superuser=True, is_staff=True)
    client.force_login(root)
    listing = client.get("/admin/accounts/account/?deleted=yes")
    assert listing.status_code == 200 and "northwind" in listing.content.decode()
    pk = Account.all_objects.get(slug="northwind").pk
    response = client.post(
        "/admin/accounts/account/", {"action": "restore_accounts", "_selected_action": [pk]}, follow=True
    )
    assert response.status_code == 200
    assert Account.objects.filter(slug="northwind").exists()
    assert accounts_purge(now=timezone.now() + dt.timedelta(days=31)) == []  # restored: never purged
    assert Account.objects.filter(slug="northwind").exists()


def test_the_admin_deleted_filter_says_not_deleted_in_chinese(world, client):
    # review 35: its "Not deleted" choice read 删除 ("deleted"), the opposite, under the bare title 删除
    client.force_login(f.user("root", is_superuser=True, is_staff=True))
    page = client.get("/admin/accounts/account/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "以 删除状态" in page and "已删除（可恢复）" in page
    assert 'title="未删除">未删除</a>' in page or ">未删除</a>" in page


def test_a_manager_views_but_never_edits_through_pages_and_api(world, objs, manager_api, client):
    # the team account: carol manages alice's team; she may see it, so a change is refused (403), not hidden
    assert manager_api.get("/api/accounts/guodian").status_code == 200
    assert _patch(manager_api, "guodian", industry="x").status_code == 403
    assert manager_api.post("/api/accounts/guodian/people", {"name": "x"}).status_code == 403
    assert manager_api.patch(f"/api/people/{objs.person.pk}", {"title": "x", "version": 1}).status_code == 403
    assert manager_api.delete(f"/api/people/{objs.person.pk}").status_code == 403
    assert manager_api.delete("/api/accounts/guodian").status_code == 403
    client.force_login(world.manager)
    assert client.get("/accounts/guodian/").status_code == 200
    assert client.get("/accounts/guodian/people/").status_code == 200
    assert client.post("/accounts/guodian/people/new/", {"name": "x"}).status_code == 403
    assert client.post("/accounts/guodian/portrait/edit/", {"notes": "x"}).status_code == 403
    assert (
        client.post("/accounts/guodian/factors/add/", {"kind": "policy", "description": "x"}).status_code
        == 403
    )
    assert Account.objects.get(slug="guodian").industry == ""
    assert not world.cn.people.filter(name="x").exists()


def test_import_map_with_a_new_owner_drops_the_files_team(world, tmp_path):
    path = tmp_path / "map.json"
    call_command("export", "guodian", "--format", "json", "-o", str(path))
    assert json.loads(path.read_text())["account"]["team"] == "east"
    call_command("import-map", str(path), "--as", "handed", "--owner", "mallory")
    assert Account.objects.get(slug="handed").team is None
    call_command("import-map", str(path), "--as", "shared", "--owner", "mallory", "--team", "east")
    assert Account.objects.get(slug="shared").team == world.team
    call_command("import-map", str(path), "--as", "copy")  # no --owner: the file's owner and team
    assert Account.objects.get(slug="copy").team == world.team
    with translation.override("en"), pytest.raises(CommandError, match="no team"):
        call_command("import-map", str(path), "--as", "x", "--owner", "mallory", "--team", "nope")
