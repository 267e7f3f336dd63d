"""Paste-to-add, a title of several posts (党委书记、董事长, 副总经理，总会计师, `VP, CTO`) as a leaders page or a
signature list writes it: one person's one title, as typed (the title table reads the highest post), never its
first post with the others flagged as second titles, nor a person per post. Names invented."""

from __future__ import annotations

from battlemap.inference.titles import read_title
from battlemap.io.paste import read_paste

# a leaders page: one field a line, a blank line between people
LEADERS_PAGE = (
    "钱思远\n党委书记、董事长\n\n"
    "孙一鸣\n副总经理、总会计师\n\n"
    "周雨桐\n董事兼副总裁\n\n"
    "李明\n党委副书记，总经理，董事\n\n"
    "Jane Doe\nVP & CTO\n\n"
    "John Smith\nChairman and CEO\n\n"
    "Amy Wu\nVP, CTO"
)

# one person a line, split by | or by commas beside an e-mail or phone
ONE_A_LINE = (
    "钱思远 | 党委书记、董事长 | 13912345678\n"
    "孙一鸣，副总经理、总会计师，13912345679\n"
    "周雨桐 董事兼副总裁 | 13912345670\n"
    "Jane Doe, VP, CTO, jane.doe@northwind.example\n"
    "John Smith | Chairman and CEO | john.smith@northwind.example"
)


def _people(text: str) -> list[tuple[str, str, list]]:
    return [(c.name, c.title, c.doubts) for c in read_paste(text).people]


def test_a_leaders_pages_title_line_of_several_posts_is_one_title():
    assert _people(LEADERS_PAGE) == [
        ("钱思远", "党委书记、董事长", []),
        ("孙一鸣", "副总经理、总会计师", []),
        ("周雨桐", "董事兼副总裁", []),
        ("李明", "党委副书记，总经理，董事", []),
        ("Jane Doe", "VP & CTO", []),
        ("John Smith", "Chairman and CEO", []),
        ("Amy Wu", "VP, CTO", []),
    ]
    assert read_paste(LEADERS_PAGE).unread == []


def test_a_line_a_person_keeps_a_title_of_several_posts_whole():
    pasted = read_paste(ONE_A_LINE)
    assert [(c.name, c.title, c.phone or c.email, c.doubts) for c in pasted.people] == [
        ("钱思远", "党委书记、董事长", "13912345678", []),
        ("孙一鸣", "副总经理、总会计师", "13912345679", []),
        ("周雨桐", "董事兼副总裁", "13912345670", []),
        ("Jane Doe", "VP, CTO", "jane.doe@northwind.example", []),
        ("John Smith", "Chairman and CEO", "john.smith@northwind.example", []),
    ]
    assert pasted.unread == []
    # the level the map reads from the whole title is its highest post's: 董事长, not 党委书记 alone
    assert read_title("党委书记、董事长").level == read_title("董事长").level


def test_a_unit_and_a_post_still_part_and_a_second_unit_is_still_a_doubt():
    # only posts join: a line's unit and post stay two fields, two units one and a doubt, as before
    assert [
        (c.name, c.department, c.title) for c in read_paste("赵磊 | 采购部、采购经理 | 13912345678").people
    ] == [("赵磊", "采购部", "采购经理")]
    (wang,) = read_paste("王芳 | 信息中心、采购部 | 副主任").people
    assert (wang.department, wang.title, wang.doubts) == ("信息中心", "副主任", [("department", "采购部")])
