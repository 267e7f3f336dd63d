"""A numbered department heading on a leaders page or in a Word document (`三、采购部`, `（二）信息中心`) names the
department of the people listed under it, up to the next heading, as the people import's `财务部：` row does
(`io.sections.section_unit`); a body's heading (`二、董事会`, `（二）中层干部`) or a page's (`一、公司领导`) names
none. A trial's leaders page listed 三、采购部 as a heading and its people with no department."""

from __future__ import annotations

import pytest

from battlemap.io.paste import read_paste

LEADERS = """领导信息

一、公司领导
钱思远
党委书记、董事长
主持集团全面工作。

二、董事会
张建国 外部董事

三、采购部
1. 王芳 部长
2. 李强 副部长
3、赵磊 | 采购经理 | zhaolei@hdny.cn

（二）信息中心：
孙一鸣 主任
周敏 | 副主任 | 数据处

（三）中层干部
吴刚 财务部部长
"""


def test_a_department_s_heading_is_the_department_of_the_people_under_it_until_the_next():
    pasted = read_paste(LEADERS)
    assert [(p.name, p.title, p.department) for p in pasted.people] == [
        ("钱思远", "党委书记、董事长", ""),
        ("张建国", "外部董事", ""),
        ("王芳", "部长", "采购部"),
        ("李强", "副部长", "采购部"),
        ("赵磊", "采购经理", "采购部"),
        ("孙一鸣", "主任", "信息中心"),
        ("周敏", "副主任", "数据处"),  # a department of their own stays
        ("吴刚", "财务部部长", ""),  # a body's heading ends the department's
    ]
    assert [(u.text, u.reason) for u in pasted.unread] == [
        ("领导信息", "heading"),
        ("一、公司领导", "heading"),
        ("二、董事会", "heading"),
        ("三、采购部", "heading"),
        ("（二）信息中心：", "heading"),
        ("（三）中层干部", "heading"),
    ]


@pytest.mark.parametrize(
    "body", ["二、董事会", "（二）中层干部", "一、公司领导", "第一部分 领导班子", "董事会"]
)
def test_a_body_s_or_a_page_s_heading_names_no_department(body):
    pasted = read_paste(f"三、采购部\n王芳 部长\n\n{body}\n李强 副总经理")
    assert [(p.name, p.department) for p in pasted.people] == [("王芳", "采购部"), ("李强", "")]


def test_a_department_s_heading_above_rows_of_a_table_too():
    pasted = read_paste("姓名\t职务\n三、采购部\n王芳\t部长\n（二）信息中心\n孙一鸣\t主任")
    assert [(p.name, p.department) for p in pasted.people] == [("王芳", "采购部"), ("孙一鸣", "信息中心")]


def test_a_name_after_a_number_is_a_person_not_a_department():
    pasted = read_paste("一、张三\n总经理\n\n二、李科\n副总经理")
    assert [(p.name, p.title, p.department) for p in pasted.people] == [
        ("张三", "总经理", ""),
        ("李科", "副总经理", ""),
    ]


def test_an_english_leaders_page_s_roman_numbered_department_is_the_department_of_the_people_under_it():
    # a fresh trial: `II. Procurement Department` was the first person's department, number and all, and the next
    # person under it had none
    pasted = read_paste(
        "I. Company leadership\nMichael Chen\nChairman\n\nII. Procurement Department\nJack Wu\n"
        "Head of Procurement\n\nLily Zheng\nDeputy Head of Procurement"
    )
    assert [(p.name, p.title, p.department) for p in pasted.people] == [
        ("Michael Chen", "Chairman", ""),
        ("Jack Wu", "Head of Procurement", "Procurement Department"),
        ("Lily Zheng", "Deputy Head of Procurement", "Procurement Department"),
    ]
    assert [(u.text, u.reason) for u in pasted.unread] == [
        ("I. Company leadership", "heading"),
        ("II. Procurement Department", "heading"),
    ]


def test_initials_are_no_roman_numbered_department():
    pasted = read_paste("V. Kumar\nVP Procurement\n\nC. Wang\nCFO")
    assert [(p.name, p.title, p.department) for p in pasted.people] == [
        ("V. Kumar", "VP Procurement", ""),
        ("C. Wang", "CFO", ""),
    ]


@pytest.mark.parametrize("heads", ["二、总部部门负责人", "（三）各单位主要负责人", "三、部门负责人"])
def test_a_section_of_the_heads_of_departments_is_a_heading_not_the_title_of_the_first_of_them(heads):
    # a fresh trial: 周文斌's title was 总部部门负责人, his own, 信息中心主任, "another title, not used"
    pasted = read_paste(
        f"一、公司领导\n陈志强\n董事长\n\n{heads}\n周文斌\n信息中心主任\n负责集团信息化规划与建设。"
    )
    assert [(p.name, p.title, p.department, p.duties) for p in pasted.people] == [
        ("陈志强", "董事长", "", ""),
        ("周文斌", "信息中心主任", "", "负责集团信息化规划与建设。"),
    ]
    assert [(u.text, u.reason) for u in pasted.unread] == [("一、公司领导", "heading"), (heads, "heading")]


def test_a_head_of_department_s_post_under_their_name_stays_their_title():
    pasted = read_paste("周文斌\n部门负责人\n\n吴建军\n采购部部长")
    assert [(p.name, p.title) for p in pasted.people] == [("周文斌", "部门负责人"), ("吴建军", "采购部部长")]
