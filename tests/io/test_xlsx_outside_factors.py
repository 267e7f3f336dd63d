"""The XLSX export had no sheet of the account's outside factors (外部因素), which the deck and the PDF show, nor
the plan (应对计划) the deal room keeps for each person of a deal. Read back with openpyxl."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from battlemap.io.export import export_account
from battlemap.vocab import FACTOR_KINDS
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]

LANGS = ("zh-hans", "en")


def _book(account, lang: str):
    cache.clear()
    return load_workbook(io.BytesIO(export_account(account, fmt="xlsx", lang=lang)), read_only=True)


@pytest.mark.parametrize("lang", LANGS)
def test_the_outside_factors_sheet_has_the_decks_columns_when_the_account_has_any(world, lang):
    f.factor(account=world.cn, kind="policy", description="国资委要求年底前完成建设", effect=2)
    f.factor(account=world.cn, kind="competitor", description="华为云免费试点三个月", effect=-2)
    with translation.override(lang):
        title = pgettext("export", "Outside factors")
        header = (
            pgettext("export", "Outside factor"),
            pgettext("export", "Kind"),
            pgettext("export", "Effect on us"),
        )
    book = _book(world.cn, lang)
    assert title in book.sheetnames
    rows = list(book[title].values)
    assert rows[0] == header
    assert sorted(rows[1:]) == sorted(
        [
            ("国资委要求年底前完成建设", FACTOR_KINDS.label("policy", lang), 2),
            ("华为云免费试点三个月", FACTOR_KINDS.label("competitor", lang), -2),
        ]
    )
    # the effect is a number cell (it sorts and sums, no "number stored as text"), shown with its sign
    effects = [row[2] for row in book[title].iter_rows(min_row=2)]
    assert all(cell.data_type == "n" and cell.number_format == "+0;-0;0" for cell in effects)
    world.cn.external_factors.all().delete()
    assert title not in _book(world.cn, lang).sheetnames  # none: no sheet of "None recorded."


@pytest.mark.parametrize("lang", LANGS)
def test_the_deals_and_roles_sheet_carries_each_persons_plan(world, lang):
    world.cn_deal.roles.filter(person=world.cn_boss).update(plan="每月一次高层汇报，同步 POC 进展。")
    with translation.override(lang):
        title, plan, person = (pgettext("export", s) for s in ("Deals and roles", "Plan", "Person"))
    rows = list(_book(world.cn, lang)[title].values)
    at = {name: i for i, name in enumerate(rows[0])}
    by_person = {row[at[person]]: row for row in rows[1:]}
    assert by_person["王建国"][at[plan]] == "每月一次高层汇报，同步 POC 进展。"
