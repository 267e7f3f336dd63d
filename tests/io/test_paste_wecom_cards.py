"""A WeCom (企业微信) contact card pasted: the name alone on its line, then the organisation, the department and the
post dotted (`金石 · 信息中心 · 副主任`), or the organisation and the post alone (`华东能源 · 副主任`). Names invented."""

from __future__ import annotations

import pytest

from battlemap.io.paste import read_paste


def _rows(text: str) -> list[dict[str, str]]:
    return [{k: v for k, v in c.as_fields().items() if v} for c in read_paste(text).people]


CARDS = [
    # 金石 (金, a common surname, and one character) read as a name: a second person holding the card's phone
    ("孙一鸣\n金石 · 信息中心 · 副主任\n手机：13912345678", ("金石", "信息中心", "13912345678", "")),
    # `华东能源 · 副主任` was a second person named 华东能源, titled 副主任, holding the card's e-mail
    ("孙一鸣\n华东能源 · 副主任\nsunym@hdny.example", ("华东能源", "", "", "sunym@hdny.example")),
]


@pytest.mark.parametrize(("card", "fields"), CARDS)
def test_the_dotted_company_under_the_cards_name_is_the_organisation(card, fields):
    rows = read_paste(card).people
    assert [(r.name, r.title, r.organisation, r.department, r.phone, r.email) for r in rows] == [
        ("孙一鸣", "副主任", fields[0], fields[1], fields[2], fields[3])
    ]


def test_a_member_lists_dotted_lines_stay_each_persons_own():
    # no name alone above them: each line opens with its person
    listed = "李娜 · 信息中心 · 副主任\n王强 · 采购部 · 经理\n金石 · 副主任"
    assert _rows(listed) == [
        {"name": "李娜", "title": "副主任", "department": "信息中心"},
        {"name": "王强", "title": "经理", "department": "采购部"},
        {"name": "金石", "title": "副主任"},
    ]
