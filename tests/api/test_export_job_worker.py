"""The API's export job says what the web's job page says: waiting with no worker alive, that none is
running and how to start one; its worker dead, failed (ops.selectors.no_worker_notice,
ops.services.notice_dead_workers)."""

from __future__ import annotations

from django.test.utils import override_settings
from django_tasks_db.models import DBTaskResult

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_queued_export_says_no_worker_is_running(owner_api, world, settings):
    settings.LANGUAGE_CODE = "en"
    with override_settings(TASKS=DB_QUEUE):
        job = owner_api.post(
            f"/api/accounts/{world.cn.slug}/exports", {"format": "json", "lang": "en"}
        ).json()
        state = owner_api.get(f"/api/accounts/{world.cn.slug}/exports/{job['id']}").json()
    assert state["status"] == "queued"
    assert "No background worker is running: start one with `battlemap worker`" in state["notice"]


def test_an_export_whose_worker_died_is_failed_when_polled(owner_api, world):
    with override_settings(TASKS=DB_QUEUE):
        job = owner_api.post(f"/api/accounts/{world.cn.slug}/exports", {"format": "json"}).json()
        DBTaskResult.objects.ready().get().claim("killed-worker")
        state = owner_api.get(f"/api/accounts/{world.cn.slug}/exports/{job['id']}").json()
    assert state["status"] == "failed" and state["problems"] and state["notice"] is None
