"""A full disk (SQLite's "database or disk is full") as an operator's trial met it: reads go on, a write is
told in plain words that the server cannot save (503), not the generic 500."""

from __future__ import annotations

import logging
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection

from battlemap.users.models import ApiToken
from battlemap.users.services import token_create

DISK_FULL = "database or disk is full"


@contextmanager
def disk_full(statement: str = "UPDATE"):
    """The database refuses every statement starting with `statement`, as SQLite does on a full disk."""

    def refuse(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        if sql.lstrip().upper().startswith(statement):
            raise OperationalError(DISK_FULL)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


def test_token_reads_go_on_when_the_last_use_cannot_be_written(world, client, caplog):
    new = token_create(user=world.owner)
    headers = {"Authorization": f"Bearer {new.secret}"}
    with caplog.at_level(logging.WARNING, logger="battlemap.users.services"), disk_full():
        first = client.get("/api/accounts", headers=headers)
        second = client.get("/api/accounts", headers=headers)
    assert first.status_code == 200 and second.status_code == 200
    assert world.cn.slug in {a["slug"] for a in first.json()["items"]}
    warnings = [r for r in caplog.records if "last use not written" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING  # once, not per request
    assert ApiToken.objects.get(pk=new.token.pk).last_used is None
    assert client.get("/api/accounts", headers=headers).status_code == 200  # the disk freed: written again
    assert ApiToken.objects.get(pk=new.token.pk).last_used is not None


def test_an_api_write_on_a_full_disk_is_a_503_saying_so(world, client, caplog):
    headers = {"Authorization": f"Bearer {token_create(user=world.owner).secret}"}
    with caplog.at_level(logging.ERROR), disk_full("INSERT"):
        response = client.post(
            "/api/accounts/guodian/people", {"name": "张伟"}, content_type="application/json", headers=headers
        )
    assert response.status_code == 503 and response["Content-Type"].startswith("application/json")
    assert "磁盘已满" in response.json()["detail"]
    assert any(DISK_FULL in r.getMessage() for r in caplog.records)  # the administrator learns why


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh-hans", "磁盘已满"), ("en", "its disk is full")],
)
def test_a_sign_in_on_a_full_disk_is_a_503_page_saying_so(world, client, lang, words):
    with disk_full("INSERT"):
        response = client.post("/login/", {"username": "alice", "password": "pw"}, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 503
    assert words in response.content.decode()
