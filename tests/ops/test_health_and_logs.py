"""/healthz for load balancers, JSON logs by LOG_FORMAT=json, the token's "last used" written at most once a
minute (issue 18)."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

from django.test.utils import override_settings
from django.utils import timezone

from battlemap.ops.logging import JsonFormatter, TextFormatter
from battlemap.ops.services import worker_beat
from battlemap.users.models import ApiToken
from battlemap.users.services import token_create

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_healthz_needs_no_login_and_tells_no_account_data(client, world):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok" and body["status"] == "ok"
    text = response.content.decode()
    for secret in (world.cn.name, world.owner.username, world.cn.slug):
        assert secret not in text


def test_healthz_reports_a_stale_worker(client, db, settings):
    with override_settings(TASKS=DB_QUEUE):
        body = client.get("/healthz").json()
        assert body["worker"] == "none"  # no worker ever beat
        assert body["status"] == "degraded"
        assert client.get("/healthz").status_code == 200  # the app server itself is fine
        assert client.get("/healthz?strict=1").status_code == 503
        worker_beat(worker_id="w1", started_at=timezone.now())
        body = client.get("/healthz?strict=1").json()
        assert body["worker"] == "ok" and body["workers_alive"] == 1 and body["tasks_queued"] == 0


def test_healthz_says_503_when_the_database_is_unreachable(client, db, monkeypatch):
    from django.db import OperationalError

    class Unreachable:  # a PostgreSQL server that refuses connections
        vendor = "postgresql"

        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("battlemap.ops.selectors.connection", Unreachable())
    response = client.get("/healthz")
    assert response.status_code == 503
    report = response.json()
    assert {k: report[k] for k in ("database", "error", "status")} == {
        "database": "unreachable", "error": "OperationalError", "status": "down"
    }  # fmt: skip
    assert report["disk"] == "ok" and set(report["disk_free_mb"]) <= {"var", "uploads"}


def test_json_log_lines():
    record = logging.LogRecord(
        "battlemap.worker", logging.WARNING, __file__, 1, "task %s failed", ("x",), None
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "warning" and line["logger"] == "battlemap.worker"
    assert line["message"] == "task x failed" and line["time"].endswith("+00:00")
    atoms = {"m": "GET", "U": "/healthz", "s": "200", "B": "42", "h": "127.0.0.1", "L": "0.003"}
    access = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(h)s", (), None)
    access.args = atoms
    line = json.loads(JsonFormatter().format(access))
    assert line["method"] == "GET" and line["path"] == "/healthz" and line["status"] == 200


def test_text_log_lines_give_the_time_in_utc_as_the_json_ones():
    """An operator's trial: the text lines had the local time without an offset beside nginx's UTC."""
    record = logging.LogRecord(
        "battlemap.worker", logging.WARNING, __file__, 1, "task %s failed", ("x",), None
    )
    record.created, record.msecs = 1764827402.25, 250.0  # 2025-12-04 05:50:02.250 UTC
    line = TextFormatter().format(record)
    assert line == "2025-12-04T05:50:02.250Z WARNING battlemap.worker: task x failed"
    assert json.loads(JsonFormatter().format(record))["time"] == "2025-12-04T05:50:02.250+00:00"


def test_token_last_used_is_written_at_most_once_a_minute(world, client):
    new = token_create(user=world.owner)
    headers = {"Authorization": f"Bearer {new.secret}"}
    assert client.get("/api/accounts", headers=headers).status_code == 200
    first = ApiToken.objects.get(pk=new.token.pk).last_used
    assert client.get("/api/accounts", headers=headers).status_code == 200
    assert ApiToken.objects.get(pk=new.token.pk).last_used == first  # not written again
    ApiToken.objects.filter(pk=new.token.pk).update(last_used=first - timedelta(minutes=2))
    assert client.get("/api/accounts", headers=headers).status_code == 200
    assert ApiToken.objects.get(pk=new.token.pk).last_used > first - timedelta(minutes=1)
