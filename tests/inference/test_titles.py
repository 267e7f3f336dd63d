"""The title table: real-looking titles of state-owned, private and foreign companies, in both languages."""

from __future__ import annotations

import pytest

from battlemap.inference.titles import read_title
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
    ("副校长", 6, "general_management"),
    ("总工", 6, "engineering"),
    ("集团主席", 8, "board"),
    ("解决方案架构师", 1, "engineering"),
    ("销售代表", 1, "sales"),
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
    ("Country Manager", 7, "general_management"),  # heads the country's company
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


def test_deputies_and_assistants_stand_below_their_post_and_acting_at_it():
    assert read_title("副总经理").level < read_title("总经理").level
    assert read_title("副部长").level < read_title("部长").level
    assert read_title("Deputy Director").level < read_title("Director").level
    assert read_title("Vice President").level < read_title("President").level
    assert read_title("部长助理").level < read_title("部长").level
    assert read_title("Acting Director").level == read_title("Director").level
