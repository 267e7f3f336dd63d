"""A decision body's card (◆) on every exported org chart holds its text: its marks, its name and its kind
("bid evaluation committee", "评标委员会") inside the card's rectangle, the kind wrapped onto a second line
rather than run past the card's right edge, the card taller when its text needs it, no card over another or
over the legend below.

The review PDF's org chart page is read back with pypdf: each teal card's rectangle (its path, filled in the
body colour of battlemap.look) and the texts drawn in it, each measured (scripts.width) against the card's
edges. The PNG is the same drawing rasterised: the test reads the page handed to pdftoppm the same way, and
finds in the pixels beside the cards no ink of a body's text. On the demo accounts and on an account with a
body of every kind and long body names on a chart twelve teams wide (narrow cards), in both languages. The
deck's body cards (the demo's 集团党委会, 评标委员会 and Northwind's steering committee) are read back with
python-pptx, as tests/io/test_deck_org_chart.py reads a person's card: their lines at their exact spacing hold in the card."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import numpy as np
import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import pgettext
from PIL import Image
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from battlemap.accounts.models import Account
from battlemap.demo.loader import load_demo
from battlemap.io.export import export_account
from battlemap.io.export import png as png_module
from battlemap.io.export.fonts import register_pdf_font
from battlemap.io.export.scripts import width
from battlemap.io.export.textfit import wrap
from battlemap.look import BODY
from battlemap.process import services
from battlemap.process.body_names import body_kind_shown
from battlemap.vocab import BODY_KINDS
from tests import factories as f

# What the files draw: their reads are those tests/io/test_exports.py and test_export_consistency.py run on
# PostgreSQL too, so the PostgreSQL run leaves these to the SQLite run.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]

TOLERANCE = 0.5  # points
LEGEND_SWATCH = 30  # points: the legend's "decision body" swatch is narrower than any card
BODY_NAMES = {"zh-hans": "省属国有企业党委常委会扩大会议", "en": "Group capital expenditure approval board"}


@dataclass
class Card:
    box: tuple[float, float, float, float]  # left, bottom, right, top
    texts: list[tuple[float, float, float, str]] = field(default_factory=list)  # x, baseline, size, text

    @property
    def text(self) -> str:
        return "".join("".join(t.split()) for *_xy, t in sorted(self.texts, key=lambda t: (-t[1], t[0])))


def _rgb(code: str) -> tuple[float, ...]:
    return tuple(int(code.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _same(colour: tuple[float, ...], other: tuple[float, ...]) -> bool:
    return len(colour) == len(other) and all(abs(a - b) < 0.01 for a, b in zip(colour, other, strict=True))


def _body_cards(pdf: bytes, number: int) -> tuple[list[Card], list[tuple[float, float, float, float]]]:
    """The body cards of a page (their rectangles and the texts that start in them) and the legend's body
    swatches: every path filled in the body colour, by its size."""
    page = PdfReader(io.BytesIO(pdf)).pages[number]
    fill: list[tuple[float, ...]] = [()]
    points: list[tuple[float, float]] = []
    boxes: list[tuple[float, float, float, float]] = []
    texts: list[tuple[float, float, float, str]] = []
    teal = _rgb(BODY.fill)

    def operation(op: bytes, args: list, cm: list, tm: list) -> None:
        if op == b"rg":
            fill[0] = tuple(float(a) for a in args)
        elif op in (b"m", b"l", b"c", b"re"):
            pairs = [(float(args[i]), float(args[i + 1])) for i in range(0, len(args) - 1, 2)]
            if op == b"re":  # x, y, width, height
                pairs = [pairs[0], (pairs[0][0] + pairs[1][0], pairs[0][1] + pairs[1][1])]
            points.extend((cm[4] + x * cm[0], cm[5] + y * cm[3]) for x, y in pairs)
        elif op in (b"f", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"s", b"n"):
            if points and op not in (b"S", b"s", b"n") and _same(fill[0], teal):
                xs, ys = [x for x, _y in points], [y for _x, y in points]
                boxes.append((min(xs), min(ys), max(xs), max(ys)))
            points.clear()

    def text(value: str, cm: list, tm: list, _font: object, size: float) -> None:
        if value.strip():
            texts.append((cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3], size * tm[0] * cm[0], value.rstrip()))

    page.extract_text(visitor_operand_before=operation, visitor_text=text)
    cards = [Card(box) for box in boxes if box[2] - box[0] >= LEGEND_SWATCH]
    for x, y, size, value in texts:
        for card in cards:
            left, bottom, right, top = card.box
            if left - TOLERANCE <= x <= right and bottom <= y <= top:
                card.texts.append((x, y, size, value))
    return cards, [box for box in boxes if box[2] - box[0] < LEGEND_SWATCH]


def _assert_cards_hold_their_text(pdf: bytes, number: int, kinds: list[str]) -> list[Card]:
    """Every body card holds the texts drawn in it, each kind is whole in its card, no card meets another,
    and all lie above the legend."""
    cards, swatches = _body_cards(pdf, number)
    assert len(cards) == len(kinds), (len(cards), kinds)
    for card in cards:
        left, bottom, right, top = card.box
        for x, y, size, value in card.texts:
            assert x + width(value, size) <= right + TOLERANCE, (value, x + width(value, size), right)
            assert y - 0.2 * size >= bottom - TOLERANCE, (value, y, bottom)  # the descenders inside
            assert y + 0.8 * size <= top + TOLERANCE, (value, y, top)
    drawn = sorted(card.text for card in cards)
    for kind in filter(None, kinds):  # the kind whole, in its card, never dropped for want of room
        assert any("".join(kind.split()) in text for text in drawn), (kind, drawn)
    for a, b in ((a, b) for i, a in enumerate(cards) for b in cards[i + 1 :]):
        apart = a.box[2] <= b.box[0] or b.box[2] <= a.box[0] or a.box[3] <= b.box[1] or b.box[3] <= a.box[1]
        assert apart, (a.box, b.box)
    assert swatches and max(s[3] for s in swatches) < min(card.box[1] for card in cards)  # the legend below
    return cards


def _chart_page(pdf: bytes, lang: str) -> int:
    with translation.override(lang):
        heading = pgettext("export", "Organisation chart")
    pages = PdfReader(io.BytesIO(pdf)).pages
    return next(n for n, page in enumerate(pages) if heading in page.extract_text())


def _kinds(account: Account, lang: str) -> list[str]:
    """The kind each body's card says: "" when its name says it (`body_kind_shown`, the web's rule)."""
    return [body_kind_shown(body.name, body.kind, lang) for body in account.decision_bodies.all()]


@pytest.fixture
def every_kind():
    """An account twelve teams wide (narrow cards) with a decision body of every kind, their names long, in
    Chinese and in English by turns; the first two with roles in the deal (badges on their cards)."""
    cache.clear()  # the analysis of an account of an earlier test may be cached under the same id
    account = f.account(owner=f.user(), name="国电智慧能源集团")
    deal = f.deal(account=account)
    top = f.person(account=account, name="王建国", title="董事长")
    f.role(deal=deal, person=top, roles=("decision_maker",), attitude="neutral")
    for team in range(12):
        head = f.person(account=account, name=f"部门负责人{team:02d}", title="总经理", reports_to=top)
        deputy = f.person(account=account, name=f"Deputy {team:02d}", title="Manager", reports_to=head)
        f.person(account=account, name=f"工程师{team:02d}", title="工程师", reports_to=deputy)
    for n, kind in enumerate(BODY_KINDS.codes):
        name = BODY_NAMES["zh-hans" if n % 2 else "en"] + f" {n}"
        body = services.body_create(account=account, name=name, kind=kind)
        if n < 2:
            services.body_role_create(deal=deal, body=body, roles=["decision_maker", "influencer"])
    yield account
    cache.clear()


@pytest.fixture
def demo():
    """The demo accounts: 华东省能源投资集团 (集团党委会, 评标委员会) and Northwind Logistics (a steering committee)."""
    cache.clear()
    load_demo()
    yield list(Account.objects.order_by("slug"))
    cache.clear()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_pdf_org_chart_keeps_each_body_text_inside_its_card(every_kind, lang):
    pdf = export_account(every_kind, fmt="pdf", lang=lang)
    cards = _assert_cards_hold_their_text(pdf, _chart_page(pdf, lang), _kinds(every_kind, lang))
    heights = {round(card.box[3] - card.box[1], 1) for card in cards}
    assert len(heights) == 1  # one row of bodies, one height: the tallest text's


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_demo_org_charts_keep_each_body_text_inside_its_card(demo, lang):
    for account in demo:
        pdf = export_account(account, fmt="pdf", lang=lang)
        _assert_cards_hold_their_text(pdf, _chart_page(pdf, lang), _kinds(account, lang))


def _png_and_its_page(account: Account, lang: str, monkeypatch) -> tuple[Image.Image, bytes, int]:
    """The PNG export, the page pdftoppm rasterised for it, and the resolution."""
    handed: list[tuple[bytes, int]] = []
    run = png_module.subprocess.run

    def rasterise(command: list[str], **options: object) -> object:
        handed.append((options["input"], int(command[command.index("-r") + 1])))
        return run(command, **options)

    monkeypatch.setattr(png_module.subprocess, "run", rasterise)
    image = Image.open(io.BytesIO(export_account(account, fmt="png", lang=lang))).convert("RGB")
    return image, *handed[0]


def _ink_beside(image: Image.Image, cards: list[Card], dpi: int, page_height: float) -> int:
    """How many pixels of a body's text colour lie in the band of the picture that holds the body cards (and a
    few points below it) but outside every card: text run past a card's edge."""
    pixels = np.asarray(image).astype(int)
    ink = np.array([round(c * 255) for c in _rgb(BODY.ink)])
    inked = np.abs(pixels - ink).sum(axis=2) < 40
    scale = dpi / 72
    top = min(int((page_height - card.box[3]) * scale) for card in cards)
    bottom = max(int((page_height - card.box[1] + 4) * scale) for card in cards)
    band = np.zeros_like(inked)
    band[top:bottom] = True
    for left, low, right, high in (card.box for card in cards):  # a card's own ink, and a pixel round it
        rows = slice(max(0, int((page_height - high) * scale) - 1), int((page_height - low) * scale) + 2)
        band[rows, max(0, int(left * scale) - 1) : int(right * scale) + 2] = False
    return int((inked & band).sum())


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_png_org_chart_keeps_each_body_text_inside_its_card(every_kind, lang, monkeypatch):
    image, page, dpi = _png_and_its_page(every_kind, lang, monkeypatch)
    cards = _assert_cards_hold_their_text(page, 0, _kinds(every_kind, lang))
    height = float(PdfReader(io.BytesIO(page)).pages[0].mediabox.height)
    assert abs(image.size[1] - height * dpi / 72) <= 1  # the picture is the page, at `dpi`
    assert _ink_beside(image, cards, dpi, height) == 0, lang


