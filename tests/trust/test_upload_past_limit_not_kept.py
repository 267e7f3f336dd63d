"""A file past UPLOAD_MAX_MB is refused with the limit's message, as before, and is no longer written whole to the
system's temporary folder first: a 2 GB file sent to the people import filled 2 GB of the server's disk (per
request, 25 s each) before the view said no. Only what is under the limit reaches a temporary file; the rest is
counted, not kept (`core.uploads.LimitedUploadHandler`)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler

pytestmark = pytest.mark.django_db

LIMIT = 256 * 1024


@pytest.fixture
def written(monkeypatch, settings):
    """The bytes that reached a temporary upload file."""
    settings.UPLOAD_MAX_BYTES = LIMIT
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every file goes to a temporary file, as a big one does
    total = {"bytes": 0}
    keep = TemporaryFileUploadHandler.receive_data_chunk

    def counted(self, raw_data, start):
        total["bytes"] += len(raw_data)
        return keep(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", counted)
    return total


def _csv(size: int) -> bytes:
    return ("Name,Title\n" + "".join(f"张{i:06d},经理\n" for i in range(size // 20))).encode()


def test_a_file_past_the_limit_is_refused_without_being_written(owner_client, world, written):
    upload = SimpleUploadedFile("people.csv", _csv(20 * LIMIT))
    response = owner_client.post(f"/api/accounts/{world.cn.slug}/import", {"file": upload})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"
    assert "UPLOAD_MAX_MB" in response.json()["errors"][0]["message"]
    assert written["bytes"] <= LIMIT + 64 * 1024  # the limit and at most one chunk, not the 5 MB sent


def test_the_web_import_says_the_limit_too(owner_client, world, written):
    upload = SimpleUploadedFile("people.csv", _csv(20 * LIMIT))
    response = owner_client.post(f"/accounts/{world.cn.slug}/io/import/", {"file": upload})
    assert response.status_code == 400
    assert "UPLOAD_MAX_MB" in response.content.decode()
    assert written["bytes"] <= LIMIT + 64 * 1024


def test_files_under_the_limit_are_read_whole(owner_client, world, written):
    upload = SimpleUploadedFile("people.csv", _csv(LIMIT // 2))
    response = owner_client.post(f"/accounts/{world.cn.slug}/io/import/", {"file": upload})
    assert response.status_code == 200, response.content.decode()[:300]
    assert written["bytes"] == len(_csv(LIMIT // 2))
