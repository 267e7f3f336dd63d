"""The CLI refuses what would destroy data meant to be kept, and says its own errors in the CLI's language:
`purge-accounts --days -1` removed every deleted account at once (the 30 days' restore promise broken),
`purge-audit --days -1` emptied the audit log; `no user named 'nobody'` was English in a Chinese CLI."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from battlemap.accounts.models import Account
from battlemap.accounts.services import account_delete
from battlemap.audit.models import AuditEntry
from battlemap.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("days", ["-1", "0", "29"])
def test_purge_accounts_refuses_fewer_days_than_the_restore_promise(world, days):
    account_delete(account=world.en, by=world.owner)
    with translation.override("en"), pytest.raises(CommandError, match="--days: Give at least 30 days"):
        call_command("purge-accounts", "--days", days)
    assert Account.all_objects.filter(slug="northwind").exists()


def test_purge_accounts_takes_a_longer_keep(world, capsys):
    account_delete(account=world.en, by=world.owner)
    call_command("purge-accounts", "--days", "60")
    assert Account.all_objects.filter(slug="northwind").exists()


@pytest.mark.parametrize("days", ["-1", "0"])
def test_purge_audit_refuses_to_empty_the_log(world, days):
    audit_record(action="view", account=world.cn, user=world.owner, at=timezone.now())
    with translation.override("zh-hans"), pytest.raises(CommandError) as refused:
        call_command("purge-audit", "--days", days)
    assert str(refused.value).startswith("--days：") and "1" in str(refused.value)
    assert AuditEntry.objects.count() == 1


def test_an_unknown_user_is_said_in_the_clis_language(world):
    with translation.override("zh-hans"), pytest.raises(CommandError) as refused:
        call_command("accounts", "--user", "nobody")
    assert "'nobody'" in str(refused.value) and "no user" not in str(refused.value)
    with translation.override("zh-hans"), pytest.raises(CommandError) as refused:
        call_command("token", "create", "nobody")
    assert str(refused.value).startswith("USER：") and "'nobody'" in str(refused.value)
    with translation.override("en"), pytest.raises(CommandError, match="USER: no user named 'nobody'"):
        call_command("token", "create", "nobody")
