"""How page 1 of the review PDF and a continued slide of the deck look to a reader, in both languages.

The PDF is read back with pypdf: the rules each table draws (its grid) and where each text starts, in
page coordinates. Every table of page 1 — the header facts, the top risks, the next steps — starts at
the left margin, where the title starts, and ends at the right margin; the header facts leave no empty
label and value cells when their number is odd; the footer's account name, however long, stops short
of the page number. The deck is read back with python-pptx: a continued slide's title numbers itself
as the language writes an aside (角色覆盖（2） / Coverage (2)) — the one rule of
battlemap.punctuation.aside; slide 1 of a 200-character name (Chinese, English, both) keeps its title on at
most two lines inside its box, above the facts, and every footer on one line with the slide number at its
end — read back with python-pptx, and as LibreOffice draws it."""

from __future__ import annotations

import io
import shutil
from collections import defaultdict
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import pgettext
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu
from pypdf import PdfReader

from battlemap.accounts.models import Account
from battlemap.demo.loader import load_demo
from battlemap.io.export import export_account
from battlemap.io.export.pdf import MARGIN, PAGE
from battlemap.io.export.pptx_slide import line_count
from battlemap.io.export.scripts import width
from battlemap.people.services import person_create
from tests import factories as f
from tests.exports import libreoffice_pdf

# What the files draw: their reads are those tests/io/test_exports.py and test_export_consistency.py run on
# PostgreSQL too, so the PostgreSQL run leaves these to the SQLite run.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]

# as long as an account's name may be (200 characters)
LONG_NAME = ("华东省能源投资集团有限公司暨长三角智慧能源物联网产业发展联合体（筹）上海浦东新区分公司" * 5)[
    :200
]
TOLERANCE = 0.01  # points


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@dataclass
class DrawnTable:
    """A table as its rules show it: the segments of its grid, in page coordinates."""

    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # x0, y0, x1, y1

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Where the table's grid lies: left, bottom, right, top."""
        xs = [x for x0, _y0, x1, _y1 in self.rules for x in (x0, x1)]
        ys = [y for _x0, y0, _x1, y1 in self.rules for y in (y0, y1)]
        return min(xs), min(ys), max(xs), max(ys)

    def cells(self) -> list[tuple[float, float, float, float]]:
        """Every cell a reader sees (x0, y0, x1, y1): each row band between two horizontal rules, cut by
        the vertical rules that cross it (a spanned cell is not cut)."""
        rows = sorted({y0 for _x0, y0, _x1, y1 in self.rules if y0 == y1})
        verticals = [(x0, min(y0, y1), max(y0, y1)) for x0, y0, x1, y1 in self.rules if x0 == x1]
        cells = []
        for bottom, top in zip(rows, rows[1:], strict=False):
            xs = sorted({x for x, low, high in verticals if low <= bottom and high >= top})
            cells += [(x0, bottom, x1, top) for x0, x1 in zip(xs, xs[1:], strict=False)]
        return cells


def _page_drawing(pdf: bytes, number: int = 0) -> tuple[list[DrawnTable], list[tuple[float, float, str]]]:
    """The tables (top to bottom) and the texts (x, y, text) of a page. ReportLab draws each table's
    grid under the table's own translation, so the rules group into tables by it."""
    page = PdfReader(io.BytesIO(pdf)).pages[number]
    tables: dict[tuple[float, float], DrawnTable] = defaultdict(DrawnTable)
    texts: list[tuple[float, float, str]] = []
    start: list[float] = []

    def operation(op: bytes, args: list, cm: list, tm: list) -> None:
        if op == b"m":
            start[:] = [float(args[0]), float(args[1])]
        elif op == b"l" and start:
            (x0, y0), (x1, y1) = start, (float(args[0]), float(args[1]))
            at = (cm[4], cm[5])
            tables[at].rules.append(
                (cm[4] + x0 * cm[0], cm[5] + y0 * cm[3], cm[4] + x1 * cm[0], cm[5] + y1 * cm[3])
            )

    def text(value: str, cm: list, tm: list, font: object, size: float) -> None:
        if value.strip():
            texts.append((cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3], value.strip()))

    page.extract_text(visitor_operand_before=operation, visitor_text=text)
    return sorted(tables.values(), key=lambda t: -t.box[3]), texts


def _assert_page_one_reads_as_one_column(pdf: bytes, tables: int) -> None:
    """Page 1 draws at least `tables` tables (more when the next sections fit on it), all between the margins;
    the first, the header facts, shows no empty cell."""
    drawn, texts = _page_drawing(pdf)
    assert len(drawn) >= tables
    title_x = max(texts, key=lambda t: t[1])[0]  # the topmost text: the title
    assert abs(title_x - MARGIN) < TOLERANCE
    for n, table in enumerate(drawn):
        left, _bottom, right, _top = table.box
        assert abs(left - MARGIN) < TOLERANCE, (n, left)  # the title's and the footer's edge
        assert abs(right - (PAGE[0] - MARGIN)) < TOLERANCE, (n, right)  # not past the margin
    footer = [t for t in texts if t[1] == min(y for _x, y, _t in texts)]  # the lowest line
    number = max(x for x, _y, _t in footer)  # the page number is drawn from one point, in one or more pieces
    end = max(x + width(piece, 8) for x, _y, piece in footer if x < number)
    assert end < number, footer  # the name and date stop short of the page number
    header = drawn[0]
    blank = [
        cell
        for cell in header.cells()
        if not any(cell[0] < x < cell[2] and cell[1] < y < cell[3] for x, y, _t in texts)
    ]
    assert not blank, blank  # an odd last fact has its row to itself, no empty label and value


