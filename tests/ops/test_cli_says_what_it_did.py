"""What an IT administrator reads of the commands of a deployment (trial s37): `purge-accounts` says in one line
how many accounts it removed and which, none included, as `purge-audit` does — the daily job's log showed
nothing; `createuser --manager` says the role the user joined with; `restore` into a database never migrated
says to run `battlemap migrate` first, as `serve` and `worker` do, not a missing table's error."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from battlemap.accounts.models import Account
from battlemap.accounts.services import account_delete
from tests.ops.helpers import bm, env_for, migrated

GOOD = "Wide-river-42"


def run(lang: str, *args) -> str:
    out = StringIO()
    with translation.override(lang):
        call_command(*args, stdout=out)
    return out.getvalue()


def test_purge_accounts_says_how_many_it_removed_and_which_none_included(world):
    assert run("en", "purge-accounts") == "purged 0 accounts deleted more than 30 days ago\n"
    account_delete(account=world.en, by=world.owner)
    Account.all_objects.filter(slug="northwind").update(deleted_at=timezone.now() - dt.timedelta(days=31))
    assert run("en", "purge-accounts") == "purged 1 account deleted more than 30 days ago: northwind\n"
    assert not Account.all_objects.filter(slug="northwind").exists()
    assert run("zh-hans", "purge-accounts", "--days", "60") == "已彻底删除 0 个删除已超过 60 天的客户\n"


@pytest.mark.parametrize(
    ("lang", "option", "said"),
    [
        ("en", "--manager", "created user ann as manager of team East (east)"),
        ("en", None, "created user ann as member of team East (east)"),
        ("zh-hans", "--manager", "已创建用户 ann，以经理身份加入团队 East（east）"),
    ],
)
def test_createuser_says_the_role_the_user_joined_the_team_with(world, lang, option, said):
    options = [option] if option else []
    assert run(lang, "createuser", "ann", "--password", GOOD, "--team", "east", *options).strip() == said


def test_restore_into_a_database_never_migrated_says_to_migrate_first(tmp_path):
    source = env_for(tmp_path / "source")
    migrated(source)
    backup = tmp_path / "backup.json.gz"
    bm(source, "backup", str(backup))
    fresh = env_for(tmp_path / "fresh")
    done = bm(fresh, "restore", str(backup), check=False)
    assert done.returncode == 1
    assert "not applied to this database: run `battlemap migrate` first" in done.stderr
    assert "no such table" not in done.stderr
    migrated(fresh)  # as it says: then the backup goes in
    assert "restored" in bm(fresh, "restore", str(backup)).stdout
