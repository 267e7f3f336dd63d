"""What docs/api.md promises for the size of an import file: past IMPORT_BACKGROUND_ROWS it is a 202 job, never a
422; only past IMPORT_MAX_ROWS is it refused, a 422 on `file` naming the limit."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db


def _post(api, rows: int):
    data = ("姓名,职务\n" + "".join(f"员工{i},工程师\n" for i in range(rows))).encode()
    return api.client.post(
        "/api/accounts/guodian/import",
        {"file": SimpleUploadedFile("people.csv", data)},
        headers={"Authorization": f"Bearer {api.token}", "Accept-Language": "en"},
    )


def test_a_file_past_the_background_bound_is_a_job_not_a_422(world, owner_api, settings):
    settings.IMPORT_BACKGROUND_ROWS = 5
    answer = _post(owner_api, 6)
    assert answer.status_code == 202
    job = answer.json()
    assert set(job) >= {
        "id",
        "status",
        "status_url",
        "dry_run",
        "done",
        "total",
        "result",
        "problems",
        "notice",
    }
    assert job["total"] == 6 and job["status_url"] == f"/api/accounts/guodian/imports/{job['id']}"


def test_only_a_file_past_the_import_bound_is_refused_on_file(world, owner_api, settings):
    settings.IMPORT_MAX_ROWS = 5
    answer = _post(owner_api, 7)
    assert answer.status_code == 422
    errors = answer.json()["errors"]
    assert [e["field"] for e in errors] == ["file"] and "IMPORT_MAX_ROWS" in errors[0]["message"]
