"""A read-only token (a BI tool's) exports an account of any size: past EXPORT_IN_REQUEST_MAX_PEOPLE the API
says to export it in a worker with `POST …/exports`, and that POST was a 403 "This token is read-only" — a
trial's BI tool could not export an account of 600 people at all. Starting an export changes no data (a manager
who reads only may already): that one route takes read-only tokens, declared on it; every other write refuses
them."""

from __future__ import annotations

import pytest

from battlemap.people.models import Person
from battlemap.users.services import token_create
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


def test_a_read_only_token_exports_a_big_account_in_a_worker(world, client, settings):
    settings.EXPORT_IN_REQUEST_MAX_PEOPLE = world.cn.people.count() - 1
    bi = Api(client, token_create(user=world.owner, name="BI", read_only=True).secret)
    assert (
        bi.get("/api/accounts/guodian/export/xlsx", headers=EN).status_code == 422
    )  # the worker's route, said

    started = bi.post("/api/accounts/guodian/exports", {"format": "xlsx", "lang": "en"}, headers=EN)
    assert started.status_code == 202, started.content
    state = bi.get(f"/api/accounts/guodian/exports/{started.json()['id']}").json()
    assert state["status"] == "done"
    file = bi.get(state["file_url"])
    assert file.status_code == 200 and file.content.startswith(b"PK")  # the workbook


def test_every_other_write_still_refuses_a_read_only_token(world, client):
    bi = Api(client, token_create(user=world.owner, name="BI", read_only=True).secret)
    job = bi.post("/api/accounts/guodian/exports", {"format": "json"}).json()["id"]
    for path, body in (
        ("/api/accounts/guodian/people", {"name": "新人"}),
        (f"/api/accounts/guodian/exports/{job}/retry", None),
        ("/api/accounts/guodian/handover", {"to": "bob"}),
    ):
        refused = bi.post(path, body, headers=EN)
        assert refused.status_code == 403 and "read-only" in refused.content.decode(), path
    assert not Person.objects.filter(name="新人").exists()
