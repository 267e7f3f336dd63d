"""A Thunderbird folder's mbox keeps the messages its user deleted, marked in X-Mozilla-Status (flag 0008), until
the folder is compacted; Gmail Takeout exports the Trash with the other mail, labelled `Trash`. A mail deleted as
sent to the wrong person was ingested as contact with the customer, without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from battlemap.mail.models import MailItem
from battlemap.mail.services import mail_ingest
from battlemap.mail.services.ingest_summary import summary_of
from tests import factories as f

pytestmark = pytest.mark.django_db


def _message(status: str, number: int, subject: str, labels: str = "") -> str:
    return (
        f"From - Mon Nov 0{number} 10:00:00 2026\nX-Mozilla-Status: {status}\nX-Mozilla-Status2: 00000000\n"
        f"{labels}Message-ID: <m{number}@ours.example>\nDate: Mon, {number} Nov 2026 10:00:00 +0800\n"
        f"From: Demo Rep <demo@ours.example>\nTo: 刘建华 <liujianhua@hdny.example>\nSubject: {subject}\n\n"
        "您好，方案请查收。\n\n"
    )


MBOX = (
    _message("0001", 2, "POC plan")  # read
    + _message("0009", 3, "Wrong person")  # read, then deleted: not compacted yet
    + _message("0000", 4, "Draft moved to trash", "X-Gmail-Labels: Trash,Opened\n")
    + _message("0003", 5, "Re: POC plan")  # read, replied
)


def test_deleted_messages_still_in_the_file_make_no_interaction_and_are_counted(tmp_path: Path):
    account = f.account(owner=f.user("ops"), slug="hdny", name="华东能源")
    path = tmp_path / "Sent"
    path.write_text(MBOX, encoding="utf-8")

    report = mail_ingest(account=account, paths=[path], our_domains=["ours.example"])

    assert sorted(MailItem.objects.values_list("subject", flat=True)) == ["POC plan", "Re: POC plan"]
    assert report.interactions == 2
    with translation.override("en"):
        assert (
            "messages deleted in the mail program (Thunderbird, Gmail's Trash) but still in the file: not "
            "ingested (2)" in summary_of(report)
        )
