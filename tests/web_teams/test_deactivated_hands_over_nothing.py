"""A user who left (deactivated) hands nothing over: the gate shows them no account, and `battlemap handover --from
… --user U` with U deactivated — their manager who left, an administrator unticked — had handed over every account
of a seller as U, history signed by someone who may no longer sign in (the `--from` road asked only whether U
manages a team that reaches the accounts). Now it is refused, naming `--user`, and nothing changes."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from battlemap.accounts.models import Account
from battlemap.accounts.selectors import handover_candidates, may_hand_over
from battlemap.users.services import user_deactivate
from tests import factories as f

pytestmark = pytest.mark.django_db


def _owners(*accounts):
    return [Account.objects.get(pk=a.pk).owner.get_username() for a in accounts]


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_a_deactivated_user_hands_no_account_over(world, who):
    by = world.manager if who == "manager" else f.user("root", is_superuser=True)
    assert may_hand_over(by, world.cn)  # while at work
    user_deactivate(user=by)
    by.refresh_from_db()
    assert not may_hand_over(by, world.cn) and not handover_candidates(by, world.cn).exists()
    with translation.override("en"), pytest.raises(CommandError, match=r"^--user: .* is deactivated"):
        call_command("handover", "--from", "alice", "--to", "bob", "--note", "离职", "--user", by.username)
    assert _owners(world.cn, world.en) == ["alice", "alice"]


def test_a_manager_at_work_still_hands_over(world):
    call_command("handover", "--from", "alice", "--to", "bob", "--note", "离职", "--user", "carol")
    assert _owners(world.cn, world.en) == ["bob", "bob"]
