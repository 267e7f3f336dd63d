"""A zip of .eml messages — what a user gets by selecting messages in Thunderbird (or saving them from Outlook on
the web) and compressing them — is read as its files would be loose (trial 24: refused as "not a mail, calendar
or CSV activity file"), in the order of the members' names, with the guards of every zip: a zip bomb is refused
at once naming the limit, members that are no mail are passed over and named."""

from __future__ import annotations

import email.utils
import io
import time
import zipfile
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from battlemap.io.mail import parse_paths
from battlemap.io.mail.archive import ArchiveBounds
from battlemap.mail.models import IngestRun, MailItem
from battlemap.mail.services import IngestError, mail_ingest
from tests.inference import archives

pytestmark = pytest.mark.django_db
CUSTOMER = "guodian.example"


def _eml(n: int, sender: str) -> bytes:
    """A message as Thunderbird saves it (Save As → .eml): MIME, UTF-8 subject, CRLF line ends."""
    message = EmailMessage()
    message["From"] = email.utils.formataddr(("王建国", sender))
    message["To"] = "sam@ours.example"
    message["Subject"] = f"关于项目采购 {n}"
    message["Date"] = email.utils.format_datetime(datetime(2026, 11, 2, 9, n, tzinfo=UTC))
    message["Message-ID"] = f"<{n}.zip@{CUSTOMER}>"
    message.set_content("您好\n\n王建国\n总经理")
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))


def _finder_zip(members: dict[str, bytes]) -> bytes:
    """A zip as macOS Finder's Compress writes it: deflated, the folder's entry, each file's AppleDouble copy
    under __MACOSX/ (`._name`), members in the order the files were picked (not by name)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("邮件/", b"")
        for name, data in members.items():
            book.writestr(f"邮件/{name}", data)
            book.writestr(f"__MACOSX/邮件/._{name}", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    return out.getvalue()


def _upload(client, world, name: str, content: bytes):  # noqa: ANN001
    client.force_login(world.owner)
    client.post(
        f"/accounts/{world.cn.slug}/mail/upload/",
        {
            "files": SimpleUploadedFile(name, content),
            "our_domains": "ours.example",
            "customer_domains": CUSTOMER,
        },
    )
    return IngestRun.objects.get(account=world.cn)


def test_a_zip_of_eml_messages_is_ingested_and_a_readme_in_it_named_as_passed_over(world, client, settings):
    settings.LANGUAGE_CODE = "en"
    members = {f"{n}.eml": _eml(n, f"wjg{n}@{CUSTOMER}") for n in (3, 1, 2)}
    members["说明.txt"] = "导出于 2026-11-15".encode()
    run = _upload(client, world, "selected.zip", _finder_zip(members))
    assert run.status == "done", run.summary_text
    assert MailItem.objects.filter(account=world.cn).count() == 3
    assert run.summary_text.startswith("3 items read: 3 new")
    assert (
        "Passed over in the zip archives, not mail, calendar or CSV activity files: selected.zip/邮件/说明.txt."
        in (run.summary_text)
    )
    assert "__MACOSX" not in run.summary_text


def test_members_are_read_in_the_order_of_their_names(tmp_path):
    names = ["c.eml", "a.eml", "b/z.eml", "b/a.eml"]
    path = tmp_path / "mail.zip"
    path.write_bytes(_finder_zip({name: _eml(n, f"p{n}@{CUSTOMER}") for n, name in enumerate(names)}))
    parsed = parse_paths([path])
    assert parsed.bad_files == []
    assert [r.source for r in parsed.records] == [
        "a.eml",
        "a.eml",
        "z.eml",
        "c.eml",
    ]  # 邮件/a, 邮件/b/a, 邮件/b/z, 邮件/c
    assert [r.uid for r in parsed.records][1:3] == [f"3.zip@{CUSTOMER}", f"2.zip@{CUSTOMER}"]


def test_an_mbox_and_a_calendar_in_a_zip_are_read_as_loose_and_a_broken_member_is_named(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("Inbox.mbox", archives.MESSAGE_1 + "\n" + archives.MESSAGE_2)
        book.writestr("cal.ics", archives.ICS)
        book.writestr("broken.eml", b"no headers at all\r\n")
    parsed = parse_paths([path])
    assert {r.kind for r in parsed.records} == {"email", "meeting"}
    assert [(Path(b.path).name, b.path.endswith("export.zip/broken.eml")) for b in parsed.bad_files] == [
        ("broken.eml", True)
    ]


def test_a_zip_bomb_is_refused_at_once_naming_the_limit(world, tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        with book.open("huge.eml", "w", force_zip64=True) as member:
            member.write(_eml(1, f"a@{CUSTOMER}"))
            for _ in range(60):
                member.write(b" " * (1024 * 1024))  # 60 MB of spaces: some 60 KB packed
    started = time.monotonic()
    with pytest.raises(IngestError) as raised:
        mail_ingest(account=world.cn, paths=[path], our_domains=["ours.example"])
    assert time.monotonic() - started < 2
    assert "compressed more than 100 times" in str(raised.value) and "IMPORT_MAX_COMPRESSION_RATIO" in str(
        raised.value
    )
    assert not MailItem.objects.filter(account=world.cn).exists()


def test_a_zip_past_the_unpacked_size_is_refused(world, tmp_path, settings):
    settings.IMPORT_MAX_UNCOMPRESSED_MB = 1
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as book:
        for n in range(3):
            book.writestr(f"{n}.eml", _eml(n, f"a@{CUSTOMER}") + b"x" * 600_000)
    with pytest.raises(IngestError) as raised:
        mail_ingest(account=world.cn, paths=[path], our_domains=["ours.example"])
    assert "unpacks to more than 1 MB" in str(raised.value)


def test_a_zip_of_more_members_than_the_bound_is_refused_before_they_are_listed(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as book:
        for n in range(6):
            book.writestr(f"{n}.eml", _eml(n, f"a@{CUSTOMER}"))
    parsed = parse_paths([path], archive_bounds=ArchiveBounds(members=5))
    assert parsed.records == []
    assert [b.reason for b in parsed.bad_files] == [
        "the zip archive holds 6 files, more than the limit of 5 in one archive: send its files in several archives"
    ]


def test_a_zip_in_a_zip_is_never_opened_and_an_office_file_is_still_no_mail(tmp_path):
    inner = _finder_zip({"1.eml": _eml(1, f"a@{CUSTOMER}")})
    path = tmp_path / "outer.zip"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("inner.zip", inner)
        book.writestr("2.eml", _eml(2, f"b@{CUSTOMER}"))
    workbook = tmp_path / "people.xlsx"
    workbook.write_bytes(inner)  # a zip named as an office file: not read as an archive of mail
    parsed = parse_paths([path, workbook])
    assert [r.uid for r in parsed.records] == [f"2.zip@{CUSTOMER}"]
    assert parsed.passed_over == ["outer.zip/inner.zip"]
    assert [(b.path, b.reason) for b in parsed.bad_files] == [
        (str(workbook), "not a mail, calendar or CSV activity file")
    ]


def test_an_empty_zip_is_refused_as_an_empty_mbox_is(world, tmp_path):
    """A mail trial: an empty zip was a run "done" with nothing read, an empty mbox a refusal."""
    path = tmp_path / "empty.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("导出/", "")  # a folder alone
    with pytest.raises(IngestError, match="holds no files"):
        mail_ingest(account=world.cn, paths=[path])
