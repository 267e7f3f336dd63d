"""Classic Outlook for Windows saves a message dragged out of it only as .msg (a Microsoft compound file); it was
refused with a way out (Outlook on the web, Thunderbird) most sellers do not have. A .msg is now one message, as
an .eml is: from the headers it arrived with when it has them, else from its MAPI properties (io/mail/outlook.py).
Its ways in (the web and API uploads, zips, `mail-ingest`) are in test_outlook_msg_uploads.py."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import translation

from battlemap.interactions.models import Interaction, Participant
from battlemap.io.mail import outlook
from battlemap.mail.models import MailItem
from battlemap.mail.services import IngestError, mail_ingest
from battlemap.mail.services.ingest import ingest_error_message
from tests.mail.outlook_files import SENT, TO, received, sent

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 30, tzinfo=UTC)


def _ingest(world, tmp_path, name: str, data: bytes, **options):  # noqa: ANN001
    path = tmp_path / name
    path.write_bytes(data)
    sides = {"our_domains": ["ours.example"], "customer_domains": ["guodian.example"]}
    return mail_ingest(account=world.cn, paths=[path], now=NOW, **sides, **options)


def test_a_received_msg_is_read_from_the_headers_it_arrived_with(world, tmp_path):
    report = _ingest(world, tmp_path, "回复.msg", received())
    assert (report.read, report.new, report.interactions) == (1, 1, 1)
    item = MailItem.objects.get(account=world.cn)
    assert (item.uid, item.occurred_at, item.sender_email, item.sender_name) == (
        "20261102.1@guodian.example",
        SENT,
        "wang.jg@guodian.example",
        "王建国",
    )
    assert item.subject == "回复：物联网平台报价" and item.in_reply_to == "offer-1@ours.example"
    assert item.recipients == [
        ["wu.xiaoming@ours.example", "吴晓明", "to"],
        ["li.ming@guodian.example", "李明", "cc"],
    ]
    assert item.source == "回复.msg"
    people = Participant.objects.filter(interaction__account=world.cn).values_list("person__name", flat=True)
    assert sorted(people) == ["李明", "王建国"]


def test_a_sent_msg_is_read_from_its_properties_and_its_bcc_left_out(world, tmp_path):
    _ingest(world, tmp_path, "报价.msg", sent(), bodies=True)
    item = MailItem.objects.get(account=world.cn)
    assert (item.uid, item.occurred_at, item.sender_email, item.sender_name, item.subject) == (
        "offer-1@ours.example",
        SENT,
        "wu.xiaoming@ours.example",
        "吴晓明",
        "物联网平台报价",
    )
    assert item.recipients == [
        ["wang.jg@guodian.example", "王建国", "to"],
        ["zhang.wei@guodian.example", "Zhang, Wei", "cc"],
    ]
    assert (item.signature_title, item.signature_phone) == ("销售总监", "138 0013 8000")
    interaction = Interaction.objects.get(account=world.cn)
    assert interaction.kind == "email" and interaction.occurred_at == SENT


def test_a_sent_msg_of_an_exchange_mailbox_is_read_from_its_properties(world, tmp_path):
    """Dragged out of Sent Items of an Exchange mailbox: no transport headers; the sender, the mailbox sent for and
    each recipient by X.500 DN and SMTP address; the date only as the submit time."""
    _ingest(world, tmp_path, "报价.msg", sent(exchange=True))
    item = MailItem.objects.get(account=world.cn)
    assert (item.occurred_at, item.sender_email, item.sender_name) == (
        SENT,
        "wu.xiaoming@ours.example",
        "吴晓明",
    )
    assert [email for email, _, _ in item.recipients] == [
        "wang.jg@guodian.example",
        "zhang.wei@guodian.example",
    ]


_RELAYED = (  # headers an internal relay or a gateway left: no Date, no To
    "Received: from gw.guodian.example by mail.ours.example\r\n"
    "From: =?utf-8?b?546L5bu65Zu9?= <wang.jg@guodian.example>\r\n"
    "Subject: =?utf-8?b?5Zue5aSN77ya5oql5Lu3?=\r\n"
    "Message-ID: <20261102.2@guodian.example>\r\n"
)


@pytest.mark.parametrize("date", ["", "Date: 2.11.2026 09:30\r\n"], ids=["no Date", "a Date no one reads"])
def test_received_headers_without_a_date_take_it_and_the_recipients_from_the_properties(
    world, tmp_path, date
):
    """A received .msg whose transport headers lack a (readable) Date was left out as "without a date" though
    Outlook kept when it was sent; the recipients the headers do not name are in the recipients' storages."""
    answer = sent(
        sender=("王建国", "wang.jg@guodian.example"),
        recipients=(("吴晓明", "wu.xiaoming@ours.example", TO),),
        transport_headers=_RELAYED + date + "\r\n",
        message_id="",
    )
    report = _ingest(world, tmp_path, "回复.msg", answer)
    assert (report.new, report.interactions) == (1, 1)
    item = MailItem.objects.get(account=world.cn)
    assert (item.uid, item.occurred_at, item.sender_name, item.subject) == (
        "20261102.2@guodian.example",
        SENT,
        "王建国",
        "回复：报价",
    )
    assert item.recipients == [["wu.xiaoming@ours.example", "吴晓明", "to"]]


