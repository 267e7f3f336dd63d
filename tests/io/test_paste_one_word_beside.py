"""One word beside a whole name on its line: a company's (`John Smith | Northwind`), a person's given name (`Jane Doe |
Bob`: two attendees), or a function's words before a post (`IT CIO`: a title, no company). Names invented."""

from __future__ import annotations

from battlemap.io.paste import read_paste


def _rows(text: str) -> list[tuple[str, str, str]]:
    return [(c.name, c.title, c.organisation) for c in read_paste(text).people]


def test_a_given_name_beside_a_whole_name_is_the_next_person_not_the_organisation():
    # `Bob` was Jane Doe's organisation
    assert _rows("Jane Doe | Bob\nJohn Smith | Northwind") == [
        ("Jane Doe", "", ""),
        ("Bob", "", ""),
        ("John Smith", "", "Northwind"),
    ]


def test_a_functions_words_before_a_top_post_are_the_title_not_a_company():
    # `IT` was the organisation of a CIO titled CIO
    assert _rows("Jane Doe | IT CIO\n\nMei Wong\nNorthwind Logistics CEO") == [
        ("Jane Doe", "IT CIO", ""),
        ("Mei Wong", "CEO", "Northwind Logistics"),
    ]


def test_a_doctor_pasted_under_someone_s_name_and_title_is_a_person_not_a_place():
    # `John Smith, MD` (a city and a state's code, by shape) under a card's name and title, and `Mei Wong, MD` under a
    # one-line row, were listed as places: two people lost
    pasted = read_paste("Jane Roe\nCTO\nJohn Smith, MD\n\nLi Wei | CFO\nMei Wong, MD")
    assert [c.name for c in pasted.people] == ["Jane Roe", "John Smith", "Li Wei", "Mei Wong"]
    assert [u.reason for u in pasted.unread] == []
    # a LinkedIn card's location stays a place
    card = read_paste("Jane Roe\nCTO at Contoso\nBaltimore, MD\nConnect")
    assert [(u.text, u.reason) for u in card.unread] == [("Baltimore, MD", "place"), ("Connect", "not_read")]


def test_a_post_of_an_organisation_as_a_bio_writes_it_is_the_title_and_the_organisation():
    # `Member of Board of Directors of Huadong Group Co., Ltd.` was listed as a sentence, not read; `Huadong Group's
    # CEO` gave the organisation `Huadong Group's`
    text = (
        "Jane Roe\nMember of Board of Directors of Huadong Group Co., Ltd.\n\nMei Wong\nHuadong Group's CEO"
        "\n\nLi Wei\nNorthwind’s Chief Financial Officer"
    )
    assert _rows(text) == [
        ("Jane Roe", "Member of Board of Directors", "Huadong Group Co., Ltd."),
        ("Mei Wong", "CEO", "Huadong Group"),
        ("Li Wei", "Chief Financial Officer", "Northwind"),
    ]
