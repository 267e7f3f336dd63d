"""Paste-to-add, a person pasted twice — once in a member list, once on a leaders page with their duties — is one
person, the first row kept: the duties under or beside the second keep with them, never dropped with the
duplicate (they were: in no row and in no line listed). The duplicate is still listed as the same person as an
earlier line, without the duty lines; the fuller title it gives is the row's (董事长, then 党委书记、董事长:
`cleaning.joined`). Names invented."""

from __future__ import annotations

from battlemap.io.paste import read_paste

MEMBERS_THEN_LEADERS = (
    "钱思远 | 董事长 | 13912345678\n"
    "孙一鸣 | 总经理 | 13912345679\n\n"
    "钱思远\n党委书记、董事长\n主持集团全面工作。\n\n"
    "孙一鸣\n党委副书记、总经理\n负责集团日常经营管理工作，分管财务部、审计部。\n协助董事长分管安全生产\n"
)


def _read(text: str) -> tuple[list[tuple[str, str, str]], list[tuple[int, int, str, str]]]:
    pasted = read_paste(text)
    people = [(c.name, c.title, c.duties) for c in pasted.people]
    return people, [(u.line, u.last, u.text, u.reason) for u in pasted.unread]


def test_the_duties_under_a_duplicate_are_the_kept_persons():
    people, unread = _read(MEMBERS_THEN_LEADERS)
    assert people == [
        ("钱思远", "党委书记、董事长", "主持集团全面工作。"),
        (
            "孙一鸣",
            "党委副书记、总经理",
            "负责集团日常经营管理工作，分管财务部、审计部。\n协助董事长分管安全生产",
        ),
    ]
    assert unread == [
        (4, 5, "钱思远 · 党委书记、董事长", "duplicate"),
        (8, 9, "孙一鸣 · 党委副书记、总经理", "duplicate"),
    ]


def test_duties_beside_a_duplicate_join_those_already_read_once_each():
    text = (
        "钱思远 | 董事长 | 13912345678 | 分管审计工作\n"
        "钱思远 | 党委书记、董事长 | 主持集团全面工作 | 分管审计工作\n"
    )
    people, unread = _read(text)
    assert people == [("钱思远", "党委书记、董事长", "分管审计工作\n主持集团全面工作")]
    assert unread == [(2, 0, "钱思远 · 党委书记、董事长", "duplicate")]


def test_a_tables_duplicate_row_gives_its_duties_column_and_its_broken_cell():
    text = (
        "姓名\t职务\t分管工作\n"
        "王芳\t副总经理\t\n"
        "赵磊\t采购经理\t\n"
        "王芳\t副总经理、总会计师\t分管财务部、审计部\n"
        "协助总经理分管采购工作\n"
    )
    people, unread = _read(text)
    assert people == [
        ("王芳", "副总经理、总会计师", "分管财务部、审计部\n协助总经理分管采购工作"),
        ("赵磊", "采购经理", ""),
    ]
    assert unread == [(4, 0, "王芳 · 副总经理、总会计师", "duplicate")]
