"""A LinkedIn copy gives where each person is on a line of its own under their headline (`Seattle, Washington,
United States`, `Greater Shanghai Area`, `上海 中国`): a place, listed as not read, never a person added ticked (a
trial's LinkedIn copy added each location as a person). Real names with a comma (Outlook's `Smith, John`,
Exchange's `Wang, Fang (IT-Infra)`) stay names (`paste.places`)."""

from __future__ import annotations

import pytest

from battlemap.io.paste import read_paste
from battlemap.io.paste.places import place

PLACES = (
    "Seattle, Washington, United States|Greater Shanghai Area|上海 中国|San Francisco Bay Area|"
    "London, England, United Kingdom|Shanghai, China|Berlin, Germany|Austin, Texas|Singapore|中国 上海|"
    "中国上海市|广东省深圳市|上海市 浦东新区|Amman, Jordan, Jordan|Seattle, WA|Austin, TX, USA|San Francisco, CA|"
    "Washington, DC|Boston, MA, United States"
).split("|")

# names with a comma as Outlook and Exchange write them (initials too: `Lee, JD`; a state's code only upper case), given
# names that are also countries or states, a degree that is also a state's code (`Jane Doe, MD`), and Chinese names
# that are also a province's (吉林, 宁夏: a place only with 省/市 or beside a country)
NAMES = (
    "Smith, John|Doe, Jane|Smith, Jordan|Kumar, India|Irving, Washington|Li, Wei|Georgia|吉林|宁夏|江西|"
    "张伟|Grace Hopper|Lee, JD|Wang, XY|Lee, Wa|Lee, MA"
).split("|")


@pytest.mark.parametrize("where", PLACES)
def test_a_location_under_a_linkedin_headline_is_a_place_not_a_person(where):
    pasted = read_paste(f"John Smith · 2nd\nVP Procurement\n{where}\nConnect\n\nJane Doe\nCFO")
    people = [(p.name, p.title, p.organisation, p.department) for p in pasted.people]
    assert people == [("John Smith", "VP Procurement", "", ""), ("Jane Doe", "CFO", "", "")]
    assert [(u.line, u.text, u.reason) for u in pasted.unread] == [
        (3, where, "place"),
        (4, "Connect", "not_read"),
    ]


@pytest.mark.parametrize("where", PLACES)
def test_a_location_alone_between_people_starts_no_person(where):
    pasted = read_paste(f"Li Wei\n{where}\nTom Baker")
    assert [p.name for p in pasted.people] == ["Li Wei", "Tom Baker"]
    assert [(u.text, u.reason) for u in pasted.unread] == [(where, "place")]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_with_a_comma_or_a_place_s_word_stays_a_name(name):
    pasted = read_paste(f"{name}\n采购经理\n\n王芳\n总经理")
    assert [(p.name, p.title) for p in pasted.people] == [(name, "采购经理"), ("王芳", "总经理")]
    assert pasted.unread == []


def test_an_exchange_name_with_its_unit_in_an_invite_stays_a_person():
    pasted = read_paste("To: Wang, Fang (IT-Infra) <fang.wang@x.cn>; Smith, John <js@x.com>")
    assert [(p.name, p.department) for p in pasted.people] == [("Fang Wang", "IT-Infra"), ("John Smith", "")]
    assert pasted.unread == []


def test_a_place_in_a_row_of_cells_is_listed_not_the_organisation():
    pasted = read_paste("Jane Doe | CTO | Beijing, China | jane@x.com")
    assert [(p.name, p.title, p.organisation, p.email) for p in pasted.people] == [
        ("Jane Doe", "CTO", "", "jane@x.com")
    ]
    assert [(u.text, u.reason) for u in pasted.unread] == [("Beijing, China", "place")]


@pytest.mark.parametrize("line", ["Jane Doe, MD", "John Smith, MS", "Seattle, wa", "Lee, JD"])
def test_a_degree_or_initials_after_a_name_is_no_state(line):
    assert not place(line)


LINKEDIN_US = (
    "John Smith · 2nd\nVP Procurement at Northwind\nBoston, MA\nConnect\n\n"
    "Jane Roe · 3rd+\nCFO at Contoso\nBaltimore, MD\nMessage\n\n"
    "Bob Lee\nHead of IT\nJackson, MS\nAmy Wu\nCTO\nSilver Spring, MD"
)


def test_a_city_and_a_code_that_is_also_a_degree_under_a_headline_is_where_they_are():
    """`Boston, MA` where a LinkedIn card gives the location (after the name and the headline) was added as a person,
    `Baltimore, MD` as a second title: a place, by where it stands (a doctor's `Jane Doe, MD` is a name)."""
    pasted = read_paste(LINKEDIN_US)
    assert [(p.name, p.title, p.organisation, p.doubts) for p in pasted.people] == [
        ("John Smith", "VP Procurement", "Northwind", []),
        ("Jane Roe", "CFO", "Contoso", []),
        ("Bob Lee", "Head of IT", "", []),
        ("Amy Wu", "CTO", "", []),
    ]
    assert [(u.text, u.reason) for u in pasted.unread if u.reason == "place"] == [
        ("Boston, MA", "place"),
        ("Baltimore, MD", "place"),
        ("Jackson, MS", "place"),
        ("Silver Spring, MD", "place"),
    ]


def test_a_city_and_a_degree_code_in_a_person_s_row_is_no_second_person():
    pasted = read_paste("Jane Doe | CTO | Boston, MA | jane@x.com\nTom Poe | CFO | Austin, TX | tom@x.com")
    assert [(p.name, p.title, p.email) for p in pasted.people] == [
        ("Jane Doe", "CTO", "jane@x.com"),
        ("Tom Poe", "CFO", "tom@x.com"),
    ]
    assert [(u.text, u.reason) for u in pasted.unread] == [("Boston, MA", "place"), ("Austin, TX", "place")]


def test_a_doctor_after_a_signature_with_her_title_under_her_stays_a_person():
    pasted = read_paste("Bob Lee\nHead of IT\nJane Doe, MD\nChief Medical Officer")
    assert [(p.name, p.title) for p in pasted.people] == [
        ("Bob Lee", "Head of IT"),
        ("Jane Doe", "Chief Medical Officer"),
    ]
