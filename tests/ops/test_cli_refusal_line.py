"""A command's refusal at the shell is one line naming the command, in the CLI's language — Django printed its
class name first: `CommandError: 没有标识为 'nope' 的客户…` (trial s38)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from battlemap.cli import main


def refusal(capsys, *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as ended:
        main(list(argv))
    return ended.value.code, capsys.readouterr().err


@pytest.mark.django_db
def test_a_refusal_names_the_command_not_its_exception_class(capsys):
    with translation.override("zh-hans"):
        code, said = refusal(capsys, "analyze", "nope")
    assert code == 1
    assert said == "battlemap analyze: 没有标识为 'nope' 的客户（见 `battlemap accounts`）\n"


def test_a_missing_file_is_said_the_same_way(capsys, tmp_path):
    with translation.override("en"):
        code, said = refusal(capsys, "restore", str(tmp_path / "nope.json"))
    assert code == 1
    assert said == f"battlemap restore: {tmp_path / 'nope.json'}: no such file\n"
    assert "CommandError" not in said


@pytest.mark.django_db
def test_code_calling_a_command_still_gets_the_error():
    with translation.override("en"), pytest.raises(CommandError, match="no account with slug 'nope'"):
        call_command("analyze", "nope")