def _deal_account(name: str) -> Account:
    owner = f.user()
    account = f.account(owner=owner, name=name)
    deal = f.deal(account=account, amount=1_200_000, currency="CNY", expected_close="2027-03-31")
    boss = f.person(account=account, name="王总", title="总经理")
    f.role(deal=deal, person=boss, roles=("decision_maker",), attitude="opponent", influence=5)
    f.action(deal=deal, text="安排高层拜访", person=boss, owner=owner, due="2027-01-15")
    return account


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("name", ["国电智慧能源集团", LONG_NAME], ids=["name", "long-name"])
def test_page_one_tables_share_the_margins_and_the_header_has_no_empty_cells(lang, name):
    account = _deal_account(name)
    pdf = export_account(account, fmt="pdf", lang=lang)
    _assert_page_one_reads_as_one_column(pdf, tables=3)  # the facts, the risks, the next steps


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_page_one_of_the_demo_accounts_reads_as_one_column(lang):
    load_demo()
    for account in Account.objects.order_by("slug"):
        pdf = export_account(account, fmt="pdf", lang=lang)
        _assert_page_one_reads_as_one_column(pdf, tables=3)


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_page_one_of_an_account_without_a_deal_is_the_facts_within_the_margins(lang):
    account = f.account(owner=f.user(), name="Northwind Logistics")
    _assert_page_one_reads_as_one_column(export_account(account, fmt="pdf", lang=lang), tables=1)


def test_the_portrait_and_deal_facts_leave_no_empty_cells():
    account = _deal_account("国电智慧能源集团")
    deal = account.deals.get()
    deal.our_win, deal.customer_win, deal.competitors = "标杆案例", "年省运维成本 2000 万元", ["华为云"]
    deal.save()
    pdf = export_account(account, fmt="pdf", lang="zh-hans")
    pages = PdfReader(io.BytesIO(pdf)).pages
    facts_page = next(n for n, p in enumerate(pages) if "客户的业务收益" in p.extract_text())
    tables, texts = _page_drawing(pdf, facts_page)
    label_y = next(y for _x, y, text in texts if text.startswith("客户的"))  # 客户的业务收益, drawn in runs
    deal_facts = next(t for t in tables if t.box[1] < label_y < t.box[3])
    cells = deal_facts.cells()
    last_row = [c for c in cells if c[1] == min(c[1] for c in cells)]
    assert len(last_row) == 2  # 客户的业务收益 and its value, the value to the right margin
    assert abs(last_row[-1][2] - (PAGE[0] - MARGIN)) < TOLERANCE


@pytest.mark.parametrize("name", [LONG_NAME, "x" * 200], ids=["zh", "unbroken-latin"])
def test_a_long_name_leaves_page_one_its_risks_and_next_steps_and_the_document_its_whole_title(name):
    """A 200-character name took five lines of page 1's title and pushed the top risks and next steps to
    page 2: the title is cut to two lines with "…", and the PDF's properties keep it whole."""
    reader = PdfReader(io.BytesIO(export_account(_deal_account(name), fmt="pdf", lang="en")))
    page_one = "".join(reader.pages[0].extract_text().split())
    assert "Toprisksandwhattodo" in page_one and "Nextsteps" in page_one, page_one[:300]
    assert "…" in page_one
    assert reader.metadata.title == f"Account review: {name}"


def _titles(deck: Presentation) -> list[str]:
    return [next(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]


@pytest.mark.parametrize(("lang", "aside"), [("zh-hans", "（2）"), ("en", " (2)")])
def test_a_continued_slide_numbers_its_title_as_the_language_writes_an_aside(lang, aside):
    account = f.account(owner=f.user(), name="Many roles")
    deal = f.deal(account=account)
    # more rows than a slide holds (a one-line row is 0.32" of the 6" under the title): in the coverage, and in
    # what changed (24 people added)
    for n in range(24):
        f.role(deal=deal, person=person_create(account=account, name=f"人员{n:02d}"), roles=("user",))
    titles = _titles(Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang))))
    with translation.override(lang):
        coverage = pgettext("export", "Coverage")
        changed = pgettext("export", "What changed in the last %(days)s days (never reviewed)") % {"days": 30}
    assert coverage + aside in titles, titles
    assert changed + aside in titles, titles  # 近 30 天的变化（尚未评审）（2）, no ASCII " (2)" after it
    continued = [t for t in titles if t.endswith(("(2)", "（2）"))]
    assert continued == [t for t in titles if t.endswith(aside)]
    if lang == "zh-hans":
        assert not any(" (" in t or ")" in t for t in titles), titles


