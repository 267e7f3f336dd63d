"""Slide 1 and page 1 of the review, as a reviewer exported a deal with only a name and one with a 60-character
Chinese name: "Amount:" and "Expected close:" stood with nothing after them (read as a page cut short), and the long
name pushed "阶段：方案评估" to the line's end, where it broke as 方案评 / 估. A fact without a value says "—"; the deal's
name is cut with "…" so the facts after it stay whole on their line."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import pgettext
from pptx import Presentation
from pptx.util import Emu, Inches
from pypdf import PdfReader

from battlemap.io.export import export_account
from battlemap.io.export.pptx import FACTS_MARGIN
from battlemap.io.export.pptx_slide import LATIN_ROOM, SLIDE_W, line_count
from battlemap.io.labels import labelled
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]


def _first_line(deck: bytes) -> str:
    slide = Presentation(io.BytesIO(deck)).slides[0]
    boxes = [s for s in slide.shapes if s.has_text_frame and s.text_frame.paragraphs[0].runs]
    return boxes[1].text_frame.paragraphs[0].runs[0].text  # the title, then the facts


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_fact_without_a_value_says_so_on_page_and_slide_one(lang):
    account = f.account(owner=f.user(), name="空商机客户")
    deal = f.deal(account=account, name="空白商机")
    cache.clear()
    with translation.override(lang):
        amount, close = pgettext("export", "Amount"), pgettext("export", "Expected close")
        first = _first_line(export_account(account, fmt="pptx", deal_id=deal.pk, lang=lang))
        page = "".join(
            PdfReader(io.BytesIO(export_account(account, fmt="pdf", deal_id=deal.pk, lang=lang)))
            .pages[0]
            .extract_text()
            .split()
        )
        assert labelled(amount, "—") in first and labelled(close, "—") in first
    assert f"{''.join(amount.split())}—" in page and f"{''.join(close.split())}—" in page


def test_a_long_deal_name_is_cut_so_the_stage_stays_whole_on_its_line():
    account = f.account(owner=f.user(), name="华东能源")
    name = "华东区域综合能源智慧服务与数字化转型战略合作伙伴关系发展暨新型电力系统建设运营管理平台一期工程"
    deal = f.deal(account=account, name=name, stage="evaluation", amount=120000000, currency="CNY")
    cache.clear()
    with translation.override("zh-hans"):
        first = _first_line(export_account(account, fmt="pptx", deal_id=deal.pk, lang="zh-hans"))
        stage = labelled(pgettext("export", "Stage"), "方案评估")
    assert stage in first and "…" in first and name not in first
    room = Emu(SLIDE_W - Inches(1.0)).pt - FACTS_MARGIN  # the facts' box, as the slide draws it
    assert line_count(first, 14, room, True) == 1


def _drawn_as_substituted(text: str) -> float:
    """`text` at 14 pt bold as LibreOffice draws Calibri where Carlito is missing (Noto Sans Bold)."""
    from reportlab.pdfbase import pdfmetrics

    from battlemap.io.export.fonts import deck_latin_font

    return pdfmetrics.stringWidth(text, deck_latin_font(True), 14)


@pytest.mark.parametrize(
    ("name", "whole"),
    [
        ("Cold chain monitoring rollout", True),
        ("Cold chain monitoring rollout for every depot and truck", False),
    ],
)
def test_an_english_deal_name_is_whole_when_the_line_holds_it_and_cut_only_where_it_must(name, whole):
    # a reviewer's "Deal: Cold ch…    Stage: Evaluation    Amount: 1,500,000 USD    Expected close: 2027-03-19"
    # left a third of the line empty: Latin text was guessed half as wide again as the CJK font draws it
    account = f.account(owner=f.user(), name="Northwind")
    deal = f.deal(
        account=account,
        name=name,
        stage="evaluation",
        amount=1500000,
        currency="USD",
        expected_close=datetime.date(2027, 3, 19),
    )
    cache.clear()
    with translation.override("en"):
        first = _first_line(export_account(account, fmt="pptx", deal_id=deal.pk, lang="en"))
    room = Emu(SLIDE_W - Inches(1.0)).pt - FACTS_MARGIN
    facts = "    Stage: Evaluation    Amount: 1,500,000 USD    Expected close: 2027-03-19"
    assert first.endswith(facts), first
    assert _drawn_as_substituted(first) <= room  # on one line as LibreOffice draws it, narrower in Calibri
    shown = first.split("    ")[0].removeprefix("Deal: ")
    if whole:
        assert shown == name
    else:  # cut at the room's end, not before: a character more would not hold
        assert shown.endswith("…") and name.startswith(shown[:-1]) and len(shown) > len("Cold chain …")
        kept = shown[:-1]
        more = name[: len(kept) + 1] if name[len(kept)] != " " else name[: len(kept) + 2]  # a character more
        longer = first.replace(shown, more + "…", 1)
        assert _drawn_as_substituted(longer) > room * LATIN_ROOM
