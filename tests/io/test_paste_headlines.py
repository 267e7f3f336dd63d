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


def test_a_linkedin_search_copy_with_its_screen_reader_lines_gives_each_card_its_headline():
    """A LinkedIn search page copied gives, under each name, what a screen reader says (`View Jane Doe’s profile`,
    the degree alone and said): they were the card's title, its headline refused as a second title."""
    text = (
        "Mary-Kate Lindqvist\nView Mary-Kate Lindqvist’s profile\n • 2nd\n2nd degree connection\n"
        "Director of Procurement at Harborline Freight Inc.\nChicago, Illinois, United States\nConnect\n\n"
        "Tom Alvarez\nView Tom Alvarez's profile\n · 3rd+\nChief Financial Officer at Harborline Freight\n"
        "Greater Chicago Area\nFollow\n"
    )
    pasted = read_paste(text)
    assert [(p.name, p.title, p.organisation, p.doubts) for p in pasted.people] == [
        ("Mary-Kate Lindqvist", "Director of Procurement", "Harborline Freight Inc.", []),
        ("Tom Alvarez", "Chief Financial Officer", "Harborline Freight", []),
    ]
    said = [(u.line, u.reason) for u in pasted.unread if u.reason == "not_read"]
    assert said == [
        (2, "not_read"),
        (3, "not_read"),
        (4, "not_read"),
        (7, "not_read"),
        (10, "not_read"),
        (11, "not_read"),
        (14, "not_read"),
    ]


@pytest.mark.parametrize("title", ["Attendee List – Midwest Supply Chain Summit 2026", "Attendee List\t\t\t"])
def test_a_title_row_above_an_excel_ranges_header_is_a_heading_and_the_range_its_people(title):
    """An attendee list copied with its title row: the title, the header's words and the first row were four
    people ticked (Attendee List, Name, Title, Email) and José Núñez not read."""
    text = (
        f"{title}\nName\tTitle\tCompany\tEmail\n"
        "José Núñez\tDirector of IT Infrastructure\tHarborline Freight Inc.\tjose.nunez@harborline.com\n"
        "Kevin Park\t<script>alert(1)</script>\tHarborline Freight Inc.\tkpark@harborline.com\n"
    )
    pasted = read_paste(text)
    assert [(p.name, p.title, p.organisation, p.email) for p in pasted.people] == [
        (
            "José Núñez",
            "Director of IT Infrastructure",
            "Harborline Freight Inc.",
            "jose.nunez@harborline.com",
        ),
        ("Kevin Park", "<script>alert(1)</script>", "Harborline Freight Inc.", "kpark@harborline.com"),
    ]
    assert [(u.line, u.text, u.reason) for u in pasted.unread] == [(1, title.strip(), "heading")]
