"""Web exports run as background jobs (issue 18): the click queues the export, the job page shows its
progress and then offers the file; the file waits in the private job folder (0600) for a while, opens only
for someone who may see the account, and each download is audited. A real `battlemap worker` process runs
them in tests/ops/test_export_worker.py; here django-tasks' immediate backend runs them in the request, or
the database queue holds them (no worker)."""

from __future__ import annotations

import io
import os
import re
import time

import pytest
from django.test.utils import override_settings
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from battlemap.audit.models import AuditEntry
from battlemap.io.export.jobs import export_file_path
from battlemap.io.jobs import job_state, save_state
from battlemap.ops.services import fail_dead_tasks
from tests import factories as f
from tests.exports import web_export

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queued(client, slug: str, fmt: str, **data) -> str:
    response = client.post(f"/accounts/{slug}/io/export/{fmt}/", data)
    assert response.status_code == 302
    return response["Location"]


def _token(url: str) -> str:
    return re.search(r"/job/(\w+)/", url).group(1)


def test_the_menu_queues_an_export_and_the_job_page_offers_the_file(owner_client, world):
    account_page = owner_client.get(f"/accounts/{world.cn.slug}/").content.decode()
    assert f'method="post" action="/accounts/{world.cn.slug}/io/export/pptx/"' in account_page
    url = _queued(owner_client, world.cn.slug, "xlsx", lang="en", deal=world.cn_deal.pk)
    token = _token(url)
    page = owner_client.get(url)
    assert page.context["state"]["status"] == "done"
    assert page.context["state"]["deal_id"] == world.cn_deal.pk
    path = export_file_path(token)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    before = AuditEntry.objects.filter(account=world.cn, action="export", actor=world.owner).count()
    download = owner_client.get(f"{url}file/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert "王建国" in [c.value for c in load_workbook(io.BytesIO(download.content)).worksheets[0]["B"]]
    assert (
        AuditEntry.objects.filter(account=world.cn, action="export", actor=world.owner).count() == before + 1
    )


def test_a_teammate_may_download_the_file_an_outsider_gets_404_anonymous_goes_to_login(client, world):
    client.force_login(world.owner)
    url = _queued(client, world.cn.slug, "json")
    client.force_login(world.teammate)  # may see the account: the gate lets them
    assert client.get(f"{url}file/").status_code == 200
    client.force_login(world.outsider)
    for path in (url, f"{url}file/", f"/accounts/{world.cn.slug}/io/export/json/"):
        assert client.get(path).status_code == 404
    assert client.post(f"/accounts/{world.cn.slug}/io/export/json/").status_code == 404
    assert client.post(f"{url}retry/").status_code == 404
    other = url.replace(world.cn.slug, world.other.slug)  # the job id under the outsider's own account
    assert client.get(other).status_code == 404 and client.get(f"{other}file/").status_code == 404
    client.logout()
    for path in (url, f"{url}file/", f"/accounts/{world.cn.slug}/io/export/json/"):
        response = client.get(path)
        assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post(f"/accounts/{world.cn.slug}/io/export/json/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_bad_input_an_unknown_format_or_deal_or_job_is_404(owner_client, world):
    slug = world.cn.slug
    assert owner_client.post(f"/accounts/{slug}/io/export/docx/").status_code == 404
    theirs = f.deal(account=world.other, name="别人的商机", stage="evaluation")
    for deal in (999999, theirs.pk):  # no such deal, or another account's
        assert owner_client.post(f"/accounts/{slug}/io/export/pdf/", {"deal": deal}).status_code == 404
    assert owner_client.get(f"/accounts/{slug}/io/export/job/nosuchjob/").status_code == 404
    assert owner_client.get(f"/accounts/{slug}/io/export/job/../file/").status_code == 404


def test_an_old_link_shows_the_button_that_prepares_the_file(owner_client, world):
    page = owner_client.get(f"/accounts/{world.cn.slug}/io/export/pdf/")
    assert page.status_code == 200 and page.context["state"]["status"] == "new"
    assert 'method="post"' in page.content.decode()


def test_the_pdf_has_pages_and_the_png_is_an_image(owner_client, world):
    from pypdf import PdfReader

    pdf = web_export(owner_client, world.cn.slug, "pdf", lang="zh-hans")
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) >= 1
    png = web_export(owner_client, world.cn.slug, "png")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_file_is_removed_after_a_while(owner_client, world, settings):
    url = _queued(owner_client, world.cn.slug, "json")
    path = export_file_path(_token(url))
    old = time.time() - settings.EXPORT_KEEP_MINUTES * 60 - 5
    os.utime(path, (old, old))
    _queued(owner_client, world.cn.slug, "json")  # the next export clears the old files
    assert not path.exists()
    assert owner_client.get(f"{url}file/").status_code == 404


def test_a_queued_export_waits_for_a_worker_and_a_dead_workers_export_is_retried_once(owner_client, world):
    with override_settings(TASKS=DB_QUEUE):
        url = _queued(owner_client, world.cn.slug, "json")
        token = _token(url)
        page = owner_client.get(url)
        assert page.context["state"]["status"] == "queued" and page.context["no_worker"]
        assert owner_client.get(f"{url}file/").status_code == 404
        task = DBTaskResult.objects.ready().get()
        task.claim("ghost")  # a worker took it, then died without a heartbeat
        save_state(token, {**job_state(token), "status": "running", "done": 1})
        assert fail_dead_tasks() == 1
        page = owner_client.get(url)
        assert page.context["state"]["status"] == "failed" and page.context["can_retry"]
        owner_client.post(f"{url}retry/")
        owner_client.post(f"{url}retry/")  # a second click runs it once
        assert DBTaskResult.objects.ready().count() == 1
        assert job_state(token)["status"] == "queued"


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_job_page_speaks_the_users_language(owner_client, world, lang):
    url = _queued(owner_client, world.cn.slug, "json")
    html = owner_client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert ("Download" in html) if lang == "en" else ("下载" in html)


def test_a_failed_job_reads_in_the_language_of_whoever_opens_it(owner_client, world, settings):
    """The worker writes a job's problems once; a teammate reading English sees English even though the
    job was started (and failed) in Chinese."""
    settings.LANGUAGE_CODE = "zh-hans"
    with override_settings(TASKS=DB_QUEUE):
        url = _queued(owner_client, world.cn.slug, "json")
        DBTaskResult.objects.ready().get().claim("ghost")  # a worker took it, then died
        save_state(_token(url), {**job_state(_token(url)), "status": "running", "done": 1})
        assert fail_dead_tasks() == 1
        english = owner_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        chinese = owner_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "The background worker drawing this export stopped before it finished" in english
    assert "i18n" not in english and "后台" not in english.split('class="problems"')[1]
    assert "The background worker" not in chinese


def test_the_api_retries_a_dead_workers_export_for_whoever_asked_for_it(owner_client, world):
    """An operator's trial: a failed export over the API said "Retry it below." and the API had no retry."""
    from tests.api.conftest import _client_for

    with override_settings(TASKS=DB_QUEUE):
        url = _queued(owner_client, world.cn.slug, "json")
        token = _token(url)
        route = f"/api/accounts/{world.cn.slug}/exports/{token}/retry"
        owner_api, teammate_api = _client_for(world.owner), _client_for(world.teammate)
        assert owner_api.post(route, {}).status_code == 409  # queued: nothing to retry
        DBTaskResult.objects.ready().get().claim("ghost")  # a worker took it, then died
        save_state(token, {**job_state(token), "status": "running", "done": 1})
        assert fail_dead_tasks() == 1
        failed = owner_api.get(
            f"/api/accounts/{world.cn.slug}/exports/{token}", headers={"Accept-Language": "en"}
        )
        assert "POST …/retry" in failed.json()["problems"][0]
        assert teammate_api.post(route, {}).status_code == 404  # not the teammate's export
        answer = owner_api.post(route, {})
        assert answer.status_code == 202 and answer.json()["status"] == "queued"
        assert DBTaskResult.objects.ready().count() == 1
        assert owner_api.post(route, {}).status_code == 409  # once
