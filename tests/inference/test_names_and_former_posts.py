"""A post written in a display name is no part of the name, and a person is named as their address most often
is (review h4 #5); a former post in a signature gives no level (#8)."""

from __future__ import annotations

from datetime import UTC, datetime

from battlemap.inference.graph import build_graph
from battlemap.inference.titles import read_title
from battlemap.io.mail.records import Address, MessageRecord
from battlemap.io.names import display_name, display_name_and_title

# display name -> (name, post), as the reviewer's files wrote them and as names without a post are
SPLIT = {
    "李娜 采购部部长": ("李娜", "采购部部长"),
    "孙磊 | 采购部": ("孙磊", ""),
    "张伟 - 信息中心": ("张伟", ""),
    "Amy Wu - VP Sales": ("Amy Wu", "VP Sales"),
    "Mr. 钱进 总监": ("钱进", "总监"),
    "王强（总经理）": ("王强", "总经理"),
    "欧阳 娜娜": ("欧阳娜娜", ""),
    "Jean-Luc Picard": ("Jean-Luc Picard", ""),
}


def test_a_post_in_a_display_name_is_split_off():
    assert {written: display_name_and_title(written) for written in SPLIT} == SPLIT
    assert [display_name(written) for written in SPLIT] == [name for name, _post in SPLIT.values()]


def test_an_address_is_named_as_it_most_often_is():
    def sent(day: int, name: str) -> MessageRecord:
        return MessageRecord(
            uid=f"n{day}",
            kind="email",
            occurred_at=datetime(2026, 11, day, tzinfo=UTC),
            sender=Address("li.na@jnjm.example", name),
            to=(Address("wu@ourco.example", "吴小明"),),
        )

    graph = build_graph([sent(1, "李娜 采购部部长"), sent(2, "李娜"), sent(3, "李娜"), sent(4, "Li Na")])
    assert display_name(graph.names["li.na@jnjm.example"]) == "李娜"


def test_a_former_post_gives_no_level():
    former = ["原总经理", "前副总裁", "Senior Advisor (former CEO)", "ex-CFO", "Advisor, ex CEO"]
    assert [read_title(t) for t in former] == [None] * len(former)
    assert read_title("高级顾问（原总经理）").level < read_title("总经理").level  # an adviser, not the chief


def test_words_starting_with_yuan_or_qian_are_not_former_posts():
    assert None not in [read_title(t) for t in ("原料采购部经理", "前台主管", "前端工程师")]
