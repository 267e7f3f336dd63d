"""A page view while the database is busy (SQLite locked by a long write): the session's idle-time stamp,
which a GET writes once a minute, not saved is no failure; a session change that cannot be saved is said in
the reader's language, never Django's bare "Bad Request (400)"."""

from __future__ import annotations

import time

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError

from battlemap.core.middleware import IDLE_KEY

pytestmark = pytest.mark.django_db


def _busy_database(monkeypatch) -> None:
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Session, "save", locked)


def _stamped_long_ago(client) -> None:
    session = client.session
    session[IDLE_KEY] = int(time.time()) - 120  # the next request stamps it again
    session.save()


def test_a_page_view_works_when_its_idle_stamp_cannot_be_saved(owner_client, monkeypatch):
    _stamped_long_ago(owner_client)
    _busy_database(monkeypatch)
    response = owner_client.get("/accounts/guodian/")
    assert response.status_code == 200


def test_a_session_change_that_cannot_be_saved_is_said_not_a_bare_400(rf):
    """Django turns a session it could not save into SessionInterrupted, a 400 (urls.handler400)."""
    from django.contrib.sessions.exceptions import SessionInterrupted
    from django.utils import translation

    from battlemap.core.errors import bad_request

    with translation.override("en"):
        response = bad_request(rf.get("/accounts/"), SessionInterrupted("saving the session failed"))
        api = bad_request(rf.get("/api/accounts"), SessionInterrupted("saving the session failed"))
    page = response.content.decode()
    assert response.status_code == 503 and "The database is busy" in page and "Bad Request" not in page
    assert api.status_code == 503 and b"busy" in api.content
