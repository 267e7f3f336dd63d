"""A title that carries an organisation (`CIO at Northwind`, `华东能源集团 党委书记`) pasted on a row that already names a
different one: the row keeps the first and the other is a doubt on the row (`Candidate.doubts`, as a person pasted
again with a different organisation is), never dropped unseen. Names invented."""

from __future__ import annotations

import pytest

from battlemap.io.paste import read_paste

CASES = [
    (
        "Jane Doe | Contoso Ltd | CIO at Northwind",
        "Jane Doe",
        "CIO",
        "Contoso Ltd",
        ("organisation", "Northwind"),
    ),
    (
        "张伟 | 中国银行 | 华东能源集团 党委书记",
        "张伟",
        "党委书记",
        "中国银行",
        ("organisation", "华东能源集团"),
    ),
    (
        "Jane Doe\nContoso Ltd\nChief Information Officer at Northwind Logistics",
        "Jane Doe",
        "Chief Information Officer",
        "Contoso Ltd",
        ("organisation", "Northwind Logistics"),
    ),
]


@pytest.mark.parametrize(("text", "name", "title", "organisation", "doubt"), CASES)
def test_a_second_organisation_split_from_the_title_is_a_doubt(text, name, title, organisation, doubt):
    [person] = read_paste(text).people
    assert (person.name, person.title, person.organisation) == (name, title, organisation)
    assert person.doubts == [doubt]


def test_a_unit_split_from_the_title_beside_another_department_is_a_doubt_too():
    [person] = read_paste("张伟 | 华东能源集团 | 财务部 | 中国银行 信息中心 副主任").people
    assert (person.title, person.organisation, person.department) == ("副主任", "华东能源集团", "财务部")
    assert person.doubts == [("organisation", "中国银行"), ("department", "信息中心")]


def test_the_same_organisation_again_or_none_before_is_no_doubt():
    same, first = read_paste(
        "Jane Doe | Northwind Ltd | CIO at Northwind Ltd\n\n王芳 | 华东能源集团 党委书记"
    ).people
    assert (same.organisation, same.doubts) == ("Northwind Ltd", [])
    assert (first.organisation, first.title, first.doubts) == ("华东能源集团", "党委书记", [])
