"""Signatures read from bodies: only the sender's own, never the quoted message's (issue 15, titles as evidence).

李娜, a procurement specialist, replies to her general manager 王建国 the way each mail client quotes: her own
text and signature on top, his message and signature below (or, bottom-posted, his quoted lines above hers).
Before, the reader took the last lines of the body: she signed as 总经理 with his phone.
"""

from __future__ import annotations

import pytest

from battlemap.io.mail import parse_paths

DOMAIN = "hd.example"
OWN_ZH = "\n谢谢！\n\n李娜\n采购专员\n电话：021-5555 0100\n"
OWN_EN = "\nThanks.\n\nLi Na\nProcurement Specialist\n+86 21 5555 0100\n"
BOSS_ZH = "请尽快报价。\n\n王建国\n总经理\n华东能源集团有限公司\n电话：021-6666 8888\n"
BOSS_EN = "Please send the quote.\n\nWang Jianguo\nGeneral Manager\nHD Energy Group\n+86 21 6666 8888\n"

QUOTED = {
    "outlook_en": OWN_EN
    + "\n-----Original Message-----\nFrom: Wang Jianguo <wang@hd.example>\nSent: Monday, March 3, 2025 9:00 AM\n"
    "To: Li Na <li@hd.example>\nSubject: quote\n\n" + BOSS_EN,
    "outlook_zh": OWN_ZH
    + "\n-----原始邮件-----\n发件人: 王建国 <wang@hd.example>\n发送时间: 2025年3月3日 9:00\n收件人: 李娜 <li@hd.example>\n"
    "主题: 报价\n\n" + BOSS_ZH,
    "outlook_underscores": OWN_EN
    + "\n________________________________\nFrom: Wang Jianguo <wang@hd.example>\nSent: Monday, March 3, 2025\n"
    "To: Li Na\nSubject: quote\n\n" + BOSS_EN,
    "outlook_header_only": OWN_EN
    + "\nFrom: Wang Jianguo\nSent: Monday, March 3, 2025 9:00 AM\nTo: Li Na\nSubject: quote\n\n"
    + BOSS_EN,
    "foxmail": OWN_ZH
    + "\n \n发件人：王建国\n发送时间：2025-03-03 09:00\n收件人：李娜\n主题：报价\n\n"
    + BOSS_ZH,
    "qq_mail": OWN_ZH
    + '\n------------------ 原始邮件 ------------------\n发件人: "王建国"<wang@hd.example>;\n'
    '发送时间: 2025年3月3日(星期一) 上午9:00\n收件人: "李娜"<li@hd.example>;\n主题: 报价\n\n' + BOSS_ZH,
    "qq_mail_en": OWN_EN
    + '\n------------------ Original ------------------\nFrom: "Wang Jianguo"<wang@hd.example>;\n'
    'Date: Mon, Mar 3, 2025 09:00 AM\nTo: "Li Na"<li@hd.example>;\nSubject: quote\n\n' + BOSS_EN,
    "netease": OWN_ZH + "\n---- 回复的原邮件 ----\n| 发件人 | 王建国 |\n\n" + BOSS_ZH,
    "netease_attribution": OWN_ZH
    + '\n在 2025-03-03 09:00:00，"王建国" <wang@hd.example> 写道：\n'
    + "".join(f"> {line}\n" for line in BOSS_ZH.splitlines()),
    "gmail_en": OWN_EN
    + "\nOn Mon, Mar 3, 2025 at 9:00 AM Wang Jianguo <wang@hd.example> wrote:\n\n"
    + "".join(f"> {line}\n" for line in BOSS_EN.splitlines()),
    "gmail_en_wrapped": OWN_EN
    + "\nOn Mon, Mar 3, 2025 at 9:00 AM Wang Jianguo <\nwang@hd.example> wrote:\n\n"
    + "".join(f"> {line}\n" for line in BOSS_EN.splitlines()),
    "gmail_zh": OWN_ZH
    + "\n王建国 <wang@hd.example> 于2025年3月3日周一 09:00写道：\n\n"
    + "".join(f"> {line}\n" for line in BOSS_ZH.splitlines()),
    "gmail_forward": OWN_EN
    + "\n---------- Forwarded message ---------\nFrom: Wang Jianguo <wang@hd.example>\n"
    "Date: Mon, Mar 3, 2025 at 9:00 AM\nSubject: quote\n\n" + BOSS_EN,
    "apple_mail_en_unmarked": OWN_EN
    + "\nOn 3 Mar 2025, at 09:00, Wang Jianguo <wang@hd.example> wrote:\n\n"
    + BOSS_EN,
    "apple_mail_zh": OWN_ZH
    + "\n在 2025年3月3日，09:00，王建国 <wang@hd.example> 写道：\n\n"
    + "".join(f"> {line}\n" for line in BOSS_ZH.splitlines()),
    "apple_mail_forward": OWN_EN
    + "\nBegin forwarded message:\n\nFrom: Wang Jianguo <wang@hd.example>\n\n"
    + BOSS_EN,
    "signature_delimiter": "谢谢！\n-- \n李娜\n采购专员\n电话：021-5555 0100\n\n-----原始邮件-----\n"
    "发件人: 王建国\n发送时间: 2025年3月3日\n\n" + BOSS_ZH,
    "bottom_posted": "".join(f"> {line}\n" for line in BOSS_ZH.splitlines())
    + "> -- \n> 王建国\n\n好的，今天发。\n-- \n李娜\n采购专员\n电话：021-5555 0100\n",
}


