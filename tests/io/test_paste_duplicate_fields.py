"""Paste-to-add, a person pasted twice (`张伟 中国银行上海分行行长`, then `张伟 党委书记` with a phone and an e-mail): the
first row is kept and what the second adds is on it — each field it lacked filled, a second title joined as a
sheet's person given over two rows joins it (`cleaning.joined`: 行长 / 党委书记), a second phone beside the first —,
each noted with the line it came from (`Candidate.taken`); before, all of it was lost with the duplicate. Names
invented."""

from __future__ import annotations

from battlemap.io.paste import read_paste

FIELDS = ("name", "title", "organisation", "email", "phone")


def _people(text: str) -> list[tuple[str, ...]]:
    return [tuple(getattr(c, f) for f in FIELDS) for c in read_paste(text).people]


def test_the_second_line_fills_what_the_first_lacks_and_joins_its_title():
    text = "张伟 中国银行上海分行行长\n李娜 | 总经理\n张伟 党委书记 | 13912345678 | zhangwei@boc.cn\n"
    pasted = read_paste(text)
    assert _people(text) == [
        ("张伟", "行长 / 党委书记", "中国银行上海分行", "zhangwei@boc.cn", "13912345678"),
        ("李娜", "总经理", "", "", ""),
    ]
    assert pasted.people[0].taken == [
        ("title", "党委书记", 3),
        ("email", "zhangwei@boc.cn", 3),
        ("phone", "13912345678", 3),
    ]
    assert [(u.line, u.reason) for u in pasted.unread] == [(3, "duplicate")]


def test_an_organisation_the_first_lacks_and_a_second_phone_are_kept():
    text = "Jane Doe | CFO | +1 415 555 0100\n\nJane Doe\nNorthwind Ltd.\n+1 415 555 0199\n"
    assert _people(text) == [("Jane Doe", "CFO", "Northwind Ltd.", "", "+1 415 555 0100 / +1 415 555 0199")]


def test_the_same_title_again_or_a_fuller_one_is_not_joined_twice():
    assert _people("王芳 | 副总经理\n王芳 | 副总经理") == [("王芳", "副总经理", "", "", "")]
    assert _people("王芳 | 副总经理\n王芳 | 党委委员、副总经理") == [
        ("王芳", "党委委员、副总经理", "", "", "")
    ]


def test_a_different_organisation_is_a_doubt_not_an_overwrite():
    pasted = read_paste("张伟 | 行长 | 中国银行上海分行\n张伟 | 行长 | 招商银行深圳分行\n")
    [person] = pasted.people
    assert person.organisation == "中国银行上海分行"
    assert ("organisation", "招商银行深圳分行") in person.doubts and person.taken == []


def test_two_people_of_one_name_with_different_emails_stay_two():
    text = "张伟 | 行长 | zhangwei@boc.cn\n张伟 | 工程师 | zhangwei2@boc.cn\n"
    assert [p[:2] for p in _people(text)] == [("张伟", "行长"), ("张伟", "工程师")]
