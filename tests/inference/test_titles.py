"""The title table: real-looking titles of state-owned, private and foreign companies, in both languages."""

from __future__ import annotations

import pytest

from battlemap.inference.titles import read_title, read_title_line
from battlemap.vocab import TITLE_FUNCTIONS, TITLE_LEVELS

TITLES = [
    # state-owned and private companies, in Chinese
    ("党委书记、董事长", 8, "party"),
    ("董事长", 8, "board"),
    ("总经理", 7, "general_management"),
    ("总裁", 7, "general_management"),
    ("代理总经理", 7, "general_management"),
    ("副总经理", 6, "general_management"),
    ("总会计师", 6, "finance"),
    ("总工程师", 6, "engineering"),
    ("总经济师", 6, "planning"),
    ("总经理助理", 5, "general_management"),
    ("销售总监", 4, "sales"),
    ("采购部部长", 4, "procurement"),
    ("信息中心主任", 4, "it"),
    ("采购部副部长", 3, "procurement"),
    ("办公室副主任", 3, ""),
    ("项目经理", 2, ""),
    ("采购主管", 2, "procurement"),
    ("副科长", 1, ""),
    ("高级工程师", 1, "engineering"),
    ("采购专员", 1, "procurement"),
    ("网络安全专责", 1, ""),
    ("副校长", 6, "general_management"),
    ("总工", 6, "engineering"),
    ("集团主席", 8, "board"),
    ("解决方案架构师", 1, "engineering"),
    ("销售代表", 1, "sales"),
    ("董秘", 6, "board"),
    ("老板", 7, "general_management"),
    ("技术骨干", 1, "engineering"),
    ("医院信息化专家", 1, "it"),
    ("高工", 1, "engineering"),
    ("出纳", 1, "finance"),
    # foreign companies, in English
    ("Chairman of the Board", 8, "board"),
    ("President & CEO", 7, "general_management"),
    ("Acting Chief Executive Officer", 7, "general_management"),
    ("Deputy General Manager", 6, "general_management"),
    ("Chief Information Officer", 6, "it"),
    ("EVP & CFO", 6, "general_management"),
    ("Senior Vice President, Operations", 5, "operations"),
    ("VP Sales", 5, "sales"),
    ("Financial Controller", 4, "finance"),
    ("Partner", 6, ""),
    ("Solution Architect", 1, "engineering"),
    ("Assistant Vice President", 4, ""),
    ("Director of Procurement", 4, "procurement"),
    ("Head of IT", 4, "it"),
    ("Deputy Director", 3, ""),
    ("Engineering Manager", 2, "engineering"),
    ("Team Lead", 2, ""),
    ("Assistant Manager", 1, ""),
    ("Senior Software Engineer", 1, "engineering"),
    ("Sr. Specialist", 1, ""),
    ("Administrative Assistant", 1, ""),
    # tried as a new user would (issue 15 check): each was misread before
    ("工会主席", 6, "party"),  # a member of a state-owned company's leadership team
    ("IT经理", 2, "it"),
    ("Executive Assistant to the CEO", 1, ""),  # serves the CEO; not a deputy of the CEO
    ("Secretary to the Chairman", 1, ""),
    ("Country Manager", 6, "general_management"),  # heads a country's company: below the group's CEO
    ("Plant Manager", 6, "operations"),  # as 厂长
    ("Non-Executive Director", 6, "board"),  # a board seat, as 董事
    ("Board Member", 6, "board"),
    ("Chief of Staff", 4, "general_management"),
    ("Buyer", 1, "procurement"),
    ("Purchasing Agent", 1, "procurement"),
    ("Account Executive", 1, "sales"),  # sells; not accounting
    ("Key Account Manager", 2, "sales"),
    ("Accounts Payable Specialist", 1, "finance"),
    ("Intern", 1, ""),
    # issue 15, titles as evidence: the tester's gaps
    ("助理总经理", 5, "general_management"),  # as 总经理助理 and Assistant General Manager
    ("Assistant General Manager", 5, "general_management"),
    ("财务总监", 6, "finance"),  # the Chinese CFO (a statutory senior officer), as 总会计师
    ("Finance Director", 4, "finance"),  # a director, as Director of Procurement
    ("合伙人", 6, ""),
    ("高级合伙人", 6, ""),
    ("管理合伙人", 7, "general_management"),
    ("创始人", 7, "general_management"),
    ("Founder", 7, "general_management"),
    ("联合创始人", 6, ""),
    ("Co-founder", 6, ""),
    ("创始人、董事长", 8, "board"),
    ("董事长（创始人）", 8, "board"),
    ("监事", 6, "board"),
    ("职工监事", 6, "board"),
    ("监事会主席", 7, "board"),
    ("首席数字官", 6, "it"),
    ("首席运营官", 6, "operations"),
    ("首席风险官", 6, ""),
    ("首席执行官", 7, "general_management"),
    ("Chief Digital Officer", 6, "it"),
    ("运维班长", 2, "operations"),
    ("总经理办公室主任", 4, ""),  # heads the office: a director
    ("注册会计师", 1, "finance"),
    # the head of a unit stands one level below the head of the whole
    ("分公司总经理", 6, "general_management"),
    ("北京分公司总经理", 6, "general_management"),
    ("区域总经理", 6, "general_management"),
    ("华东区总经理", 6, "general_management"),
    ("事业部总经理", 6, "general_management"),
    ("省公司总经理", 6, "general_management"),
    ("分行行长", 6, "general_management"),
    ("分公司副总经理", 5, "general_management"),
    ("Regional General Manager", 6, "general_management"),
    ("General Manager, Northern Region", 6, "general_management"),
    ("Division President", 6, "general_management"),
    ("President, Consumer Division", 6, "general_management"),
    ("集团副总经理兼北京分公司总经理", 6, "general_management"),
    ("华东能源集团有限公司总经理", 7, "general_management"),  # the company itself, not a unit of it
    # CRM abbreviations (tester B2's Enron contacts): read as the words
    ("Mng Dir Trading", 6, "trading"),
    ("VP & Gen Cnsl", 6, "legal"),
    ("Asst Gen Cnsl", 4, "legal"),
    ("Gen Cnsl Asst", 4, "legal"),
    ("Mgr Trading", 2, "trading"),
]


