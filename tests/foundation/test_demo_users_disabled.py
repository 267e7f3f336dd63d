"""An installation that once loaded the demo keeps its users demo / demo and manager / manager — passwords the
README publishes — after it goes into production use (an operator's trial). `battlemap check` and every
`serve` start warn while an active demo user still has its published password; `battlemap demo --disable --to
USER` disables them (deactivated, never deleted) and hands the accounts they own to USER, or refuses without
one, naming the accounts: nothing of theirs is lost."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from battlemap.accounts.models import Account
from battlemap.demo.loader import load_demo
from battlemap.teams.services import membership_add, team_create
from battlemap.users.services import token_create
from tests import factories as f
from tests.ops.helpers import ROOT, bm, env_for, migrated

User = get_user_model()


@pytest.fixture
def demo(db):
    load_demo()


def _checked() -> str:
    err = StringIO()
    with translation.override("en"):
        call_command("check", stdout=StringIO(), stderr=err)
    return err.getvalue()


def _run(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out)
    return out.getvalue()


def test_check_warns_while_a_demo_user_has_its_published_password(demo):
    said = _checked()
    assert "demo.W001" in said and "demo, manager" in said and "battlemap demo --disable --to USER" in said
    manager = User.objects.get(username="manager")
    manager.set_password("a password of our own 7")  # noqa: S106
    manager.save()
    said = _checked()
    assert "demo.W001" in said and "demo, manager" not in said and "user demo still has" in said


def test_disable_refuses_without_a_new_owner_for_the_demos_accounts_and_changes_nothing(demo):
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("demo", "--disable", stdout=StringIO())
    assert "--to: demo own the accounts hdny, northwind" in str(refused.value)
    assert set(User.objects.filter(is_active=True).values_list("username", flat=True)) == {"demo", "manager"}
    with translation.override("en"), pytest.raises(CommandError, match="not a demo user"):
        call_command("demo", "--disable", "--to", "manager", stdout=StringIO())


def test_disable_hands_the_accounts_over_and_no_one_signs_in_as_the_demo_users(demo, client):
    alice = f.user("alice", password="Correct-horse-9")  # noqa: S106
    demo_user = User.objects.get(username="demo")
    token = token_create(user=demo_user)
    said = _run("demo", "--disable", "--to", "alice")
    assert "disabled the demo users demo, manager" in said and "handed over to alice: hdny, northwind" in said
    assert set(Account.objects.values_list("owner__username", flat=True)) == {"alice"}
    assert not User.objects.filter(username__in=("demo", "manager"), is_active=True).exists()
    assert User.objects.filter(username__in=("demo", "manager")).count() == 2  # kept: what they wrote stays
    assert not client.login(username="demo", password="demo")  # noqa: S106
    api = client.get("/api/accounts", HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    assert api.status_code == 401
    assert "demo.W001" not in _checked()
    assert "nothing changed" in _run("demo", "--disable")  # once is enough
    assert alice.is_active


def test_disable_says_which_teams_are_left_with_no_active_manager(demo):
    from battlemap.teams.models import Membership

    teams = Membership.objects.filter(user__username="manager", role="manager").values_list(
        "team__name", flat=True
    )
    assert teams  # the demo's manager manages the demo's team
    f.user("alice", password="Correct-horse-9")  # noqa: S106
    # a team the demo's manager manages beside an active manager of its own is not named
    shared = team_create(name="Shared desk")
    membership_add(team=shared, user=User.objects.get(username="manager"), role="manager")
    membership_add(team=shared, user=f.user("bob"), role="manager")
    err = StringIO()
    with translation.override("en"):
        call_command("demo", "--disable", "--to", "alice", stdout=StringIO(), stderr=err)
    said = err.getvalue()
    assert f"no active user manages {', '.join(sorted(teams))} now" in said and "--manager" in said
    assert "Shared desk" not in said


def test_serve_warns_on_start_while_the_demo_password_works(tmp_path):
    env = env_for(tmp_path / "var")
    migrated(env)
    code = "from battlemap.demo.loader import load_demo; load_demo()"
    bm(env, "shell", "-v0", "-c", code)
    server = subprocess.Popen(
        [sys.executable, "-m", "battlemap", "serve", "--no-worker", "--port", "0"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        said, started = "", time.monotonic()
        while "demo.W001" not in said and time.monotonic() - started < 120 and server.poll() is None:
            said += server.stderr.readline()
        assert "demo.W001" in said and "demo, manager" in said, said
    finally:
        server.terminate()
        server.wait(timeout=120)  # gunicorn lets its workers finish (30 s grace): slower on a loaded machine


def test_with_json_logs_the_start_warning_is_one_json_line(tmp_path):
    """LOG_FORMAT=json: a log collector reads standard error as JSON lines; the demo warning of `serve` and of
    the worker it starts was Django's text, five lines at each start."""
    env = env_for(tmp_path / "var", LOG_FORMAT="json")
    migrated(env)
    bm(env, "shell", "-v0", "-c", "from battlemap.demo.loader import load_demo; load_demo()")
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = str(free.getsockname()[1])
    server = subprocess.Popen(
        [sys.executable, "-m", "battlemap", "serve", "--no-worker", "--port", port],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        lines, started = [], time.monotonic()
        while not any("Booting worker" in line for line in lines) and time.monotonic() - started < 120:
            if server.poll() is not None:
                break
            lines.append(server.stderr.readline())
        said = [line for line in lines if line.strip()]
        assert any("demo.W001" in line for line in said), said
        assert [line for line in said if not line.startswith("{")] == []  # every line JSON
        records = [json.loads(line) for line in said]
        warning = next(r for r in records if "demo.W001" in r["message"])
        assert warning["level"] == "warning" and warning["logger"] == "django.core.checks"
    finally:
        server.terminate()
        server.wait(timeout=120)  # gunicorn lets its workers finish (30 s grace): slower on a loaded machine
