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


def test_healthz_is_degraded_naming_the_disk_when_free_space_is_below_the_threshold(client, db, settings):
    """An operator's trial: on a full disk every save failed while /healthz said ok (it only reads). The probe
    now reads the free space (statvfs: no write, no lock) of the disks Battlemap writes to."""
    settings.HEALTH_MIN_FREE_MB = 1e12  # a terabyte more than any disk here has: "nearly full"
    answer = client.get("/healthz")
    report = answer.json()
    # degraded for the load balancer: saves still work, and every server on that disk would leave its rotation
    assert answer.status_code == 200 and report["status"] == "degraded" and report["disk"] == "low"
    assert report["database"] == "ok"  # reads still work
    assert "HEALTH_MIN_FREE_MB (1,000,000,000,000 MB)" in report["reason"] and "var" in report["reason"]
    assert report["disk_free_mb"]["var"] < 1e12
    strict = client.get("/healthz?strict=1")  # the monitor's probe
    assert strict.status_code == 503 and strict.json()["disk"] == "low"


def test_healthz_says_the_free_space_and_stays_up_above_the_threshold_or_unchecked(client, db, settings):
    report = client.get("/healthz").json()
    assert report["disk"] == "ok" and report["disk_free_mb"]["var"] > 0 and report["status"] != "down"
    settings.HEALTH_MIN_FREE_MB = 0  # not checked
    assert client.get("/healthz").json()["disk"] == "ok"


def test_healthz_says_why_it_is_degraded_without_a_live_worker(client, db, settings):
    """An IT administrator's trial: the web server just started, /healthz said "degraded" and nothing said why
    or what to start. Degraded is right — pages work, every export, large import and mail upload waits — and
    the report now says so, as it names a low disk."""
    from datetime import timedelta

    from django.utils import timezone

    from battlemap.ops.models import WorkerBeat
    from battlemap.ops.services import worker_beat

    settings.HEALTH_MIN_FREE_MB = 0
    with override_settings(TASKS=DB_QUEUE):
        report = client.get("/healthz").json()
        assert report["status"] == "degraded" and report["worker"] == "none"
        assert "no worker is running" in report["reason"] and "`battlemap worker`" in report["reason"]
        assert "exports" in report["reason"]

        worker_beat(worker_id="w1", started_at=timezone.now())
        report = client.get("/healthz").json()
        assert report["status"] == "ok" and "reason" not in report

        late = timezone.now() - timedelta(seconds=settings.WORKER_STALE_SECONDS + 5)
        WorkerBeat.objects.filter(worker_id="w1").update(beat_at=late)  # it stopped beating
        report = client.get("/healthz").json()
        assert report["status"] == "degraded" and report["worker"] == "stale"
        assert f"WORKER_STALE_SECONDS ({settings.WORKER_STALE_SECONDS} s)" in report["reason"]
