"""A tester's findings in the people import (2026-12-02): refused uploads left on disk, note rows read as
people and people read as footers, duplicated headers, phones ending in `.0`, the upload's file picker, the
date-order choice's example."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from battlemap.io import jobs as io_jobs
from battlemap.io.tabular import jobs as import_jobs
from tests.trust import hostile


@pytest.fixture
def waiting(monkeypatch, tmp_path):
    """The folder of uploads waiting for a confirmation, this test's own."""
    folder = tmp_path / "imports"
    monkeypatch.setattr(io_jobs, "JOBS", folder)
    monkeypatch.setattr(import_jobs, "UPLOADS", folder)
    return folder


def _upload(client, name: str, data: bytes):
    return client.post(
        "/accounts/guodian/io/import/", {"file": SimpleUploadedFile(name, data)}, HTTP_ACCEPT_LANGUAGE="en"
    )


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\xff\xfe\x81" * 100


@pytest.mark.parametrize(
    "name, data",
    [
        ("rows.csv", ("姓名,职务\r\n" + "王五,经理\r\n" * 5).encode()),
        ("far.xlsx", hostile.far_cell()),
        ("bomb.xlsx", hostile.huge_shared_string(20)),
        ("laughs.xlsx", hostile.entity_expansion()),
        ("wide.csv", hostile.wide_csv(1_000)),
        ("photo.csv", PNG),
    ],
    ids=["too-many-rows", "far-cell", "zip-bomb", "xml-bomb", "too-many-columns", "png-named-csv"],
)
def test_a_refused_upload_is_deleted_at_once(owner_client, waiting, name, data):
    with override_settings(IMPORT_MAX_ROWS=3):
        response = _upload(owner_client, name, data)
    assert response.status_code == 400
    assert sorted(p.name for p in waiting.iterdir()) == []  # neither the file nor its .owner


def test_an_upload_waiting_for_confirmation_stays_until_confirmed(owner_client, waiting):
    response = _upload(owner_client, "ok.csv", "姓名,职务\r\n王五,经理\r\n".encode())
    assert response.status_code == 200
    token = response.context["form"]["token"]
    assert sorted(p.name for p in waiting.iterdir()) == [token, f"{token}.owner"]
    form = {k: v for k, v in response.context["form"].items()}
    assert owner_client.post("/accounts/guodian/io/import/confirm/", form).status_code in (200, 302)
    assert list(waiting.iterdir()) == []
