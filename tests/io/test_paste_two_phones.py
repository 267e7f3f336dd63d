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


def test_a_feishu_cards_phone_labelled_in_full_is_the_phone():
    # `手机号码：139…` was a second organisation, a doubt, and the phone was left empty
    (person,) = read_paste(
        "王芳\n采购总监\n华东能源集团\n手机号码：13912345678\n邮箱：wangfang@hdny.cn"
    ).people
    assert (person.phone, person.organisation, person.doubts) == ("13912345678", "华东能源集团", [])
