"""Every change the `battlemap` command makes names its author in history, as a page's does: the `--user` given,
else "command line" (命令行) — a team's trial found CLI edits with no author on the timeline, which read as if
nobody had made them. The command line's author is a user no one can log in as."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from battlemap.accounts.models import Account
from battlemap.core.text import CLI_USERNAME
from battlemap.people.models import Person

pytestmark = pytest.mark.django_db

NOTE = "调岗交接"


def _timeline(world, lang: str) -> str:
    client = Client()
    client.force_login(world.owner)
    page = client.get(reverse("account_timeline", args=[world.cn.slug]), HTTP_ACCEPT_LANGUAGE=lang)
    return page.content.decode()


@pytest.mark.parametrize(("lang", "author"), [("en", "command line"), ("zh-hans", "命令行")])
def test_a_handover_without_user_is_by_the_command_line_on_the_timeline(world, lang, author):
    call_command("handover", "guodian", "--to", "bob", "--note", NOTE)
    last = Account.history.filter(id=world.cn.pk).latest()
    assert last.history_user.username == CLI_USERNAME
    timeline = _timeline(world, lang)
    entry = timeline[timeline.index(NOTE) - 2000 : timeline.index(NOTE) + 500]
    assert author in entry


def test_a_handover_with_user_is_by_that_user(world):
    call_command("handover", "guodian", "--to", "bob", "--note", NOTE, "--user", "carol")
    assert Account.history.filter(id=world.cn.pk).latest().history_user == world.manager


def test_an_import_without_user_is_by_the_command_line(world, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("姓名,职务\n赵六,采购经理\n", encoding="utf-8")
    call_command("import", str(people), "--account", "guodian", verbosity=0)
    created = Person.history.get(name="赵六", history_type="+")
    assert created.history_user.username == CLI_USERNAME
    api = Client()
    api.force_login(world.owner)
    changes = api.get("/api/accounts/guodian/changes?since=2000-01-01", HTTP_ACCEPT_LANGUAGE="en").json()
    made = [c for c in changes["changes"] if c["model"] == "person" and c["label"] == "赵六"]
    # the feed names authors by username, as a 409 and a 410 do: the command line's own (the pages say "command line")
    assert made and made[0]["by"] == CLI_USERNAME


def test_an_erasure_without_user_is_by_the_command_line(world):
    li = Person.objects.get(name="李明")
    call_command("person-erase", "guodian", str(li.pk), "--yes", verbosity=0)
    assert Person.history.filter(id=li.pk).latest().history_user.username == CLI_USERNAME


def test_no_one_logs_in_as_the_command_line(world, client):
    call_command("handover", "guodian", "--to", "bob", "--note", NOTE)
    author = Account.history.filter(id=world.cn.pk).latest().history_user
    assert not author.is_active and not author.has_usable_password()
    answer = client.post("/login/", {"username": CLI_USERNAME, "password": ""})
    assert "_auth_user_id" not in client.session and answer.status_code == 200
