"""A long ingest says how far it got, and reading the files holds no transaction (an operator's leftover: on SQLite
the one write lock was held while a large archive was read, so every other user's save waited; the runs table
said only "running" and for how long)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from battlemap.mail.models import IngestRun, MailItem
from battlemap.mail.services import ingest_with_suggestions
from battlemap.mail.services.runs import ingest_run_progress

MESSAGES = 2500  # past two PROGRESS_EVERY (1,000) marks of one file


def _mbox(count: int = MESSAGES) -> bytes:
    return "".join(
        f"From a@x Mon Mar  3 09:15:00 2025\nFrom: Wang <wang@guodian.example>\nTo: Alice <alice@ours.example>\n"
        f"Date: Mon, 03 Mar 2025 09:{n % 60:02d}:00 +0800\nSubject: Note {n}\nMessage-ID: <n{n}@guodian.example>\n"
        f"\nBody {n}\n\n"
        for n in range(count)
    ).encode()


@pytest.mark.django_db(transaction=True)
def test_the_files_are_read_outside_any_transaction_and_counted_as_they_go(world, tmp_path):
    path = tmp_path / "inbox.mbox"
    path.write_bytes(_mbox())
    heard: list[tuple[str, int, bool]] = []

    def progress(stage: str, items: int) -> None:
        heard.append((stage, items, connection.in_atomic_block))

    report, _created = ingest_with_suggestions(
        account=world.cn, paths=[path], our_domains=["ours.example"], progress=progress
    )
    reading = [(items, atomic) for stage, items, atomic in heard if stage == "reading"]
    assert [items for items, _atomic in reading] == [1000, 2000, MESSAGES]
    assert not any(atomic for _items, atomic in reading)  # no write lock while the files are read
    assert heard[-1] == ("storing", MESSAGES, False)
    assert report.read == report.new == MESSAGES
    assert MailItem.objects.filter(account=world.cn).count() == MESSAGES


def test_a_run_saves_its_stage_at_once_and_its_count_at_most_every_few_seconds(world):
    run = IngestRun.objects.create(account=world.cn, created_by=world.owner, files=["inbox.mbox"])
    progress = ingest_run_progress(run, every=3600)
    progress("reading", 1000)
    progress("reading", 2000)  # within the interval: not saved
    assert IngestRun.objects.values_list("stage", "items_read").get(pk=run.pk) == ("reading", 1000)
    progress("storing", 2500)  # a new stage: saved at once
    assert IngestRun.objects.values_list("stage", "items_read").get(pk=run.pk) == ("storing", 2500)


def test_the_runs_table_and_the_api_say_how_far_a_run_got(world, owner_client):
    from tests.api.conftest import _client_for

    run = IngestRun.objects.create(
        account=world.cn, created_by=world.owner, files=["inbox.mbox"], status="running", stage="reading",
        items_read=12400,
    )  # fmt: skip
    runs_url = reverse("mail_runs", args=[world.cn.slug])
    en = owner_client.get(runs_url, headers={"Accept-Language": "en"}).content.decode()
    assert "reading: 12,400 items so far" in en
    zh = owner_client.get(runs_url, headers={"Accept-Language": "zh-hans"}).content.decode()
    assert "读取中：已读 12400 条" in zh  # Django's zh-hans formats group no digits
    IngestRun.objects.filter(pk=run.pk).update(stage="storing")
    en = owner_client.get(runs_url, headers={"Accept-Language": "en"}).content.decode()
    assert "storing the 12,400 items read" in en
    shown = _client_for(world.owner).get(f"/api/accounts/{world.cn.slug}/mail/ingests/{run.pk}").json()
    assert (shown["stage"], shown["items_read"]) == ("storing", 12400)


def test_an_upload_ends_with_its_count_and_no_stage(world, owner_client):
    upload = SimpleUploadedFile("inbox.mbox", _mbox(30))
    answer = owner_client.post(
        f"/accounts/{world.cn.slug}/mail/upload/", {"files": upload, "our_domains": "ours.example"}
    )
    assert answer.status_code == 302
    run = IngestRun.objects.get(account=world.cn)
    assert (run.status, run.stage, run.items_read) == ("done", "", 30)


def test_the_command_says_how_far_it_got_on_standard_error(world, tmp_path, capsys):
    path = tmp_path / "inbox.mbox"
    path.write_bytes(_mbox(20))
    call_command("mail-ingest", str(path), "--account", world.cn.slug, "--our-domain", "ours.example")
    out = capsys.readouterr()
    assert "battlemap mail-ingest: storing the 20 items read" in out.err
    assert "storing" not in out.out  # standard output carries the summary alone
