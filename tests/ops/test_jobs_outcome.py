"""`battlemap jobs` lists what each job came to as its page shows it: a mail upload whose files were all
unreadable ran to completion as a task, but its page says "failed — Unreadable files, nothing was
ingested: …", and so must the listing (it said SUCCESSFUL)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from battlemap.mail.models import IngestRun
from tests.inference import archives
from tests.ops.test_jobs import DB_QUEUE, _run_queued

pytestmark = pytest.mark.django_db


def _upload(owner_client, world, name: str, content: bytes) -> IngestRun:
    mail = f"/accounts/{world.cn.slug}/mail/"
    upload = SimpleUploadedFile(name, content)
    response = owner_client.post(f"{mail}upload/", {"files": upload, "our_domains": "ours.example"})
    assert response.status_code == 302
    _run_queued()
    return IngestRun.objects.filter(account=world.cn).latest("pk")


def _jobs() -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("jobs", stdout=out)
    return out.getvalue()


def test_an_upload_that_ingested_nothing_is_listed_as_failed_with_what_its_page_says(owner_client, world):
    with override_settings(TASKS=DB_QUEUE):
        run = _upload(owner_client, world, "odd.ics", b"BEGIN:VCALENDAR\nthis is not a calendar\x00\xff")
        assert DBTaskResult.objects.get().status == "SUCCESSFUL"  # the task itself returned
        page = owner_client.get(
            f"/accounts/{world.cn.slug}/mail/", HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
        assert run.status == "failed" and "Unreadable files, nothing was ingested: odd.ics" in page
        listing = _jobs()
    line = next(line for line in listing.splitlines() if "ingest_upload" in line)
    assert "SUCCESSFUL" not in line
    assert "\tFAILED (job failed)\t" in line
    assert "Unreadable files, nothing was ingested: odd.ics" in line


def test_an_upload_that_ingested_is_listed_as_successful(owner_client, world):
    with override_settings(TASKS=DB_QUEUE):
        run = _upload(owner_client, world, "cal.ics", archives.ICS.encode())
        assert run.status == "done"
        listing = _jobs()
    line = next(line for line in listing.splitlines() if "ingest_upload" in line)
    assert "\tSUCCESSFUL\t" in line and "FAILED" not in line


def test_an_io_job_that_failed_is_read_from_its_job_file(world):
    from types import SimpleNamespace

    from battlemap.io.jobs import new_token, save_failed
    from battlemap.ops.outcomes import task_outcome

    token = new_token()
    save_failed(token, {"kind": "import", "account_id": world.cn.pk}, lambda: ["Row 3: Name is required."])
    task = SimpleNamespace(
        status="SUCCESSFUL",
        task_path="battlemap.io.tabular.jobs.import_people_task",
        args_kwargs={"args": [token, {}, world.cn.pk, None, "en"], "kwargs": {}},
    )
    outcome = task_outcome(task)
    assert outcome is not None and outcome.failed and outcome.summary == "Row 3: Name is required."
    assert task_outcome(SimpleNamespace(**{**vars(task), "args_kwargs": {"args": ["gone"]}})) is None
