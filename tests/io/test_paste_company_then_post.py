"""Paste-to-add, a company with no legal form and a top post on one line (`Northwind Logistics CEO`, `Contoso
President`), as a conference's speaker list or a card writes them: the company is the organisation and the post the
title — the whole line was the title, and the map's chart showed no organisation. Words a title takes before such a
post keep it one title (`Group CFO`, `Executive Vice President`, `Regional General Manager`, `Sales General Manager`).
Names invented."""

from __future__ import annotations

import pytest

from battlemap.io.paste import read_paste


def _people(text: str) -> list[tuple[str, str, str, str]]:
    return [(c.name, c.organisation, c.title, c.email) for c in read_paste(text).people]


def test_a_company_then_a_top_post_is_the_organisation_and_the_title():
    pasted = (
        "Jane Doe\nNorthwind Logistics CEO\njane@northwind.example\n\n"
        "Tom Poe\nContoso Pharma Chief Procurement Officer\n\n"
        "Amy Wu | Fabrikam President | amy@fabrikam.example"
    )
    assert _people(pasted) == [
        ("Jane Doe", "Northwind Logistics", "CEO", "jane@northwind.example"),
        ("Tom Poe", "Contoso Pharma", "Chief Procurement Officer", ""),
        ("Amy Wu", "Fabrikam", "President", "amy@fabrikam.example"),
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Group CFO",
        "Executive Vice President",
        "Regional General Manager",
        "Sales General Manager",
        "China General Manager",
        "Deputy CEO",
        "Interim CFO",
        "Founder CEO",
        "Senior Procurement Manager",
        "Global Head of IT",
    ],
)
def test_a_title_s_own_words_before_a_post_stay_the_title(title):
    assert _people(f"Jane Doe\n{title}") == [("Jane Doe", "", title, "")]


def test_a_name_then_a_post_opening_a_signature_is_the_name_and_the_title():
    assert _people("Jane Roe CEO\njr@contoso.example") == [("Jane Roe", "", "CEO", "jr@contoso.example")]


def test_a_post_of_an_organisation_is_the_title_and_the_organisation():
    """An English leaders page or bio (`Chairman and Chief Executive Officer of Huadong Energy Group`): the whole line
    was the organisation and the title empty."""
    pasted = (
        "Li Wei\nChairman and Chief Executive Officer of Huadong Energy Group\nli.wei@huadong.example\n\n"
        "Amy Wu | Chief Information Officer of Northwind Logistics Ltd | amy@northwind.example"
    )
    assert _people(pasted) == [
        ("Li Wei", "Huadong Energy Group", "Chairman and Chief Executive Officer", "li.wei@huadong.example"),
        ("Amy Wu", "Northwind Logistics Ltd", "Chief Information Officer", "amy@northwind.example"),
    ]


@pytest.mark.parametrize(
    ("line", "organisation", "title"),
    [
        (
            "Director of Procurement of Huadong Energy Group",
            "Huadong Energy Group",
            "Director of Procurement",
        ),
        ("Head of Human Resources of Contoso Ltd", "Contoso Ltd", "Head of Human Resources"),
        (
            "Vice President of the Board of Directors of Huadong Group",
            "Huadong Group",
            "Vice President of the Board of Directors",
        ),
        ("President of Bank of China Ltd", "Bank of China Ltd", "President"),
        # `of` before no organisation by the paste's rule stays in the title
        ("Head of IT", "", "Head of IT"),
        ("VP of Sales", "", "VP of Sales"),
        ("CEO of Northwind", "", "CEO of Northwind"),
    ],
)
def test_a_titles_own_of_and_an_organisations_own_of_stay_theirs(line, organisation, title):
    assert _people(f"Li Wei\n{line}") == [("Li Wei", organisation, title, "")]
