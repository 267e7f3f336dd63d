"""A second account of a name one sees is a question on every road: the web asked, the API created it with a 201
and the CLI in silence (a fresh reviewer's finding) — the rule is `accounts.services.check_no_namesake`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from battlemap.accounts.models import Account

pytestmark = pytest.mark.django_db

NAME = "国电智慧能源集团有限公司"  # the world's 国电智慧能源集团 with its legal form


def test_the_api_asks_before_a_second_account_of_a_name(world, owner_api):
    response = owner_api.post("/api/accounts", {"name": NAME}, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "name" and f"国电智慧能源集团 ({world.cn.slug})" in error["message"]
    assert "another_account" in error["message"]
    assert Account.objects.count() == 3
    created = owner_api.post("/api/accounts", {"name": NAME, "another_account": True})
    assert created.status_code == 201 and "another_account" not in created.json()
    assert Account.objects.filter(name=NAME).count() == 1


def test_an_account_one_cannot_see_is_neither_asked_about_nor_named(world, outsider_api):
    response = outsider_api.post("/api/accounts", {"name": NAME})
    assert response.status_code == 201 and world.cn.slug not in response.content.decode()


def test_a_patch_or_put_takes_no_another_account(world, owner_api):
    body = owner_api.get(f"/api/accounts/{world.en.slug}").json()
    response = owner_api.patch(
        f"/api/accounts/{world.en.slug}", {"another_account": True, "version": body["version"]}
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "another_account"


def test_the_command_line_asks_too(world):
    out = StringIO()
    with (
        translation.override("en"),
        pytest.raises(CommandError, match=r"already sees .*\(guodian\).*--another"),
    ):
        call_command("create-account", "gd2", "--name", NAME, "--owner", "alice", stdout=out)
    assert not Account.objects.filter(slug="gd2").exists()
    call_command("create-account", "gd2", "--name", NAME, "--owner", "alice", "--another", stdout=out)
    assert Account.objects.get(slug="gd2").name == NAME
