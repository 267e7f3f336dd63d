"""The review files' What changed lists the questionnaires answered in the window, worded as the web's What
changed page words them (partials/survey_answer.html, core.templatetags.answer_tags): who, which questionnaire,
the ratings highest first (a reviewer's finding: the page showed 王建国 填写了决策因素问卷 with the ratings, the
PDF and the deck said nothing of it). The XLSX has no What changed sheet."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext
from pptx import Presentation

from battlemap.io.export import export_account
from tests.exports import slide_texts
from tests.surveys.helpers import factor_answers, send

pytestmark = pytest.mark.django_db

SAID = {  # the web's words (core catalog): who answered which questionnaire, then the ratings
    "en": "王建国 answered the decision-factor questionnaire: compliance 5/5 · price 3/5",
    "zh-hans": "王建国 填写了决策因素问卷：合规 5/5 · 价格 3/5",
}


@pytest.fixture
def answered(client, world):
    """The boss answered a decision-factor questionnaire on the deal today (compliance 5, price 3)."""
    ((_link, url),) = send(world, [world.cn_boss], kind="decision_factors", deal=world.cn_deal)
    assert client.post(url, factor_answers(compliance=5, price=3)).status_code == 302
    return world


def _flat(text: str) -> str:
    """The text without its line breaks and spaces: pdftotext and the deck's cells break lines where they fit."""
    return "".join(text.split())


def _title(lang: str) -> str:
    """The row's title: the heading of the web's What changed card."""
    with translation.override(lang):
        return gettext("Questionnaires answered")


def _window(lang: str) -> str:
    with translation.override(lang):
        return pgettext("export", "What changed in the last %(days)s days (never reviewed)") % {"days": 30}


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_pdf_review_lists_the_questionnaire_answered(answered, lang):
    pdf = export_account(answered.cn, fmt="pdf", deal_id=answered.cn_deal.pk, lang=lang)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    start = text.index(_window(lang).split("(")[0].split("（")[0])
    with translation.override(lang):
        end = text.index(pgettext("export", "Red flags and actions"), start)
    section = _flat(text[start:end])
    assert _flat(_title(lang)) in section and _flat(SAID[lang]) in section


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_deck_lists_the_questionnaire_answered(answered, lang):
    pptx = export_account(answered.cn, fmt="pptx", deal_id=answered.cn_deal.pk, lang=lang)
    title = _window(lang)
    slides = [
        texts
        for texts in slide_texts(Presentation(io.BytesIO(pptx)))
        if any(t.startswith(title) for t in texts)
    ]
    assert slides  # What changed, over as many slides as it takes
    cells = [t for texts in slides for t in texts]
    assert _title(lang) in cells
    assert any(_flat(SAID[lang]) in _flat(t) for t in cells)


@pytest.mark.parametrize("lang, counted", [("en", "1 questionnaire answered"), ("zh-hans", "已回答问卷 1")])
def test_page_one_counts_the_questionnaire_answered_since_the_review(answered, lang, counted):
    """Page 1's "Since then" sizes what What changed lists: the answer was listed there and not counted."""
    pdf = export_account(answered.cn, fmt="pdf", deal_id=answered.cn_deal.pk, lang=lang)
    text = subprocess.run(
        ["pdftotext", "-l", "1", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert _flat(counted) in _flat(text)
