"""A signature with two numbers (`Tel:` and `Mob:`, 电话 and 手机): both are the person's phone, side by side, as a
person pasted twice keeps them (`phones.every_phone`) — the second was a doubt on the row and not added. Names
invented."""

from __future__ import annotations

from battlemap.io.paste import read_paste


def test_a_signatures_two_phones_are_both_kept_and_no_doubt():
    text = "王建国\n总经理\n华东能源集团\n电话：021-61234567\n手机：13912345678\nwjg@hdny.cn"
    (person,) = read_paste(text).people
    assert person.phone == "021-61234567 / 13912345678"
    assert person.doubts == []


def test_the_same_number_written_twice_is_kept_once():
    (person,) = read_paste("Jane Roe | CTO | +1 206 555 0100 | 12065550100").people
    assert person.phone == "+1 206 555 0100"
    assert person.doubts == []
