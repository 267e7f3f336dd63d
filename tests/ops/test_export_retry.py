"""An export that broke in the worker by an unexpected error (logged) fails saying so, in the viewer's
language, and its page offers a retry that runs it once again (ops.services.task_retry) — as a dead worker's
export does. On the database queue, in one process."""

from __future__ import annotations

from django.test.utils import override_settings
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from battlemap.io.jobs import job_state
from battlemap.ops.services import task_retry
from battlemap.ops.task_states import FAILED_RETRIED, RETRYABLE

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _run_queued() -> DBTaskResult:
    task = DBTaskResult.objects.ready().first()
    task.claim("test-worker")
    Worker(queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
           max_tasks=None, worker_id="test-worker", excluded_queue_names=[]).run_task(task)  # fmt: skip
    return DBTaskResult.objects.get(pk=task.pk)


def test_a_broken_export_offers_a_retry_that_runs_once(owner_client, world, monkeypatch):
    url = f"/accounts/{world.cn.slug}/io/export/json/"
    with override_settings(TASKS=DB_QUEUE):
        job = owner_client.post(url, {"lang": "en"})["Location"]
        token = job.rstrip("/").rsplit("/", 1)[-1]
        with monkeypatch.context() as patched:
            patched.setattr("battlemap.io.export.jobs.export_account", _assertion_error)
            first = _run_queued()
        assert first.return_value == RETRYABLE
        for lang, said in (
            ("en", "The export stopped: An unexpected error"),
            ("zh-hans", "导出中止：发生了意外错误"),
        ):
            page = owner_client.get(job, HTTP_ACCEPT_LANGUAGE=lang)
            text = page.content.decode()
            assert page.context["can_retry"] and said in text and "AssertionError" not in text
            assert ("Retry the export" if lang == "en" else "重试导出") in text

        assert owner_client.post(f"{job}retry/").status_code == 302
        assert job_state(token)["status"] == "queued" and DBTaskResult.objects.ready().count() == 1
        assert DBTaskResult.objects.get(pk=first.pk).exception_class_path == FAILED_RETRIED
        assert task_retry(task_id=str(first.pk)) is None  # once only
        _run_queued()
        assert owner_client.get(job).context["state"]["status"] == "done"
        owner_client.post(f"{job}retry/")  # a finished job runs nothing again
        assert DBTaskResult.objects.ready().count() == 0


def _assertion_error(*args, **kwargs):
    raise AssertionError("a renderer's bug")


def test_only_who_asked_may_retry(world, client, monkeypatch):
    with override_settings(TASKS=DB_QUEUE):
        client.force_login(world.owner)
        job = client.post(f"/accounts/{world.cn.slug}/io/export/json/", {"lang": "en"})["Location"]
        monkeypatch.setattr("battlemap.io.export.jobs.export_account", _assertion_error)
        _run_queued()
        client.force_login(world.teammate)  # may see the account, did not ask
        page = client.get(job)
        assert page.status_code == 200 and not page.context["can_retry"]
        assert client.post(f"{job}retry/").status_code == 404
        assert DBTaskResult.objects.ready().count() == 0
