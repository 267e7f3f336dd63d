"""A draft the seller saved and never sent — in a Gmail Takeout, a Thunderbird Drafts folder, an Outlook or Apple Mail
.eml, a maildir — was ingested as mail to the customer: a draft to the decision maker made them "contacted" and
hid that the relationship had gone stale (trial s37 h2). Only an Outlook .msg's draft was known for one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from battlemap.interactions.models import Interaction
from battlemap.io.mail.messages import read_eml, read_maildir, read_mbox
from battlemap.mail.models import MailItem
from battlemap.mail.services import mail_ingest
from battlemap.mail.services.ingest_summary import summary_of

NOW = datetime(2026, 11, 30, tzinfo=UTC)
SIDES = {"our_domains": ["ourco.example"], "customer_domains": ["guodian.example"]}

GMAIL_DRAFT = (
    "From 1790000000000000001@xxx Tue Nov 24 03:00:00 +0000 2026\n"
    "X-GM-THRID: 1790000000000000001\n"
    "X-Gmail-Labels: {labels}\n"
    "Date: Tue, 24 Nov 2026 11:00:00 +0800\n"
    "Message-ID: <{n}@mail.gmail.com>\n"
    "Subject: =?UTF-8?B?5ouc6K6/6YKA57qm?=\n"
    "From: li.sales@ourco.example\n"
    "To: =?UTF-8?B?546L5bu65Zu9?= <wang.jg@guodian.example>\n\n"
    "draft\n\n"
)
THUNDERBIRD_DRAFT = (
    "From - Tue Nov 24 03:10:00 2026\n"
    "X-Mozilla-Status: 0000\n"
    "X-Mozilla-Draft-Info: internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0;\n"
    " attachmentreminder=0; deliveryformat=4\n"
    "Message-ID: <tb-draft@ourco.example>\n"
    "Date: Tue, 24 Nov 2026 11:10:00 +0800\n"
    "User-Agent: Mozilla Thunderbird\n"
    "To: wang.jg@guodian.example\n"
    "From: li.sales@ourco.example\n"
    "Subject: visit\n\n"
    "draft\n\n"
)
OUTLOOK_DRAFT = (
    "X-Unsent: 1\nFrom: li.sales@ourco.example\nTo: wang.jg@guodian.example\nSubject: =?gb2312?B?tPK4xA==?=\n"
    "Date: Tue, 24 Nov 2026 11:20:00 +0800\nX-Mailer: Microsoft Outlook 16.0\n\ndraft\n"
)
APPLE_DRAFT = (
    "From: li.sales@ourco.example\nTo: wang.jg@guodian.example\nSubject: visit\n"
    "X-Uniform-Type-Identifier: com.apple.mail-draft\nDate: Tue, 24 Nov 2026 11:30:00 +0800\n"
    "Message-Id: <apple-draft@ourco.example>\n\ndraft\n"
)


@pytest.mark.parametrize(
    "labels",
    ["Drafts", "Opened,Drafts", "=?UTF-8?B?6I2J56i/?=", "Category Personal,=?UTF-8?Q?=E8=8D=89=E7=A8=BF?="],
    ids=["gmail", "gmail-labels", "chinese-gmail", "chinese-gmail-q"],
)
def test_a_gmail_takeout_draft_is_read_as_a_draft_and_the_sent_mail_beside_it_as_mail(tmp_path, labels):
    path = tmp_path / "All mail Including Spam and Trash.mbox"
    sent = GMAIL_DRAFT.format(labels="Sent,Opened", n="sent")
    path.write_text(GMAIL_DRAFT.format(labels=labels, n="draft") + sent, encoding="utf-8")
    assert [(r.status, r.sender and r.sender.email) for r in read_mbox(path)] == [
        ("draft", None),
        ("", "li.sales@ourco.example"),
    ]


@pytest.mark.parametrize("text", [OUTLOOK_DRAFT, APPLE_DRAFT], ids=["outlook-x-unsent", "apple-mail"])
def test_a_draft_saved_as_eml_is_read_as_a_draft(tmp_path, text):
    path = tmp_path / "拜访邀约.eml"
    path.write_bytes(text.replace("\n", "\r\n").encode())
    assert read_eml(path).status == "draft"
    assert read_eml(path, bodies=True).status == "draft"


def test_a_maildir_message_flagged_draft_is_a_draft(tmp_path):
    cur = tmp_path / "Drafts" / "cur"
    cur.mkdir(parents=True)
    (cur / "1732420200.M1P2.host:2,DS").write_text(
        APPLE_DRAFT.replace("X-Uniform", "X-Other"), encoding="utf-8"
    )
    (cur / "1732420300.M3P4.host:2,S").write_text(
        APPLE_DRAFT.replace("X-Uniform", "X-Other"), encoding="utf-8"
    )
    assert sorted(r.status for r in read_maildir(tmp_path / "Drafts")) == ["", "draft"]


def test_a_draft_to_the_decision_maker_is_no_contact(world, tmp_path):
    world.cn_boss.email = "wang.jg@guodian.example"
    world.cn_boss.save()
    (tmp_path / "Drafts").write_text(THUNDERBIRD_DRAFT, encoding="utf-8")
    (tmp_path / "takeout.mbox").write_text(GMAIL_DRAFT.format(labels="Drafts", n="d"), encoding="utf-8")
    report = mail_ingest(account=world.cn, paths=sorted(tmp_path.iterdir()), now=NOW, **SIDES)
    assert (report.new, report.skipped["draft"]) == (0, 2)
    assert not Interaction.objects.filter(account=world.cn).exists()
    assert not MailItem.objects.filter(account=world.cn).exists()
    assert "unsent drafts (saved by Outlook, Gmail, Thunderbird or Apple Mail), never contact" in summary_of(
        report
    )
