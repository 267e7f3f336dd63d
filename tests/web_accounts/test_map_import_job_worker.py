"""The map import's job page notices a dead worker as every job page does (ops.services.notice_dead_workers):
with no other worker left, a map import whose only worker was killed fails on its own page instead of
showing its last progress forever; waiting with no worker alive, it says how to start one."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from battlemap.io.jobs import job_state, save_state
from battlemap.ops.services import worker_beat
from tests import factories as f
from tests.ops.test_job_pages_notice import DB_QUEUE, MAP


def test_a_map_import_whose_only_worker_was_killed_fails_on_its_own_page(client, db, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(f.user("zhou"))
    with override_settings(TASKS=DB_QUEUE):
        upload = {"file": SimpleUploadedFile("big.json", json.dumps(MAP).encode())}
        job = client.post(reverse("account_import"), upload)["Location"]
        token = job.rstrip("/").rsplit("/", 1)[-1]
        task = DBTaskResult.objects.ready().get()
        task.claim("killed-worker")  # it took the job, wrote its first progress, then was killed (-9)
        save_state(token, {**job_state(token), "status": "running", "done": 1, "total": 69})
        page = client.get(job, HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert 'data-status="failed"' in text
    assert "The background worker loading this map stopped before it finished" in text
    assert DBTaskResult.objects.get(pk=task.pk).status == "FAILED"


def test_a_map_import_of_a_live_worker_keeps_running(client, db):
    client.force_login(f.user("zhou"))
    with override_settings(TASKS=DB_QUEUE):
        job = client.post(
            reverse("account_import"), {"file": SimpleUploadedFile("m.json", json.dumps(MAP).encode())}
        )["Location"]
        token = job.rstrip("/").rsplit("/", 1)[-1]
        task = DBTaskResult.objects.ready().get()
        task.claim("busy-worker")
        worker_beat(worker_id="busy-worker", started_at=task.enqueued_at)
        save_state(token, {**job_state(token), "status": "running", "done": 1, "total": 69})
        page = client.get(job)
    assert 'data-status="running"' in page.content.decode()
    assert DBTaskResult.objects.get(pk=task.pk).status == "RUNNING"


def test_a_map_import_waiting_with_no_worker_says_how_to_start_one(client, db, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(f.user("zhou"))
    with override_settings(TASKS=DB_QUEUE):
        job = client.post(
            reverse("account_import"), {"file": SimpleUploadedFile("m.json", json.dumps(MAP).encode())}
        )["Location"]
        text = client.get(job, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No background worker is running: start one with `battlemap worker`" in text