def _read(tmp_path, body: str, sender: str = "李娜"):  # noqa: ANN202
    path = tmp_path / "reply.eml"
    path.write_text(
        f"From: {sender} <li@{DOMAIN}>\nTo: 王建国 <wang@{DOMAIN}>\nDate: Mon, 03 Mar 2025 10:00:00 +0800\n"
        f"Subject: Re: 报价\nMessage-ID: <reply@{DOMAIN}>\nMIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{body}",
        encoding="utf-8",
    )
    (record,) = parse_paths([path], bodies=True).records
    return record.signature


@pytest.mark.parametrize("client", sorted(QUOTED))
def test_a_reply_takes_the_senders_own_signature_not_the_quoted_one(tmp_path, client):
    signature = _read(tmp_path, QUOTED[client])
    assert signature is not None, client
    assert signature.title in ("采购专员", "Procurement Specialist"), client
    assert signature.phone in ("021-5555 0100", "+86 21 5555 0100"), client


def test_a_reply_without_own_signature_gets_none_from_the_quoted_one(tmp_path):
    body = "收到。\n\n-----原始邮件-----\n发件人: 王建国\n发送时间: 2025年3月3日\n收件人: 李娜\n\n" + BOSS_ZH
    assert _read(tmp_path, body) is None


@pytest.mark.parametrize(
    "line",
    [
        "请总经理审批。",
        "附件为董事会材料。",
        "Please forward to the CEO",
        "Thanks, see you at the VP meeting",
        "总经理办公室",
    ],
)
def test_a_sentence_or_department_above_the_signature_is_no_title(tmp_path, line):
    """A 财务专员 whose mails end "请总经理审批。" was read as level 7 and ranked 2nd of 17 (issue 15)."""
    signature = _read(tmp_path, f"见附件。\n{line}\n\n赵敏\n电话：021-5555 0123\n")
    assert signature is not None and signature.title == ""
    signed = _read(tmp_path, f"见附件。\n{line}\n\n赵敏\n财务专员\n电话：021-5555 0123\n")
    assert signed.title == "财务专员"


def test_a_line_that_only_starts_like_an_attribution_is_kept(tmp_path):
    """ "On site" or "在职" do not start a quote: only a line ending in "wrote:" / "写道：" does."""
    signature = _read(tmp_path, "On site tomorrow.\n\n李娜\n采购专员\n")
    assert signature.title == "采购专员"


@pytest.mark.parametrize(
    ("name", "body", "title"),
    [
        (
            "宋雨桐",
            "林主任：本周POC进展如下……\n\n宋雨桐\n信息中心 系统工程师\n江苏苏电智慧能源有限公司\n",
            "信息中心 系统工程师",
        ),
        ("邓凯", "黄主任好，割接计划见附件。\n邓凯 | 网络工程师\n", "网络工程师"),
        (
            "",
            "割接计划见附件。\n邓凯 | 网络工程师\n",
            "网络工程师",
        ),  # no display name: a name beside the title
        ("李娜", "见附件。\n\n李娜，采购专员\n电话：021-5555 0100\n", "采购专员"),
        ("李娜", "见附件。\n\n李娜\n采购部副部长 | 华东能源集团有限公司\n", "采购部副部长"),
        ("李娜", "见附件。\n\n李娜 采购经理\n", "采购经理"),
        (
            "Doe, Jane",
            "Hi Tom,\n\nPlease see attached.\n\nThanks,\nJane Doe\nProcurement Manager\nNorthwind\n",
            "Procurement Manager",
        ),
        (
            "Jane Doe",
            "See below.\n\nJane Doe | Procurement Manager | Northwind Ltd.\n",
            "Procurement Manager",
        ),
        (
            "Li Ming",
            "Noted.\n\nLi Ming\nGeneral Manager, Northern Region\n",
            "General Manager, Northern Region",
        ),
        # the title right after the name, not a line the signature ends with
        (
            "李娜",
            "见附件。\n\n李娜\n采购专员\n地址：上海市浦东新区世纪大道100号\n本邮件及其附件含有保密信息，"
            "仅限于发送给上面地址中列出的个人或群组。\n",
            "采购专员",
        ),
        # greetings and sentences, with no signature below them
        ("Jane Doe", "Dear Mr. Li,\n\nPlease see attached.\n", ""),
        ("Jane Doe", "Hi Tom,\n\nThe CFO agrees.\n", ""),
        ("李娜", "各位领导：\n\n您好\n林主任：\n", ""),
        ("李娜", "尊敬的林主任：\n方案已发，请查收。\n", ""),
        ("李娜", "林主任，\n方案已发\n", ""),
    ],
)
def test_the_title_is_the_line_after_the_signers_name_never_a_greeting_or_sentence(
    tmp_path, name, body, title
):
    """A tester's mail opening "林主任：本周POC进展如下……" gave 宋雨桐 that greeting as her title, and
    "邓凯 | 网络工程师" kept the name in it: the title is the short line from the signer's name on, without the
    name or the company beside it."""
    signature = _read(tmp_path, body, name)
    assert (signature.title if signature else "") == title


def test_a_long_signature_is_read_from_the_signers_name(tmp_path):
    """Address, phones, e-mail and a disclaimer push the title out of the last six lines: the signature is
    read from the signer's name on, so her title and own phone are found."""
    body = (
        "林主任：\n接口文档已更新，请查收。\n\n李娜\n采购专员\n华东能源集团有限公司\n地址：上海市浦东新区世纪大道100号\n"
        "电话：021-5555 0100\n手机：139 1111 2222\n邮箱：li@hd.example\n"
        "本邮件及其附件含有保密信息，仅限于发送给上面地址中列出的个人或群组。\n"
        "禁止任何其他人以任何形式使用本邮件中的信息。\n"
    )
    signature = _read(tmp_path, body)
    assert (signature.title, signature.phone) == ("采购专员", "021-5555 0100")
