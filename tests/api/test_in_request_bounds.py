"""What the API does within a request is bounded: an export of an account past EXPORT_IN_REQUEST_MAX_PEOPLE,
or a mail ingest of files past MAIL_INGEST_IN_REQUEST_MB, is refused before anything is drawn or read, naming
the limit and the route that does it in a worker; under the bounds the answer is the file or the report, as
before. The bounds are set small here, so the tests stay fast."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from battlemap.audit.models import AuditEntry
from battlemap.io import api as io_api
from battlemap.io.export import CONTENT_TYPES, FORMATS
from battlemap.mail import api as mail_api
from battlemap.mail.models import IngestRun, MailItem
from tests import factories as f
from tests.inference import archives

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


def _never(*args, **kwargs):
    pytest.fail("nothing may be drawn or read past the bound")


# --- exports ------------------------------------------------------------------------------------------


def test_an_export_past_the_bound_names_the_limit_and_the_worker_route_and_draws_nothing(
    world, owner_api, settings, monkeypatch
):
    people = world.cn.people.count()
    settings.EXPORT_IN_REQUEST_MAX_PEOPLE = people - 1
    monkeypatch.setattr(io_api, "export_account", _never)
    for fmt in FORMATS:
        response = owner_api.get(f"/api/accounts/guodian/export/{fmt}", headers=EN)
        assert response.status_code == 422, (fmt, response.content)
        assert response["Content-Type"].startswith("application/json")
        detail = response.json()["detail"]
        assert f"has {people} people, more than the {people - 1}" in detail
        assert "EXPORT_IN_REQUEST_MAX_PEOPLE" in detail
        assert "POST /api/accounts/guodian/exports" in detail
    assert not AuditEntry.objects.filter(account=world.cn, action="export").exists()  # nothing was exported


def test_an_export_past_the_interactions_bound_is_refused_too(world, owner_api, settings, monkeypatch):
    f.interaction(account=world.cn, people=[world.cn_boss], deal=world.cn_deal)
    f.interaction(account=world.cn, people=[world.cn_boss], deal=world.cn_deal)
    settings.EXPORT_IN_REQUEST_MAX_INTERACTIONS = 1
    monkeypatch.setattr(io_api, "export_account", _never)
    response = owner_api.get("/api/accounts/guodian/export/pdf", headers=EN)
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert "has 2 interactions, more than the 1" in detail and "EXPORT_IN_REQUEST_MAX_INTERACTIONS" in detail
    assert "POST /api/accounts/guodian/exports" in detail
    monkeypatch.undo()
    settings.EXPORT_IN_REQUEST_MAX_INTERACTIONS = 2
    assert owner_api.get("/api/accounts/guodian/export/json").status_code == 200


def test_over_the_bound_the_worker_route_gives_the_file(world, owner_api, settings):
    settings.EXPORT_IN_REQUEST_MAX_PEOPLE = 1
    assert owner_api.get("/api/accounts/guodian/export/json").status_code == 422
    started = owner_api.post("/api/accounts/guodian/exports", {"format": "json"})
    assert started.status_code == 202, started.content
    # the tests' tasks run inside the request (django-tasks' immediate backend): done at once
    state = owner_api.get(f"/api/accounts/guodian/exports/{started.json()['id']}").json()
    assert state["status"] == "done"
    response = owner_api.get(state["file_url"])
    assert response.status_code == 200 and "王建国" in response.content.decode()


def test_an_export_at_the_bound_still_comes_within_the_request(world, owner_api, settings):
    settings.EXPORT_IN_REQUEST_MAX_PEOPLE = world.cn.people.count()
    for fmt in ("json", "xlsx"):
        response = owner_api.get(f"/api/accounts/guodian/export/{fmt}")
        assert response.status_code == 200, (fmt, response.content)
        assert response["Content-Type"] == CONTENT_TYPES[fmt]
        assert "attachment" in response["Content-Disposition"]


def test_the_bound_counts_only_the_account_asked_for_and_outsiders_still_get_404(
    world, owner_api, outsider_api, anon_api, settings
):
    settings.EXPORT_IN_REQUEST_MAX_PEOPLE = 1
    assert outsider_api.get("/api/accounts/guodian/export/pdf").status_code == 404  # the gate first
    assert anon_api.get("/api/accounts/guodian/export/pdf").status_code == 401
    settings.EXPORT_IN_REQUEST_MAX_PEOPLE = max(world.cn.people.count(), world.en.people.count())
    assert owner_api.get("/api/accounts/guodian/export/json").status_code == 200


# --- mail ingest ----------------------------------------------------------------------------------------


def _ics() -> SimpleUploadedFile:
    return SimpleUploadedFile("cal.ics", archives.ICS.encode(), content_type="text/calendar")


def _post(api, path: str, **form):
    headers = {**EN, **({"Authorization": f"Bearer {api.token}"} if api.token else {})}
    return api.client.post(path, {"files": _ics(), **form}, headers=headers)


def test_an_ingest_past_the_bound_names_the_limit_and_the_worker_route_and_reads_nothing(
    world, owner_api, settings, monkeypatch
):
    settings.MAIL_INGEST_IN_REQUEST_MB = 100 / 1024 / 1024  # 100 bytes: less than the calendar
    monkeypatch.setattr(mail_api, "mail_ingest_preview", _never)
    monkeypatch.setattr(mail_api, "ingest_with_suggestions", _never)
    monkeypatch.setattr(mail_api, "save_uploads", _never)
    for dry_run in ("true", "false"):
        response = _post(owner_api, "/api/accounts/guodian/mail/ingest", dry_run=dry_run)
        assert response.status_code == 422, response.content
        [error] = response.json()["errors"]
        assert error["field"] == "files"
        assert "MAIL_INGEST_IN_REQUEST_MB" in error["message"]
        assert "POST /api/accounts/guodian/mail/ingests" in error["message"]
    assert not MailItem.objects.filter(account=world.cn).exists()


def test_an_ingest_under_the_bound_still_answers_its_report(world, owner_api, settings):
    settings.MAIL_INGEST_IN_REQUEST_MB = 1
    response = _post(owner_api, "/api/accounts/guodian/mail/ingest", our_domains="ours.example")
    assert response.status_code == 200, response.content
    assert response.json()["dry_run"] is True and response.json()["read"] >= 1
    assert not MailItem.objects.filter(account=world.cn).exists()


def test_the_worker_route_ingests_files_past_the_bound_and_shows_the_run(world, owner_api, settings):
    settings.MAIL_INGEST_IN_REQUEST_MB = 100 / 1024 / 1024
    response = _post(owner_api, "/api/accounts/guodian/mail/ingests", our_domains="ours.example")
    assert response.status_code == 202, response.content
    run = response.json()
    # the tests' tasks run inside the request (django-tasks' immediate backend): done at once
    assert run["status"] == "done" and run["files"] and run["summary"]
    assert MailItem.objects.filter(account=world.cn).exists()
    shown = owner_api.get(f"/api/accounts/guodian/mail/ingests/{run['id']}", headers=EN)
    assert shown.status_code == 200 and shown.json() == run
    listed = owner_api.get("/api/accounts/guodian/mail/ingests").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == run["id"]
    stored = MailItem.objects.filter(account=world.cn).count()
    again = _post(owner_api, "/api/accounts/guodian/mail/ingests", our_domains="ours.example")
    assert again.status_code == 202 and again.json()["status"] == "done"
    assert MailItem.objects.filter(account=world.cn).count() == stored  # re-ingesting adds nothing twice


def test_the_worker_route_queues_without_a_worker_running(world, owner_api, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, no worker
    response = _post(owner_api, "/api/accounts/guodian/mail/ingests")
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "queued" and response.json()["summary"] == ""
    assert IngestRun.objects.get(pk=response.json()["id"]).status == IngestRun.Status.QUEUED
    assert not MailItem.objects.filter(account=world.cn).exists()


def test_the_worker_route_keeps_the_gate_and_names_bad_fields(
    world, owner_api, outsider_api, manager_api, anon_api
):
    path = "/api/accounts/guodian/mail/ingests"
    bad = _post(owner_api, path, our_domains="not a domain!")
    assert bad.status_code == 422 and [e["field"] for e in bad.json()["errors"]] == ["our_domains"]
    assert _post(outsider_api, path).status_code == 404
    assert _post(anon_api, path).status_code == 401
    assert _post(manager_api, path).status_code == 403  # a manager of the team reviews, never ingests
    assert not IngestRun.objects.exists()
    run = IngestRun.objects.create(account=world.cn, created_by=world.owner, files=["x.mbox"])
    assert manager_api.get(f"{path}/{run.pk}").status_code == 200  # but may read the runs
    assert outsider_api.get(f"{path}/{run.pk}").status_code == 404
    assert anon_api.get(f"{path}/{run.pk}").status_code == 401
    theirs = IngestRun.objects.create(account=world.other, created_by=world.outsider, files=["y.mbox"])
    assert owner_api.get(f"{path}/{theirs.pk}").status_code == 404  # another account's run
    assert owner_api.get(f"{path}/999999").status_code == 404
    assert outsider_api.get(path).status_code == 404 and anon_api.get(path).status_code == 401
