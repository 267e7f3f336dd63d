"""`battlemap backup FILE` and `battlemap restore FILE`: every account, user, team and history, round trip
into a fresh database with identical content — SQLite and PostgreSQL, whichever the suite runs on (issue 18)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from battlemap.accounts.services import account_delete
from battlemap.people.services import person_update
from battlemap.users.services import token_create
from tests import factories as f

from .helpers import backup_content, bm, env_for, migrated


@pytest.fixture
def backup(world, tmp_path) -> Path:
    """The world with some history (an edit, a soft-deleted account), a token and a comment, backed up."""
    person_update(person=world.cn_boss, version=world.cn_boss.version, title="董事长")
    gone = f.account(owner=world.owner, slug="gone", name="已删除客户")
    account_delete(account=gone, by=world.owner)
    token_create(user=world.owner)
    path = tmp_path / "battlemap-backup.json.gz"
    call_command("backup", str(path))
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    return path


def _restored_backup(backup: Path, tmp_path: Path, **env: str) -> dict:
    """Restore into a fresh database, back that up again; the second backup's content."""
    target = env_for(tmp_path / "fresh", **env)
    migrated(target)
    bm(target, "restore", str(backup))
    again = tmp_path / "again.json"
    bm(target, "backup", str(again))
    return backup_content(again)


def test_backup_holds_every_account_user_team_and_history(backup):
    content = backup_content(backup)
    models = {model for model, _ in content}
    assert {"auth.user", "accounts.account", "accounts.historicalaccount", "people.person",
            "people.historicalperson", "teams.team", "teams.membership", "deals.deal",
            "users.apitoken"} <= models  # fmt: skip
    names = {fields.get("name") for (model, _), fields in content.items() if model == "accounts.account"}
    assert {"国电智慧能源集团", "Northwind Logistics", "Mallory Corp", "已删除客户"} <= names
    titles = {v["title"] for (m, _), v in content.items() if m == "people.historicalperson"}
    assert {"总经理", "董事长"} <= titles  # the edit's history, before and after
    assert not any(m.startswith(("sessions", "axes", "django_tasks", "ops.")) for m, _ in content)


def test_backup_keeps_every_recorded_time_whole_and_the_admins_log(world, tmp_path):
    """An administrator's trial: every time came back cut to the millisecond (`…24.467823` → `.467000`), though
    the docs promise recorded times stay as recorded; and the admin's log (who deactivated a user, made one an
    administrator) was not in the backup."""
    import datetime as dt
    import json

    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from battlemap.people.models import Person

    moment = dt.datetime(2026, 12, 3, 22, 7, 24, 467823, tzinfo=dt.UTC)
    Person.objects.filter(pk=world.cn_boss.pk).update(updated_at=moment)
    LogEntry.objects.create(
        user=world.owner, content_type=ContentType.objects.get_for_model(Person), object_id="1",
        object_repr="王总", action_flag=CHANGE, change_message="is_active",
    )  # fmt: skip
    path = tmp_path / "b.json"
    call_command("backup", str(path))
    records = json.loads(path.read_text(encoding="utf-8"))
    boss = next(r for r in records if r["model"] == "people.person" and r["pk"] == world.cn_boss.pk)
    assert boss["fields"]["updated_at"] == "2026-12-03T22:07:24.467823Z"
    assert [r["fields"]["object_repr"] for r in records if r["model"] == "admin.logentry"] == ["王总"]


@pytest.mark.slow
def test_round_trip_into_a_fresh_sqlite_database(backup, tmp_path):
    assert _restored_backup(backup, tmp_path) == backup_content(backup)


@pytest.mark.slow
def test_round_trip_into_a_fresh_postgresql_database(backup, tmp_path, postgres_database):
    restored = _restored_backup(backup, tmp_path, DATABASE_URL=postgres_database())
    assert restored == backup_content(backup)