def test_an_ansi_msg_reads_its_strings_in_the_message_code_page(world, tmp_path):
    _ingest(world, tmp_path, "old.msg", sent(codepage=936))
    item = MailItem.objects.get(account=world.cn)
    assert (item.subject, item.sender_name, item.recipients[0][1]) == ("物联网平台报价", "吴晓明", "王建国")


def test_a_declined_meeting_answer_is_no_contact(world, tmp_path):
    answer = sent(
        subject="拒绝: 方案评审会",
        sender=("王建国", "wang.jg@guodian.example"),
        recipients=(("吴晓明", "wu.xiaoming@ours.example", TO),),
        message_class="IPM.Schedule.Meeting.Resp.Neg",
        message_id="<decline-1@guodian.example>",
    )
    report = _ingest(world, tmp_path, "拒绝.msg", answer)
    assert report.skipped["automatic"] == 1
    assert not Interaction.objects.filter(account=world.cn).exists()


def _refusal(world, tmp_path, name: str, data: bytes) -> tuple[str, str]:  # noqa: ANN001
    with pytest.raises(IngestError) as refused:
        _ingest(world, tmp_path, name, data)
    assert not MailItem.objects.exists()
    with translation.override("en"):
        english = ingest_error_message(refused.value)
    with translation.override("zh-hans"):
        return english, ingest_error_message(refused.value)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: sent()[:1536], id="cut short"),
        pytest.param(lambda: bytes.fromhex("d0cf11e0a1b11ae1") + bytes(2040), id="no structure"),
    ],
)
def test_a_damaged_msg_is_refused_naming_the_file(world, tmp_path, data):
    english, chinese = _refusal(world, tmp_path, "报价.msg", data())
    assert "报价.msg: a damaged Outlook .msg file" in english
    assert "报价.msg" in chinese and "损坏" in chinese


def test_a_draft_beside_sent_mail_is_counted_apart_and_refuses_nothing(world, tmp_path):
    """A stray draft in a folder of messages (never sent: no contact) is skipped and counted, the folder read."""
    folder = tmp_path / "收件箱"
    folder.mkdir()
    (folder / "草稿.msg").write_bytes(sent(draft=True))
    (folder / "回复.msg").write_bytes(received())
    sides = {"our_domains": ["ours.example"], "customer_domains": ["guodian.example"]}
    report = mail_ingest(account=world.cn, paths=[folder], now=NOW, **sides)
    assert (report.new, report.skipped["draft"]) == (1, 1)
    assert list(MailItem.objects.filter(account=world.cn).values_list("source", flat=True)) == ["回复.msg"]


def test_a_word_file_renamed_msg_is_refused_saying_what_it_is(world, tmp_path):
    english, _ = _refusal(world, tmp_path, "报价.eml", sent()[:512] + b"\0" * 1024)
    assert "报价.eml: a damaged Outlook .msg file" in english


def test_a_hostile_directory_is_refused_before_it_is_built(world, tmp_path, monkeypatch):
    monkeypatch.setattr(outlook, "MAX_ENTRIES", 40)
    many = tuple((f"客户{n}", f"c{n}@guodian.example", TO) for n in range(30))
    english, chinese = _refusal(world, tmp_path, "群发.msg", sent(recipients=many))
    assert "群发.msg: the Outlook .msg file has more than 40 parts" in english and "40" in chinese


def test_a_subject_past_its_bound_is_refused_not_read(world, tmp_path):
    english, _ = _refusal(world, tmp_path, "长.msg", sent(subject="报价" * 40_000))
    assert (
        "长.msg: the Outlook .msg file is damaged: a subject, name or address in it is longer than 64 KB"
        in (english)
    )
