"""Paste-to-add with what sellers really paste: an Outlook invite's Exchange names, a group chat's or a meeting's
member list, a business card's OCR text, a leaders page copied from the customer's site, a signature with its
disclaimer. Names invented."""

from __future__ import annotations

from battlemap.io.paste import read_paste


def _rows(text: str) -> list[dict[str, str]]:
    return [{k: v for k, v in c.as_fields().items() if v} for c in read_paste(text).people]


def _unread(text: str) -> list[tuple[str, str]]:
    return [(u.text, u.reason) for u in read_paste(text).unread]


OUTLOOK = (
    "Required: Wang, Fang (IT-Infra) <fang.wang@huadong-energy.example>; Zhou Lin <lin.zhou@huadong-energy.example>;"
    " 'Chen, Hao' <hao.chen@huadong-energy.example>\n"
    "Optional: Li, Ming (Procurement) <ming.li@huadong-energy.example>; yue.sun@huadong-energy.example"
)


def test_exchange_names_with_a_comma_in_an_outlook_invite_are_whole_names():
    rows = _rows(OUTLOOK)
    assert [(r["name"], r["email"].split("@")[0], r.get("department", "")) for r in rows] == [
        ("Fang Wang", "fang.wang", "IT-Infra"),
        ("Zhou Lin", "lin.zhou", ""),
        ("Hao Chen", "hao.chen", ""),
        ("Ming Li", "ming.li", "Procurement"),
        ("yue.sun", "yue.sun", ""),
    ]
    assert _unread(OUTLOOK) == []


def test_a_comma_still_parts_a_bare_address_from_the_next_entry_on_a_semicolon_line():
    rows = _rows("a.wu@x.example, Bo Xu <bo.xu@x.example>; Qian, Jing <jing.qian@x.example>")
    assert [(r["name"], r["email"]) for r in rows] == [
        ("Bo Xu", "bo.xu@x.example"),
        ("Jing Qian", "jing.qian@x.example"),
        ("a.wu", "a.wu@x.example"),
    ]


CARD = """钱思远
华东省能源投资集团 信息中心 副主任
手机：138 1234 5678
邮箱：qiansy@hd-energy.example
地址：上海市浦东新区世纪大道100号
"""

SIGNATURE_EN = """Best regards,
Fang Wang
Head of IT Infrastructure | Huadong Energy Investment Group
M: +86 138 1234 5678
E: fang.wang@huadong-energy.example

This email and any attachments are confidential and may also be privileged. If you are not the intended \
recipient, please notify the sender immediately and delete it.
"""

SIGNATURE_ZH = """此致
敬礼！
钱思远
信息中心 副主任
手机：+86 138 1234 5678
本邮件及其附件含有保密信息，仅限于发送给上面地址中列出的个人或群组。禁止任何其他人以任何形式使用本邮件中的信息。
"""


def test_a_business_card_gives_company_unit_and_post_apart_and_lists_its_address():
    assert _rows(CARD) == [
        {
            "name": "钱思远",
            "title": "副主任",
            "organisation": "华东省能源投资集团",
            "department": "信息中心",
            "phone": "138 1234 5678",
            "email": "qiansy@hd-energy.example",
        }
    ]
    assert _unread(CARD) == [("地址：上海市浦东新区世纪大道100号", "address")]


def test_a_signatures_disclaimer_is_no_person_and_its_e_label_is_no_organisation():
    assert _rows(SIGNATURE_EN) == [
        {
            "name": "Fang Wang",
            "title": "Head of IT Infrastructure",
            "organisation": "Huadong Energy Investment Group",
            "phone": "+86 138 1234 5678",
            "email": "fang.wang@huadong-energy.example",
        }
    ]
    assert [reason for _text, reason in _unread(SIGNATURE_EN)] == ["sign_off", "not_read"]
    assert read_paste(SIGNATURE_EN).people[0].doubts == []
    rows = _rows(SIGNATURE_ZH)
    assert [(r["name"], r["title"], r.get("organisation", "")) for r in rows] == [("钱思远", "副主任", "")]
    assert _unread(SIGNATURE_ZH)[-1][0].startswith("本邮件及其附件含有保密信息")


TEAMS = """Participants (4)
Fang Wang (Organizer)
Ming Li
Hao Chen (External)
Yue Sun (Host, me)
"""

WECOM = """华东能源项目群(3)
[头像]
钱思远
信息中心 · 副主任
[头像]
孙一鸣@华东能源
周雨桐（外部）
"""


def test_a_meeting_member_list_is_one_person_a_line_without_its_roles_and_heading():
    assert _rows(TEAMS) == [{"name": n} for n in ("Fang Wang", "Ming Li", "Hao Chen", "Yue Sun")]
    assert _unread(TEAMS) == [("Participants (4)", "not_read")]


def test_a_group_chat_member_list_reads_units_posts_and_an_outside_contacts_company():
    assert _rows(WECOM) == [
        {"name": "钱思远", "title": "副主任", "department": "信息中心"},
        {"name": "孙一鸣", "organisation": "华东能源"},
        {"name": "周雨桐"},
    ]
    assert _unread(WECOM) == [
        ("华东能源项目群(3)", "not_read"),
        ("[头像]", "not_read"),
        ("[头像]", "not_read"),
    ]


LEADERS = "姓名\t职务\t分管工作\n钱思远\t党委书记、董事长\t主持集团全面工作，\n分管审计工作\n孙一鸣\t总经理\t负责生产经营\n"


