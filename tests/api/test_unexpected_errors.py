"""A failure the user did not cause — a crash inside an API route, an export or import job that broke — reads
the same in every place, in the user's language: an unexpected error, logged for the administrator (one text,
core.errors.UNEXPECTED_ERROR). Never an exception's name, text or traceback; those go to the log."""

from __future__ import annotations

import logging
import re

import pytest
from django.conf import settings
from django.db import OperationalError

from battlemap.io.jobs import job_state

pytestmark = pytest.mark.django_db

SECRET = "boom at /srv/secret/fonts.ttf"  # what the exception says: never shown to the user
SAID = {
    "en": "An unexpected error happened; it was logged for the administrator.",
    "zh-hans": "发生了意外错误，已记录下来供管理员查看。",
}
EXPORT_SAID = {
    "en": f"The export stopped: {SAID['en']} Other formats may still work, and so may exporting again.",
    "zh-hans": f"导出中止：{SAID['zh-hans']}其他格式可能仍能导出，重新导出也可能成功。",
}


def _crash(exc: Exception):
    def crashed(*args, **kwargs):
        raise exc

    return crashed


def _hidden(text: str) -> None:
    for leak in (SECRET, "RuntimeError", "AssertionError", "OperationalError", "Traceback"):
        assert leak not in text, text


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_crash_inside_a_route_answers_500_in_the_error_shape(world, owner_api, monkeypatch, caplog, lang):
    monkeypatch.setattr("battlemap.io.api.export_account", _crash(RuntimeError(SECRET)))
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = owner_api.get("/api/accounts/guodian/export/pdf", headers={"Accept-Language": lang})
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": SAID[lang], "errors": []}
    _hidden(response.content.decode())
    # logged once (Django does not log the answer again), with the traceback, for the administrator
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.ERROR and "/api/accounts/guodian/export/pdf" in record.getMessage()
    assert record.exc_info[0] is RuntimeError and SECRET in str(record.exc_info[1])
    assert "Traceback" in caplog.text and "crashed" in caplog.text


def test_a_database_error_that_is_not_a_lock_is_a_500_too_and_in_debug(
    world, owner_api, monkeypatch, settings
):
    settings.DEBUG = True  # the answer is the same; the console shows the traceback
    monkeypatch.setattr("battlemap.io.api.export_account", _crash(OperationalError(SECRET)))
    response = owner_api.get("/api/accounts/guodian/export/json", headers={"Accept-Language": "en"})
    assert response.status_code == 500 and response.json() == {"detail": SAID["en"], "errors": []}
    _hidden(response.content.decode())


def test_an_export_job_that_broke_says_so_on_its_page_and_in_the_api(
    world, owner_api, owner_client, monkeypatch, caplog
):
    monkeypatch.setattr("battlemap.io.export.jobs.export_account", _crash(AssertionError(SECRET)))
    with caplog.at_level(logging.ERROR, logger="battlemap.export"):
        started = owner_api.post("/api/accounts/guodian/exports", {"format": "pdf", "lang": "zh"})
    assert started.status_code == 202
    job = started.json()["id"]
    [record] = [r for r in caplog.records if r.name == "battlemap.export"]
    assert record.exc_info[0] is AssertionError  # the traceback is logged
    assert not job_state(job).get("retry")  # tasks run inside the request here: nothing to retry
    for lang in ("zh-hans", "en"):
        status = owner_api.get(f"/api/accounts/guodian/exports/{job}", headers={"Accept-Language": lang})
        assert status.json()["status"] == "failed"
        assert status.json()["problems"] == [EXPORT_SAID[lang]]
        _hidden(status.content.decode())
        page = owner_client.get(f"/accounts/guodian/io/export/job/{job}/", HTTP_ACCEPT_LANGUAGE=lang)
        text = re.sub(r"\s+", " ", page.content.decode())
        assert EXPORT_SAID[lang] in text
        _hidden(text)


def test_a_refused_deal_still_says_what_the_user_can_fix(world, owner_api, monkeypatch):
    # a problem the user caused keeps its own words (KeyError: no such deal)
    monkeypatch.setattr("battlemap.io.export.jobs.export_account", _crash(KeyError(1)))
    job = owner_api.post("/api/accounts/guodian/exports", {"format": "json"}).json()["id"]
    status = owner_api.get(f"/api/accounts/guodian/exports/{job}", headers={"Accept-Language": "en"}).json()
    assert status["problems"] == ["No such deal in this account."]


def test_a_map_import_that_broke_says_so_in_the_viewers_language(world, owner_client, monkeypatch, caplog):
    from battlemap.io.mapformat.jobs import map_import_start

    monkeypatch.setattr("battlemap.io.mapformat.jobs.read_map", _crash(RuntimeError(SECRET)))
    with caplog.at_level(logging.ERROR, logger="battlemap.import"):
        token = map_import_start(
            b"{}", user=world.owner, slug=None, team=None, filename="map.json", lang="zh-hans"
        )
    assert [r.exc_info[0] for r in caplog.records if r.name == "battlemap.import"] == [RuntimeError]
    said = {
        "en": "The import stopped: " + SAID["en"] + " Nothing was imported",
        "zh-hans": "导入中止：" + SAID["zh-hans"] + "没有导入任何数据",
    }
    for lang in ("en", "zh-hans"):
        page = owner_client.get(f"/accounts/import/job/{token}/", HTTP_ACCEPT_LANGUAGE=lang)
        text = re.sub(r"\s+", " ", page.content.decode())
        assert said[lang] in text
        _hidden(text)


def test_a_form_of_too_many_fields_is_a_400_in_the_error_shape_not_a_500(world, owner_api):
    # Django's own refusal (TooManyFieldsSent, a SuspiciousOperation) met inside a route stays a 400
    from django.core.files.uploadedfile import SimpleUploadedFile

    fields = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 100)}
    upload = SimpleUploadedFile("people.csv", "姓名\n王五\n".encode())
    response = owner_api.client.post(
        "/api/accounts/guodian/import",
        {**fields, "file": upload},
        headers={"Authorization": f"Bearer {owner_api.token}", "Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The request cannot be read: it is malformed, or holds too many fields or files.",
        "errors": [],
    }
