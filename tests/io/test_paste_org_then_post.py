"""Paste-to-add, an organisation and a post on one line (`华东能源集团 党委书记、董事长`, `华东能源集团有限公司总经理`,
`Acme Corp CEO`), as a leaders page or a signature writes them: the organisation is the person's organisation and
the post their title, never the whole line the organisation (and 董事长 a doubted second title). A company whose
name merely ends in a word a post could hold (中国银行, 招商局集团, 解放军总医院) stays whole. Names invented."""

from __future__ import annotations

import pytest

from battlemap.io.paste import read_paste

ORG_THEN_POST = (
    "钱思远\n华东能源集团 党委书记、董事长\n13912345678\n\n"
    "孙一鸣\n华东能源集团有限公司 总经理\n13912345679\n\n"
    "周雨桐\n华东能源集团有限公司总经理\n13912345670\n\n"
    "刘洋\n中国银行行长\n13912345671\n\n"
    "Jane Doe\nAcme Corp CEO\njane.doe@acme.example\n\n"
    "John Smith | Northwind Ltd. VP Sales | john.smith@northwind.example"
)


def _people(text: str) -> list[tuple[str, str, str, list]]:
    return [(c.name, c.organisation, c.title, c.doubts) for c in read_paste(text).people]


def test_an_organisation_then_a_post_on_one_line_is_the_organisation_and_the_title():
    assert _people(ORG_THEN_POST) == [
        ("钱思远", "华东能源集团", "党委书记、董事长", []),
        ("孙一鸣", "华东能源集团有限公司", "总经理", []),
        ("周雨桐", "华东能源集团有限公司", "总经理", []),
        ("刘洋", "中国银行", "行长", []),
        ("Jane Doe", "Acme Corp", "CEO", []),
        ("John Smith", "Northwind Ltd.", "VP Sales", []),
    ]


@pytest.mark.parametrize(
    "company",
    [
        "中国银行",
        "招商局集团",
        "解放军总医院",
        "中国建设银行总行",  # 总行 is no post
        "华东能源集团董事会",  # nor is 董事会
        "中信银行信用卡中心",
        "华为技术有限公司",
        "北京协和医院院长办公室",
        "Acme Corp",
        "Northwind Group",
    ],
)
def test_a_companys_name_ending_in_a_post_like_word_stays_the_organisation(company):
    assert _people(f"王芳\n{company}\n13912345678") == [("王芳", company, "", [])]
