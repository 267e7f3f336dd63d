"""Signatures read from the web upload, and read again: an archive ingested headers only, then once more with
its bodies, brings its signatures' titles to the inference and the suggestions (they were lost for good
before: "0 new, 4 already ingested"); a third ingest changes nothing. The same through the CLI (the API's:
tests/api/test_mail_api.py)."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from battlemap.mail.cache import account_inference
from battlemap.mail.models import IngestRun, MailItem, Suggestion
from battlemap.mail.services import mail_ingest, suggestion_reject, suggestions_refresh
from battlemap.mail.services.ingest_summary import summary_of
from tests.mail.signed import DOMAIN, MBOX, SIGNED, SIGNED_ZH, liu_evidence, write_mbox

pytestmark = pytest.mark.django_db
TICKED = re.compile(r'<input type="checkbox" name="bodies"[^>]* checked>')


def _ingest(account, path: Path, **options):  # noqa: ANN001, ANN202
    report = mail_ingest(account=account, paths=[path], our_domains=["ours.example"], **options)
    suggestions_refresh(result=account_inference(account))
    return report


def _stored(account) -> list[tuple]:  # noqa: ANN001
    return list(
        MailItem.objects.filter(account=account)
        .order_by("uid")
        .values_list("uid", "signature_title", "signature_phone", "interaction_id")
    )


def test_bodies_after_a_headers_only_ingest_bring_the_titles_and_a_third_ingest_changes_nothing(
    world, tmp_path
):
    path = write_mbox(tmp_path)
    first = _ingest(world.cn, path)
    assert first.new == 4 and SIGNED not in liu_evidence(world.cn)
    suggested = Suggestion.objects.get(account=world.cn, kind="person", email=f"liu.yang@{DOMAIN}")
    assert suggested.value == ""  # no title: the bodies were not read

    second = _ingest(world.cn, path, bodies=True)
    assert (second.new, second.duplicates, second.signatures_added) == (0, 4, 2)
    with translation.override("en"):
        assert "2 items ingested before without their bodies now have their signatures" in summary_of(second)
    titles = set(MailItem.objects.filter(account=world.cn).values_list("signature_title", flat=True))
    assert titles == {"副总经理", ""}  # 孙婷's two messages have no signature
    assert SIGNED in liu_evidence(world.cn)
    # the suggestion carries the title and says where it comes from, in both languages; no second, title-less one
    pending = Suggestion.objects.filter(
        account=world.cn, kind="person", email=f"liu.yang@{DOMAIN}", state="pending"
    )
    assert [s.value for s in pending] == ["副总经理"]
    evidence = pending[0].evidence
    assert {"code": "title_level_signature", "params": {"title": "副总经理", "level": 6}} in evidence
    assert not any(e["code"] == "signature_title" for e in evidence)  # said once, with its level
    before = (_stored(world.cn), list(Suggestion.objects.filter(account=world.cn).values_list("pk", "value")))

    third = _ingest(world.cn, path, bodies=True)
    assert (third.new, third.signatures_added) == (0, 0)
    with translation.override("en"):
        assert "without their bodies" not in summary_of(third)
    assert (
        _stored(world.cn),
        list(Suggestion.objects.filter(account=world.cn).values_list("pk", "value")),
    ) == before
    headers_only = _ingest(world.cn, path)  # headers only once more: the signatures read stay
    assert headers_only.signatures_added == 0 and _stored(world.cn) == before[0]


def test_a_person_rejected_before_the_bodies_were_read_stays_rejected(world, tmp_path):
    path = write_mbox(tmp_path)
    _ingest(world.cn, path)
    liu = Suggestion.objects.get(account=world.cn, kind="person", email=f"liu.yang@{DOMAIN}")
    suggestion_reject(suggestion=liu, user=world.owner)
    _ingest(world.cn, path, bodies=True)
    found = Suggestion.objects.filter(account=world.cn, kind="person", email=f"liu.yang@{DOMAIN}")
    assert [(s.state, s.value) for s in found] == [("rejected", "")]


def test_a_dry_run_with_bodies_says_what_it_would_add_and_writes_nothing(world, tmp_path):
    path = write_mbox(tmp_path)
    _ingest(world.cn, path)
    before = _stored(world.cn)
    report = mail_ingest(account=world.cn, paths=[path], bodies=True, dry_run=True)
    assert report.signatures_added == 2 and _stored(world.cn) == before


def _upload(client, world, **fields):  # noqa: ANN001, ANN202
    upload = SimpleUploadedFile("liu.mbox", MBOX.encode())
    return client.post(
        f"/accounts/{world.cn.slug}/mail/upload/",
        {"files": upload, "our_domains": "ours.example", **fields},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_the_web_forms_checkbox_reads_the_signatures_of_items_ingested_without_them(world, client):
    client.force_login(world.owner)
    assert _upload(client, world).status_code == 302  # unticked: headers only, as before
    page = client.get(f"/accounts/{world.cn.slug}/mail/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="bodies"' in page and "Read the message bodies (signatures: titles, phones)" in page
    assert not TICKED.search(page)  # off unless asked, as the API's and the CLI's
    assert SIGNED not in page and "4 new" in page
    assert _upload(client, world, bodies="on").status_code == 302
    run = IngestRun.objects.filter(account=world.cn).first()
    with translation.override("en"):
        assert run.status == "done" and "0 new, 4 already ingested" in run.summary_text
        assert "2 items ingested before without their bodies now have their signatures" in run.summary_text
    page = client.get(f"/accounts/{world.cn.slug}/mail/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert SIGNED in page
    zh = client.get(f"/accounts/{world.cn.slug}/mail/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert SIGNED_ZH in zh and "读取邮件正文（签名：职务、电话）" in zh
    assert "Read the message bodies" not in zh


def test_a_refused_upload_keeps_the_ticked_box(world, client):
    client.force_login(world.owner)
    broken = SimpleUploadedFile("broken.csv", b"date,from,to\nnot a date,a@x.example,b@x.example\n")
    client.post(f"/accounts/{world.cn.slug}/mail/upload/", {"files": broken, "bodies": "on"})
    assert IngestRun.objects.get(account=world.cn).status == "failed"
    page = client.get(f"/accounts/{world.cn.slug}/mail/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert TICKED.search(page)
    form_error = client.post(
        f"/accounts/{world.cn.slug}/mail/upload/",
        {
            "files": SimpleUploadedFile("liu.mbox", MBOX.encode()),
            "our_domains": "bad domain!",
            "bodies": "on",
        },
    )
    assert form_error.status_code == 400 and TICKED.search(form_error.content.decode())


def test_the_upload_with_bodies_is_refused_to_outsiders_and_anonymous(world, client):
    client.force_login(world.outsider)
    assert _upload(client, world, bodies="on").status_code == 404
    client.logout()
    anonymous = _upload(client, world, bodies="on")
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert not MailItem.objects.filter(account=world.cn).exists()


def test_the_cli_with_bodies_after_headers_only_reads_the_signatures(world, tmp_path):
    path = write_mbox(tmp_path)
    common = ["--account", world.cn.slug, "--our-domain", "ours.example"]
    call_command("mail-ingest", str(path), *common, stdout=StringIO())
    out = StringIO()
    with translation.override("en"):
        call_command("mail-ingest", str(path), *common, "--bodies", stdout=out)
    assert "0 new, 4 already ingested" in out.getvalue() and "2 items ingested before" in out.getvalue()
    assert SIGNED in liu_evidence(world.cn)
