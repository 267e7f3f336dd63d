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
