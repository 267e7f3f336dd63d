"""Every slide of the review deck keeps what it draws on the slide, and every org chart card its text.

Read back with python-pptx: each shape's box as a viewer draws it (a connector turned a quarter turn is
drawn across its stored box, `_drawn_box`) lies within the slide's bounds — the legend's rows under a team's
org chart ran below the slide's foot (to 7.54" of 7.5") — and each person's and decision body's card holds
its lines at their exact spacing (Northwind's "Fleet programme steering committee" ran out of its card on
the top chart slide). On both demo accounts in both languages, on an account twelve teams wide with a
decision body of every kind (`tests/io/test_body_cards.py`'s), on a 60-person account with more
influence links than a chart draws, and on `tests/io/test_review_long_text.py`'s account (200-character names
and titles: a name too long for its card is cut with "…" to it — a card needed 222 pt in 156)."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from pptx import Presentation
from pptx.util import Emu

from battlemap.accounts.models import Account
from battlemap.demo.loader import load_demo
from battlemap.io.export import export_account
from battlemap.io.export.fonts import register_pdf_font
from battlemap.io.export.pptx_slide import FOOTER_TOP
from battlemap.io.export.textfit import wrap
from tests import bigaccount
from tests import factories as f
from tests.io.test_body_cards import every_kind  # noqa: F401 (a fixture)
from tests.io.test_review_long_text import CHINESE, LATIN
from tests.io.test_review_long_text import _account as long_text_account

# What the files draw: their reads are those tests/io/test_exports.py and test_export_consistency.py run on
# PostgreSQL too, so the PostgreSQL run leaves these to the SQLite run.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]

CARDS = ("person ", "decision body ")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _deck(account: Account, lang: str) -> Presentation:
    return Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang)))


def _drawn_box(shape) -> tuple[int, int, int, int]:
    """Left, top, right, bottom of a shape as drawn: a shape turned a quarter turn (the reporting lines'
    elbow connectors) is drawn across its stored box, about the same centre."""
    left, top, w, h = shape.left, shape.top, shape.width, shape.height
    if round(shape.rotation) % 180 == 90:
        cx, cy = left + w / 2, top + h / 2
        left, top, w, h = cx - h / 2, cy - w / 2, h, w
    return left, top, left + w, top + h


def _card_height_used(card, font) -> float:
    """Points the card's lines take at their exact spacing, wrapped to its inner width, with its margins."""
    frame = card.text_frame
    inner = Emu(card.width - frame.margin_left - frame.margin_right).pt
    used = Emu(frame.margin_top + frame.margin_bottom).pt
    for para in frame.paragraphs:
        size = max(run.font.size.pt for run in para.runs)
        assert size >= 10, (card.name, size)
        assert para.line_spacing is not None, card.name
        used += len(wrap(para.text, font, size, inner)) * para.line_spacing.pt
    return used


def _assert_every_shape_on_its_slide(deck: Presentation) -> int:
    """Every shape of every slide within the slide's bounds, every card's text inside it. Returns the number of
    cards read."""
    font = register_pdf_font()
    cards = 0
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            left, top, right, bottom = _drawn_box(shape)
            where = (number, shape.name, [round(Emu(v).inches, 2) for v in (left, top, right, bottom)])
            assert left >= 0 and top >= 0, where
            assert right <= deck.slide_width and bottom <= deck.slide_height, where
            if shape.name.startswith(CARDS):
                cards += 1
                assert shape.text_frame._txBody.bodyPr.get("wrap") == "square", shape.name
                used = _card_height_used(shape, font)
                assert used <= Emu(shape.height).pt + 0.01, (number, shape.name, used, Emu(shape.height).pt)
    return cards


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_every_shape_of_the_demo_decks_lies_on_its_slide(lang):
    load_demo()
    for account in Account.objects.order_by("slug"):
        people = account.people.count() + account.decision_bodies.count()
        assert _assert_every_shape_on_its_slide(_deck(account, lang)) >= people, account.slug


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_every_shape_of_a_deck_twelve_teams_wide_with_every_body_kind_lies_on_its_slide(every_kind, lang):  # noqa: F811
    assert _assert_every_shape_on_its_slide(_deck(every_kind, lang)) > every_kind.people.count()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_every_shape_of_a_60_person_deck_with_many_links_lies_on_its_slide(lang):
    """tests/bigaccount.py's tree (five reports a manager) with 90 influence links: more than a chart draws,
    so the legend's link rows and the line on the links left out are below the chart too."""
    account = bigaccount.build(owner=f.user(), people=60, links=90, interactions=60, deals=1, slug="sixty")
    assert _assert_every_shape_on_its_slide(_deck(account, lang)) >= 60


@pytest.mark.parametrize(("text", "lang"), [(CHINESE, "zh-hans"), (LATIN, "en")])
def test_every_table_slide_of_texts_at_their_longest_ends_above_the_footer(text, lang):
    """tests/io/test_review_long_text.py's account, every free-text field at its limit: the coverage, red flags,
    win-win, deal tables and open action items grew past the slide's foot. Each cell is cut with "…", each row
    is as tall as its lines (measured here as drawn, at 1.2 × their size) and a table ends above the footer,
    going on on a slide numbered as a continued one is."""
    deck = _deck(long_text_account(text), lang)
    assert _assert_every_shape_on_its_slide(deck) >= 6  # the cards of 200-character names too
    names = [s.text_frame.paragraphs[-1].text for s in deck.slides[1].shapes if s.name.startswith("person ")]
    if text == CHINESE:  # 200 characters need more lines than the card has; 200 Latin letters fit at 10 pt
        assert any(name.endswith("…") for name in names), names  # cut to the card
    font, tables, cut = register_pdf_font(), 0, False
    for number, slide in enumerate(deck.slides, start=1):
        for shape in (s for s in slide.shapes if s.has_table):
            tables += 1
            rows = shape.table.rows
            assert shape.top + sum(row.height for row in rows) <= FOOTER_TOP, (number, shape.name)
            for row in rows:
                for column, cell in zip(shape.table.columns, row.cells, strict=True):
                    size = max(run.font.size.pt for p in cell.text_frame.paragraphs for run in p.runs)
                    room = Emu(column.width - cell.margin_left - cell.margin_right).pt
                    lines = len(wrap(cell.text_frame.text, font, size, room))
                    used = lines * size * 1.2 + Emu(cell.margin_top + cell.margin_bottom).pt
                    assert used <= Emu(row.height).pt, (number, cell.text_frame.text[:40], lines)
                    cut = cut or cell.text_frame.text.endswith("…")
    assert tables > 10 and cut
    titles = [slide.shapes[0].text_frame.text for slide in deck.slides]
    assert any(t.endswith(("(2)", "（2）")) for t in titles), titles
