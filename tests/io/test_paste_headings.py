"""A page's heading pasted on a line of its own (a leaders page's 领导班子, a site's `Our team`) is no one's name: it
is listed as a heading, not a person (it was a card on the org chart and in the PDF), while real names of two to four
characters, and a person addressed by their post (王领导), still read as names (`cells.heading`)."""

from __future__ import annotations

import pytest

from battlemap.io.paste import read_paste

HEADINGS = [
    "领导信息",
    "领导班子",
    "公司领导",
    "高管团队",
    "Leadership team",
    "Management",
    "Our team",
    "公司领导：",
    # a section's number before a heading, as a Word document or a leaders page numbers them, and the bodies people
    # are listed under: headings, never a person named 一 holding 公司领导 as an organisation
    "一、公司领导",
    "（二）中层干部",
    "二、董事会",
    "三、采购部",
    "1. Leadership team",
    "I. Management",
    # the company before the words, as 公司 before 领导 (a fresh trial: `I. Company leadership` was added as a person)
    "Company leadership",
    "I. Company leadership",
    "Group Management Team",
    "第一部分 领导班子",
    "董事会",
    "监事会",
    "党委",
    "Board of Directors",
    "The Board",
]


@pytest.mark.parametrize("heading", HEADINGS)
def test_a_heading_over_signature_blocks_is_listed_as_a_heading_not_added(heading):
    pasted = read_paste(f"{heading}\n\n张建国\n董事长\n主持集团全面工作\n\n李芳\n总经理")
    assert [(p.name, p.title) for p in pasted.people] == [("张建国", "董事长"), ("李芳", "总经理")]
    assert [(u.line, u.text, u.reason) for u in pasted.unread] == [(1, heading, "heading")]


@pytest.mark.parametrize(
    "heading", [h for h in HEADINGS if h != "三、采购部"]
)  # a department's: test_paste_sections
def test_a_heading_right_above_a_person_is_no_field_of_theirs(heading):
    pasted = read_paste(f"{heading}\nJane Doe\nCEO\n\nJohn Smith\nCFO")
    people = [(p.name, p.title, p.department, p.organisation) for p in pasted.people]
    assert people == [("Jane Doe", "CEO", "", ""), ("John Smith", "CFO", "", "")]
    assert [u.reason for u in pasted.unread] == ["heading"]


def test_a_heading_above_a_table_is_no_row():
    pasted = read_paste("姓名\t职务\n领导班子\n张三\t董事长\n李四\t总经理")
    assert [p.name for p in pasted.people] == ["张三", "李四"]
    assert [(u.line, u.reason) for u in pasted.unread] == [(2, "heading")]


# real names (two to four characters, compound surnames, surnames that begin a heading word: 高, 管, 班) and a
# person named by their post
NAMES = [
    "王伟",
    "李娜",
    "高峰",
    "高明",
    "管仲",
    "班固",
    "高管理",
    "欧阳娜娜",
    "司马相如",
    "诸葛亮",
    "王领导",
    "张经理",
]


@pytest.mark.parametrize("name", NAMES)
def test_a_real_name_on_a_line_of_its_own_is_still_a_person(name):
    pasted = read_paste(f"{name}\n采购经理\n\n李芳\n总经理")
    assert [p.name for p in pasted.people] == [name, "李芳"]
    assert pasted.unread == []


def test_a_numbered_list_of_people_reads_each_person_without_the_number():
    pasted = read_paste(
        "1. 张三 总经理\n2. 李四 副总经理\n3、王五\n(4) Jane Doe | CFO | 13912345678\n5. John Smith"
    )
    assert [(p.name, p.title, p.phone) for p in pasted.people] == [
        ("张三", "总经理", ""),
        ("李四", "副总经理", ""),
        ("王五", "", ""),
        ("Jane Doe", "CFO", "13912345678"),
        ("John Smith", "", ""),
    ]
    assert pasted.unread == []


ENGLISH_NAMES = ["Jane Doe", "Bill Gates", "Ivy Chen", "C. Wang", "I. Newton", "V. Kumar", "Grace Board"]


@pytest.mark.parametrize("name", [*ENGLISH_NAMES, "董明", "党伟", "监明"])
def test_a_real_name_that_looks_numbered_or_like_a_body_stays_a_name(name):
    pasted = read_paste(f"{name}\nCTO\n\n李芳\n总经理")
    assert [p.name for p in pasted.people] == [name, "李芳"]
    assert pasted.unread == []
