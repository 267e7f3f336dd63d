"""The plain e-mail signature: a company's name with no legal form under the name and title (`Jane Doe⏎CTO⏎Northwind
Logistics⏎Tel…⏎jane.doe@northwind.com`) was a second person, "Northwind Logistics", holding Jane's e-mail and phone,
and Jane was left with neither. The line is where she works when the e-mail's domain names it, the e-mail is hers,
or it ends with a trade's word (`io.paste.signature`); a second signature's `Li Wei⏎li@x.cn` stays a person; with
no evidence the line is the organisation and the row is flagged. Names invented."""

from __future__ import annotations

import pytest

from battlemap.io.paste import read_paste


def _rows(text: str) -> list[tuple[str, str, str, str, str]]:
    return [(c.name, c.title, c.organisation, c.email, c.phone) for c in read_paste(text).people]


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe\nCTO\nNorthwind Logistics\nTel: +1 206 555 0100\njane.doe@northwind.com",
        "Jane Doe\nCTO | Northwind Logistics\n+1 206 555 0100\njane.doe@northwind.com",
        "Best regards,\nJane Doe\nCTO\nNorthwind Logistics\n+1 206 555 0100 | jane.doe@northwind.com",
    ],
)
def test_a_company_with_no_legal_form_under_the_name_and_title_is_where_she_works(text):
    assert _rows(text) == [
        ("Jane Doe", "CTO", "Northwind Logistics", "jane.doe@northwind.com", "+1 206 555 0100")
    ]


@pytest.mark.parametrize(
    ("company", "email"),
    [
        ("Blue Harbor", "jdoe@blueharbor.io"),  # the domain is the line's words run together
        ("Contoso", "jane.doe@gmail.com"),  # the e-mail is the name above's
        ("Fabrikam Energy", "info@fbk.com"),  # a trade's word
    ],
)
def test_each_kind_of_evidence_alone_makes_the_line_her_organisation(company, email):
    (jane,) = read_paste(f"Jane Doe\nCTO\n{company}\n{email}").people
    assert (jane.organisation, jane.email, jane.doubts) == (company, email, [])


def test_a_chinese_signatures_company_in_pinyin_of_its_domain_is_the_organisation():
    (wang,) = read_paste("王建国\n总经理\n华东能源\n电话：021-61234567\nwangjg@huadong.com").people
    assert (wang.organisation, wang.email, wang.phone) == ("华东能源", "wangjg@huadong.com", "021-61234567")


def test_a_thread_of_signatures_gives_each_person_their_company():
    text = (
        "Jane Doe\nCTO\nNorthwind Logistics\njane.doe@northwind.com\n"
        "John Smith\nVP Sales\nFabrikam\n+1 425 555 0199\njohn.smith@fabrikam.com\n\n"
        "李娜\n副总经理\n中科软件\nlina@zksoft.cn"
    )
    assert _rows(text) == [
        ("Jane Doe", "CTO", "Northwind Logistics", "jane.doe@northwind.com", ""),
        ("John Smith", "VP Sales", "Fabrikam", "john.smith@fabrikam.com", "+1 425 555 0199"),
        ("李娜", "副总经理", "中科软件", "lina@zksoft.cn", ""),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe\nCTO\nLi Wei\nli@x.cn",  # the e-mail is the line's
        "Jane Doe\nCTO\nNorthwind Logistics\njane.doe@northwind.com\nLi Wei\nli@x.cn",
        "Jane Doe\nCTO\nLi Wei\n+86 139 1234 5678",  # a Chinese name in pinyin
        "Jane Doe\nCTO\nMary Major\nTel: +1 206 555 0101",  # a common given name
        "Jane Doe\nCTO\nWang Fang\nCFO\n+86 139 1234 5678",  # a title of its own
        "王建国\n总经理\n李娜\n13912345678",
    ],
)
def test_a_second_signature_stays_a_second_person(text):
    first, second = read_paste(text).people
    assert second.name in ("Li Wei", "Mary Major", "Wang Fang", "李娜") and not first.doubts


def test_evidence_both_ways_is_flagged_not_chosen_silently():
    (jane,) = read_paste("Jane Doe\nCTO\nJohn Bank\n+1 206 555 0100").people  # a given name, a trade's word
    assert (jane.organisation, jane.doubts) == ("John Bank", [("person", "John Bank")])


def test_with_no_evidence_the_line_is_the_organisation_and_the_row_is_flagged():
    (jane,) = read_paste("Jane Doe\nCTO\nContoso\n+1 206 555 0100").people
    assert (jane.organisation, jane.phone) == ("Contoso", "+1 206 555 0100")
    assert jane.doubts == [("person", "Contoso")]
