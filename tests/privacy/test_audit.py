"""The audit log (issue 18): who viewed (one entry per user, account and hour), exported, imported, erased and
changed access, per account; the owner and administrators see it on the account's page; entries older than
AUDIT_KEEP_DAYS go with `battlemap purge-audit`."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from battlemap.accounts.services import account_update
from battlemap.audit.models import AuditEntry
from battlemap.audit.services import audit_purge, audit_record, audit_view
from battlemap.io.mapformat import dumps_map, export_map
from battlemap.people.services.erase import person_erase
from battlemap.teams.services import membership_add, membership_remove, membership_set_role
from tests import factories as f
from tests.exports import web_export


def entries(account, action):
    return list(AuditEntry.objects.filter(account=account, action=action).order_by("at", "id"))


def details(account, action, lang="en"):
    """(who, what exactly) of each entry, as the audit page shows them in `lang`."""
    with translation.override(lang):
        return [(e.actor_name, e.detail) for e in entries(account, action)]


def test_views_are_coalesced_per_user_account_and_hour(world, client):
    client.force_login(world.owner)
    for _ in range(3):
        assert client.get("/accounts/guodian/").status_code == 200
    client.get("/accounts/guodian/circle/")
    (entry,) = entries(world.cn, "view")
    assert entry.actor == world.owner
    client.force_login(world.manager)
    client.get("/accounts/guodian/")
    assert [e.actor for e in entries(world.cn, "view")] == [world.owner, world.manager]
    later = timezone.now() + timedelta(hours=1)
    audit_view(account=world.cn, user=world.owner, at=later)
    audit_view(account=world.cn, user=world.owner, at=later)
    assert len(entries(world.cn, "view")) == 3  # the next hour: a new entry, once


def test_exports_from_the_web_api_and_cli_are_recorded(world, client, owner_api, tmp_path):
    client.force_login(world.teammate)
    assert web_export(client, "guodian", "json").status_code == 200
    assert owner_api.get("/api/accounts/guodian/export/json").status_code == 200
    call_command("export-map", "guodian", "-o", str(tmp_path / "m.json"))
    assert details(world.cn, "export") == [
        ("bob", "JSON file"),
        ("alice", "JSON file · API"),
        ("", "JSON file · command line"),
    ]
    assert details(world.cn, "export", "zh-hans")[2] == ("", "JSON 文件 · 命令行")


def test_imports_are_recorded(world, owner_api, tmp_path):
    csv = "姓名,职位\n张伟,工程师\n"
    response = owner_api.client.post(
        "/api/accounts/guodian/import",
        {"file": _upload("people.csv", csv.encode()), "dry_run": "false"},
        headers={"Authorization": f"Bearer {owner_api.token}"},
    )
    assert response.status_code == 200, response.content
    owner_api.client.post(
        "/api/accounts/guodian/import",
        {"file": _upload("people.csv", csv.encode())},  # a dry run writes nothing, records nothing
        headers={"Authorization": f"Bearer {owner_api.token}"},
    )
    assert details(world.cn, "import") == [("alice", "people file, 1 row · API")]
    path = tmp_path / "map.json"
    path.write_text(dumps_map(export_map(world.cn)), encoding="utf-8")
    call_command("import-map", str(path), "--as", "copy", "--owner", "mallory")
    (entry,) = AuditEntry.objects.filter(account__slug="copy", action="import")
    assert (entry.actor, entry.what, entry.via) == (None, "map_file", "cli")  # the retry reviewer: no tag
    people = tmp_path / "people.csv"
    people.write_text(csv, encoding="utf-8")
    call_command("import", str(people), "--account", "guodian")
    assert ("", "people file, 1 row · command line") in details(world.cn, "import")


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_erasure_is_recorded_without_the_persons_data(world):
    person = f.person(account=world.cn, name="Quentin Blake", email="qb@example.com")
    person_erase(person=person, by=world.owner)
    (entry,) = entries(world.cn, "erase")
    assert (entry.actor, entry.params) == (world.owner, {"id": person.pk})
    assert details(world.cn, "erase") == [("alice", f"person {person.pk}")]
    assert "Quentin" not in json.dumps(list(AuditEntry.objects.values()), default=str)


def test_access_changes_are_recorded(world):
    east2 = f.team("west", members=[world.owner], managers=[world.manager])  # dave is not its last manager
    account_update(account=world.cn, version=world.cn.version, by=world.owner, team=east2)
    world.cn.refresh_from_db()
    account_update(
        account=world.cn, version=world.cn.version, by=world.owner, owner=world.owner, industry="x"
    )
    dave = f.user("dave")
    m = membership_add(team=east2, user=dave, by=world.owner)
    m = membership_set_role(membership=m, role="manager", version=m.version, by=world.owner)
    membership_remove(membership=m, version=m.version, by=world.owner)
    assert details(world.cn, "access") == [
        ("alice", "team east → west"),
        ("alice", "dave joined team west as member"),
        ("alice", "dave of team west: member → manager"),
        ("alice", "dave left team west"),
    ]
    assert not AuditEntry.objects.filter(account=world.en, action="access").exists()  # not shared with west


def test_handing_an_account_over_is_recorded(world):
    root = f.user("root", is_superuser=True)
    account_update(account=world.en, version=world.en.version, by=root, owner=world.teammate)
    assert details(world.en, "access") == [("root", "owner alice → bob")]


def test_the_audit_page_is_the_owners_and_administrators(world, client):
    client.force_login(world.owner)
    client.get("/accounts/guodian/")
    page = client.get("/accounts/guodian/audit/")
    assert page.status_code == 200 and "alice" in page.content.decode()
    assert 'href="/accounts/guodian/audit/"' in client.get("/accounts/guodian/").content.decode()
    for who in (world.teammate, world.manager, world.outsider):
        client.force_login(who)
        assert client.get("/accounts/guodian/audit/").status_code == (404 if who == world.outsider else 403)
        if who != world.outsider:
            assert "/audit/" not in client.get("/accounts/guodian/").content.decode()
    client.force_login(f.user("root", is_superuser=True))
    assert client.get("/accounts/guodian/audit/").status_code == 200
    client.logout()
    response = client.get("/accounts/guodian/audit/")
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("keep", [30, 365])
def test_entries_older_than_the_keep_time_are_purged(world, settings, capsys, keep):
    settings.AUDIT_KEEP_DAYS = keep
    now = timezone.now()
    old = audit_record(action="view", account=world.cn, user=world.owner, at=now - timedelta(days=keep + 1))
    recent = audit_record(
        action="export", account=world.cn, user=world.owner, at=now - timedelta(days=keep - 1)
    )
    with translation.override("en"):
        call_command("purge-audit")
    assert "purged 1 audit entry" in capsys.readouterr().out
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert audit_purge(days=1, now=now + timedelta(days=keep)) == 1  # a shorter keep removes the recent one


def test_administrators_read_every_accounts_log_in_the_admin(world, client):
    audit_record(action="export", account=world.cn, user=world.owner, what="file", format="xlsx")
    client.force_login(f.user("root", is_superuser=True, is_staff=True))
    page = client.get("/admin/audit/auditentry/")
    assert page.status_code == 200 and "XLSX" in page.content.decode()
    assert client.get("/admin/audit/auditentry/add/").status_code == 403


def test_reading_an_account_through_the_api_is_in_the_audit_log(world, client, owner_api):
    """An administrator's trial read a whole account with a token (its map, people, interactions, analysis) and
    found no trace in the audit log; the web's views were there."""
    headers = {"Authorization": f"Bearer {owner_api.token}"}
    for route in ("map", "people", "interactions", "analysis"):
        assert client.get(f"/api/accounts/guodian/{route}", headers=headers).status_code == 200, route
    (entry,) = entries(world.cn, "view")  # one a user, account and hour, as the web's
    assert entry.actor == world.owner and entry.via == "api"
    with translation.override("en"):
        assert "API" in str(entry.detail) or "API" in str(entry)
    client.force_login(world.owner)
    assert client.get("/accounts/guodian/").status_code == 200  # the web's view is its own entry
    assert sorted(e.via for e in entries(world.cn, "view")) == ["", "api"]


def test_deleting_and_restoring_an_account_are_in_its_audit_log(world, owner_api):
    """A trial deleted an account over the API, restored it on the command line, deleted it again and restored it
    in the admin: the audit log had none of it."""
    headers = {"Authorization": f"Bearer {owner_api.token}"}
    assert owner_api.client.delete("/api/accounts/guodian", headers=headers).status_code in (200, 204)
    call_command("restore-account", "guodian")
    with translation.override("en"):
        assert details(world.cn, "access")[-2:] == [
            ("alice", "account deleted (restorable for 30 days) · API"),
            ("", "account restored · command line"),
        ]
    with translation.override("zh-hans"):
        assert entries(world.cn, "access")[-1].detail == "恢复了客户 · 命令行"


def test_an_ingest_of_one_record_says_record_and_a_file_of_one_row_row():
    with translation.override("en"):
        assert AuditEntry(what="mail", params={"new": 1}).detail == "mail and calendar archives, 1 new record"
        assert AuditEntry(what="people_file", params={"rows": 1}).detail == "people file, 1 row"
        assert AuditEntry(what="people_file", params={"rows": 3}).detail == "people file, 3 rows"
