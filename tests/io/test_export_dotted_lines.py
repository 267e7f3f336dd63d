"""A seller's trial: a person's dotted-line manager (虚线汇报上级), a dashed line on the web's org chart, was missing
from the PDF and PNG org chart (and its legend), the deck's chart slides and the XLSX People sheet.

Read back as a user opens the files: the PDF's chart page (its dashed slate lines with pypdf, its text with
pdftotext), the page the PNG export hands pdftoppm, the deck's connectors with python-pptx, the XLSX with openpyxl —
and the People sheet imported back into its account, which still changes nothing."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext, pgettext
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.dml import MSO_LINE
from pypdf import PdfReader

from battlemap.io.export import export_account
from battlemap.io.export.chart_links import DOTTED_COLOUR, dotted_across, dotted_lines
from battlemap.io.export.chart_notes import dotted_across_text as slide_dotted_across_text
from battlemap.io.export.pdf_chart import dotted_across_text
from battlemap.io.export.report import MapView
from battlemap.io.tabular.services import people_import
from battlemap.look import ATTITUDE_SWATCHES
from battlemap.people.services import dotted_line_create
from tests import factories as f
from tests.io.test_export_body_members import _chart_paths, _png_page, _rgb, _same

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]

LANGS = ("zh-hans", "en")
EDGE = 1.5  # points: a line starts and ends on its cards' edges


@pytest.fixture
def matrix(world):
    """Jane Doe's account: Anna (advocate) manages Ben (skeptic); Cara (opponent), beside Anna, is Ben's
    dotted-line manager. Nobody sways anybody: no influence link."""
    cache.clear()
    root = world.en.people.get()
    anna = f.person(account=world.en, name="Anna Berg", title="CIO", reports_to=root)
    ben = f.person(account=world.en, name="Ben Cole", title="Architect", reports_to=anna)
    cara = f.person(account=world.en, name="Cara Dunn", title="CFO", reports_to=root)
    deal = f.deal(account=world.en, name="Fleet platform")
    f.role(deal=deal, person=anna, roles=["influencer"], attitude="advocate")
    f.role(deal=deal, person=ben, roles=["user"], attitude="skeptic")
    f.role(deal=deal, person=cara, roles=["decision_maker"], attitude="opponent")
    yield world.en, ben, cara
    cache.clear()


def _chart_page(pdf: bytes, lang: str) -> int:
    with translation.override(lang):
        heading = pgettext("export", "Organisation chart")
    return next(
        n for n, page in enumerate(PdfReader(io.BytesIO(pdf)).pages) if heading in page.extract_text()
    )


def _card(cards: list, attitude: str) -> tuple[float, ...]:
    """The one card (not a legend swatch: the widest of that fill) of a person of this attitude."""
    fill = _rgb(ATTITUDE_SWATCHES[attitude].fill)
    boxes = [box for box, colour in cards if _same(colour, fill)]
    return max(boxes, key=lambda b: b[2] - b[0])


def _on_edge(point: tuple[float, float], box: tuple[float, ...]) -> bool:
    x, y = point
    left, bottom, right, top = box
    inside = left - EDGE <= x <= right + EDGE and bottom - EDGE <= y <= top + EDGE
    deep = left + EDGE < x < right - EDGE and bottom + EDGE < y < top - EDGE
    return inside and not deep


def _assert_one_dotted_line(pdf: bytes, number: int) -> None:
    """One dashed slate line on the page, from Ben's card's edge to Cara's (the legend's sample aside)."""
    lines, cards = _chart_paths(pdf, number, DOTTED_COLOUR)
    ben, cara = _card(cards, "skeptic"), _card(cards, "opponent")
    drawn = [line for line in lines if _on_edge(line[0], ben) or _on_edge(line[-1], ben)]
    assert len(drawn) == 1, (lines, ben, cara)
    assert _on_edge(drawn[0][0], ben) and _on_edge(drawn[0][-1], cara), (drawn, ben, cara)


def _text(pdf: bytes, number: int) -> str:
    return "".join(
        subprocess.run(
            ["pdftotext", "-f", str(number + 1), "-l", str(number + 1), "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split()
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_and_png_org_charts_draw_a_dotted_line_between_the_two_cards(matrix, lang, monkeypatch):
    account, ben, cara = matrix
    dotted_line_create(person=ben, manager=cara)
    with translation.override(lang):
        word = "".join(gettext("dotted line").split())  # the web's legend word, 虚线汇报
    pdf = export_account(account, fmt="pdf", lang=lang)
    for document, number in ((pdf, _chart_page(pdf, lang)), (_png_page(account, lang, monkeypatch)[1], 0)):
        _assert_one_dotted_line(document, number)
        assert word in _text(document, number)  # the legend names the line


@pytest.mark.parametrize("lang", LANGS)
def test_a_chart_without_dotted_lines_draws_none_and_its_legend_has_no_dotted_entry(matrix, lang):
    account, _ben, _cara = matrix
    pdf = export_account(account, fmt="pdf", lang=lang)
    number = _chart_page(pdf, lang)
    with translation.override(lang):
        word = "".join(gettext("dotted line").split())
    assert _chart_paths(pdf, number, DOTTED_COLOUR)[0] == []
    assert word not in _text(pdf, number)


@pytest.mark.parametrize("lang", LANGS)
def test_the_decks_org_chart_glues_a_dashed_connector_to_both_cards(matrix, lang):
    account, ben, cara = matrix
    dotted_line_create(person=ben, manager=cara)
    deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang)))
    slide = next(s for s in deck.slides if any(sh.name == f"person {ben.pk}" for sh in s.shapes))
    shapes = {sh.name: sh for sh in slide.shapes}
    line = shapes[f"dotted line {ben.pk} to {cara.pk}"]
    ids = {sh.shape_id: name for name, sh in shapes.items()}
    xml = line._element
    start = xml.find(".//{*}stCxn").get("id")
    end = xml.find(".//{*}endCxn").get("id")
    assert (ids[int(start)], ids[int(end)]) == (f"person {ben.pk}", f"person {cara.pk}")
    assert line.line.dash_style == MSO_LINE.DASH
    assert str(line.line.color.rgb) == DOTTED_COLOUR.lstrip("#").upper()
    assert xml.find(".//{*}tailEnd") is None  # no arrowhead: it is no influence link
    first_card = min(i for i, sh in enumerate(slide.shapes) if sh.name.startswith("person "))
    assert list(slide.shapes).index(line) < first_card  # under the cards
    with translation.override(lang):
        word = gettext("dotted line")
    assert "legend dotted" in shapes
    assert any(sh.has_text_frame and sh.text_frame.text == word for sh in slide.shapes)


def test_a_dotted_line_to_a_person_on_another_page_is_counted_not_drawn():
    people = [
        {"id": 1, "name": "A", "reports_to": None},
        {"id": 2, "name": "B", "reports_to": 1, "dotted_line_to": [3, 1]},
        {"id": 3, "name": "C", "reports_to": 1},
        {"id": 4, "name": "D", "reports_to": 3, "dotted_line_to": [2]},
    ]
    view = MapView({}, people, {p["id"]: p for p in people}, None, {}, [])
    assert dotted_lines(view, {1, 2, 3}) == [(2, 3), (2, 1)]
    assert dotted_across(view, {1, 2, 3}) == 1  # D's to B: D is on another page
    assert dotted_across(view, {1, 2, 3, 4}) == 0
    with translation.override("zh-hans"):
        assert "虚线汇报" in dotted_across_text(1) and "虚线汇报" in slide_dotted_across_text(2)
    with translation.override("en"):
        assert dotted_across_text(2).startswith("2 dotted lines to or from people on other pages")


@pytest.mark.parametrize("lang", LANGS)
def test_the_people_sheet_names_the_dotted_line_manager_and_still_imports_back_unchanged(matrix, lang):
    account, ben, cara = matrix
    dotted_line_create(person=ben, manager=cara)
    data = export_account(account, fmt="xlsx", lang=lang)
    with translation.override(lang):
        sheet = pgettext("export", "People")
        reports, dotted = pgettext("export", "Reports to"), pgettext("export", "Dotted line")
        name = pgettext("export", "Name")
    rows = list(load_workbook(io.BytesIO(data), read_only=True)[sheet].values)
    header = list(rows[0])
    assert header.index(dotted) == header.index(reports) + 1  # beside the manager column
    by_name = {row[header.index(name)]: row for row in rows[1:]}
    assert by_name["Ben Cole"][header.index(dotted)] == "Cara Dunn"  # named as Reports to names one
    assert by_name["Ben Cole"][header.index(reports)] == "Anna Berg"
    assert by_name["Anna Berg"][header.index(dotted)] is None

    report = people_import(account=account, data=data, filename="export.xlsx", sheet=sheet, dry_run=True)
    assert (report.created, report.updated, report.suspicious_columns) == (0, 0, [])
    before = list(account.people.order_by("pk").values_list("name", "reports_to", "version"))
    people_import(account=account, data=data, filename="export.xlsx", sheet=sheet)
    assert list(account.people.order_by("pk").values_list("name", "reports_to", "version")) == before
    assert list(ben.dotted_lines.values_list("manager", flat=True)) == [cara.pk]