# as long as an account's name may be, in English and in Chinese and English mixed
LONG_LATIN = ("Northwind Logistics International Holdings and Integrated Supply Chain Services Group " * 3)[
    :200
]
LONG_MIXED = ("华东能源 East China Energy Investment Group 智慧物联网平台 IoT Platform Holdings " * 4)[:200]


def _slide_one(account: Account, lang: str) -> tuple[Presentation, list]:
    deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang)))
    return deck, list(deck.slides[0].shapes)


def _bottom(shape) -> int:
    return shape.top + shape.height


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("name", [LONG_NAME, LONG_LATIN, LONG_MIXED], ids=["zh", "en", "mixed"])
def test_slide_one_keeps_a_long_name_in_its_title_box_and_its_footer_on_one_line(lang, name):
    """Slide 1 of a 200-character name: the title on at most two lines inside its box (it does not grow over
    the facts), ended with "…" when they cannot hold it, the whole title in the deck's properties; the footer
    one line inside the slide, its slide number last, no shape under it."""
    deck, shapes = _slide_one(_deal_account(name), lang)
    title, facts = shapes[0], shapes[1]
    frame = title.text_frame
    assert frame._txBody.bodyPr.find(qn("a:spAutoFit")) is None  # the box does not grow to its text
    assert _bottom(title) <= facts.top  # the box ends above the facts
    size = frame.paragraphs[0].runs[0].font.size.pt
    inner = Emu(title.width - frame.margin_left - frame.margin_right).pt
    assert line_count(frame.text, size, inner) <= 2, (frame.text, size)
    lines = 2 * frame.paragraphs[0].line_spacing.pt + Emu(frame.margin_top + frame.margin_bottom).pt
    assert lines <= Emu(title.height).pt  # two lines at their exact spacing hold in the box
    with translation.override(lang):
        whole = pgettext("export", "Account review: %(name)s") % {"name": name}
    # whole when two lines hold it (200 Latin characters do at 14 pt, measured as drawn), else cut with "…"
    assert size >= 14 and (frame.text == whole or frame.text.endswith("…")), frame.text
    assert deck.core_properties.title == whole
    for number, slide in enumerate(deck.slides, start=1):
        footer = slide.shapes[-1]  # the last shape of every slide
        frame = footer.text_frame
        assert frame.word_wrap is False  # one line: a viewer never wraps the number under the slide
        assert frame.text.endswith(f" · {number}") and "…" in frame.text, frame.text
        assert footer.left >= 0 and footer.left + footer.width <= deck.slide_width
        assert _bottom(footer) <= deck.slide_height
        inner = Emu(footer.width - frame.margin_left - frame.margin_right).pt
        assert line_count(frame.text, frame.paragraphs[0].runs[0].font.size.pt, inner, bold=False) == 1
        for other in slide.shapes:  # the legend of an org chart slide ends left of the footer
            if (
                other.shape_id != footer.shape_id
                and other.top < _bottom(footer)
                and _bottom(other) > footer.top
            ):
                assert other.left + other.width <= footer.left, other.name


def test_a_short_name_keeps_its_title_on_one_line_and_its_footer_whole():
    deck, shapes = _slide_one(_deal_account("国电智慧能源集团"), "zh-hans")
    assert shapes[0].text_frame.text == "客户评审：国电智慧能源集团"
    assert shapes[0].text_frame.paragraphs[0].runs[0].font.size.pt == 26
    footers = [s.shapes[-1].text_frame.text for s in deck.slides]
    assert all(text.startswith("国电智慧能源集团 · ") for text in footers), footers


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_slide_one_of_a_long_name_as_libreoffice_draws_it(tmp_path):
    """What a reader sees: the title's lines (two at most) above the facts, the footer one line on the slide,
    the slide number at its end."""
    for lang, name in (("zh-hans", LONG_NAME), ("en", LONG_LATIN)):
        path = tmp_path / f"deck-{lang}.pptx"
        path.write_bytes(export_account(_deal_account(name), fmt="pptx", lang=lang))
        pdf = libreoffice_pdf(path, tmp_path).read_bytes()
        texts = _page_drawing(pdf)[1]
        assert min(y for _x, y, _t in texts) >= 0, lang  # nothing runs off the slide's foot
        deal_name = next(y for _x, y, text in texts if "Platform deal" in text)  # the facts' first line
        title = {round(y, 1) for _x, y, _t in texts if y > deal_name}
        assert len(title) <= 2, (lang, sorted(title))
        assert min(title) - deal_name >= 14, lang  # a line apart: the title does not cover the facts
        footer = sorted((x, text) for x, y, text in texts if y == min(y for _x, y, _t in texts))
        assert footer[-1][1].endswith(" · 1"), (lang, footer)
        right = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width)
        assert footer[-1][0] + width(footer[-1][1], 10) < right, (lang, footer)  # the number on the slide
