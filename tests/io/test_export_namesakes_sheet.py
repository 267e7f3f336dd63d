"""Two people of one name (two 张强 in different departments) can be told apart in the account XLSX, as the
analysis' sentences and the web tell them apart (`maps.namesakes`, one rule): the links, deals and flags sheets
write 张强（心内科主任）/ 张强 (心内科主任), the people sheet says what tells each apart in its last column — and
still imports back unchanged, its names as they are. Read back with openpyxl."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from battlemap.io.export import export_account
from battlemap.io.tabular.services import people_import
from battlemap.maps.namesakes import shown_names
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def namesakes(world):
    """Two 张强 of 国电: the cardiology head in the deal, the one of IT swaying him."""
    cardio = f.person(account=world.cn, name="张强", title="心内科主任")
    it = f.person(account=world.cn, name="张强", title="信息科科长")
    f.role(deal=world.cn_deal, person=cardio, roles=["influencer"], attitude="supporter", influence=4)
    f.link(source=it, target=cardio, kind="advises")
    return world, cardio, it


def _rows(data: bytes, lang: str, title: str) -> list[tuple]:
    with translation.override(lang):
        name = pgettext("export", title)
    return list(load_workbook(io.BytesIO(data))[name].iter_rows(values_only=True))


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_xlsx_tells_two_people_of_one_name_apart_as_the_analysis_does(namesakes, lang):
    world, cardio, it = namesakes
    shown = shown_names(account=world.cn, lang=lang)
    assert shown[cardio.pk] != shown[it.pk] and "心内科主任" in shown[cardio.pk]
    data = export_account(world.cn, fmt="xlsx", lang=lang)

    links = _rows(data, lang, "Influence links")
    assert (shown[it.pk], shown[cardio.pk]) in [row[:2] for row in links[1:]]
    deals = _rows(data, lang, "Deals and roles")
    assert shown[cardio.pk] in [row[5] for row in deals[1:]]
    assert shown[it.pk] not in [row[5] for row in deals[1:]]  # only the one in the deal

    people = _rows(data, lang, "People")
    with translation.override(lang):
        told = people[0].index(pgettext("export", "Told apart by"))
    by_id = {row[0]: row for row in people[1:]}
    assert (by_id[cardio.pk][1], by_id[cardio.pk][told]) == ("张强", "心内科主任")
    assert (by_id[it.pk][1], by_id[it.pk][told]) == ("张强", "信息科科长")
    assert by_id[world.cn_boss.pk][told] is None  # no namesake, nothing to say

    with translation.override(lang):
        sheet = pgettext("export", "People")
    report = people_import(account=world.cn, data=data, filename="export.xlsx", sheet=sheet, dry_run=True)
    assert (report.created, report.updated, report.suspicious_columns) == (0, 0, [])
    assert report.unchanged == world.cn.people.count()
