"""Two member-list lines a rep pastes under another person. `张伟（女士）` (a courtesy word in brackets, as a contact card
or a group's nickname shows it) was the member above's organisation, 张伟 never a person; it is 张伟, stored without the
courtesy word as 张伟女士 is (`matching.without_honorific`). `KIM Min-jun, CTO` (a surname in capitals, no contact on
the line) under a one-line row was a second title of that row, flagged, and no person; it is KIM Min-jun, CTO. Names
invented."""

from __future__ import annotations

import pytest

from battlemap.io.matching import clean_name
from battlemap.io.paste import read_paste


def _people(text):
    return [(p.name, p.title, p.organisation, p.doubts) for p in read_paste(text).people]


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("王芳 | 总经理\n张伟（女士）", "张伟"),
        ("王芳\n总经理\n张伟（女士）", "张伟"),
        ("王芳\n总经理\n张伟 (先生)", "张伟"),
        ("Jane Doe\nCTO\nJohn Smith (Mr)", "John Smith"),
        ("Jane Doe | CTO\nMei Wong (Ms.)", "Mei Wong"),
    ],
)
def test_a_name_with_its_courtesy_word_in_brackets_is_the_next_person(text, second):
    people = _people(text)
    assert people[0][2:] == ("", [])  # the member above keeps no organisation nor doubt
    assert [p[0] for p in people] == [people[0][0], second]


def test_the_name_is_stored_without_it_but_a_surname_alone_stays_as_written():
    assert clean_name("张伟（女士）") == clean_name("张伟女士") == "张伟"
    assert clean_name("John Smith (Mr)") == "John Smith"
    assert clean_name("张（先生）") == "张（先生）"
    assert clean_name("张伟 (IT)") == "张伟 (IT)"  # a bracket telling two 张伟 apart stays


@pytest.mark.parametrize(
    ("line", "person"),
    [
        ("KIM Min-jun, CTO", ("KIM Min-jun", "CTO", "", [])),
        ("WANG Fang, CFO", ("WANG Fang", "CFO", "", [])),
        ("John Smith, Head of Procurement", ("John Smith", "Head of Procurement", "", [])),
    ],
)
def test_a_name_and_post_under_a_one_line_row_is_the_next_person(line, person):
    assert _people(f"Jane Roe | CTO\n{line}") == [("Jane Roe", "CTO", "", []), person]
    assert _people(line) == [person]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Doe, Jane\nCTO", ["Doe, Jane"]),
        ("Jane Doe, MD", ["Jane Doe"]),
        ("Jane Roe | CTO\nMei Wong, MD", ["Jane Roe", "Mei Wong"]),
    ],
)
def test_a_comma_inside_a_name_stays(text, names):
    assert [p[0] for p in _people(text)] == names
