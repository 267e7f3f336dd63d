"""Every job page (map import, people import, export) notices a dead worker the same way
(ops.services.notice_dead_workers): with no other worker left to notice, the job whose worker was killed
fails on its own page within WORKER_STALE_SECONDS, instead of showing its last progress forever; and a job
waiting with no worker alive says so (ops.selectors.no_worker_notice), on the web, the API and the CLI."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests import factories as f

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAP = {
    "format_version": 1,
    "account": {"slug": "fresh", "name": "Map fresh", "lifecycle": "prospect", "portrait": {}},
    "org_units": [],
    "people": [{"id": 1, "name": "人1"}, {"id": 2, "name": "人2"}],
    "influence_links": [],
    "external_factors": [],
    "decision_bodies": [],
}


def test_an_export_whose_worker_died_fails_on_its_page(owner_client, world, settings):
    settings.LANGUAGE_CODE = "en"
    with override_settings(TASKS=DB_QUEUE):
        job = owner_client.post(f"/accounts/{world.cn.slug}/io/export/json/", {"lang": "en"})["Location"]
        DBTaskResult.objects.ready().get().claim("killed-worker")  # died before writing any progress
        page = owner_client.get(job, HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["state"]["status"] == "failed" and page.context["can_retry"]


class _StoppedWaiting(Exception):
    pass


def test_import_background_with_no_worker_says_so_instead_of_waiting_silently(world, tmp_path, monkeypatch):
    import importlib
    import io

    from django.core.management import call_command
    from django.utils import translation

    people = tmp_path / "ppl.csv"
    people.write_text("姓名,职位\n员工1,工程师\n", encoding="utf-8")
    command = importlib.import_module("battlemap.io.management.commands.import")
    waits = []

    def sleep(seconds):  # the command waits for a worker; stop it after a few polls
        waits.append(seconds)
        if len(waits) > 3:
            raise _StoppedWaiting

    monkeypatch.setattr(command.time, "sleep", sleep)
    err = io.StringIO()
    with override_settings(TASKS=DB_QUEUE), translation.override("en"):
        try:
            call_command("import", str(people), "--account", world.cn.slug, "--background", stderr=err)
        except _StoppedWaiting:
            pass
    said = err.getvalue()
    assert "queued" in said
    assert said.count("No background worker is running: start one with `battlemap worker`") == 1


def test_jobs_retry_refuses_a_dead_map_import_as_its_page_offers_none(client, db):
    """The map import deletes its upload when its worker dies (its page says: import the file again), so the
    CLI refuses the retry clearly instead of queueing a run that fails with FileNotFoundError."""
    import io

    import pytest
    from django.core.management import CommandError, call_command
    from django.utils import translation

    from battlemap.ops.services import fail_dead_tasks, task_retry

    client.force_login(f.user("zhou"))
    with override_settings(TASKS=DB_QUEUE):
        client.post(
            reverse("account_import"), {"file": SimpleUploadedFile("m.json", json.dumps(MAP).encode())}
        )
        task = DBTaskResult.objects.ready().get()
        task.claim("killed-worker")
        assert fail_dead_tasks() == 1
        with translation.override("en"), pytest.raises(CommandError, match="offers no retry"):
            call_command("jobs", "--retry", str(task.pk), stdout=io.StringIO())
        assert task_retry(task_id=str(task.pk)) is None  # the web cannot either
        assert not DBTaskResult.objects.ready().exists()


def test_jobs_limit_below_one_is_refused_without_a_traceback(db):
    import io

    import pytest
    from django.core.management import CommandError, call_command
    from django.utils import translation

    with override_settings(TASKS=DB_QUEUE), translation.override("en"):
        with pytest.raises(CommandError, match=r"--limit -3.*1 or more"):
            call_command("jobs", "--limit", "-3", stdout=io.StringIO())