def _body_shapes(prs: Presentation) -> list:
    return [sh for slide in prs.slides for sh in slide.shapes if sh.name.startswith("decision body ")]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_deck_body_cards_hold_their_lines(demo, lang):
    """The deck's body cards: word wrap on, their lines at their exact spacing no taller than the card (the
    kind "bid evaluation committee" wrapped onto a second line ran out of the card's foot)."""
    font = register_pdf_font()
    for account in demo:  # 华东省能源投资集团 and Northwind Logistics (its top slide ran short of height)
        shapes = _body_shapes(Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang))))
        assert len(shapes) == account.decision_bodies.count(), account.slug
        _assert_deck_cards_hold_their_lines(shapes, font)


def _assert_deck_cards_hold_their_lines(shapes: list, font: object) -> None:
    for card in shapes:
        frame = card.text_frame
        assert frame._txBody.bodyPr.get("wrap") == "square", card.name
        inner = Emu(card.width - frame.margin_left - frame.margin_right).pt
        used = Emu(frame.margin_top + frame.margin_bottom).pt
        for para in frame.paragraphs:
            size = max(run.font.size.pt for run in para.runs)
            assert para.line_spacing is not None, card.name  # exact: the height below is what viewers draw
            used += len(wrap(para.text, font, size, inner)) * para.line_spacing.pt
        assert used <= Emu(card.height).pt, (card.name, used, Emu(card.height).pt)
