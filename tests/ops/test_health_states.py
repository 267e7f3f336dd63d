"""/healthz for a monitor: `worker` none when no worker ever beat (not stale), and a strict probe failing
with no worker is logged once as a warning, not as an ERROR per poll; `serve` and `worker` refuse a
database that lacks migrations, naming `battlemap migrate`, with a non-zero exit."""

from __future__ import annotations

import logging

from django.test.utils import override_settings

from tests.ops.helpers import bm, env_for

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_healthz_says_none_when_no_worker_ever_ran(client, db):
    with override_settings(TASKS=DB_QUEUE):
        report = client.get("/healthz").json()
    assert report["worker"] == "none" and report["status"] == "degraded"


def test_a_strict_probe_without_worker_warns_once_not_an_error_per_poll(client, db, caplog):
    with override_settings(TASKS=DB_QUEUE), caplog.at_level(logging.WARNING):
        answers = [client.get("/healthz?strict=1") for _ in range(3)]
    assert {a.status_code for a in answers} == {503} and answers[0]["Content-Type"] == "application/json"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len([r for r in caplog.records if "/healthz answers 503" in r.getMessage()]) <= 1


def test_serve_and_worker_refuse_a_database_never_migrated(tmp_path):
    env = env_for(tmp_path)
    for command in (["serve", "--port", "8853", "--no-worker"], ["worker"]):
        done = bm(env, *command, check=False, timeout=120)
        assert done.returncode != 0, command
        assert "not applied to this database: run `battlemap migrate` first" in done.stderr, command
