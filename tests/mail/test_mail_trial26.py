"""What a seller's first real archives showed (sixth-round mail trial): an out-of-office answer counted as the
customer replying to us; a zipped maildir (message files named `1796….host:2,S`) read as 0 items; a setup.exe
renamed .mbox told to tick "ingest the readable files" when no file was readable; a cut header left
`=?utf-8?q?…` in a name and "unclosed <x@y" as an address; a NUL in a subject (PostgreSQL refuses it)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from battlemap.interactions.models import Interaction
from battlemap.mail.models import IngestRun, MailItem
from battlemap.mail.services import IngestError, mail_ingest
from battlemap.mail.services.ingest_summary import summary_of
from tests import factories as f

pytestmark = pytest.mark.django_db
OURS = ["ours.example"]


def _message(n: int, subject: str, *, sender: str = "Sun Li <sun.li@cust.example>", extra: str = "") -> bytes:
    return (
        f"From: {sender}\r\nTo: Li Ming <li.ming@ours.example>\r\nSubject: {subject}\r\n"
        f"Date: Tue, 11 Nov 2025 10:{n:02d}:00 +0800\r\nMessage-ID: <m{n}@cust.example>\r\n{extra}\r\nhello\r\n"
    ).encode()


def _mbox(tmp_path: Path, *messages: bytes) -> Path:
    path = tmp_path / "Inbox.mbox"
    path.write_bytes(b"".join(b"From x@y Tue Nov 11 10:00:00 2025\r\n" + m + b"\r\n" for m in messages))
    return path


@pytest.mark.parametrize(
    "subject, extra",
    [
        ("Re: visit", "Auto-Submitted: auto-replied\r\n"),
        ("visit", "X-Autoreply: yes\r\n"),
        ("Automatic reply: visit", ""),
        ("自动回复: 拜访预约", ""),
        ("自动答复：拜访预约", ""),
        ("Out of Office: visit", "Precedence: auto_reply\r\n"),
        ("Out of Office AutoReply: pricing", ""),  # the old Exchange's
        ("Automatische Antwort: Besuch", ""),
    ],
)
def test_an_automatic_reply_is_no_contact_and_no_mail_for_inference(world, tmp_path, subject, extra):
    account = f.account(owner=world.owner, slug="cust", name="Cust")
    sun = f.person(account=account, name="Sun Li", email="sun.li@cust.example")
    path = _mbox(tmp_path, _message(1, subject, extra=extra))
    report = mail_ingest(account=account, paths=[path], our_domains=OURS, customer_domains=["cust.example"])
    assert report.skipped["automatic"] == 1 and report.interactions == 0
    assert not MailItem.objects.filter(account=account).exists()
    assert not Interaction.objects.filter(participants__person=sun).exists()
    assert "automatic replies" in summary_of(report)


@pytest.mark.parametrize(
    "subject, extra",
    [("Out of office next week", ""), ("Re: automatic reply settings", ""), ("外出拜访安排", ""),
     ("visit", "X-Autoreply: no\r\n"), ("visit", "Auto-Submitted: no\r\n")],
)  # fmt: skip
def test_a_person_writing_about_being_away_is_a_contact(world, tmp_path, subject, extra):
    account = f.account(owner=world.owner, slug="cust", name="Cust")
    f.person(account=account, name="Sun Li", email="sun.li@cust.example")
    report = mail_ingest(
        account=account, paths=[_mbox(tmp_path, _message(1, subject, extra=extra))], our_domains=OURS,
        customer_domains=["cust.example"],
    )  # fmt: skip
    assert report.interactions == 1 and not report.skipped["automatic"]


def test_a_zipped_maildir_is_read_message_by_message(world, tmp_path):
    account = f.account(owner=world.owner, slug="cust", name="Cust")
    archive = tmp_path / "maildir.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for n in range(3):  # as mailbox.Maildir writes them: no .eml, first field not From
            z.writestr(
                f"maildir/cur/17960{n}.M1P2.host:2,S", b"MIME-Version: 1.0\r\n" + _message(n, f"note {n}")
            )
        z.writestr("maildir/new/17961.M1P2.host", b"Content-Type: text/plain\r\n" + _message(9, "new one"))
    report = mail_ingest(
        account=account, paths=[archive], our_domains=OURS, customer_domains=["cust.example"]
    )
    assert (report.read, report.new) == (4, 4) and not report.passed_over


def test_a_program_is_said_to_be_one_and_no_skip_hint_when_nothing_is_readable(world, client, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    account = f.account(owner=world.owner, slug="cust", name="Cust")
    program = b"MZ\x90\x00\x03" + bytes(300)
    with pytest.raises(IngestError) as refused:
        mail_ingest(account=account, paths=[_write(tmp_path, "setup.mbox", program)], our_domains=OURS)
    assert "a program, not mail" in str(refused.value) and not refused.value.readable
    client.force_login(world.owner)
    client.post(f"/accounts/{account.slug}/mail/upload/", {"files": SimpleUploadedFile("setup.mbox", program)},
                HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    run = IngestRun.objects.get(account=account)
    assert run.status == "failed" and "a program" in run.summary_text and "Tick" not in run.summary_text
    good = SimpleUploadedFile("Inbox.mbox", _mbox(tmp_path, _message(1, "visit")).read_bytes())
    client.post(f"/accounts/{account.slug}/mail/upload/",
                {"files": [SimpleUploadedFile("setup.mbox", program), good]}, HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert "Tick" in IngestRun.objects.filter(account=account).latest("pk").summary_text


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_cut_header_is_read_as_far_as_it_goes_and_controls_are_dropped(world, tmp_path):
    account = f.account(owner=world.owner, slug="cust", name="Cust")
    broken = (
        b"From: =?utf-8?q?=E8=B5=B5 <zhao.lei@cust.example>\r\nTo: <li.ming@ours.example>\r\n"
        b'Cc: "unclosed <x@y\r\nDate: Tue, 11 Nov 2025 10:00:00 +0800\r\nSubject: =?utf-8?b?5L2g5aW9?=x\x00\x01\r\n'
        b"Message-ID: <bad3@cust.example>\r\n\r\nbody\r\n"
    )
    mail_ingest(account=account, paths=[_write(tmp_path, "cut.eml", broken)], our_domains=OURS,
                customer_domains=["cust.example"])  # fmt: skip
    item = MailItem.objects.get(account=account)
    assert (item.sender_name, item.subject) == ("赵", "你好x")
    assert [r[0] for r in item.recipients] == ["li.ming@ours.example"]  # no "unclosed <x@y"


def test_a_zip_of_no_mail_at_all_is_a_failure_naming_what_it_held(world, tmp_path):
    """A folder of documents zipped by mistake was a run "done" with 0 items read: it is refused naming them."""
    account = f.account(owner=world.owner, slug="cust", name="Cust")
    archive = tmp_path / "docs.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("报价单.docx", b"PK\x03\x04 not mail")
        z.writestr("notes.txt", "会议纪要".encode())
    with pytest.raises(IngestError) as refused:
        mail_ingest(account=account, paths=[archive], our_domains=OURS)
    assert "docs.zip/notes.txt" in str(refused.value) and "docs.zip/报价单.docx" in str(refused.value)
    assert not MailItem.objects.filter(account=account).exists()
