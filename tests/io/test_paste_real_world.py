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
