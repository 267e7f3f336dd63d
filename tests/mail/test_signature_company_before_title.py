"""A Chinese signature line often writes the company, the department and the post on one line, with spaces:
`华东能源集团 采购部 副部长`. The whole was read as the company and gave no title, or the company stayed in the title
suggested (`华东省能源投资集团 信息中心 副主任`)."""

from __future__ import annotations

import pytest

from battlemap.io.mail.records import Address
from battlemap.io.mail.signature import signature_from_body

SENDER = Address(email="liujianhua@hdny.example", name="刘建华")


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("华东能源集团 采购部 副部长", "采购部 副部长"),
        ("华东省能源投资集团 信息中心 副主任", "信息中心 副主任"),
        ("华东省能源投资集团有限公司 信息中心主任", "信息中心主任"),
        ("信息中心 副主任", "信息中心 副主任"),  # no company: as before
        ("华东能源集团", ""),  # the company alone is no title
    ],
)
def test_the_company_before_the_post_is_no_part_of_the_title(line, title):
    body = f"您好，方案已收到。\n\n此致\n刘建华\n{line}\n手机：138 0013 8001\n"

    signature = signature_from_body(body, SENDER)

    assert signature is not None and signature.title == title
