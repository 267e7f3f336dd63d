"""A message to very many addresses (a newsletter, an all-hands notice, a hostile header) is one broadcast:
the ingest finishes, says how many addresses it left out, and the account's pages still load (trial 22)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from battlemap.interactions.models import Interaction
from battlemap.mail.cache import account_inference
from battlemap.mail.models import IngestRun, MailItem, Suggestion
from battlemap.mail.services import mail_ingest

CUSTOMER = "guodian.example"


def _broadcast(count: int, sender: str = f"zhao@{CUSTOMER}", uid: str = "many") -> bytes:
    """One message from `sender` to us and to `count` addresses of the customer."""
    to = ", ".join(["sam@ours.example"] + [f"u{i}@{CUSTOMER}" for i in range(count)])
    return (
        f"From: {sender}\nTo: {to}\nSubject: notice\nDate: Sat, 7 Nov 2026 10:00:00 +0800\n"
        f"Message-ID: <{uid}@{CUSTOMER}>\n\nhello\n"
    ).encode()


def _upload(client, world, content: bytes, name: str = "many.eml"):  # noqa: ANN001
    client.force_login(world.owner)
    return client.post(
        f"/accounts/{world.cn.slug}/mail/upload/",
        {
            "files": SimpleUploadedFile(name, content),
            "our_domains": "ours.example",
            "customer_domains": CUSTOMER,
        },
    )


def test_a_message_to_thousands_is_ingested_as_one_broadcast_and_the_pages_load(world, client):
    _upload(client, world, _broadcast(3000))
    run = IngestRun.objects.get(account=world.cn)
    assert run.status == "done"
    assert "3000 of its recipients were left out" in run.summary_text
    assert "more than 100 addresses" in run.summary_text
    interaction = Interaction.objects.get(account=world.cn)
    assert interaction.summary == "notice"
    item = MailItem.objects.get(account=world.cn)
    assert [r[0] for r in item.recipients] == ["sam@ours.example"]  # the sender and our side only
    assert not Suggestion.objects.filter(account=world.cn, email__startswith="u").exists()
    page = client.get(f"/accounts/{world.cn.slug}/mail/")
    assert page.status_code == 200 and "u17@" not in page.content.decode()
    assert client.get(f"/accounts/{world.cn.slug}/").status_code == 200


def test_a_message_within_the_bound_keeps_every_recipient(world, client):
    _upload(client, world, _broadcast(99))  # 99 + ours + the sender: 101 addresses
    assert "left out" in IngestRun.objects.get(account=world.cn).summary_text
    MailItem.objects.all().delete()
    Interaction.objects.all().delete()
    IngestRun.objects.all().delete()
    _upload(client, world, _broadcast(98, uid="fewer"))  # 100 addresses: a working thread
    run = IngestRun.objects.get(account=world.cn)
    assert run.status == "done" and "left out" not in run.summary_text
    assert len(MailItem.objects.get(account=world.cn).recipients) == 99


def test_the_bound_is_a_setting(world, client, settings):
    settings.MAIL_BROADCAST_ADDRESSES = 10
    _upload(client, world, _broadcast(20))
    assert "more than 10 addresses" in IngestRun.objects.get(account=world.cn).summary_text


def test_a_broadcast_from_our_side_reaches_the_customer(world, tmp_path):
    path = tmp_path / "newsletter.eml"
    path.write_bytes(_broadcast(500, sender="news@ours.example"))
    report = mail_ingest(
        account=world.cn, paths=[path], our_domains=["ours.example"], customer_domains=[CUSTOMER]
    )
    assert (report.broadcasts, report.left_out, report.interactions) == (1, 500, 1)
    assert report.skipped["no_customer"] == 0  # its customer recipients were left out, not forgotten


def test_a_broadcast_stored_in_full_before_is_read_as_one(world, tmp_path):
    # an item stored before broadcasts were bounded (the tester's account after 300,000 recipients)
    MailItem.objects.create(
        account=world.cn,
        uid="<old@x>",
        sender_email=f"zhao@{CUSTOMER}",
        recipients=[[f"u{i}@{CUSTOMER}", "", "to"] for i in range(2000)],
        subject="old notice",
    )
    mail_ingest(account=world.cn, paths=[], our_domains=["ours.example"], customer_domains=[CUSTOMER])
    people = {p.email for p in account_inference(world.cn).inference.people}
    assert not any(email.startswith("u") for email in people)


def test_a_run_that_fails_after_the_messages_keeps_nothing(world, client, monkeypatch):
    def broken(**_kwargs):  # noqa: ANN003
        raise RuntimeError("suggestions failed")

    monkeypatch.setattr("battlemap.mail.services.runs.suggestions_refresh", lambda **kw: broken(**kw))
    _upload(client, world, _broadcast(5))
    run = IngestRun.objects.get(account=world.cn)
    assert run.status == "failed"
    # all or nothing, as the worker-died message promises
    assert not MailItem.objects.filter(account=world.cn).exists()
    assert not Interaction.objects.filter(account=world.cn).exists()


@pytest.mark.parametrize("page", ["", "?page=3"])
def test_the_mail_page_shows_suggestions_a_page_at_a_time(world, client, page):
    Suggestion.objects.bulk_create(
        Suggestion(account=world.cn, kind="person", email=f"p{i:03d}@{CUSTOMER}", name=f"P{i:03d}")
        for i in range(120)
    )
    client.force_login(world.owner)
    text = client.get(f"/accounts/{world.cn.slug}/mail/{page}").content.decode()
    shown = [i for i in range(120) if f"p{i:03d}@{CUSTOMER}" in text]
    assert shown == (list(range(50)) if not page else list(range(100, 120)))
    assert 'class="pager"' in text and ("Page 1 of 3" if not page else "Page 3 of 3") in text


def test_a_long_to_header_is_counted_whole_and_our_side_past_the_cut_kept(world, client, monkeypatch):
    """The mbox reader takes a run-on line in pieces (`messages._LINE_MAX`, 1 MB): a `To:` of 500,000 addresses
    was read as its first megabyte, so the summary said 37,846 recipients were left out and a colleague named
    past the cut was no participant. Here the pieces are 64 bytes."""
    monkeypatch.setattr("battlemap.io.mail.messages._LINE_MAX", 64)
    to = ", ".join([f"u{i}@{CUSTOMER}" for i in range(3000)] + ["sam@ours.example"])
    mbox = (
        f"From zhao@{CUSTOMER} Sat Nov  7 10:00:00 2026\nFrom: zhao@{CUSTOMER}\nTo: {to}\r\nSubject: notice\n"
        f"Date: Sat, 7 Nov 2026 10:00:00 +0800\nMessage-ID: <long@{CUSTOMER}>\n\nhello\n"
    ).encode()
    _upload(client, world, mbox, name="many.mbox")
    run = IngestRun.objects.get(account=world.cn)
    assert run.status == "done" and "3000 of its recipients were left out" in run.summary_text
    assert [r[0] for r in MailItem.objects.get(account=world.cn).recipients] == ["sam@ours.example"]
