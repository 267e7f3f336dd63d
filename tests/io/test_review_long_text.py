"""Every text a user types, at its model's longest, gives a review PDF: a stakeholder's personal win of 1,000
Chinese characters made a coverage row 1,074 points tall and the PDF stopped ("LayoutError: Flowable <Table …>
too large"), as did a 5,000-character interaction summary or person's concerns. A cell is cut to what a third of
the page holds, with "…" and a note that the whole text is in the XLSX export and on the web (`pdf_page._fitted`),
and every piece of text lies within the page's margins. The deck's first slide keeps its facts, top risks, next
steps and footer apart, each table row as tall as its text (cells cut with "…"). The red-flagged right-to-left
name of `test_bidi_lines.py` is drawn in these files too."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import models
from django.utils import translation
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from battlemap.competition.models import CompetitorNote
from battlemap.core.models import text_limit
from battlemap.deals.models import StageChange
from battlemap.io.export import export_account
from battlemap.io.export.fonts import register_pdf_font
from battlemap.io.export.pdf import MARGIN, PAGE
from battlemap.io.export.pdf_page import cut_note
from battlemap.io.export.textfit import wrap
from battlemap.process.models import BodyMember, BodyRole, DecisionBody, ProcessStep
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]

CHINESE = "客户希望通过数字化平台统一调度全省能源资产并降低运维成本"  # repeated to each field's limit
LATIN = "x"  # an unbroken Latin "word" as long as the field
ARABIC, LATIN_NAME = "محمد عبدالله", "Christopher Montgomery"
KEEP = {"currency", "phone", "external_id", "source_ref", "lost_to"}  # codes and references, not prose


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _long(text: str, n: int, tag: str = "") -> str:
    return (tag + text * (n // len(text) + 1))[:n]


def _fill(obj: models.Model, text: str, tag: str = "") -> models.Model:
    """Every free-text field of `obj` at its model's limit (`text_limit`), then saved."""
    for field in type(obj)._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and field.editable
            and not field.choices
            and not isinstance(field, models.SlugField | models.EmailField | models.URLField)
            and field.name not in KEEP
        ):
            setattr(obj, field.name, _long(text, text_limit(type(obj), field.name), tag))
    obj.save()
    return obj


def _account(text: str):
    owner = f.user(first_name="Carol", last_name="Wu")
    account = _fill(f.account(owner=owner), text, "A")
    boss = _fill(f.person(account=account, name="boss"), text, "B")
    arabic = f.person(account=account, name=ARABIC, title="CFO", reports_to=boss)
    latin = f.person(account=account, name=LATIN_NAME, title="CIO", reports_to=boss)
    people = [_fill(f.person(account=account, reports_to=boss), text, f"P{i}") for i in range(2)]
    f.link(source=people[0], target=boss, note=_long(text, 20000))
    f.factor(account=account, description=_long(text, 20000))
    deal = _fill(f.deal(account=account, expected_close=date.today() + timedelta(days=60)), text, "D")
    deal.competitors = [_long(text, 200, f"C{i}") for i in range(50)]
    deal.decision_factors = {"price": 5, "technology": 4}
    deal.save()
    f.role(deal=deal, person=arabic, roles=("influencer",), attitude="skeptic", influence=4)
    f.role(deal=deal, person=latin, roles=("gatekeeper",), attitude="opponent", influence=4)
    _fill(f.role(deal=deal, person=boss, attitude="supporter", influence=5), text)
    for p in people:
        _fill(f.role(deal=deal, person=p, roles=("user",), attitude="opponent", influence=4), text)
    _fill(f.action(deal=deal, person=boss, owner=owner, due=date.today() - timedelta(days=1)), text)
    _fill(f.interaction(account=account, people=[boss, *people]), text)
    _fill(StageChange(deal=deal, stage=deal.stage, changed_on=date.today()), text)
    body = _fill(DecisionBody(account=account), text, "G")
    BodyMember.objects.create(body=body, person=boss)
    _fill(BodyRole(deal=deal, body=body, roles=["decision_maker"]), text)
    _fill(ProcessStep(deal=deal), text, "S")
    _fill(CompetitorNote(deal=deal), text, "C0")
    return account


def _letters(text: str) -> set[str]:
    return {c for c in unicodedata.normalize("NFKC", text) if c.isalpha()}


def _spots(page) -> list[tuple[float, float]]:  # noqa: ANN001
    """Where each piece of text of a PDF page starts, in page coordinates (its text matrix times the CTM)."""
    spots: list[tuple[float, float]] = []

    def seen(text, cm, tm, *_rest) -> None:  # noqa: ANN001
        if text.strip():
            x, y = tm[4], tm[5]
            spots.append((x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]))

    page.extract_text(visitor_text=seen)
    return spots


@pytest.mark.parametrize("text", [CHINESE, LATIN])
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_every_text_at_its_longest_gives_a_pdf_whose_text_stays_on_its_pages(text, lang):
    reader = PdfReader(io.BytesIO(export_account(_account(text), fmt="pdf", lang=lang)))
    whole = ""
    for page in reader.pages:
        spots = _spots(page)
        assert spots and all(MARGIN / 2 - 1 <= y <= PAGE[1] - MARGIN + 1 for _x, y in spots)
        assert all(MARGIN - 1 <= x <= PAGE[0] - MARGIN for x, _y in spots)
        whole += page.extract_text()
    with translation.override(lang):  # a cut cell says where the whole text is
        assert "".join(("…" + cut_note()).split()) in "".join(whole.split())
    # both red-flagged names, the Arabic one drawn in its own letters
    assert _letters(ARABIC) <= _letters(whole) and LATIN_NAME in whole.replace("\n", " ")


@pytest.mark.parametrize(("text", "lang"), [(CHINESE, "zh-hans"), (LATIN, "en")])
def test_slide_one_of_the_deck_keeps_its_facts_tables_and_footer_apart(text, lang):
    deck = Presentation(io.BytesIO(export_account(_account(text), fmt="pptx", lang=lang)))
    shapes = sorted(deck.slides[0].shapes, key=lambda s: s.top)
    assert [s.has_table for s in shapes].count(True) == 2  # the top risks and the next steps
    for shape, below in zip(shapes, shapes[1:], strict=False):  # title, facts, risks, next steps, footer
        assert shape.top + shape.height <= below.top, (shape.name, below.name)
    assert shapes[-1].top + shapes[-1].height <= deck.slide_height
    font = register_pdf_font()
    for table in (
        s.table for s in shapes if s.has_table
    ):  # each row holds its cells' lines at 1.2 × their size
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                size = max(run.font.size.pt for p in cell.text_frame.paragraphs for run in p.runs)
                room = Emu(column.width - cell.margin_left - cell.margin_right).pt
                lines = len(wrap(cell.text_frame.text, font, size, room))
                used = lines * size * 1.2 + Emu(cell.margin_top + cell.margin_bottom).pt
                assert used <= Emu(row.height).pt, (cell.text_frame.text[:40], lines)
