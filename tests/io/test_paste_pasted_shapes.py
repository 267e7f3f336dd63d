"""Paste-to-add, shapes a user copies from everyday tools: a Teams participants list whose roles stand on a line of
their own, a one-line `name, title phone`. Names invented."""

from __future__ import annotations

from battlemap.io.paste import read_paste


def _people(text: str) -> list[tuple[str, str, str]]:
    return [(c.name, c.title, c.phone) for c in read_paste(text).people]


def test_a_role_on_a_line_of_its_own_in_a_participants_list_is_no_person():
    # Teams shows `Organizer` under the organiser's name: it was a person named Organizer
    pasted = read_paste("Wang Fang\nOrganizer\nJane Doe (Guest)\nJohn Smith\nPresenter")
    assert [c.name for c in pasted.people] == ["Wang Fang", "Jane Doe", "John Smith"]
    assert [(u.line, u.text) for u in pasted.unread] == [(2, "Organizer"), (5, "Presenter")]


def test_a_name_a_comma_a_title_and_a_phone_on_one_line_is_one_person():
    # `Jane Doe, CTO +1 206 555 0100` was listed as no person and nothing was added
    assert _people("Jane Doe, CTO +1 206 555 0100") == [("Jane Doe", "CTO", "+1 206 555 0100")]
    assert _people("李娜, 副主任 138 0000 1234") == [("李娜", "副主任", "138 0000 1234")]


def test_a_wechat_group_members_bracket_is_where_they_work_not_the_last_members_title():
    # `张伟(华东能源)` under 李娜 was 李娜's title; `赵磊 (法务部)` and `王芳（副总经理）` too
    people = read_paste("李娜\n张伟(华东能源)\n赵磊 (法务部)\n王芳（副总经理）\n孙丽").people
    assert [(c.name, c.title, c.organisation, c.department) for c in people] == [
        ("李娜", "", "", ""),
        ("张伟", "", "华东能源", ""),
        ("赵磊", "", "", "法务部"),
        ("王芳", "副总经理", "", ""),
        ("孙丽", "", "", ""),
    ]
