"""What an administrator met on the command line (trial 20, findings 12, 13, 15): `createuser` never needs the
password on the command line, checks the e-mail and makes a team only when told; `export`, `export-map` and
`backup` write personal data 0600; `import-map` without a user for the file's owner says to pass --owner."""

from __future__ import annotations

import io
import json
import os
import sys
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from battlemap.teams.models import Team

GOOD = "Wide-river-42"


def run(*args) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out)
    return out.getvalue()


def mode(path) -> str:
    return oct(os.stat(path).st_mode & 0o777)


def test_createuser_reads_the_password_from_stdin(db, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD + "\n"))
    assert "created user ann" in run("createuser", "ann", "--password-stdin")
    assert get_user_model().objects.get(username="ann").check_password(GOOD)


def test_a_weak_password_read_from_stdin_is_refused_naming_that_option(db, monkeypatch):
    # third trial: the refusal named --password, which was not given
    monkeypatch.setattr("sys.stdin", io.StringIO("lina-lina-2026\n"))
    with pytest.raises(CommandError, match="^--password-stdin: .*user name"):
        run("createuser", "lina", "--password-stdin")
    assert not get_user_model().objects.filter(username="lina").exists()


def test_createuser_refuses_a_name_the_admin_would_refuse_before_asking_the_password(db, monkeypatch):
    # second trial: `createuser "a b"` made a user the admin's form refuses (a space in the name)
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD + "\n"))
    with pytest.raises(CommandError, match="NAME: Enter a valid username"):
        run("createuser", "a b", "--password-stdin")
    assert not get_user_model().objects.filter(username="a b").exists()
    assert sys.stdin.read() == GOOD + "\n"  # refused before the password was read
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD + "\n"))
    assert "created user 王小明" in run("createuser", "王小明", "--password-stdin")  # letters of any script


def test_createuser_asks_the_password_twice_without_an_option(db, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    answers = iter([GOOD, GOOD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    run("createuser", "ann")
    assert get_user_model().objects.get(username="ann").check_password(GOOD)


def test_createuser_refuses_two_different_answers(db, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    answers = iter([GOOD, GOOD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    with pytest.raises(CommandError, match="--password: the two passwords differ"):
        run("createuser", "ann")
    assert not get_user_model().objects.filter(username="ann").exists()


@pytest.mark.parametrize("key", [EOFError, KeyboardInterrupt])  # Ctrl-D, Ctrl-C
def test_leaving_the_password_prompt_says_no_user_was_created(db, monkeypatch, key):
    # review 35: a Python traceback ending in EOFError or KeyboardInterrupt
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)

    def pressed(prompt=""):
        raise key

    monkeypatch.setattr("getpass.getpass", pressed)
    with pytest.raises(CommandError, match="^cancelled at the password prompt: no user was created$"):
        run("createuser", "ann")
    assert not get_user_model().objects.filter(username="ann").exists()


def test_createuser_without_a_terminal_says_to_use_stdin(db, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="--password-stdin"):
        run("createuser", "ann")


def test_createuser_refuses_a_bad_email(db):
    with pytest.raises(CommandError, match="--email: Enter a valid email address"):
        run("createuser", "ann", "--password", GOOD, "--email", "notanemail")
    assert not get_user_model().objects.filter(username="ann").exists()


def test_createuser_refuses_a_name_that_differs_only_in_letter_case(db):
    """An administrator's trial made qianwu and QianWu, both then offered in every list of users."""
    run("createuser", "qianwu", "--password", GOOD)
    for other in ("QianWu", "ＱｉａｎＷｕ"):  # full-width letters are stored as the plain ones (NFKC)
        with pytest.raises(CommandError, match="a user named 'qianwu' already exists"):
            run("createuser", other, "--password", GOOD)
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["qianwu"]


@pytest.mark.parametrize("option", ["--manager", "--create-team"])
def test_createuser_refuses_a_team_option_without_a_team(db, option):
    """`--manager` without `--team` made a plain user and said nothing (the trial's exit 0)."""
    with pytest.raises(CommandError, match=f"^{option}: it needs --team T"):
        run("createuser", "ann", "--password", GOOD, option)
    assert not get_user_model().objects.filter(username="ann").exists()


def test_createuser_refuses_an_unknown_team_naming_the_teams(world):
    with pytest.raises(CommandError) as refused:
        run("createuser", "ann", "--password", GOOD, "--team", "eats")
    assert "--team: no team with slug or name 'eats' (the teams: east); --create-team makes it" == str(
        refused.value
    )
    assert not Team.objects.filter(slug="eats").exists()
    assert not get_user_model().objects.filter(username="ann").exists()


def test_createuser_makes_a_team_only_with_create_team_and_says_it_is_new(db):
    with pytest.raises(CommandError, match="there is no team yet"):
        run("createuser", "ann", "--password", GOOD, "--team", "north")
    out = run("createuser", "ann", "--password", GOOD, "--team", "north", "--create-team")
    assert out.strip() == "created user ann as member of the new team north (north)"
    out = run("createuser", "bea", "--password", GOOD, "--team", "north", "--create-team")
    assert (
        out.strip() == "created user bea as member of team north (north)"
    )  # it exists now: joined, not made


@pytest.mark.parametrize(
    "command",
    [
        ["export-map", "guodian", "-o"],
        ["export", "guodian", "--format", "json", "-o"],
        ["backup"],
    ],
)
def test_personal_data_is_written_for_its_owner_only(world, tmp_path, command):
    path = tmp_path / "out.file"
    path.write_text("old")
    path.chmod(0o644)  # an existing file's mode is not kept
    run(*command, str(path))
    assert mode(path) == "0o600"
    assert path.stat().st_size > 3


def test_import_map_says_to_pass_owner_with_the_other_problems(world, tmp_path):
    path = tmp_path / "map.json"
    call_command("export-map", "guodian", "-o", str(path))
    data = json.loads(path.read_text())
    data["account"]["owner"] = "demo"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError) as refused:
        run("import-map", str(path), "--as", "Bad Slug!", "--team", "ghostteam")
    lines = str(refused.value).splitlines()
    assert lines[0] == "the file's owner 'demo' is no user here: pass --owner USER"
    assert lines[1].startswith("--as: Enter a valid “slug”")
    assert lines[2] == "--team: no team with slug 'ghostteam'"
    out = run("import-map", str(path), "--as", "gd2", "--owner", "bob")
    assert out.startswith("gd2\t")