@pytest.mark.parametrize(("title", "level", "function"), TITLES)
def test_a_title_gives_its_level_and_function(title, level, function):
    reading = read_title(title)
    assert reading is not None, title
    assert (reading.level, reading.function) == (level, function)
    assert reading.level in TITLE_LEVELS.codes
    assert reading.function == "" or reading.function in TITLE_FUNCTIONS.codes


@pytest.mark.parametrize("title", ["", "   ", "Sent from my phone", "张伟", None])
def test_no_post_no_reading(title):
    assert read_title(title) is None


@pytest.mark.parametrize(
    "unit",
    [
        "总经理办公室",
        "董事会办公室",
        "董事会",
        "总裁办",
        "法务合规部",
        "总经理办公会",
        "CEO Office",
        "President's Office",
        "President’s Office",
        "Office of the CEO",
        "Executive team",
    ],
)
def test_a_unit_or_body_is_no_post(unit):
    """A department or a body named after a post is where people work, not what they are (issue 15)."""
    assert read_title(unit) is None


@pytest.mark.parametrize(
    "line",
    [
        "请总经理审批。",
        "请总经理审批",
        "附件为董事会材料。",
        "Please forward to the CEO",
        "Thanks, see you at the VP meeting",
        "向总经理汇报项目规划",
        "我们的总经理下周出差",
        "Is the Director coming?",
        "总经理办公室",
        "Office of the CEO",
        # greetings that open a message (a tester's 宋雨桐 was given the first as her title)
        "林主任：本周POC进展如下……",
        "林主任：",
        "林主任，",
        "各位领导：",
        "Dear Director Li,",
        "Hi Tom, the CFO agrees.",
        "The CFO agrees.",
        # a quoted message's header or an address line the quote cut missed
        "On Mon, Mar 3, 2025, CEO Wang Jianguo wrote:",
        "发件人: 王建国 总经理",
        "地址：北京市朝阳区 总经理办公室主任",
    ],
)
def test_a_sentence_that_names_a_post_is_no_title_line(line):
    """A signature's last lines hold sentences and requests that name a post; they are not its title line."""
    assert read_title_line(line) is None


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("副总经理", 6),
        ("总经理办公室主任", 4),
        ("总经理 General Manager", 7),
        ("Executive Assistant to the CEO", 1),
        ("Senior Vice President, Global Procurement & Supply Chain", 5),
        ("Vice President, Sales, US", 5),
        ("Software Engineer I", 1),
        ("采购部副部长 | 华东能源集团", 3),
    ],
)
def test_a_title_line_reads_as_its_title(line, level):
    assert read_title_line(line).level == level


def test_a_unit_head_can_report_to_the_head_of_the_whole():
    """A branch's general manager stands below the group's, so the mail may suggest the one reports to the
    other; before, both were level 7 and no line could point up (issue 15)."""
    assert read_title("分公司总经理").level < read_title("总经理").level
    assert read_title("Regional General Manager").level < read_title("General Manager").level
    assert read_title("分公司副总经理").level < read_title("分公司总经理").level
    assert read_title("助理总经理").level == read_title("总经理助理").level


def test_deputies_and_assistants_stand_below_their_post_and_acting_at_it():
    assert read_title("副总经理").level < read_title("总经理").level
    assert read_title("副部长").level < read_title("部长").level
    assert read_title("Deputy Director").level < read_title("Director").level
    assert read_title("Vice President").level < read_title("President").level
    assert read_title("部长助理").level < read_title("部长").level
    assert read_title("Acting Director").level == read_title("Director").level
