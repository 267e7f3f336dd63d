"""The names mail headers show, as a new person's suggested name: the address shown as its own name is no name
(the name a later message gives is taken), a Lotus Notes path is its first part, a department or a post in
brackets is left out — a files reviewer's archive had people suggested as `chen.ming@u3.example`,
`王芳/信息中心/华东能源` and `刘建华(信息中心)`, and accepting stored those names."""

from __future__ import annotations

from datetime import UTC, datetime
from email.header import Header

from battlemap.mail.cache import account_inference
from battlemap.mail.models import Suggestion
from battlemap.mail.services import mail_ingest, suggestions_refresh
from tests import factories as f

NOW = datetime(2026, 11, 30, tzinfo=UTC)


def _message(n: int, to: str, cc: str = "", sender: str = "Sam Seller <sam@ourco.example>") -> str:
    cc_line = f"Cc: {cc}\n" if cc else ""
    return (
        f"From sam@ourco.example Mon Nov  2 09:00:00 2026\nFrom: {sender}\nTo: {to}\n{cc_line}"
        f"Subject: 方案 {n}\nDate: Mon, {n + 1} Nov 2026 09:00:00 +0800\nMessage-ID: <m{n}@ourco.example>\n\n正文\n\n"
    )


def test_an_address_a_notes_path_or_a_bracketed_unit_as_display_name_is_read_as_the_name(world, tmp_path):
    notes_path = Header("王芳/信息中心/华东能源", "gb2312").encode()
    mbox = "".join(
        [
            _message(
                1, '"chen.ming@u3.example" <chen.ming@u3.example>', "'li.na@u3.example' <li.na@u3.example>"
            ),
            _message(2, f"{notes_path} <wang.fang@u3.example>", "刘建华(信息中心) <liu.jh@u3.example>"),
            _message(
                3, "CN=Zhao Lei/OU=Legal/O=U3 <zhao.lei@u3.example>", "王强（总经理） <wang.qiang@u3.example>"
            ),
            _message(4, "Sam Seller <sam@ourco.example>", sender="陈明 <chen.ming@u3.example>"),
            _message(
                5,
                "王芳 (Beijing/Shanghai) <wf2@u3.example>",
                "Lisa Chen (IT Department) <lisa.chen@u3.example>",
            ),
        ]
    )
    path = tmp_path / "t.mbox"
    path.write_text(mbox, encoding="utf-8")
    account = f.account(owner=world.owner, slug="u3", name="U3")
    mail_ingest(
        account=account, paths=[path], our_domains=["ourco.example"], customer_domains=["u3.example"], now=NOW
    )
    suggestions_refresh(result=account_inference(account))
    names = dict(
        Suggestion.objects.filter(account=account, kind=Suggestion.Kind.PERSON).values_list("email", "name")
    )
    assert (
        names
        == {
            "chen.ming@u3.example": "陈明",  # the name message 4 gives, not the address message 1 showed
            "li.na@u3.example": "li.na",
            "wang.fang@u3.example": "王芳",
            "liu.jh@u3.example": "刘建华",
            "zhao.lei@u3.example": "Zhao Lei",
            "wang.qiang@u3.example": "王强",
            "wf2@u3.example": "王芳 (Beijing/Shanghai)",  # a "/" in brackets is no Notes path: never "王芳 (Beijing"
            "lisa.chen@u3.example": "Lisa Chen",
        }
    )
