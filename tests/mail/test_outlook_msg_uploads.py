"""An Outlook .msg comes in every way mail does: the upload page, the API, a zip of messages, `mail-ingest` on a
folder Outlook's messages were dragged to (one renamed .eml among them is read as what it is)."""

from __future__ import annotations

import io
import zipfile
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from battlemap.mail.models import IngestRun, MailItem
from battlemap.users.services import token_create
from tests.mail.outlook_files import received, sent

pytestmark = pytest.mark.django_db
CUSTOMER = "guodian.example"


def _uids(world) -> list[str]:  # noqa: ANN001
    return sorted(MailItem.objects.filter(account=world.cn).values_list("uid", flat=True))


def test_the_upload_page_ingests_a_msg(world, client, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(world.owner)
    client.post(
        f"/accounts/{world.cn.slug}/mail/upload/",
        {
            "files": [SimpleUploadedFile("报价.msg", sent()), SimpleUploadedFile("回复.msg", received())],
            "our_domains": "ours.example",
            "customer_domains": CUSTOMER,
        },
    )
    run = IngestRun.objects.get(account=world.cn)
    assert run.status == "done", run.summary_text
    assert _uids(world) == ["20261102.1@guodian.example", "offer-1@ours.example"]


def test_the_api_ingests_a_msg(world, client):
    token = token_create(user=world.owner, name="test").secret
    response = client.post(
        f"/api/accounts/{world.cn.slug}/mail/ingest",
        {"files": SimpleUploadedFile("报价.msg", sent()), "dry_run": "false", "our_domains": "ours.example"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["new"] == 1
    assert MailItem.objects.get(account=world.cn).subject == "物联网平台报价"


def test_a_zip_of_msg_files_is_read_as_its_messages(world, client, settings):
    settings.LANGUAGE_CODE = "en"
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("邮件/报价.msg", sent())
        book.writestr("邮件/回复.msg", received())
    client.force_login(world.owner)
    client.post(
        f"/accounts/{world.cn.slug}/mail/upload/",
        {"files": SimpleUploadedFile("邮件.zip", packed.getvalue()), "our_domains": "ours.example"},
    )
    assert IngestRun.objects.get(account=world.cn).status == "done"
    assert _uids(world) == ["20261102.1@guodian.example", "offer-1@ours.example"]


def test_mail_ingest_reads_a_folder_of_msg_files(world, tmp_path):
    (tmp_path / "报价.msg").write_bytes(sent())
    (tmp_path / "回复.eml").write_bytes(received())  # a .msg renamed .eml
    out = StringIO()
    call_command(
        "mail-ingest", str(tmp_path), "--account", world.cn.slug, "--our-domain", "ours.example", stdout=out
    )
    assert "2 new" in out.getvalue()
    assert _uids(world) == ["20261102.1@guodian.example", "offer-1@ours.example"]