def test_a_line_break_inside_a_cell_of_a_copied_web_table_is_no_person():
    # the broken cell's second line is the row above's duties, as its first line is
    assert _rows(LEADERS) == [
        {"name": "钱思远", "title": "党委书记、董事长", "duties": "主持集团全面工作，\n分管审计工作"},
        {"name": "孙一鸣", "title": "总经理", "duties": "负责生产经营"},
    ]
    assert _unread(LEADERS) == []


def test_a_unit_word_ending_a_cell_makes_it_the_department_not_a_second_title():
    # 采购部 was a title (采购 is a title hint), so 采购部/采购经理 gave a title and a doubt, and no department
    text = "赵磊 | 采购部/采购经理 | 13912345678\nLei Xu | Procurement Team | Buyer | lei.xu@huadong-energy.example"
    people = read_paste(text).people
    assert [(p.name, p.department, p.title, p.doubts) for p in people] == [
        ("赵磊", "采购部", "采购经理", []),
        ("Lei Xu", "Procurement Team", "Buyer", []),
    ]
    # a post the title table reads stays a title, with the unit in it
    assert [r.get("title") for r in _rows("孙一鸣\t采购部经理\nAmy Wu\tHead of Department")] == [
        "采购部经理",
        "Head of Department",
    ]


LEADERS_PAGE = (
    "张建国\n董事长\n主持集团全面工作。\n\n"
    "李明\n总经理\n主持公司日常经营管理工作，分管战略规划部、审计部。\n\n"
    "王芳 | 副总经理 | 分管财务部、审计部 | 13812345678"
)


def test_a_leaders_pages_duty_lines_are_the_persons_duties_not_their_organisation_or_department():
    # 主持集团全面工作 was the organisation (it holds 集团), and 审计部 out of 分管财务部、审计部 the department; then
    # the duties were listed as not read, for the seller to type again on each person's page
    assert _rows(LEADERS_PAGE) == [
        {"name": "张建国", "title": "董事长", "duties": "主持集团全面工作。"},
        {"name": "李明", "title": "总经理", "duties": "主持公司日常经营管理工作，分管战略规划部、审计部。"},
        {"name": "王芳", "title": "副总经理", "phone": "13812345678", "duties": "分管财务部、审计部"},
    ]
    assert _unread(LEADERS_PAGE) == []
    # duties with no one before or beside them are still listed, as duties not kept
    assert _unread("主持集团全面工作。\n\n分管审计工作") == [
        ("主持集团全面工作。", "duties"),
        ("分管审计工作", "duties"),
    ]


def test_a_linkedin_people_copy_has_no_buttons_or_degrees_as_people_or_titles():
    # a LinkedIn company page's People tab copied: its heading, the Connect/Message buttons on lines of their own and
    # a connection's degree were three people and John Smith's title `2nd` (VP Procurement a doubt)
    text = "People\nJane Doe\nCIO\nConnect\nJohn Smith · 2nd\nVP Procurement\nMessage\n李娜 · 三度+\n采购总监\n加为好友\n"
    pasted = read_paste(text)
    assert [(p.name, p.title, p.doubts) for p in pasted.people] == [
        ("Jane Doe", "CIO", []),
        ("John Smith", "VP Procurement", []),
        ("李娜", "采购总监", []),
    ]
    assert [(u.line, u.reason) for u in pasted.unread] == [
        (1, "heading"),
        (4, "not_read"),
        (7, "not_read"),
        (10, "not_read"),
    ]


def test_a_wecom_cards_dotted_organisation_is_the_organisation_not_a_second_person():
    # 华东能源 (no 集团 or 公司) read as a name: a second person holding the card's phone and e-mail, 张伟 left bare
    card = "张伟\n华东能源 · 信息中心 · 副主任\n手机：13912345678\nzhangwei@huadong-energy.example"
    assert _rows(card) == [
        {
            "name": "张伟",
            "title": "副主任",
            "organisation": "华东能源",
            "department": "信息中心",
            "email": "zhangwei@huadong-energy.example",
            "phone": "13912345678",
        }
    ]
    # a person's own dotted line stays theirs
    assert _rows("李娜 · 信息中心 · 副主任\n13912345678") == [
        {"name": "李娜", "title": "副主任", "department": "信息中心", "phone": "13912345678"}
    ]


def test_one_word_after_a_whole_name_on_its_line_is_the_organisation_not_a_second_person():
    # a Zoom or Teams attendee list with companies: `Northwind` was a second person, John Smith had no organisation
    attendees = (
        "John Smith | Northwind\nJane Doe | Contoso | jane.doe@contoso.example\n王芳\tFabrikam\t13912345678"
    )
    assert _rows(attendees) == [
        {"name": "John Smith", "organisation": "Northwind"},
        {"name": "Jane Doe", "organisation": "Contoso", "email": "jane.doe@contoso.example"},
        {"name": "王芳", "organisation": "Fabrikam", "phone": "13912345678"},
    ]
    # two whole names on a line stay two people
    assert [r["name"] for r in _rows("Jane Doe | John Smith")] == ["Jane Doe", "John Smith"]


def test_a_business_cards_letter_spaced_ocr_is_read_as_words():
    # each character set apart by the OCR: the title was `信 息 中 心 主 任`, spaces kept, and no department
    card = "张 伟\n华  东  能  源  集  团    信  息  中  心    副  主  任\n13912345678"
    people = read_paste(card).people
    assert [(p.name, p.organisation, p.department, p.title, p.phone) for p in people] == [
        ("张伟", "华东能源集团", "信息中心", "副主任", "13912345678")
    ]
    assert _rows("张伟\n信  息  中  心    主  任") == [
        {"name": "张伟", "department": "信息中心", "title": "主任"}
    ]
