"""An Outlook export is a folder of .eml files, one a message: choosing 487 of them on the mail page gave Django's
bare English "Bad Request (400)" (its limit is 100 files a request) and lost the form (sixth-round mail trial).
Up to MAX_FILES files are read as one upload; more is refused in the reader's language, saying to zip them, on
the page and in the API's error shape."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from battlemap.mail.models import IngestRun, MailItem
from battlemap.users.services import token_create

pytestmark = pytest.mark.django_db


def _eml(n: int) -> SimpleUploadedFile:
    message = (
        f"From: Wang <wang@guodian.example>\r\nTo: Alice <alice@ours.example>\r\n"
        f"Subject: note {n}\r\nDate: Mon, 02 Mar 2026 10:{n % 60:02d}:00 +0800\r\n"
        f"Message-ID: <m{n}@guodian.example>\r\n\r\nhello\r\n"
    )
    return SimpleUploadedFile(f"{n:04d}.eml", message.encode())


def _fields(count: int) -> dict:
    return {"files": [_eml(n) for n in range(count)], "our_domains": "ours.example",
            "customer_domains": "guodian.example"}  # fmt: skip


def test_five_hundred_eml_files_are_one_upload(world, client):
    client.force_login(world.owner)
    response = client.post(f"/accounts/{world.cn.slug}/mail/upload/", _fields(500))
    assert response.status_code == 302
    run = IngestRun.objects.get(account=world.cn)
    assert run.status == "done" and MailItem.objects.filter(account=world.cn).count() == 500
    page = client.get(f"/accounts/{world.cn.slug}/mail/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "0009.eml, and 490 more" in page and "0010.eml" not in page  # ten named in the runs table


@pytest.mark.parametrize("lang, words", [("en", "zip"), ("zh-hans", "zip")])
def test_more_than_the_limit_is_said_in_the_reader_s_language(world, client, lang, words):
    client.force_login(world.owner)
    response = client.post(
        f"/accounts/{world.cn.slug}/mail/upload/",
        _fields(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1),
        HTTP_ACCEPT_LANGUAGE=lang,
        HTTP_REFERER=f"http://testserver/accounts/{world.cn.slug}/mail/",
    )
    page = response.content.decode()
    assert response.status_code == 413 and "Bad Request" not in page
    assert f"{settings.DATA_UPLOAD_MAX_NUMBER_FILES:,}" in page and words in page
    assert f'href="http://testserver/accounts/{world.cn.slug}/mail/"' in page  # the way back
    assert not IngestRun.objects.exists()


def test_the_api_answers_in_its_error_shape_naming_files(world, client):
    token = token_create(user=world.owner, name="t").secret
    response = client.post(
        f"/api/accounts/{world.cn.slug}/mail/ingests",
        _fields(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1),
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"},
    )
    assert response.status_code == 413
    body = response.json()
    assert body["errors"][0]["field"] == "files" and "zip" in body["detail"]
