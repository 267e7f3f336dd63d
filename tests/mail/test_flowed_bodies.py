"""A Thunderbird archive (mbox, `From - …` lines, X-Mozilla-Status, a PDF attached) whose plain bodies are
`format=flowed` (RFC 3676): the client wrapped each long line at about 72 characters and ended the pieces with a
space. Read line by line, a signature's title was cut where the client wrapped it — `副主任（分管基础设施与` was
stored and suggested as 刘建华's title, `Director, Infrastructure and Cloud` as Mei Wong's."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from battlemap.mail.models import MailItem
from battlemap.mail.services import mail_ingest
from tests import factories as f

pytestmark = pytest.mark.django_db

PDF = base64.encodebytes(b"%PDF-1.4 POC plan " * 30).decode()


def _message(uid: str, sender: str, delsp: str, body: str) -> str:
    return (
        "From - Mon Nov 09 10:12:44 2026\n"
        "X-Mozilla-Status: 0001\nX-Mozilla-Status2: 00000000\n"
        f"Message-ID: <{uid}@hdny.example>\nDate: Mon, 9 Nov 2026 10:12:40 +0800\nMIME-Version: 1.0\n"
        f"User-Agent: Mozilla Thunderbird\nFrom: {sender}\nTo: Demo Rep <demo@ours.example>\nSubject: POC\n"
        'Content-Type: multipart/mixed; boundary="------------b0undary01"\n\n'
        "This is a multi-part message in MIME format.\n--------------b0undary01\n"
        f"Content-Type: text/plain; charset=UTF-8; format=flowed{delsp}\nContent-Transfer-Encoding: 8bit\n\n"
        f"{body}\n--------------b0undary01\n"
        'Content-Type: application/pdf; name="POC.pdf"\nContent-Disposition: attachment; filename="POC.pdf"\n'
        f"Content-Transfer-Encoding: base64\n\n{PDF}\n--------------b0undary01--\n\n"
    )


MBOX = _message(
    "a1",
    "=?UTF-8?B?5YiY5bu65Y2O?= <liujianhua@hdny.example>",  # 刘建华
    "; delsp=yes",
    "您好，附件是POC计划，请查收。我们希望在本月底之前完成第一阶段的测试，并在下 \n月初向集团领导汇报结果。\n\n"
    "-- \n刘建华\n副主任（分管基础设施与 \n云平台运维）\n手机：138 0013 8001\n",
) + _message(
    "a2",
    "Mei Wong <mei.wong@hdny.example>",
    "",
    "Hi, the POC plan is attached; we would like to finish the first phase by the end \nof the month.\n\n"
    "> Could you send the plan before \n> Friday?\n\n"
    "Best regards,\nMei Wong\nDirector, Infrastructure and Cloud \nPlatform Operations\n+86 139 0000 0022\n",
)


def test_a_flowed_signature_gives_the_title_as_written_not_cut_where_the_client_wrapped_it(tmp_path: Path):
    account = f.account(owner=f.user("ops"), slug="hdny", name="华东能源")
    path = tmp_path / "Inbox"
    path.write_text(MBOX, encoding="utf-8")

    mail_ingest(account=account, paths=[path], our_domains=["ours.example"], bodies=True)

    assert dict(MailItem.objects.values_list("sender_email", "signature_title")) == {
        "liujianhua@hdny.example": "副主任（分管基础设施与云平台运维）",  # DelSp=yes: the wrapper's space goes
        "mei.wong@hdny.example": "Director, Infrastructure and Cloud Platform Operations",
    }
