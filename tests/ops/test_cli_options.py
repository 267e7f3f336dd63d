"""The commands read their options one way (API trial, sixth round): `analyze --lang zh-CN` worked while
`export --lang zh-hans` and `import --lang zh-CN` were refused; `import --no-wait` without `--background` was
ignored with exit status 0; `token list` printed UTC where every other road prints the installation's time."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from battlemap.users.services import token_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["zh-hans", "zh-CN", "zh", "en-GB"])
def test_every_command_reads_lang_as_the_api_does(world, tmp_path, lang):
    out = tmp_path / "x.json"
    call_command("export", world.cn.slug, "--format", "json", "-o", str(out), "--lang", lang, verbosity=0)
    assert json.loads(out.read_text())["people"]
    stdout = io.StringIO()
    call_command("analyze", world.cn.slug, "--lang", lang, stdout=stdout)
    assert stdout.getvalue()


@pytest.mark.parametrize("command", [["export", "--format", "json", "-o", "/tmp/x.json"], ["analyze"]])
def test_an_unknown_language_is_refused_naming_the_option(world, command):
    name, *rest = command
    with pytest.raises(CommandError) as refused:
        call_command(name, world.cn.slug, *rest, "--lang", "fr")
    assert "--lang" in str(refused.value) and "'fr'" in str(refused.value)


def test_no_wait_without_background_is_refused(world, tmp_path):
    people = tmp_path / "p.csv"
    people.write_text("姓名\n赵六\n", encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("import", str(people), "--account", world.cn.slug, "--no-wait")
    assert "--no-wait" in str(refused.value) and "--background" in str(refused.value)


def test_token_list_prints_the_installation_s_time(world):
    made = token_create(user=world.owner, name="script").token
    used = datetime(2026, 12, 3, 19, 11, tzinfo=UTC)
    type(made).objects.filter(pk=made.pk).update(last_used=used)
    stdout = io.StringIO()
    call_command("token", "list", world.owner.username, stdout=stdout)
    assert f"last used {timezone.localtime(used):%Y-%m-%d %H:%M}" in stdout.getvalue()


def test_export_speaks_the_language_of_its_file(world, tmp_path):
    """`export --lang en` wrote an English file but said its steps in Chinese (fresh review, sixth round)."""
    err = io.StringIO()
    call_command("export", world.cn.slug, "--format", "json", "-o", str(tmp_path / "x.json"), "--lang", "en",
                 stderr=err, verbosity=2)  # fmt: skip
    assert "people; making the JSON" in err.getvalue() and "步" not in err.getvalue()
