"""A full disk under an export or an upload (an operator's trial on a 2 MB tmpfs as BATTLEMAP_UPLOAD_DIR): the
export job had written its file outside the error handling, so its page said "Drawing the file… 100 %" for ever,
with a half file left in the job folder; an upload kept for its import answered the unexpected-error 500 and left
half the upload behind. Now the job fails saying the disk is full (core.errors.DISK_FULL), with a retry, the upload
is a 503 saying so, and no half file remains (core.uploads.write_private removes it). A background people import
that broke (the database on a full disk, a bug) had stayed "running" for ever too: it fails saying why. The database
on a full disk: tests/ops/test_disk_full.py."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError

from battlemap.io.jobs import JOBS, job_state

pytestmark = pytest.mark.django_db

FULL = {
    "en": "The server cannot save right now: its disk is full. Nothing was saved; tell your administrator, and try "
    "again once space is freed.",
    "zh-hans": "服务器暂时无法保存：它的磁盘已满。本次什么都没有保存；请告诉管理员，腾出空间后再试一次。",
}
ORIGINAL_WRITE = Path.write_bytes


@pytest.fixture
def full_disk(monkeypatch) -> list[Path]:
    """Every file written but a job's state: half of it lands, then ENOSPC, as on a disk that fills up under the
    write. Gives the files so refused."""
    refused: list[Path] = []

    def half_then_full(self: Path, data) -> int:
        if self.suffix == ".tmp":  # a job's own state (io.jobs.save_state): small, it still fits
            return ORIGINAL_WRITE(self, data)
        ORIGINAL_WRITE(self, bytes(data)[: len(data) // 2])
        refused.append(self)
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", half_then_full)
    return refused


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_an_export_on_a_full_disk_fails_saying_so_and_leaves_no_half_file(
    world, owner_api, owner_client, full_disk, fmt
):
    started = owner_api.post("/api/accounts/guodian/exports", {"format": fmt, "lang": "zh"})
    assert started.status_code == 202
    job = started.json()["id"]
    assert full_disk == [JOBS / f"{job}.out"] and not full_disk[0].exists()  # no half file is left
    assert job_state(job)["status"] == "failed"
    for lang in ("zh-hans", "en"):
        status = owner_api.get(f"/api/accounts/guodian/exports/{job}", headers={"Accept-Language": lang})
        assert status.json()["status"] == "failed" and status.json()["problems"] == [FULL[lang]]
        assert status.json()["file_url"] is None
        page = owner_client.get(f"/accounts/guodian/io/export/job/{job}/", HTTP_ACCEPT_LANGUAGE=lang)
        assert FULL[lang] in re.sub(r"\s+", " ", page.content.decode())
    assert owner_api.get(f"/api/accounts/guodian/exports/{job}/file").status_code != 200


def test_an_upload_on_a_full_disk_is_a_503_saying_so_and_leaves_no_half_file(
    world, owner_api, owner_client, full_disk
):
    data = ("姓名,职务\n" + "".join(f"员工{i},工程师\n" for i in range(50))).encode()
    answer = owner_api.client.post(
        "/api/accounts/guodian/import",
        {"file": SimpleUploadedFile("people.csv", data), "background": "true"},
        headers={"Authorization": f"Bearer {owner_api.token}", "Accept-Language": "en"},
    )
    assert answer.status_code == 503 and answer.json()["detail"] == FULL["en"]
    page = owner_client.post(
        "/accounts/guodian/io/import/",
        {"file": SimpleUploadedFile("people.csv", data)},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert page.status_code == 503 and FULL["zh-hans"] in page.content.decode()
    assert len(full_disk) == 2 and not any(path.exists() for path in full_disk)  # no half upload waits


IMPORT_BROKE = (
    "The import stopped: An unexpected error happened; it was logged for the administrator. Nothing was imported "
    "(the import is all or nothing); importing the file again may work."
)


@pytest.mark.parametrize(
    ("error", "said"),
    [(OperationalError("database or disk is full"), FULL["en"]), (RuntimeError("boom"), IMPORT_BROKE)],
)
def test_a_background_import_that_broke_fails_saying_why_not_running_for_ever(
    world, owner_api, owner_client, monkeypatch, error, said
):
    # the database on a full disk (its disk is BATTLEMAP_VAR_DIR's), or a bug: the job had stayed "running"
    def broke(*args, **kwargs):
        raise error

    monkeypatch.setattr("battlemap.io.tabular.views_helpers.run_import", broke)
    data = ("姓名,职务\n" + "".join(f"员工{i},工程师\n" for i in range(5))).encode()
    answer = owner_api.client.post(
        "/api/accounts/guodian/import",
        {"file": SimpleUploadedFile("people.csv", data), "background": "true", "dry_run": "false"},
        headers={"Authorization": f"Bearer {owner_api.token}", "Accept-Language": "en"},
    )
    assert answer.status_code == 202
    job = answer.json()["id"]
    status = owner_api.get(f"/api/accounts/guodian/imports/{job}", headers={"Accept-Language": "en"}).json()
    assert status["status"] == "failed" and status["problems"] == [{"field": None, "message": said}]
    page = owner_client.get(f"/accounts/guodian/io/import/job/{job}/", HTTP_ACCEPT_LANGUAGE="en")
    assert said in re.sub(r"\s+", " ", page.content.decode())
    assert world.cn.people.filter(name__startswith="员工").count() == 0
