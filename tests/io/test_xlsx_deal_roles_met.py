"""The XLSX's Deals and roles sheet says who was met and who is a key person, in the order of the review's coverage
(PDF and deck: by buying role, then the role's holders) — it had neither column, and listed the people as recorded
(Northwind: Mike Ross, never met, first; the PDF's coverage opens on the decision maker David Okafor). Read back
with openpyxl; the PDF's own coverage table is the reference."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from battlemap.io.export import export_account
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(world):
    """物联网平台: 王建国 decides (never met); 孙婷, a user met last week, recorded before 刘强, an influencer
    never met."""
    sun = f.person(account=world.cn, name="孙婷", title="运维工程师")
    liu = f.person(account=world.cn, name="刘强", title="信息中心副主任")
    f.role(deal=world.cn_deal, person=sun, roles=["user"], attitude="supporter", influence=2)
    f.role(deal=world.cn_deal, person=liu, roles=["influencer"], attitude="neutral", influence=4)
    f.interaction(account=world.cn, people=[sun], days_ago=7, deal=world.cn_deal)
    return world


def _sheet(data: bytes, lang: str) -> list[dict]:
    with translation.override(lang):
        title = pgettext("export", "Deals and roles")
    rows = list(load_workbook(io.BytesIO(data))[title].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", [("王建国", "no", "yes"), ("刘强", "no", "yes"), ("孙婷", "yes", "no")]),
        ("zh-hans", [("王建国", "否", "是"), ("刘强", "否", "是"), ("孙婷", "是", "否")]),
    ],
)
def test_the_sheet_says_who_was_met_in_the_coverage_order(deal, lang, expected):
    rows = _sheet(export_account(deal.cn, fmt="xlsx", lang=lang), lang)
    with translation.override(lang):
        person, met, key = (pgettext("export", h) for h in ("Person", "Met", "Key person"))
    assert [(r[person], r[met], r[key]) for r in rows] == expected
