"""A LinkedIn headline gives the post, then ` at ` or ` @ ` and the organisation (`Chief Information Officer at
Northwind Logistics`): the title and the organisation when the title table reads the part before as a post, else the
line whole (`cells.org_and_post`). A trial's copy kept the whole headline as the title, or as the organisation."""

from __future__ import annotations

import pytest

from battlemap.io.paste import read_paste

HEADLINES = [
    ("Chief Information Officer at Northwind Logistics", "Chief Information Officer", "Northwind Logistics"),
    ("VP Procurement @ Contoso", "VP Procurement", "Contoso"),
    ("采购总监 @ 华东能源", "采购总监", "华东能源"),
    ("高级采购经理 @ 华东能源集团", "高级采购经理", "华东能源集团"),
    ("Head of IT at Fabrikam Ltd", "Head of IT", "Fabrikam Ltd"),
    ("Senior Buyer at Contoso", "Senior Buyer", "Contoso"),
    ("Director of Sales at AT&T", "Director of Sales", "AT&T"),
]


@pytest.mark.parametrize(("headline", "title", "organisation"), HEADLINES)
def test_a_headline_is_the_title_and_the_organisation(headline, title, organisation):
    pasted = read_paste(f"Jane Doe · 2nd\n{headline}\nSeattle, Washington, United States\n\n王芳\n总经理")
    people = [(p.name, p.title, p.organisation) for p in pasted.people]
    assert people == [("Jane Doe", title, organisation), ("王芳", "总经理", "")]


def test_a_headline_in_a_line_of_fields_too():
    pasted = read_paste("Liu Yang, Procurement Manager at Contoso, liu@x.cn")
    assert [(p.name, p.title, p.organisation) for p in pasted.people] == [
        ("Liu Yang", "Procurement Manager", "Contoso")
    ]


# what stands before ` at ` is no post the title table reads: the line stays whole, nothing taken for a company
WHOLE = ["Helping teams grow at scale", "Looking for new roles @ anywhere"]


@pytest.mark.parametrize("headline", WHOLE)
def test_a_headline_without_a_post_before_at_stays_whole(headline):
    [person] = read_paste(f"Jane Doe\n{headline}").people
    assert person.organisation == ""
    assert headline in (person.title, person.organisation, person.department)


@pytest.mark.parametrize(
    "row", ["王芳 | 采购总监 @ 华东能源 | wf@hd.cn", "王芳，采购总监 @ 华东能源，wf@hd.cn"]
)
def test_a_headline_beside_an_e_mail_is_one_person_s_row_not_an_invite(row):
    """Two "@" on a line, one of them a headline's: the row was read as a list of attendees (a person named `wf`,
    the rest not read); it is one person, the e-mail addresses counted."""
    pasted = read_paste(row)
    assert [(p.name, p.title, p.organisation, p.email) for p in pasted.people] == [
        ("王芳", "采购总监", "华东能源", "wf@hd.cn")
    ]
    assert pasted.unread == []
