"""Background imports on the database queue: a job whose worker died fails with a clear message, nothing
of it lands, and its page offers a retry that runs it once (issue 18). In one process: the worker's own
loop runs in tests/ops/test_worker_process.py."""

from __future__ import annotations

import io

import pytest
from django.test.utils import override_settings
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from battlemap.io.tabular.jobs import job_state, save_state
from battlemap.ops.services import fail_dead_tasks, worker_beat
from battlemap.people.models import Person
from tests.io.files import csv_bytes

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ROWS = 12


@pytest.fixture
def queued_job(owner_client, world, monkeypatch):
    """alice confirmed a large import on the database queue; (job page url, token)."""
    monkeypatch.setattr("battlemap.io.views.LARGE_FILE_ROWS", 5)
    rows = [["姓名", "职位"]] + [[f"员工{i}", "工程师"] for i in range(ROWS)]
    upload = io.BytesIO(csv_bytes(rows, "utf-8"))
    upload.name = "people.csv"
    url = f"/accounts/{world.cn.slug}/io/import/"
    with override_settings(TASKS=DB_QUEUE):
        preview = owner_client.post(url, {"file": upload})
        response = owner_client.post(f"{url}confirm/", preview.context["form"])
        assert response.status_code == 302
        yield response["Location"], preview.context["form"]["token"]


def _run_queued(worker_id: str = "test-worker") -> None:
    """What `battlemap worker` does with the next task: claim it, run it."""
    task = DBTaskResult.objects.ready().first()
    task.claim(worker_id)
    Worker(queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
           max_tasks=None, worker_id=worker_id, excluded_queue_names=[]).run_task(task)  # fmt: skip


def _people(world) -> int:
    return Person.objects.filter(account=world.cn, name__startswith="员工").count()


def test_job_waits_for_a_worker_then_runs_in_it(queued_job, owner_client, world):
    url, token = queued_job
    page = owner_client.get(url)
    assert page.context["state"]["status"] == "queued"
    assert page.context["no_worker"]  # no worker ever beat: the page says how to start one
    assert "battlemap worker" in page.content.decode()
    assert _people(world) == 0  # the request wrote nothing
    _run_queued()
    page = owner_client.get(url)
    assert page.context["state"]["status"] == "done"
    assert page.context["state"]["done"] == ROWS
    assert _people(world) == ROWS


def test_a_dead_workers_job_fails_clearly_and_is_retried_once(queued_job, owner_client, world, settings):
    settings.LANGUAGE_CODE = "en"
    url, token = queued_job
    # A worker claimed the import, wrote progress, then died (killed: its heartbeat stopped long ago).
    task = DBTaskResult.objects.ready().get()
    task.claim("ghost")
    save_state(token, {**job_state(token), "status": "running", "done": 5, "total": ROWS})
    worker_beat(worker_id="alive", started_at=task.enqueued_at)  # another worker is fine
    page = owner_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    state = page.context["state"]
    assert state["status"] == "failed"
    text = page.content.decode()
    # in the language of the user who started the import
    assert ("worker running this import stopped" in text and "Nothing was imported" in text) or (
        "后台工作进程在完成前停止了" in text and "没有导入任何数据" in text
    )
    assert page.context["can_retry"] and ("Retry the import" in text or "重试导入" in text)
    assert DBTaskResult.objects.get(pk=task.pk).status == "FAILED"
    assert _people(world) == 0  # nothing partial landed
    assert fail_dead_tasks() == 0  # failed once, not again

    retry = owner_client.post(f"{url}retry/")
    assert retry.status_code == 302
    assert job_state(token)["status"] == "queued"
    assert DBTaskResult.objects.ready().count() == 1
    _run_queued("alive")
    assert owner_client.get(url).context["state"]["status"] == "done"
    assert _people(world) == ROWS
    # A second retry of a finished job runs nothing again.
    owner_client.post(f"{url}retry/")
    assert DBTaskResult.objects.ready().count() == 0
    assert _people(world) == ROWS


def test_retry_is_the_uploaders_own(queued_job, world):
    from django.test import Client

    client = Client()
    url, token = queued_job
    task = DBTaskResult.objects.ready().get()
    task.claim("ghost")
    fail_dead_tasks()
    for user in (world.outsider, world.teammate):  # an outsider; a teammate who did not upload it
        client.force_login(user)
        assert client.post(f"{url}retry/").status_code == 404
    client.force_login(world.owner)
    assert client.post(f"/accounts/{world.cn.slug}/io/import/job/nope/retry/").status_code == 404
    assert client.post(f"/accounts/{world.cn.slug}/io/import/job/../retry/").status_code == 404
    client.logout()
    anonymous = client.post(f"{url}retry/")
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert DBTaskResult.objects.ready().count() == 0


