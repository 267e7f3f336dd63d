"""Apple Mail's own "Export Mailbox" folder (`Name.mbox/` with `mbox`, `Info.plist`, `table_of_contents`), as
docs/mail.md recommends it, is read as its mbox; a skipped file is said wholly in the user's language."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.utils import translation

from battlemap.mail.models import MailItem
from battlemap.mail.services import mail_ingest
from tests.inference import archives

PLIST = b'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict></dict></plist>\n'


def _apple_export(folder):  # noqa: ANN001
    mailbox = folder / "收件箱.mbox"
    mailbox.mkdir(parents=True)
    archives.write_mbox(mailbox / "mbox")
    (mailbox / "Info.plist").write_bytes(PLIST)
    (mailbox / "table_of_contents").write_bytes(b"\x00\x00\x00\x02toc")
    return folder


def test_an_apple_mail_export_folder_is_ingested_whole(world, tmp_path):
    export = _apple_export(tmp_path / "export")
    for given in (export, export / "收件箱.mbox"):  # the export folder, or the mailbox folder itself
        report = mail_ingest(account=world.cn, paths=[given], our_domains=["ours.example"])
        assert not report.bad_files
    assert MailItem.objects.filter(account=world.cn).count() == 2


def test_a_plist_elsewhere_is_still_no_mail_file(world, tmp_path):
    folder = tmp_path / "odd"
    folder.mkdir()
    archives.write_mbox(folder / "mail.mbox")
    (folder / "Info.plist").write_bytes(PLIST)
    report = mail_ingest(account=world.cn, paths=[folder], our_domains=["ours.example"], skip_bad=True)
    assert [b.path.rsplit("/", 1)[1] for b in report.bad_files] == ["Info.plist"]


def test_skipped_files_are_said_in_chinese_in_a_chinese_run(world, tmp_path, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    folder = tmp_path / "mixed"
    folder.mkdir()
    archives.write_mbox(folder / "mail.mbox")
    (folder / "notes.plist").write_bytes(PLIST)
    err = StringIO()
    with translation.override("zh-hans"):
        call_command(
            "mail-ingest", folder, "--account", world.cn.slug, "--skip-bad", stdout=StringIO(), stderr=err
        )
    line = err.getvalue()
    assert "notes.plist" in line and "not a mail" not in line and "不是邮件" in line
