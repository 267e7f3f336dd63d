"""A CRM sync script imports a file of any size over the API: past IMPORT_BACKGROUND_ROWS (or asked with
`background=true`) the import runs in a worker, the web's job path (io.tabular.jobs.import_queue): 202 with the
job; its status URL says queued, then the answer the import gives within a request, or the row it refuses —
all or nothing. Here the database queue with the worker's own code runs the job (tests/ops/test_jobs.py)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings

from tests.ops.test_jobs import DB_QUEUE, _run_queued

pytestmark = pytest.mark.django_db

BIG = "姓名,职务,邮箱\n张伟,经理,zhang@example.com\n刘洋,工程师,liu@example.com\n陈静,专员,chen@example.com\n"


def _upload(api, data: bytes = BIG.encode(), name: str = "people.csv", **form):
    headers = {"Accept-Language": "en", **({"Authorization": f"Bearer {api.token}"} if api.token else {})}
    body = {"file": SimpleUploadedFile(name, data), **form}
    return api.client.post("/api/accounts/guodian/import", body, headers=headers)


def _status(api, url: str):
    headers = {"Accept-Language": "en", **({"Authorization": f"Bearer {api.token}"} if api.token else {})}
    return api.client.get(url, headers=headers)


@pytest.fixture
def low_bound(settings):
    settings.IMPORT_BACKGROUND_ROWS = 2


def test_a_file_past_the_bound_is_imported_whole_by_a_worker(world, owner_api, low_bound):
    with override_settings(TASKS=DB_QUEUE):
        started = _upload(owner_api, dry_run="false")
        assert started.status_code == 202, started.content
        job = started.json()
        assert job["status"] == "queued" and job["total"] == 3 and job["dry_run"] is False
        assert job["status_url"] == f"/api/accounts/guodian/imports/{job['id']}"
        waiting = _status(owner_api, job["status_url"]).json()
        assert waiting["status"] == "queued" and waiting["result"] is None
        assert "No background worker is running" in waiting["notice"]
        assert not world.cn.people.filter(name="张伟").exists()
        _run_queued()
        done = _status(owner_api, job["status_url"]).json()
    assert done["status"] == "done" and (done["done"], done["total"]) == (3, 3)
    result = done["result"]
    assert result["created"] == 3 and result["dry_run"] is False and result["rows"] == 3
    assert any("3 rows" in line for line in result["summary"])
    assert set(world.cn.people.filter(name__in=["张伟", "刘洋", "陈静"]).values_list("name", flat=True)) == {
        "张伟",
        "刘洋",
        "陈静",
    }


def test_a_failing_file_fails_its_job_naming_the_row_and_imports_nothing(world, owner_api, low_bound):
    bad = (BIG + "王芳,专员,not-an-email\n").encode()
    with override_settings(TASKS=DB_QUEUE):
        job = _upload(owner_api, bad, dry_run="false").json()
        _run_queued()
        failed = _status(owner_api, job["status_url"]).json()
    assert failed["status"] == "failed" and failed["result"] is None
    assert failed["problems"] and all(p["field"].startswith("rows.5.") for p in failed["problems"])
    assert "5" in failed["problems"][0]["message"]
    assert not world.cn.people.filter(name__in=["张伟", "王芳"]).exists()  # all or nothing


def test_a_dry_run_past_the_bound_runs_in_the_worker_and_writes_nothing(world, owner_api, low_bound):
    with override_settings(TASKS=DB_QUEUE):
        job = _upload(owner_api).json()  # dry_run is the default
        assert job["dry_run"] is True
        _run_queued()
        done = _status(owner_api, job["status_url"]).json()
    assert done["status"] == "done"
    assert done["result"]["dry_run"] is True and done["result"]["created"] == 3
    assert not world.cn.people.filter(name="张伟").exists()


def test_background_asked_for_a_small_file_and_the_hidden_rows_in_its_answer(world, owner_api):
    started = _upload(owner_api, "姓名,职务\n张伟,经理\n".encode(), background="true", dry_run="false")
    assert started.status_code == 202
    done = _status(owner_api, started.json()["status_url"]).json()  # tests run tasks within the request
    assert done["status"] == "done" and done["result"]["created"] == 1
    assert done["result"]["hidden_rows"] == [] and "also_read" in done["result"]
    assert world.cn.people.filter(name="张伟").exists()


def test_who_may_see_the_account_reads_the_job_an_outsider_gets_404_anonymous_401(
    world, owner_api, manager_api, outsider_api, anon_api, low_bound
):
    url = _upload(owner_api).json()["status_url"]
    assert _status(manager_api, url).json()["status"] == "done"
    assert _status(outsider_api, url).status_code == 404
    assert _status(anon_api, url).status_code == 401
    assert _upload(outsider_api, dry_run="false").status_code == 404
    assert _upload(anon_api, dry_run="false").status_code == 401
    assert not world.cn.people.filter(name="张伟").exists()


def test_bad_input_is_refused_before_any_job(world, owner_api, low_bound):
    unreadable = _upload(owner_api, b"not a workbook", "people.xlsx", background="true")
    assert unreadable.status_code == 422
    assert [e["field"] for e in unreadable.json()["errors"]] == ["file"]
    no_deal = _upload(owner_api, deal="999999")
    assert no_deal.status_code == 422 and no_deal.json()["errors"][0]["field"] == "deal"
    assert _status(owner_api, "/api/accounts/guodian/imports/0123abcd").status_code == 404
    assert _status(owner_api, "/api/accounts/guodian/imports/../x").status_code == 404


def test_a_job_of_another_account_is_not_found_through_this_one(world, owner_api, low_bound):
    url = _upload(owner_api).json()["status_url"]
    other = url.replace("/guodian/", f"/{world.en.slug}/")
    assert _status(owner_api, other).status_code == 404


def test_a_file_without_a_name_column_fails_its_job_naming_the_file(world, owner_api, low_bound):
    job = _upload(owner_api, b"foo,bar\n1,2\n3,4\n5,6\n").json()  # read here, refused by the import
    failed = _status(owner_api, job["status_url"]).json()
    assert failed["status"] == "failed" and [p["field"] for p in failed["problems"]] == ["file"]


def test_an_import_whose_worker_died_is_retried_over_the_api_by_its_sender(world, owner_api, low_bound):
    """An operator's trial: the failed job said "Retry it below." and the API had no retry."""
    from django_tasks_db.models import DBTaskResult

    from battlemap.io.jobs import job_state, save_state
    from battlemap.ops.services import fail_dead_tasks
    from tests.api.conftest import _client_for

    with override_settings(TASKS=DB_QUEUE):
        job = _upload(owner_api, dry_run="false").json()
        retry = f"{job['status_url']}/retry"
        DBTaskResult.objects.ready().get().claim("ghost")  # a worker took it, then died
        save_state(job["id"], {**job_state(job["id"]), "status": "running", "done": 1})
        assert fail_dead_tasks() == 1
        assert _client_for(world.teammate).post(retry, {}).status_code == 404  # not the teammate's upload
        again = owner_api.post(retry, {})
        assert again.status_code == 202 and again.json()["status"] == "queued"
        _run_queued()
        assert _status(owner_api, job["status_url"]).json()["status"] == "done"
    assert world.cn.people.filter(name="张伟").exists()
    assert owner_api.post(retry, {}).status_code == 404  # done: its upload is gone, as on the web