def test_a_dead_workers_mail_ingest_fails_clearly_and_is_retried(owner_client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from battlemap.mail.models import IngestRun
    from tests.inference import archives

    mail = f"/accounts/{world.cn.slug}/mail/"
    with override_settings(TASKS=DB_QUEUE):
        upload = SimpleUploadedFile("cal.ics", archives.ICS.encode())
        assert (
            owner_client.post(f"{mail}upload/", {"files": upload, "our_domains": "ours.example"}).status_code
            == 302
        )
        run = IngestRun.objects.get(account=world.cn)
        assert run.status == "queued"
        DBTaskResult.objects.ready().get().claim("ghost")  # a worker took it and died
        assert fail_dead_tasks() == 1
        run.refresh_from_db()
        assert run.status == "failed"
        assert "stopped before it finished" in run.summary or "在完成前停止了" in run.summary
        page = owner_client.get(mail, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert f"runs/{run.pk}/retry/" in page

        client = Client()
        for user, status in ((world.outsider, 404), (world.manager, 403)):  # the manager may only view
            client.force_login(user)
            assert client.post(f"{mail}runs/{run.pk}/retry/").status_code == status
        client.logout()
        assert "/login/" in client.post(f"{mail}runs/{run.pk}/retry/")["Location"]
        assert DBTaskResult.objects.ready().count() == 0

        assert owner_client.post(f"{mail}runs/{run.pk}/retry/").status_code == 302
        run.refresh_from_db()
        assert run.status == "queued"
        _run_queued("alive")
        run.refresh_from_db()
        assert run.status == "done"
        again = owner_client.post(f"{mail}runs/{run.pk}/retry/", follow=True)  # nothing to retry: says so
        assert "cannot be retried" in again.content.decode() or "无法重试" in again.content.decode()
        assert DBTaskResult.objects.ready().count() == 0


@pytest.mark.sqlite_run  # SQLite's lock: on PostgreSQL no BEGIN statement passes through the wrapper
def test_an_idle_worker_waits_out_a_locked_database_and_runs_the_task(
    transactional_db, queued_job, world, caplog
):
    """An operator's trial: another process held SQLite's write lock past the busy timeout while the worker was
    idle; its claim's BEGIN failed with "database is locked" and the worker exited."""
    import logging

    from django.db import OperationalError, connection

    from battlemap.ops.management.commands.worker import PatientWorker

    held = {"begins": 2}  # the lock outlasts two claims

    def lock_held(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        if sql.startswith("BEGIN") and held["begins"]:
            held["begins"] -= 1
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    worker = PatientWorker(queue_names=["*"], interval=0.01, batch=True, backend_name="default",
                           startup_delay=False, max_tasks=None, worker_id="w", excluded_queue_names=[])  # fmt: skip
    with caplog.at_level(logging.WARNING, "battlemap.worker"), connection.execute_wrapper(lock_held):
        worker.run()
    assert held["begins"] == 0 and _people(world) == ROWS
    waits = [r for r in caplog.records if "locked" in r.getMessage()]
    assert len(waits) == 2 and all(r.levelno == logging.WARNING for r in waits)


def test_the_cli_sends_a_locked_database_to_waiting_not_to_database_url():
    from django.db import OperationalError

    from battlemap.core.cli import database_error_lines

    said = " ".join(database_error_lines(OperationalError("database is locked")))
    assert "DATABASE_URL" not in said and "migrate" not in said
    assert "稍后再试" in said or "try again" in said
    assert "DATABASE_URL" in " ".join(database_error_lines(OperationalError("no such table: x")))


def test_the_listing_names_each_jobs_account_and_who_asked_for_it(queued_job, owner_client, world):
    """An operator's trial: `battlemap jobs` listed tasks with no account and no user — which customer's import
    is stuck, whose upload failed, was a guess."""
    import os

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from battlemap.io.jobs import JOBS
    from tests.inference import archives

    def listed(task: str) -> str:
        out = io.StringIO()
        call_command("jobs", stdout=out)
        return next(line for line in out.getvalue().splitlines() if f"\t{task}\t" in line)

    with override_settings(TASKS=DB_QUEUE):
        upload = SimpleUploadedFile("cal.ics", archives.ICS.encode())
        mail = f"/accounts/{world.en.slug}/mail/upload/"
        assert owner_client.post(mail, {"files": upload, "our_domains": "ours.example"}).status_code == 302
        assert f"\tingest_upload\t{world.en.slug}\talice\t" in listed("ingest_upload")
        assert f"\timport_people_task\t{world.cn.slug}\talice\t" in listed("import_people_task")
        os.remove(JOBS / f"{queued_job[1]}.job")  # its job file expired: the task still says
        assert f"\timport_people_task\t{world.cn.slug}\talice\t" in listed("import_people_task")
