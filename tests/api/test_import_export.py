"""Import and export over the API: the same gate, errors in the one shape, all or nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

CSV = "姓名,职位,上级\n张伟,采购经理,王建国\n刘洋,工程师,张伟\n".encode()


def _upload(api, slug="guodian", data=CSV, **form):
    headers = {"Authorization": f"Bearer {api.token}"} if api.token else {}
    body = {"file": SimpleUploadedFile("people.csv", data, content_type="text/csv"), **form}
    return api.client.post(f"/api/accounts/{slug}/import", body, headers=headers)


def test_dry_run_reports_and_writes_nothing(world, owner_api):
    response = _upload(owner_api)
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 2 and response.json()["dry_run"] is True
    assert not world.cn.people.filter(name="张伟").exists()


def test_apply_imports_with_reporting_lines(world, owner_api):
    response = _upload(owner_api, dry_run="false")
    assert response.status_code == 200, response.content
    liu = world.cn.people.get(name="刘洋")
    assert liu.reports_to.name == "张伟" and liu.reports_to.reports_to == world.cn_boss


def test_a_bad_row_names_row_and_column_and_nothing_is_written(world, owner_api):
    bad = "姓名,邮箱\n张伟,zhang@example.com\n刘洋,not-an-email\n".encode()
    response = _upload(owner_api, data=bad, dry_run="false")
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert fields and all(f.startswith("rows.3.") for f in fields)
    assert not world.cn.people.filter(name="张伟").exists()


def test_a_file_without_names_is_bad_input_naming_file(world, owner_api):
    response = _upload(owner_api, data=b"foo,bar\n1,2\n")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["file"]


def test_import_outsider_404_and_anonymous_401(world, outsider_api, anon_api):
    assert _upload(outsider_api).status_code == 404
    assert _upload(anon_api).status_code == 401
    assert not world.cn.people.filter(name="张伟").exists()


def test_export_json_is_the_map_format(world, owner_api, outsider_api, anon_api):
    response = owner_api.get("/api/accounts/guodian/export/json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert b"\xe7\x8e\x8b\xe5\xbb\xba\xe5\x9b\xbd" in response.content  # 王建国
    assert outsider_api.get("/api/accounts/guodian/export/json").status_code == 404
    assert anon_api.get("/api/accounts/guodian/export/json").status_code == 401


def test_export_unknown_format_names_fmt(world, owner_api):
    response = owner_api.get("/api/accounts/guodian/export/docx")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["fmt"]


def test_export_xlsx(world, owner_api):
    response = owner_api.get(f"/api/accounts/guodian/export/xlsx?deal={world.cn_deal.id}")
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_encoding_and_date_order_can_be_given_and_the_read_is_described(world, owner_api):
    data = "Name;Title;Left On\nJürgen Müller;Leiter;05/03/2024\n".encode("cp1252")
    undecided = _upload(owner_api, data=data)
    assert undecided.status_code == 422 and "rows.2.left_on" in undecided.content.decode()
    response = _upload(owner_api, data=data, encoding="cp1252", date_order="dmy")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["encoding"], body["header_row"], body["footer"]) == ("Windows-1252", 1, [])
    bad = _upload(owner_api, data=data, encoding="klingon")
    assert bad.status_code == 422 and "encoding" in bad.content.decode()


def test_an_export_job_is_queued_polled_and_its_file_downloaded(world, owner_api, outsider_api, anon_api):
    import io

    from openpyxl import load_workbook

    from battlemap.audit.models import AuditEntry

    started = owner_api.post("/api/accounts/guodian/exports", {"format": "xlsx", "lang": "en"})
    assert started.status_code == 202, started.content
    job = started.json()["id"]
    # the tests' tasks run inside the request (django-tasks' immediate backend): done at once
    state = owner_api.get(f"/api/accounts/guodian/exports/{job}").json()
    assert state["status"] == "done" and state["done"] == state["total"] == 3
    assert state["filename"].endswith(".xlsx") and state["size"] > 0
    before = AuditEntry.objects.filter(account=world.cn, action="export").count()
    response = owner_api.get(state["file_url"])
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    people = [c.value for c in load_workbook(io.BytesIO(response.content)).worksheets[0]["B"]]
    assert "王建国" in people
    assert AuditEntry.objects.filter(account=world.cn, action="export").count() == before + 1
    for path in (f"/api/accounts/guodian/exports/{job}", f"/api/accounts/guodian/exports/{job}/file"):
        assert outsider_api.get(path).status_code == 404
        assert outsider_api.get(path.replace("guodian", "secret")).status_code == 404  # another account's job
        assert anon_api.get(path).status_code == 401
    assert outsider_api.post("/api/accounts/guodian/exports", {"format": "xlsx"}).status_code == 404
    assert anon_api.post("/api/accounts/guodian/exports", {"format": "xlsx"}).status_code == 401


def test_an_export_job_refuses_bad_input_naming_the_field(world, owner_api):
    response = owner_api.post("/api/accounts/guodian/exports", {"format": "docx"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "format"
    response = owner_api.post("/api/accounts/guodian/exports", {"format": "pdf", "deal": 999999})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "deal"
    assert owner_api.get("/api/accounts/guodian/exports/nosuchjob").status_code == 404


def test_the_file_of_an_unfinished_export_job_is_409(world, owner_api, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, no worker
    job = owner_api.post("/api/accounts/guodian/exports", {"format": "json"}).json()
    assert job["status"] == "queued" and job["file_url"] is None
    assert owner_api.get(f"/api/accounts/guodian/exports/{job['id']}/file").status_code == 409


def test_note_rows_among_the_people_are_listed_by_row_not_imported(world, owner_api):
    data = "姓名,职务\n张伟,经理\n\n备注：以下为新入职\n刘洋,专员\n合计：2人,\n".encode()
    response = _upload(owner_api, data=data, dry_run="false")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["created"] == 2 and [4, "备注：以下为新入职"] in body["notes"]
    assert not world.cn.people.filter(name__startswith="备注").exists()
