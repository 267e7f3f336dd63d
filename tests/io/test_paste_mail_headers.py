"""A mail pasted as a seller copies it from a thread: a reply's quote marks (`> Jane Doe`), its attribution line
(`On Mon, … Jane Doe <jane@x.com> wrote:`, `在 …，王建国 <…> 写道：`) and a header block (Gmail's / Outlook's `From: /
Sent: / To: / Cc: / Subject:`, 发件人 / 发送时间 / 收件人 / 抄送 / 主题). The sender was a person named `From: Jane Doe`
titled `Sent: Monday…`, the attribution a person `On Mon` titled `Mar 2`, a quoted signature `> Jane Doe` titled
`> CTO`. Names invented."""

from __future__ import annotations

import pytest

from battlemap.io.paste import read_paste


def _people(text):
    return [(p.name, p.title, p.organisation, p.email, p.phone) for p in read_paste(text).people]


def test_a_quoted_signature_is_read_as_it_was_written():
    text = "> Jane Doe\n> CTO | Northwind Logistics\n>> jane.doe@northwind.com\n> +1 206 555 0100\n"
    assert _people(text) == [
        ("Jane Doe", "CTO", "Northwind Logistics", "jane.doe@northwind.com", "+1 206 555 0100")
    ]


@pytest.mark.parametrize(
    ("line", "person"),
    [
        ("On Mon, Mar 2, 2026 at 9:14 AM Jane Doe <jane@x.com> wrote:", ("Jane Doe", "jane@x.com")),
        ("On Mon, Jane Doe <jane@x.com> wrote:", ("Jane Doe", "jane@x.com")),
        ("在 2026年3月2日 上午9:14，王建国 <wangjg@hdny.cn> 写道：", ("王建国", "wangjg@hdny.cn")),
    ],
)
def test_a_replys_attribution_line_is_its_writer(line, person):
    assert [(p.name, p.email, p.title) for p in read_paste(line).people] == [(*person, "")]


@pytest.mark.parametrize(
    "text",
    [
        "From: Jane Doe <jane@northwind.com>\nSent: Monday, March 2, 2026 9:14 AM\nTo: Wang Fang <fang@hdny.cn>; "
        "Li Na <lina@hdny.cn>\nCc: John Smith <js@contoso.com>\nSubject: RE: Q3 review\n",
        "发件人: Jane Doe <jane@northwind.com>\n发送时间: 2026年3月2日 9:14\n收件人: Wang Fang <fang@hdny.cn>; "
        "Li Na <lina@hdny.cn>\n抄送: John Smith <js@contoso.com>\n主题: 回复: 项目启动会\n",
    ],
)
def test_a_mail_header_block_gives_its_sender_and_addressees_and_lists_the_rest(text):
    pasted = read_paste(text)
    assert [(p.name, p.email, p.title) for p in pasted.people] == [
        ("Jane Doe", "jane@northwind.com", ""),
        ("Wang Fang", "fang@hdny.cn", ""),
        ("Li Na", "lina@hdny.cn", ""),
        ("John Smith", "js@contoso.com", ""),
    ]
    assert [(u.line, u.reason) for u in pasted.unread] == [(2, "not_read"), (5, "not_read")]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("On 2 March 2026, Jane Doe <jane@x.com> wrote:", "Jane Doe"),
        ("On 2 March Jane Doe <jane@x.com> wrote:", "Jane Doe"),
        ("On Mar 2 Jan Novak <jane@x.com> wrote:", "Jan Novak"),
        ("On Monday 2 March 2026 09:14, Jane Doe <jane@x.com> wrote:", "Jane Doe"),
        ('On Mon, "Doe, Jane" <jane@x.com> wrote:', "Jane Doe"),
        ("Le 2 mars 2026 à 09:14, Jane Doe <jane@x.com> a écrit :", "Jane Doe"),
        ("Am 02.03.2026 um 09:14 schrieb Jane Doe <jane@x.com>:", "Jane Doe"),
        ("2026年3月2日 周一 09:14，王建国 <jane@x.com> 写道：", "王建国"),
        ("王建国 <jane@x.com> 于2026年3月2日周一 09:14写道：", "王建国"),
    ],
)
def test_an_attribution_with_another_date_form_is_its_writer_alone(line, name):
    pasted = read_paste(line)
    assert [(p.name, p.email, p.title) for p in pasted.people] == [(name, "jane@x.com", "")]
    assert pasted.unread == []


def test_an_attribution_whose_name_cannot_be_told_from_its_date_is_listed_not_read():
    pasted = read_paste("On Mon 2.3. Jane Doe <jane@x.com> wrote:")
    assert pasted.people == []
    assert [(u.line, u.reason) for u in pasted.unread] == [(1, "not_read")]


@pytest.mark.parametrize(
    "quoted",
    ["> Thanks, see you then.", "> Great, thanks!", "> Sounds good, let's meet Tuesday.", "> 好的，周二见。"],
)
def test_a_quoted_replys_prose_is_no_ones_title(quoted):
    pasted = read_paste(f"On Mon, Mar 2, 2026 at 9:14 AM Jane Doe <jane@x.com> wrote:\n{quoted}\n")
    assert [(p.name, p.title, p.organisation) for p in pasted.people] == [("Jane Doe", "", "")]
    assert [(u.line, u.text, u.reason) for u in pasted.unread] == [(2, quoted[2:], "not_read")]


def test_a_header_blocks_body_is_no_one_and_a_quoted_signatures_title_is_still_read():
    text = (
        "From: Jane Doe <jane@x.com>\nSubject: RE: Q3\n\nThanks, see you then.\n\n"
        "Bob Smith\nHead of procurement.\n"
    )
    assert [(p.name, p.title) for p in read_paste(text).people] == [
        ("Jane Doe", ""),
        ("Bob Smith", "Head of procurement."),
    ]


@pytest.mark.parametrize(
    "separator",
    [
        "-----Original Message-----",
        "-----原始邮件-----",
        "________________________________",
        "---------- Forwarded message ---------",
    ],
)
def test_a_mails_separator_is_no_ones_name(separator):
    pasted = read_paste(f"{separator}\nFrom: Jane Doe <jane@x.com>\n")
    assert [(p.name, p.email) for p in pasted.people] == [("Jane Doe", "jane@x.com")]
    assert [(u.line, u.text, u.reason) for u in pasted.unread] == [(1, separator, "not_read")]
