"""An English leaders page ("Our leadership") says each leader's duties with a verb, as a Chinese one says 分管/主持:
`Presides over the board's work`, `Oversees procurement and logistics`, `Leads the IT strategy` — the person's duties,
never their organisation or a second title (a seller's paste of such a page gave Zhang Wei the organisation
"Presides over the board's work" and flagged "Oversees …" as a second title). `Manager`, `Head of IT`, `Lead Engineer`
stay titles (`duties.duty`)."""

from __future__ import annotations

import pytest

from battlemap.io.paste import read_paste
from battlemap.io.paste.cells import classify

DUTIES = (
    "Presides over the board's work|Oversees procurement and logistics|Leads the IT strategy|"
    "Manages supplier relations|Supervises the audit department|Heads the legal team|Directs group finance|"
    "Coordinates investor relations|Is responsible for internal audit|Chairs the risk committee"
).split("|")
TITLES = "Manager|Head of IT|Lead Engineer|Head of Procurement|Chairman|Director|Supervisor|Managing Director".split(
    "|"
)


@pytest.mark.parametrize("duty", DUTIES)
def test_an_english_duty_line_under_a_post_is_the_leaders_duties(duty):
    pasted = read_paste(f"Zhang Wei\nChairman\n{duty}\n\nLi Na\nChief Information Officer")
    assert [(p.name, p.title, p.organisation, p.department, p.duties, p.doubts) for p in pasted.people] == [
        ("Zhang Wei", "Chairman", "", "", duty, []),
        ("Li Na", "Chief Information Officer", "", "", "", []),
    ]
    assert pasted.unread == []


def test_several_duty_lines_of_an_our_leadership_page_are_all_kept_in_order():
    pasted = read_paste(
        "Our leadership\n\nZhang Wei\nChairman\nPresides over the board's work\nOversees procurement and logistics\n\n"
        "Li Na\nCIO\nLeads the IT strategy\nManages supplier relations"
    )
    assert [(p.name, p.title, p.organisation, p.duties) for p in pasted.people] == [
        ("Zhang Wei", "Chairman", "", "Presides over the board's work\nOversees procurement and logistics"),
        ("Li Na", "CIO", "", "Leads the IT strategy\nManages supplier relations"),
    ]


@pytest.mark.parametrize("title", TITLES)
def test_a_post_that_starts_like_a_duty_verb_stays_a_title(title):
    assert classify(title)[0] == "title"
    pasted = read_paste(f"Bob Lee\n{title}")
    assert [(p.name, p.title, p.duties) for p in pasted.people] == [("Bob Lee", title, "")]


def test_a_duty_at_the_end_of_a_row_keeps_its_commas_up_to_a_contact():
    pasted = read_paste(
        "Jane Doe | CFO | Oversees finance, treasury and IT\n"
        "Tom Hanks, COO, manages operations and logistics, tom@northwind.com"
    )
    assert [(p.name, p.title, p.email, p.department, p.duties) for p in pasted.people] == [
        ("Jane Doe", "CFO", "", "", "Oversees finance, treasury and IT"),
        ("Tom Hanks", "COO", "tom@northwind.com", "", "manages operations and logistics"),
    ]
