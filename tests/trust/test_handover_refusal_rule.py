"""An owner handing an account to someone who may not take it is told the handover's rule — a member of the
account's team — not account creation's "the new owner must be you or a member of the account's team": an
operator's `handover --from demo --to … --user demo` read "you" where the owner cannot be the new owner."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests import factories as f


def _refusal(*arguments: str, lang: str = "en") -> str:
    with translation.override(lang), pytest.raises(CommandError) as refused:
        call_command("handover", *arguments, "--note", "交接")
    return str(refused.value)


def test_the_owner_handing_to_someone_off_the_team_is_told_the_team_rule_naming_to(world):
    said = _refusal(world.cn.slug, "--to", "mallory", "--user", "alice")
    assert said == (
        "--to: Its owner hands the account to an active member of its team; a manager of that team, or an "
        "administrator, may give it to someone else."
    )
    # every account of hers: the first that refuses is named (Northwind, shared with no team)
    said = _refusal("--from", "alice", "--to", "mallory", "--user", "alice")
    assert (
        said.startswith(f"--to: {world.en.name}: The account is shared with no team")
        and "must be you" not in said
    )
    said = _refusal(world.cn.slug, "--to", "mallory", "--user", "alice", lang="zh-hans")
    assert "负责人只能把客户交给其所属团队中在职的成员" in said
    world.cn.refresh_from_db()
    assert world.cn.owner == world.owner


def test_an_account_shared_with_no_team_says_so(world):
    alone = f.account(owner=world.owner, slug="alone", name="独家客户", team=None)
    said = _refusal(alone.slug, "--to", "bob", "--user", "alice")
    assert "shared with no team" in said


def test_the_api_answers_an_unknown_user_as_one_who_may_not_take_it(world, owner_api):
    for to in ("nobody", "mallory"):
        response = owner_api.post(
            f"/api/accounts/{world.cn.slug}/handover",
            {"to": to, "note": "交接"},
            headers={"Accept-Language": "en"},
        )
        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert error["field"] == "to" and error["message"].startswith("Its owner hands the account")
