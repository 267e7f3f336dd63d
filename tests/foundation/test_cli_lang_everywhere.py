"""README: `--lang` reads as the API's `?lang=` on every command. Only analyze, export, import, undo-import and demo
took it: `battlemap accounts --lang en`, `jobs --lang en`, `token list demo --lang en` and the others stopped with
argparse's "unrecognized arguments". Every Battlemap command now takes it (core.cli.TranslatedCommand) and says
what it says in that language, whatever the installation's."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.ops.helpers import bm, env_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("command", "args", "said_en", "said_zh"),
    [
        ("accounts", ["--user", "nobody"], "no user named 'nobody'", "没有名为 'nobody' 的用户"),
        ("restore-account", ["nope"], "no deleted account 'nope'", "没有标识为 'nope' 的已删除客户"),
        ("export-map", ["nope"], "no account with slug 'nope'", "没有标识为 'nope' 的客户"),
    ],
)
def test_a_command_that_took_no_lang_says_its_refusal_in_the_language_asked(command, args, said_en, said_zh):
    for lang, said, installed in (("en", said_en, "zh-hans"), ("zh-CN", said_zh, "en")):
        with translation.override(installed), pytest.raises(CommandError) as refused:
            call_command(command, *args, "--lang", lang)
        assert said in str(refused.value)


def test_lang_after_a_subcommand_is_taken_too(tmp_path):
    env = env_for(tmp_path, LANGUAGE_CODE="zh-hans")
    bm(env, "migrate", "-v0")
    done = bm(env, "token", "list", "nobody", "--lang", "en", check=False)
    assert done.returncode == 1 and "no user named 'nobody'" in done.stderr, done.stderr
    bad = bm(env, "accounts", "--lang", "fr", check=False)
    assert bad.returncode == 2 and "--lang" in bad.stderr


def test_the_help_is_said_in_the_language_asked(tmp_path):
    """A new user typing `battlemap mail-infer --help --lang en` on a Chinese installation read the help in Chinese:
    argparse prints it while it reads the arguments, before the command took --lang. `--lang=zh` the other way."""
    zh = bm(env_for(tmp_path, LANGUAGE_CODE="zh-hans"), "mail-infer", "--help", "--lang", "en", check=False)
    assert "Infer seniority, decision makers" in zh.stdout and "根据已导入的邮件" not in zh.stdout
    assert "language of the messages" in zh.stdout
    en = bm(env_for(tmp_path, LANGUAGE_CODE="en"), "token", "--help", "--lang=zh", check=False)
    assert "API 令牌" in en.stdout, en.stdout
