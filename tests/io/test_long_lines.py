"""A mail body or a paste of one long line is read in time linear in its length (a mail trial: a one-line 200 KB
body held a worker for 135 s and SQLite's write lock with it; a 300 KB .eml to the API's in-request ingest got
the web worker killed): a cell longer than any field is nothing (`cells.CELL_MAX`), a signature line is short
(`signature._LINE_MAX`), and the address patterns start only where an address can start. Their speed is shown by
bench/hostile_text.py; here, what a user sees of them."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from django.urls import reverse

from battlemap.io.mail.records import Address
from battlemap.io.mail.signature import signature_from_message
from battlemap.io.paste import read_paste
from battlemap.io.paste.cells import CELL_MAX, EMAIL, INVITE_ENTRY, classify
from battlemap.people.forms import PASTE_MAX_CHARS

SENDER = Address(email="w@x.cn", name="王建国")


def _message(body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "王建国 <w@x.cn>"
    message.set_content(body)
    return message


def test_a_cell_longer_than_any_field_is_nothing():
    assert classify("x" * (CELL_MAX + 1)) == ("unknown", "x" * (CELL_MAX + 1))
    assert classify("a" * 240 + "@x.cn")[0] == "email"  # a long address is still one


@pytest.mark.parametrize(
    "text, found",
    [
        ("李芳 lifang@x.cn", ["lifang@x.cn"]),
        ("mailto:o'brien+sales@mail.example.com;x", ["o'brien+sales@mail.example.com"]),
        ("a@b a@b.cn x.y@z.co.uk", ["a@b.cn", "x.y@z.co.uk"]),
        ("x" * 500, []),
    ],
)
def test_the_address_pattern_finds_what_it_found(text, found):
    assert [m.group(0) for m in EMAIL.finditer(text)] == found


def test_an_invite_line_is_read_as_before():
    line = '必需: "Doe, Jane" <jane@x.cn>; 王建国 <wang@x.cn>, Li <li@x.cn>;<bad'
    assert [(m.group(1) or m.group(2).strip(), m.group(3)) for m in INVITE_ENTRY.finditer(line)] == [
        ("Doe, Jane", "jane@x.cn"),
        ("王建国", "wang@x.cn"),
        ("Li", "li@x.cn"),
    ]


def test_a_long_line_in_a_paste_is_left_unread_not_taken_for_a_person():
    pasted = read_paste("王建国 | 副总经理 | wang@x.cn\n" + "x" * 100_000)
    assert [(p.name, p.title, p.email) for p in pasted.people] == [("王建国", "副总经理", "wang@x.cn")]


def test_a_signature_under_a_long_disclaimer_line_is_still_read():
    body = "请审批。\n\n王建国 | 副总经理\n电话 010-12345678\n" + "本邮件及其附件含有保密信息" * 100
    signature = signature_from_message(_message(body), SENDER)
    assert (signature.title, signature.phone) == ("副总经理", "010-12345678")


def test_a_body_of_one_long_line_has_no_signature():
    assert signature_from_message(_message("x@" * 100_000), SENDER) is None


@pytest.mark.django_db
def test_a_paste_longer_than_its_bound_is_refused_naming_the_field(owner_client, world):
    url = reverse("people_paste", args=[world.cn.slug])
    page = owner_client.post(url, {"text": "王建国\n" * (PASTE_MAX_CHARS // 4 + 1)})
    assert page.status_code in (200, 422) and "field-text" in page.content.decode()


def test_an_html_only_message_gives_its_signature():
    """A mail trial: Outlook and Foxmail often send HTML only, and a CFO's and a 副总经理's titles were not read."""
    html = (
        "<html><head><style>div{color:red}</style></head><body><div>您好，</div><div>请审批附件中的预算。</div><br>"
        "<div>王建国</div><div>副总经理&nbsp;| 华东能源集团</div><div>电话：010-8888&nbsp;1234</div>"
        "<blockquote><div>发件人: 李娜</div><div>发送时间: 2026-09-01</div><div>收件人: 王建国</div>"
        "<div>主题: 预算</div><div>李娜<br>总经理</div></blockquote></body></html>"
    )
    message = EmailMessage()
    message["From"] = "王建国 <w@x.cn>"
    message.set_content(html, subtype="html")
    signature = signature_from_message(message, SENDER)
    assert (signature.title, signature.phone) == ("副总经理", "010-8888 1234")  # not the quoted 李娜's 总经理


def test_an_mbox_with_a_run_on_first_line_is_refused_and_a_long_body_line_read(tmp_path):
    """A mail trial: a 1 GB file without a newline was read whole (2.2 GB of memory) before being refused; the
    first line is now read to a separator's length, and any line in pieces of at most 1 MB."""
    from battlemap.io.mail.messages import MailFormatError, read_mbox

    run_on = tmp_path / "run-on.mbox"
    run_on.write_bytes(b"x" * 3_000_000)
    with pytest.raises(MailFormatError, match="not an mbox"):
        list(read_mbox(run_on))
    mbox = tmp_path / "long.mbox"
    message = "From: 王建国 <w@x.cn>\nTo: a@y.cn\nSubject: s\nMessage-ID: <{n}@x.cn>\n\n{body}\n\n"
    mbox.write_text(
        "From w@x.cn Tue Sep  1 09:00:00 2026\n"
        + message.format(n=1, body="y" * 3_000_000)
        + "From w@x.cn Tue Sep  1 10:00:00 2026\n"
        + message.format(n=2, body="ok"),
        encoding="utf-8",
    )
    assert [r.uid for r in read_mbox(mbox, bodies=True)] == ["1@x.cn", "2@x.cn"]


@pytest.mark.parametrize(
    "html", ["<p>hi</p><![" * 200, "<a" * 20_000, "<script>" * 1_000 + "x", "<div>" * 10_000]
)
def test_hostile_html_reads_as_text_without_a_crash(html):
    """A fresh reviewer: Python's HTMLParser raised AssertionError on `<![` (the whole ingest stopped) and took time
    growing with the square of a run of unclosed `<a`; the HTML is now read by patterns that cannot run past "<"."""
    message = EmailMessage()
    message["From"] = "王建国 <w@x.cn>"
    message.set_content(html + "<div>王建国</div><div>副总经理</div>", subtype="html")
    signature = signature_from_message(message, SENDER)
    assert signature is None or signature.title in ("", "副总经理")


def test_a_run_of_spaces_in_a_paste_is_a_gap_however_long():
    """A fresh reviewer: `电话` + 80,000 spaces took 29 s (a pattern scanned the run again from each space)."""
    pasted = read_paste("王建国" + " " * 100_000 + "wang@x.cn\n" + '"Li' + " " * 50_000 + 'Na" <li@x.cn>')
    assert [p.email for p in pasted.people] == ["wang@x.cn", "li@x.cn"]
