"""A tender's bid evaluation committee deciding the deal is not to be met (招标投标法 第四十四条): on every exported picture
its own card gets neither the "!" nor the red never-met outline — the PDF's and the PNG's org chart, the deck's org
chart card and its diamond on the deck's influence circle — and the XLSX's "Decision bodies" sheet says "not to be met"
where it left the Met cell empty. 院长办公会, deciding too with no member met, keeps its "!" and its red outline."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pytest
from django.utils import translation
from django.utils.translation import pgettext
from pptx import Presentation
from pypdf import PdfReader

from battlemap.io.export import export_account
from battlemap.look import BODY, NEVER_MET_COLOUR, NEVER_MET_MARK
from battlemap.process import services
from tests import factories as f
from tests.io.test_body_cards import _body_cards, _chart_page, _png_and_its_page, _rgb
from tests.io.test_sealed_body_export import SEALED, tender

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]

COMMITTEE, OFFICE = "评标委员会", "院长办公会"


@pytest.fixture
def bodies(world) -> dict[str, int]:
    """评标委员会 (张专家) and 院长办公会 (李院长), both deciding the deal, no member of either met: name → id."""
    head = f.person(account=world.cn, name="李院长", title="院长", reports_to=world.cn_boss)
    office = services.body_create(account=world.cn, name=OFFICE, kind="executive_meeting", members=[head])
    services.body_role_create(deal=world.cn_deal, body=office, roles=["decision_maker"])
    tender(world)  # clears the cached analysis
    return {body.name: body.pk for body in world.cn.decision_bodies.all()}


def _card_texts(pdf: bytes, page: int) -> dict[str, str]:
    """Each body card's text (its marks first), by the body's name."""
    cards = [card.text for card in _body_cards(pdf, page)[0]]
    return {name: next(text for text in cards if name in text) for name in (COMMITTEE, OFFICE)}


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_pdf_org_chart_marks_the_meeting_not_the_committee(world, bodies, lang):
    pdf = export_account(world.cn, fmt="pdf", deal_id=world.cn_deal.pk, lang=lang)
    said = _card_texts(pdf, _chart_page(pdf, lang))
    assert NEVER_MET_MARK not in said[COMMITTEE] and NEVER_MET_MARK in said[OFFICE]


def _red_round(image, box: tuple[float, float, float, float], dpi: int, height: float) -> int:
    """Pixels in the never-met red on a card's edge (two points either side of it)."""
    pixels = np.asarray(image).astype(int)
    red = np.abs(pixels - np.array([round(c * 255) for c in _rgb(NEVER_MET_COLOUR)])).sum(axis=2) < 60
    scale = dpi / 72
    left, bottom, right, top = (round(v * scale) for v in (box[0], height - box[1], box[2], height - box[3]))
    pad = round(2 * scale)
    outer = red[top - pad : bottom + pad, left - pad : right + pad].sum()
    inner = red[top + pad : bottom - pad, left + pad : right - pad].sum()
    return int(outer - inner)


def test_the_png_org_chart_outlines_the_meeting_in_red_not_the_committee(world, bodies, monkeypatch):
    image, page, dpi = _png_and_its_page(world.cn, "zh-hans", monkeypatch)
    height = float(PdfReader(io.BytesIO(page)).pages[0].mediabox.height)
    boxes = {name: card.box for card in _body_cards(page, 0)[0] for name in bodies if name in card.text}
    assert NEVER_MET_MARK not in _card_texts(page, 0)[COMMITTEE]
    assert _red_round(image, boxes[COMMITTEE], dpi, height) == 0
    assert _red_round(image, boxes[OFFICE], dpi, height) > 0


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_deck_marks_the_meeting_not_the_committee(world, bodies, lang):
    deck = Presentation(io.BytesIO(export_account(world.cn, fmt="pptx", deal_id=world.cn_deal.pk, lang=lang)))
    shapes = {sh.name: sh for slide in deck.slides for sh in slide.shapes}
    red, teal = NEVER_MET_COLOUR.lstrip("#").upper(), BODY.border.lstrip("#").upper()
    card = {name: shapes[f"decision body {bid}"] for name, bid in bodies.items()}
    assert NEVER_MET_MARK not in card[COMMITTEE].text_frame.paragraphs[0].text
    assert NEVER_MET_MARK in card[OFFICE].text_frame.paragraphs[0].text
    assert str(card[COMMITTEE].line.color.rgb) == teal and str(card[OFFICE].line.color.rgb) == red
    dot = {name: shapes[f"dot body {bid}"] for name, bid in bodies.items()}  # the influence circle's diamonds
    assert str(dot[COMMITTEE].line.color.rgb) == teal and str(dot[OFFICE].line.color.rgb) == red


def bodies_met(account, lang: str) -> dict[str, str | None]:
    """The XLSX's "Decision bodies" sheet read back: each body's name → its Met cell."""
    book = openpyxl.load_workbook(io.BytesIO(export_account(account, fmt="xlsx", lang=lang)))
    with translation.override(lang):
        rows = list(book[pgettext("export", "Decision bodies")].iter_rows(values_only=True))
        at = rows[0].index(pgettext("export", "Met"))
    return {row[0]: row[at] for row in rows[1:]}


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_xlsx_bodies_sheet_says_the_committee_is_not_to_be_met(world, bodies, lang):
    met = bodies_met(world.cn, lang)
    assert met[COMMITTEE] == SEALED[lang] and not met[OFFICE]
