"""A bilingual signature names its signer twice, in pinyin and in Chinese (`Wang Fang | 王芳`): one person, named in
Chinese as `matching.clean_name` keeps such a pair — the paste gave two people, Wang Fang with no field and 王芳 with
the title, e-mail and phone. Two different people on one line stay two (`张伟 | Li Na`). A title beside its own
translation (`Procurement Director | 采购总监`) is one title, in Chinese too. Names invented."""

from __future__ import annotations

from battlemap.io.paste import read_paste

SIGNATURE = (
    "Best regards,\n\nWang Fang | 王芳\nProcurement Director\nHuadong Energy Group Co., Ltd.\n"
    "M: +86 139 1111 2222 | E: wang.fang@hdny.cn"
)


def test_a_bilingual_signature_is_one_person_named_in_chinese():
    pasted = read_paste(SIGNATURE)
    assert [(p.name, p.title, p.organisation, p.phone, p.email) for p in pasted.people] == [
        (
            "王芳",
            "Procurement Director",
            "Huadong Energy Group Co., Ltd.",
            "+86 139 1111 2222",
            "wang.fang@hdny.cn",
        )
    ]


def test_the_chinese_name_first_then_the_pinyin_given_name_first_is_one_person_too():
    pasted = read_paste("王芳 | Fang Wang | 采购总监 | wang.fang@hdny.cn")
    assert [(p.name, p.title, p.email) for p in pasted.people] == [("王芳", "采购总监", "wang.fang@hdny.cn")]


def test_two_different_names_on_a_line_stay_two_people():
    pasted = read_paste("张伟\n采购经理\n\nLi Na\nCFO\n\n张伟 | Li Na")
    assert [p.name for p in pasted.people] == ["张伟", "Li Na"]


def test_a_title_beside_its_own_translation_is_one_title_in_chinese():
    # `Procurement Director | 采购总监` was the title and a doubted second title: the row flagged for one post
    pasted = read_paste(
        "Wang Fang | 王芳\nProcurement Director | 采购总监\nwang.fang@hdny.cn\n\n李伟 | 总经理 / General Manager"
    )
    assert [(p.name, p.title, p.doubts) for p in pasted.people] == [
        ("王芳", "采购总监", []),
        ("李伟", "总经理", []),
    ]
    # two different posts stay a title and a doubt
    assert [(p.title, p.doubts) for p in read_paste("Li Wei\nCFO | 采购总监").people] == [
        ("CFO", [("title", "采购总监")])
    ]


def test_a_title_beside_a_translation_the_table_reads_a_level_apart_is_one_title_as_typed():
    # `Vice President | 副总裁` (no function, level 5 / general management, 6) and `IT Manager | 信息中心主任` (2 / 4)
    # were the first title and a doubt: one post, the row flagged for nothing; both kept, as typed
    pasted = read_paste(
        "Fang Wang\nVice President | 副总裁\n\nLi Wei | IT Manager | 信息中心主任 | li.wei@hdny.cn"
    )
    assert [(p.title, p.doubts) for p in pasted.people] == [
        ("Vice President / 副总裁", []),
        ("IT Manager / 信息中心主任", []),
    ]
