"""The import API within a request: a file past IMPORT_BACKGROUND_ROWS goes to a worker (202), and the
answer carries every line of the summary the command line prints (hidden rows skipped among them)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db


def _upload(api, data: bytes, name: str = "people.csv", **form):
    body = {"file": SimpleUploadedFile(name, data), **form}
    headers = {"Authorization": f"Bearer {api.token}", "Accept-Language": "en"}
    return api.client.post("/api/accounts/guodian/import", body, headers=headers)


def test_a_file_past_the_request_bound_goes_to_a_worker_not_refused(world, owner_api, settings):
    settings.IMPORT_BACKGROUND_ROWS = 2
    data = "姓名,职务\n张伟,经理\n刘洋,工程师\n陈静,专员\n".encode()
    response = _upload(owner_api, data, dry_run="false")
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "done"  # tests run tasks within the request (tests/conftest.py)
    assert world.cn.people.filter(name="张伟").exists()
    assert _upload(owner_api, "姓名,职务\n李娜,经理\n".encode()).status_code == 200


def test_the_answer_says_the_hidden_rows_skipped_as_the_command_line_does(world, owner_api):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["姓名", "职务"], ["张伟", "经理"], ["已删除-勿导入", "旧"], ["刘洋", "工程师"]):
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    buffer = io.BytesIO()
    book.save(buffer)
    response = _upload(owner_api, buffer.getvalue(), "people.xlsx")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["hidden_rows"] == [3] and body["created"] == 2
    assert "Hidden rows of the sheet skipped (1): 3." in body["summary"]