def test_restore_refuses_a_database_with_data_and_a_missing_file(backup, tmp_path):
    with translation.override("en"), pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup))
    with pytest.raises(CommandError, match="nope.json：没有这个文件"):  # the CLI speaks the site's language
        call_command("restore", str(tmp_path / "nope.json"))


class _FillsUp:
    """A file on a disk with `room` characters left: the write past it fails as a full disk does."""

    def __init__(self, real, room: int) -> None:
        self.real, self.room = real, room

    def write(self, text: str) -> int:
        import errno

        if len(text) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(text)
        return self.real.write(text)

    def close(self) -> None:
        self.real.close()

    def __enter__(self):  # noqa: ANN204
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self.close()


def test_a_backup_cut_by_a_full_disk_leaves_no_file_under_its_name(world, tmp_path, monkeypatch):
    """An operator's trial: the nightly backup on a full disk left a cut file that looked like that day's backup,
    and an English error in a Chinese installation."""
    import gzip

    path = tmp_path / "battlemap-2026-12-04.json.gz"
    path.write_bytes(b"yesterday's whole backup")  # the same name written again: kept if the new one fails
    real_open = gzip.open
    monkeypatch.setattr(gzip, "open", lambda *a, **k: _FillsUp(real_open(*a, **k), room=2000))
    with translation.override("zh-hans"), pytest.raises(CommandError) as refused:
        call_command("backup", str(path), verbosity=0)
    assert str(path) in str(refused.value) and "空间" in str(refused.value)
    assert "Unable" not in str(refused.value)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no partial file left beside it
    assert path.read_bytes() == b"yesterday's whole backup"
    monkeypatch.setattr(gzip, "open", real_open)  # space freed: the next backup is whole
    call_command("backup", str(path), verbosity=0)
    assert backup_content(path) and [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_backup_to_a_link_writes_its_file_and_to_a_device_writes_the_device(world, tmp_path):
    """A fresh reviewer: `backup /dev/full` answered "written" and replaced the device with a file; a backup to a
    symbolic link replaced the link. A link is written through; a device or a pipe is written as it is."""
    real = tmp_path / "real.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    call_command("backup", str(link), verbosity=0)
    assert link.is_symlink() and backup_content(real)
    # a /dev/full of its own (only root makes device files): the real one is never at risk
    if os.geteuid() == 0:
        import stat

        device = tmp_path / "full"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        with pytest.raises(CommandError) as full:
            call_command("backup", str(device), verbosity=0)
        assert str(device) in str(full.value)
        assert device.is_char_device()


def test_a_backup_taken_before_a_data_migration_is_restored_in_this_releases_form(world, tmp_path):
    """An operator's trial: a v0.2.0 backup restored into this release kept `Tian.HuiYu@CMBChina.com` and a
    full-width phone, which migration people.0006 brings to the stored form (a re-import then showed changes
    that were none). The restore runs the data migrations over what it loaded."""
    import gzip
    import json

    f.person(account=world.cn, name="田慧宇", email="tian.huiyu@cmbchina.com", phone="13900000000")
    path = tmp_path / "before.json.gz"
    call_command("backup", str(path))
    records = json.loads(gzip.decompress(path.read_bytes()))
    for record in records:  # as an earlier release stored them
        if record["model"] == "people.person" and record["fields"]["name"] == "田慧宇":
            record["fields"].update(email="Tian.HuiYu@CMBChina.com", phone="１３９００００００００")
    old = tmp_path / "old.json"
    old.write_text(json.dumps(records), encoding="utf-8")
    target = env_for(tmp_path / "fresh")
    migrated(target)
    bm(target, "restore", str(old))
    again = tmp_path / "again.json"
    bm(target, "backup", str(again))
    restored = [
        r["fields"] for r in json.loads(again.read_text(encoding="utf-8"))
        if r["model"] == "people.person" and r["fields"]["name"] == "田慧宇"
    ]  # fmt: skip
    assert [(p["email"], p["phone"]) for p in restored] == [("tian.huiyu@cmbchina.com", "13900000000")]
