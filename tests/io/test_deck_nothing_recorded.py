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


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_no_next_step_is_said_once(world, lang):
    """A fresh reviewer: the deck of an open deal with no action item said "No next step committed yet." on the
    summary slide and again on an "Open action items" slide of its own."""
    world.cn_deal.action_items.all().delete()
    with translation.override(lang):
        none, open_items = (
            pgettext("export", "No next step committed yet."),
            pgettext("export", "Open action items"),
        )
    deck = Presentation(io.BytesIO(export_account(world.cn, fmt="pptx", deal_id=world.cn_deal.pk, lang=lang)))
    cells = [
        c.text for s in deck.slides for shape in s.shapes if shape.has_table for c in shape.table.iter_cells()
    ]
    assert sum(text.count(none) for text in cells) == 1
    slides = _slides(world.cn, world.cn_deal, lang)
    assert open_items not in [texts[0] for texts in slides if texts]
    f.action(deal=world.cn_deal, person=world.cn_boss, owner=world.owner)
    assert open_items in [texts[0] for texts in _slides(world.cn, world.cn_deal, lang) if texts]
