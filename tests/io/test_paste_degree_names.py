"""A doctor signs `Jane Doe, MD`: a name with a degree after it, not the managing director the title table reads in
MD. A conference's speaker list `Jane Doe, MD⏎John Smith, PhD` gave ONE person, John Smith titled "Jane Doe, MD";
it is two people, stored without the letters (`io.profile_names.without_profile_additions`), as `Mei Wong, PMP` is.
A degree that is also a word or initials stays after a one-word name (`Lee, MA`, `Lee, JD`: Outlook's surname and
initials)."""

from __future__ import annotations

import pytest

from battlemap.io.matching import clean_name, match_name
from battlemap.io.paste import read_paste


def test_a_speaker_list_of_doctors_is_one_person_a_line():
    pasted = read_paste("Jane Doe, MD\nJohn Smith, PhD\nMary Major, MD, MPH\nLi Wei, RN")
    assert [(p.name, p.title) for p in pasted.people] == [
        ("Jane Doe", ""),
        ("John Smith", ""),
        ("Mary Major", ""),
        ("Li Wei", ""),
    ]
    assert pasted.unread == []


def test_a_doctor_s_signature_keeps_her_title_and_the_next_signature_its_own():
    pasted = read_paste(
        "Jane Doe, MD\nChief Medical Officer\njane.doe@mercy.org\nJohn Smith, MD\nHead of Cardiology\njs@mercy.org"
    )
    assert [(p.name, p.title, p.email) for p in pasted.people] == [
        ("Jane Doe", "Chief Medical Officer", "jane.doe@mercy.org"),
        ("John Smith", "Head of Cardiology", "js@mercy.org"),
    ]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Jane Doe, MD", "Jane Doe"),
        ("John Smith, MD, MPH", "John Smith"),
        ("Amy Lee, JD", "Amy Lee"),
        ("Lee, MA", "Lee, MA"),
        ("Lee, JD", "Lee, JD"),
        ("Mei Wong, PMP", "Mei Wong"),
    ],
)
def test_a_degree_after_a_whole_name_is_no_part_of_it(typed, stored):
    assert clean_name(typed) == stored
    assert (match_name(typed) == match_name(stored)) is True


def test_a_post_with_md_after_it_stays_a_title():
    pasted = read_paste("Bob Lee\nSales Director, MD")
    assert [(p.name, p.title) for p in pasted.people] == [("Bob Lee", "Sales Director, MD")]
