"""A command's refusal at the shell is one line naming the command, in the CLI's language — Django printed its
class name first: `CommandError: 没有标识为 'nope' 的客户…` (trial s38)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.ops.helpers import bm, env_for, migrated


def refusal(tmp_path, language: str, *argv: str) -> tuple[int, str]:
    """`battlemap ARGV` typed at the shell (a child process: in this one, Django's setup would bind its log
    handler to this test's captured stderr) on a migrated database, in `language`: its exit status and stderr."""
    env = env_for(tmp_path / "var", LANGUAGE_CODE=language)
    migrated(env)
    done = bm(env, *argv, check=False)
    return done.returncode, done.stderr


def test_a_refusal_names_the_command_not_its_exception_class(tmp_path):
    code, said = refusal(tmp_path, "zh-hans", "analyze", "nope")
    assert code == 1
    assert said == "battlemap analyze: 没有标识为 'nope' 的客户（见 `battlemap accounts`）\n"


def test_a_missing_file_is_said_the_same_way(tmp_path):
    code, said = refusal(tmp_path, "en", "restore", str(tmp_path / "nope.json"))
    assert code == 1
    assert said == f"battlemap restore: {tmp_path / 'nope.json'}: no such file\n"
    assert "CommandError" not in said


@pytest.mark.django_db
def test_code_calling_a_command_still_gets_the_error():
    with translation.override("en"), pytest.raises(CommandError, match="no account with slug 'nope'"):
        call_command("analyze", "nope")
