"""The title a signature gives, read through the whole path: an archive ingested with its bodies → the person
suggestion's title. A tester's mail opening "林主任：本周POC进展如下……" gave its signer 宋雨桐 that greeting as her
title ("邮件签名中的职务"), and accepting the suggestion wrote it to her; "邓凯 | 网络工程师" kept the name in the
title. The title is the short line after the signer's name; a greeting, a sentence, a quoted message's
signature, the company and the name are never part of it."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from battlemap.mail.cache import account_inference
from battlemap.mail.models import Suggestion
from battlemap.mail.services import mail_ingest, suggestions_refresh

pytestmark = pytest.mark.django_db
DOMAIN = "sudian.example"

# (sender's display name, mailbox, body, charset)
MAILS = [
    (
        "宋雨桐",
        "songyt",
        "林主任：本周POC进展如下……\n一、接口联调已完成。\n二、压测下周一开始。\n\n宋雨桐\n信息中心 系统工程师\n"
        "江苏苏电智慧能源有限公司\n",
        "gbk",
    ),
    ("邓凯", "dengkai", "黄主任好，割接计划见附件。\n邓凯 | 网络工程师\n", "gbk"),
    (
        "Jane Doe",
        "jane.doe",
        "Hi Tom,\n\nPlease see attached.\n\nThanks,\nJane Doe\nProcurement Manager\nNorthwind\n",
        "utf-8",
    ),
    (
        "林静",
        "linjing",
        "收到，我下午确认。\n\n林静\n\n-----原始邮件-----\n发件人: 吴建华 <wu@sudian.example>\n"
        "发送时间: 2026年11月30日 9:00\n收件人: 林静 <linjing@sudian.example>\n主题: 二期范围\n\n"
        "请今天确认二期范围。\n\n吴建华\n总经理\n江苏苏电智慧能源有限公司\n",
        "utf-8",
    ),
    (
        "Tom Brown",
        "tom.brown",
        "Works for me.\n\nTom\n\nOn Mon, Nov 30, 2026 at 9:00 AM Jane Doe <jane.doe@sudian.example> wrote:\n"
        "> Can we meet on Friday?\n>\n> Jane Doe\n> Chief Financial Officer\n",
        "utf-8",
    ),
    ("赵敏", "zhaomin", "王总：\n方案已发，请查收。\n", "utf-8"),
    ("李伟", "li.wei", "Dear Mr. Li,\n\n各位领导：\n\n您好\n", "utf-8"),
]


def _mbox(folder: Path) -> Path:
    path = folder / "sudian.mbox"
    with path.open("wb") as out:
        for i, (name, box, body, charset) in enumerate(MAILS):
            head = (
                f"From {box}@{DOMAIN} Mon Nov 30 09:0{i}:00 2026\nFrom: =?utf-8?b?{base64.b64encode(name.encode()).decode()}?= <{box}@{DOMAIN}>\n"
                f"To: Sam Seller <sam@ours.example>\nDate: Mon, 30 Nov 2026 09:0{i}:00 +0800\n"
                f"Subject: POC {i}\nMessage-ID: <title-{i}@{DOMAIN}>\nMIME-Version: 1.0\n"
                f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: 8bit\n\n"
            )
            out.write(head.encode("ascii") + body.encode(charset) + b"\n")
    return path


def _titles(account) -> dict[str, str]:  # noqa: ANN001
    return dict(
        Suggestion.objects.filter(account=account, kind="person", state="pending").values_list(
            "email", "value"
        )
    )


def test_the_suggested_title_is_the_signers_title_line_only(world, tmp_path):
    mail_ingest(account=world.cn, paths=[_mbox(tmp_path)], our_domains=["ours.example"], bodies=True)
    suggestions_refresh(result=account_inference(world.cn))
    titles = _titles(world.cn)
    assert titles[f"songyt@{DOMAIN}"] == "信息中心 系统工程师"  # not the greeting above it
    assert titles[f"dengkai@{DOMAIN}"] == "网络工程师"  # without the name beside it
    assert titles[f"jane.doe@{DOMAIN}"] == "Procurement Manager"
    assert titles[f"linjing@{DOMAIN}"] == ""  # 吴建华's 总经理 is in the quoted message
    assert titles[f"tom.brown@{DOMAIN}"] == ""  # Jane's CFO is in the quote
    assert titles[f"zhaomin@{DOMAIN}"] == ""  # no signature
    assert titles[f"li.wei@{DOMAIN}"] == ""  # greetings only
    evidence = Suggestion.objects.get(account=world.cn, email=f"songyt@{DOMAIN}", kind="person").evidence
    assert {
        "code": "title_level_signature",
        "params": {"title": "信息中心 系统工程师", "level": 1},
    } in evidence
