"""A Chinese name set apart as a card or a member list spaces it (`张 伟`, `张   伟`, `欧阳 娜娜`) at the head of a line
with the post and the phone after it; a phone after a single space at the end of a post. Names invented."""

from __future__ import annotations

from battlemap.io.paste import read_paste


def _rows(text: str) -> list[tuple[str, str, str]]:
    return [(c.name, c.title, c.phone) for c in read_paste(text).people]


def test_a_spaced_name_before_its_post_and_phone_is_joined():
    # `张 伟 总经理 13912345678` was no person at all; `张   伟    总经理    …` the person 张 titled 伟
    text = "张 伟 总经理 13912345678\n\n李   娜    副主任    13812345678\n\n欧阳 娜娜 | 经理"
    assert _rows(text) == [
        ("张伟", "总经理", "13912345678"),
        ("李娜", "副主任", "13812345678"),
        ("欧阳娜娜", "经理", ""),
    ]
    assert read_paste(text).unread == []


def test_two_spaced_names_on_two_lines_are_two_people():
    # `李 娜` under `张   伟` was 张伟's title
    assert _rows("张   伟\n李 娜") == [("张伟", "", ""), ("李娜", "", "")]


def test_a_phone_after_a_post_and_one_space_is_the_phone_not_the_title():
    # the title was `总经理 139 1234 5678`
    assert _rows("王建国 总经理 139 1234 5678") == [("王建国", "总经理", "139 1234 5678")]
