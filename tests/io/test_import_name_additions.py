"""A name with an English name or its pinyin added: a reviewer's `王建明 (Jimmy)`, `Lei Zhao 赵磊` and `曹雪Snow`
beside the map's 王建明, 赵磊 and 曹雪 (same title, same unit) came in as three new people without a word. The
pinyin of the name itself is the name (赵磊); an English name may be the person or another (张伟 (David) beside 张伟):
added, with a warning by row naming the map's person."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from tests import factories as f

from .hdny import it_centre, people_of

pytestmark = pytest.mark.django_db

FIELDS = ("pk", "name", "title", "email", "org_unit__name")


@pytest.fixture
def account(db):
    return it_centre(
        {"name": "王建明", "title": "信息中心主任"},
        {"name": "赵磊", "title": "信息中心副主任"},
        {"name": "曹雪", "title": "数据工程师"},
        {"name": "许文博", "title": "信息中心架构师"},
    )


def _map(account) -> list[tuple]:
    return people_of(account, FIELDS)


def _import(account, text: str, lang: str = "en"):
    result = people_import(account=account, data=text.encode(), filename="names.csv")
    with translation.override(lang):
        return result, summary_lines(result)


@pytest.mark.parametrize("written", ["Lei Zhao 赵磊", "赵磊 Zhao Lei", "赵磊（Zhao Lei）"])
def test_a_name_with_its_own_pinyin_beside_it_is_the_person(account, written):
    before = _map(account)
    result, _lines = _import(account, f"Name,Title,Department\n{written},信息中心副主任,信息中心\n")
    assert (result.created, result.unchanged) == (0, 1)
    assert _map(account) == before


def test_a_name_with_an_english_name_added_is_added_and_said_naming_the_person(account):
    before = _map(account)
    ids = {name: pk for pk, name, *_ in before}
    text = (
        "Name,Company,Title,Department\n"
        "王建明 (Jimmy),华东省能源投资集团,信息中心主任,信息中心\n"
        "曹雪Snow,华东省能源投资集团,数据工程师,信息中心\n"
        "许文博（Wenbo Xu）,华东省能源投资集团,,信息中心\n"
    )
    result, lines = _import(account, text)
    assert (result.created, result.unchanged) == (2, 1)
    after = _map(account)
    assert after[: len(before)] == before  # the map's people as they were
    assert [row[1:] for row in after[len(before) :]] == [
        ("王建明 (Jimmy)", "信息中心主任", "", "信息中心"),
        ("曹雪Snow", "数据工程师", "", "信息中心"),
    ]
    assert (
        f'Warning: row 2, Name: "王建明 (Jimmy)" may be 王建明 (id {ids["王建明"]}) on the map (the same name, a '
        "word added or left out): added as a new person; if it is the same person, write the name as the map "
        "has it, or give their e-mail, id or phone"
    ) in lines
    assert any(
        line.startswith(f'Warning: row 3, Name: "曹雪Snow" may be 曹雪 (id {ids["曹雪"]})') for line in lines
    )


def test_the_warning_reads_in_chinese(account):
    _result, lines = _import(account, "姓名,部门\n王建明（Jimmy）,信息中心\n", lang="zh-hans")
    assert any("王建明（Jimmy）" in line and "王建明（id " in line and "新人员" in line for line in lines)


def test_a_person_of_the_map_with_an_english_name_is_named_for_the_plain_name(account):
    kevin = f.person(account=account, name="Kevin 黄凯", title="顾问")
    _result, lines = _import(account, "Name,Title\n黄凯,顾问\n")
    assert any(f'"黄凯" may be Kevin 黄凯 (id {kevin.pk})' in line for line in lines)
