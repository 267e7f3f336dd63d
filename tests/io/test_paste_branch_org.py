"""A branch bank or a branch office and the post after it (`中国银行上海分行行长`, `招商银行深圳南山支行 副行长`): the
branch is the person's organisation and the post their title, in a paste and in a mail signature (both read it with
`cells.org_and_post`). The organisation was the head bank alone (中国银行) and the title `上海分行行长`. A branch's
name with no post after it stays whole. Real institutions' names; the people are invented."""

from __future__ import annotations

import pytest

from battlemap.io.mail.records import Address
from battlemap.io.mail.signature import signature_from_body
from battlemap.io.paste import read_paste

BRANCHES = [
    "中国银行上海分行",
    "中国工商银行北京分行",
    "招商银行深圳南山支行",
    "中国银行北京中关村支行",
    "交通银行上海市分行",
    "中国建设银行北京市分行营业部",
    "中国银行营业部",
    "中国建设银行总行",
    "中国平安保险上海分公司",
    "国网江苏省电力有限公司南京供电分公司",
    "中国移动通信集团江苏有限公司南京分公司",
    "华东能源集团上海办事处",
    "华为技术有限公司北京代表处",
    "国家电网公司华东分部",
]
POSTS = ["行长", "副行长", "总经理", "党委书记、行长"]


def _person(text: str) -> tuple[str, str, str, list]:
    (c,) = read_paste(text).people
    return c.name, c.organisation, c.title, c.doubts


@pytest.mark.parametrize("branch", BRANCHES)
@pytest.mark.parametrize("post", POSTS)
@pytest.mark.parametrize("space", ["", " "])
def test_a_branch_then_a_post_is_the_branch_and_the_post(branch, post, space):
    assert _person(f"王芳\n{branch}{space}{post}\n13912345678") == ("王芳", branch, post, [])


@pytest.mark.parametrize("branch", BRANCHES)
def test_a_branch_alone_stays_the_organisation(branch):
    assert _person(f"王芳\n{branch}\n13912345678") == ("王芳", branch, "", [])


@pytest.mark.parametrize(
    ("line", "organisation", "title"),
    [
        ("中国银行 上海分行 行长", "中国银行 上海分行", "行长"),  # the branch written apart is the bank's too
        ("中国银行上海分行信息科技部总经理", "中国银行上海分行", "信息科技部总经理"),
        # a company's 营业部 is its sales department
        ("华东能源集团营业部经理", "华东能源集团", "营业部经理"),
        ("中信银行信用卡中心总经理", "中信银行", "信用卡中心总经理"),  # a centre is a unit, as before
    ],
)
def test_a_unit_after_the_branch_stays_in_the_title(line, organisation, title):
    assert _person(f"王芳\n{line}\n13912345678") == ("王芳", organisation, title, [])


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("中国银行上海分行行长", "行长"),
        ("招商银行深圳南山支行 副行长", "副行长"),
        ("中国建设银行北京市分行营业部总经理", "总经理"),
        ("国网江苏省电力有限公司南京供电分公司副总经理", "副总经理"),
        ("中国工商银行北京分行", ""),  # the branch alone is no title
    ],
)
def test_a_signatures_branch_is_no_part_of_the_title(line, title):
    body = f"您好，方案已收到。\n\n此致\n刘建华\n{line}\n手机：138 0013 8001\n"

    signature = signature_from_body(body, Address(email="liujianhua@boc.example", name="刘建华"))

    assert signature is not None and signature.title == title
