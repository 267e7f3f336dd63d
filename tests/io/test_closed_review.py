"""The review of a won or lost deal (PDF and PPTX, both languages) says its outcome — won or lost, on
which day, to whom and why — instead of a health, risks and next steps, as the deal room does."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.utils import timezone
from pptx import Presentation
from pypdf import PdfReader

from battlemap.deals.models import Deal
from battlemap.deals.services import deal_close
from battlemap.io.export import export_account
from tests import factories as f

pytestmark = pytest.mark.django_db


def _squash(text: str) -> str:
    return "".join(text.split())


def _page_one(world, lang: str) -> str:
    pdf = export_account(world.cn, fmt="pdf", deal_id=world.cn_deal.pk, lang=lang)
    return _squash(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())


def _slide_one(world, lang: str) -> str:
    deck = Presentation(io.BytesIO(export_account(world.cn, fmt="pptx", deal_id=world.cn_deal.pk, lang=lang)))
    shapes = deck.slides[0].shapes
    texts = [s.text_frame.text for s in shapes if s.has_text_frame]
    texts += [c.text for s in shapes if s.has_table for row in s.table.rows for c in row.cells]
    return _squash(" ".join(texts))


def _close(world, outcome: str, **more) -> Deal:
    cache.clear()
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    return deal_close(deal=deal, version=deal.version, outcome=outcome, by=world.owner, **more)


WORDS = {
    "en": {"health": "Health", "risks": "Topriskandwhat", "steps": "Nextstep"},
    "zh-hans": {"health": "健康度", "risks": "三大风险", "steps": "下一步"},
}


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_an_open_deal_review_shows_health_risks_and_next_steps(world, lang):
    f.action(deal=world.cn_deal, text="Send the pilot report")
    cache.clear()
    for text in (_page_one(world, lang), _slide_one(world, lang)):
        assert WORDS[lang]["health"] in text and WORDS[lang]["steps"] in text


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "LosttoHuaweiCloudon{day}·price20%higher"), ("zh-hans", "{day}输给HuaweiCloud·price20%higher")],
)
def test_a_lost_deal_review_says_the_outcome_instead_of_health_and_risks(world, lang, said):
    f.action(deal=world.cn_deal, text="Send the pilot report")
    _close(world, "lost", reason="price 20% higher", lost_to="Huawei Cloud")
    day = timezone.localdate().isoformat()
    for text in (_page_one(world, lang), _slide_one(world, lang)):
        assert said.format(day=day) in text
        assert WORDS[lang]["health"] not in text and WORDS[lang]["steps"] not in text
        assert WORDS[lang]["risks"] not in text
        assert "Sendthepilotreport" in text  # left open: listed, not as a next step


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "Wonon{day}·pilotconvinced"), ("zh-hans", "{day}赢单·pilotconvinced")]
)
def test_a_won_deal_review_says_won_and_lists_nothing_left_open_after_closing_the_items(world, lang, said):
    f.action(deal=world.cn_deal, text="Send the pilot report")
    _close(world, "won", reason="pilot convinced", close_actions=True)
    for text in (_page_one(world, lang), _slide_one(world, lang)):
        assert said.format(day=timezone.localdate().isoformat()) in text
        assert WORDS[lang]["health"] not in text and "Sendthepilotreport" not in text


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_review_names_owners_family_name_first_not_by_username(world, lang):
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk=world.owner.pk).update(first_name="丽", last_name="李")
    f.action(deal=world.cn_deal, text="Send the pilot report", owner=world.owner)
    cache.clear()
    for text in (_page_one(world, lang), _slide_one(world, lang)):
        assert "李丽" in text and "alice" not in text


def test_the_xlsx_names_our_people_family_name_first(world):
    import openpyxl
    from django.contrib.auth import get_user_model

    from battlemap.interactions.models import OurParticipant

    get_user_model().objects.filter(pk=world.owner.pk).update(first_name="丽", last_name="李")
    f.action(deal=world.cn_deal, text="Send the pilot report", owner=world.owner)
    meeting = f.interaction(account=world.cn, people=[world.cn_boss], summary="kick-off")
    OurParticipant.objects.create(interaction=meeting, user=world.owner)
    cache.clear()
    book = openpyxl.load_workbook(io.BytesIO(export_account(world.cn, fmt="xlsx", lang="zh-hans")))
    cells = {str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value}
    assert "李丽" in cells and "alice" not in cells
