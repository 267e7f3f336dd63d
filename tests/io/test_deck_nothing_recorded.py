"""The deck gathers the parts of the map with nothing recorded yet on one slide that names them, instead of a slide
of "None recorded." each (a sales director's trial counted five nearly empty slides of eighteen); the PDF keeps
saying "None recorded." in place, and a part with something recorded keeps its own slide."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from django.utils.translation import pgettext
from pptx import Presentation
from pypdf import PdfReader

from battlemap.io.export import export_account
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]


def _slides(account, deal, lang):
    deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", deal_id=deal.pk, lang=lang)))
    return [
        [
            "".join(r.text for p in s.text_frame.paragraphs for r in p.runs)
            for s in slide.shapes
            if s.has_text_frame
        ]
        for slide in deck.slides
    ]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_empty_parts_share_one_slide_and_the_pdf_still_says_none_recorded(world, lang):
    with translation.override(lang):
        outside, process, gathered, none = (
            pgettext("export", "Outside factors"),
            pgettext("export", "Purchase process"),
            pgettext("export", "Not recorded yet"),
            pgettext("export", "None recorded."),
        )
    slides = _slides(world.cn, world.cn_deal, lang)
    titles = [texts[0] for texts in slides if texts]
    assert outside not in titles and process not in titles
    last = next(texts for texts in slides if texts and texts[0] == gathered)
    assert any(outside in t for t in last) and any(process in t for t in last)
    pdf = PdfReader(io.BytesIO(export_account(world.cn, fmt="pdf", deal_id=world.cn_deal.pk, lang=lang)))
    assert none in "".join(page.extract_text() for page in pdf.pages)


def test_a_part_with_something_recorded_keeps_its_slide(world):
    f.factor(account=world.cn)
    with translation.override("en"):
        outside = pgettext("export", "Outside factors")
    titles = [texts[0] for texts in _slides(world.cn, world.cn_deal, "en") if texts]
    assert outside in titles
