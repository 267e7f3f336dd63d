"""A tender's bid evaluation committee deciding the deal, and whoever sits on it, is "not to be met: the tender is won
on paper" in the exports' coverage — the XLSX's Met column, the PDF's and the deck's coverage tables — as the deal
room says it, where they said "no" (a gap beside 王建国, the decision maker never met, who keeps it)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import pgettext
from pptx import Presentation
from pypdf import PdfReader

from battlemap.io.export import export_account
from battlemap.process import services
from tests import factories as f
from tests.exports import table_rows

pytestmark = pytest.mark.django_db

SEALED = {"zh-hans": "不应约见：招标要在纸面上赢", "en": "not to be met: the tender is won on paper"}
NO = {"zh-hans": "否", "en": "No"}


def tender(world):
    """The deal decided by 王建国 and by a 评标委员会 that 张专家 sits on (an influencer of the deal, influence 5, a key
    person nobody has met)."""
    expert = f.person(account=world.cn, name="张专家", title="评标专家")
    f.role(deal=world.cn_deal, person=expert, roles=["influencer"], attitude="neutral", influence=5)
    committee = services.body_create(
        account=world.cn, name="评标委员会", kind="bid_committee", members=[expert]
    )
    services.body_role_create(deal=world.cn_deal, body=committee, roles=["decision_maker"])
    cache.clear()
    return expert


def _met_column(world, lang: str) -> dict[str, str]:
    book = openpyxl.load_workbook(io.BytesIO(export_account(world.cn, fmt="xlsx", lang=lang)))
    with translation.override(lang):
        sheet = book[pgettext("export", "Deals and roles")]
        rows = list(sheet.iter_rows(values_only=True))
        at = rows[0].index(pgettext("export", "Met"))
    return {str(r[5]): str(r[at]) for r in rows[1:] if r[5]}


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_xlsx_says_a_committee_member_is_not_to_be_met(world, lang):
    tender(world)
    met = _met_column(world, lang)
    assert met["张专家"] == SEALED[lang]
    assert met["王建国"].lower() == NO[lang].lower()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_pdf_and_the_deck_say_the_committee_and_its_member_are_not_to_be_met(world, lang):
    tender(world)
    pdf = PdfReader(io.BytesIO(export_account(world.cn, fmt="pdf", deal_id=world.cn_deal.pk, lang=lang)))
    text = "".join("".join(page.extract_text().split()) for page in pdf.pages)
    assert text.count("".join(SEALED[lang].split())) == 2  # 评标委员会's line and 张专家's
    deck = Presentation(io.BytesIO(export_account(world.cn, fmt="pptx", deal_id=world.cn_deal.pk, lang=lang)))
    cells = table_rows(deck)
    said = {row[1].split("（")[0].split(" (")[0]: row for row in cells if len(row) == 7}
    assert SEALED[lang] in said["张专家"] and SEALED[lang] in said["评标委员会"]
    assert SEALED[lang] not in said["王建国"]
